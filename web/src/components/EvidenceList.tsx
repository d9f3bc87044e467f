/**
 * The evidence of an edge or a decision: which policy, which statement (index and Sid), its
 * effect and role in the decision, the condition keys that decide it, and the one-line reason.
 * Every value is untrusted text from AWS and is rendered as text.
 */
import type { Evidence } from '../../../shared/graph/types.js';
import { policyHolderOf } from '../policy/find-statement.js';
import { foldEvidence } from './fold-evidence.js';
import { PolicyStatement } from './PolicyStatement.js';

const ROLE_TEXT: Readonly<Record<Evidence['role'], string>> = {
  grants: 'grants',
  denies: 'denies',
  'may-deny': 'may deny',
  requires: 'required',
  note: 'note',
};

/** The hop the evidence is about: statements can then be shown as written. */
type Hop = { source: string; target: string };

function EvidenceItem({ e, hop }: { e: Evidence; hop: Hop | undefined }) {
  const holder =
    hop === undefined || e.statementIndex === undefined ? undefined : policyHolderOf(e.policy, hop);
  return (
    <li className={`evidence-item role-${e.role}`}>
      <div>
        <span className={`badge evidence-role role-${e.role}`}>{ROLE_TEXT[e.role]}</span>{' '}
        <span className="policy-kind">{e.policy.kind}</span>{' '}
        <strong className="policy-name">{e.policy.name}</strong>
        {e.statementIndex === undefined ? null : (
          <span className="statement">
            {' '}
            · statement {e.statementIndex}
            {e.sid === undefined || e.sid === '' ? '' : ` (${e.sid})`}
          </span>
        )}
        {e.effect === undefined ? null : <span className="effect"> · {e.effect}</span>}
      </div>
      {e.action === undefined ? null : (
        <div className="evidence-action">
          For <code>{e.action}</code>
        </div>
      )}
      <div className="reason">{e.reason}</div>
      {e.conditionKeys.length === 0 ? null : (
        <div className="condition-keys">
          Condition keys:{' '}
          {e.conditionKeys.map((k) => (
            <code key={k}>{k}</code>
          ))}
        </div>
      )}
      {holder === undefined || e.statementIndex === undefined ? null : (
        <PolicyStatement holder={holder} policy={e.policy} index={e.statementIndex} />
      )}
    </li>
  );
}

export function EvidenceList({
  evidence,
  hop,
}: {
  evidence: readonly Evidence[];
  /** The hop of a path the evidence is about: each cited statement can be shown as written. */
  hop?: Hop;
}) {
  if (evidence.length === 0) return <p className="status status-empty">No evidence recorded.</p>;
  const { first, rest } = foldEvidence(evidence);
  return (
    <div data-testid="evidence">
      <ol className="evidence">
        {first.map((e, i) => (
          <EvidenceItem key={i} e={e} hop={hop} />
        ))}
      </ol>
      {rest.length === 0 ? null : (
        <details className="evidence-more" data-testid="evidence-more">
          <summary>
            Show {rest.length} more item{rest.length === 1 ? '' : 's'} of evidence
          </summary>
          <ol className="evidence" start={first.length + 1}>
            {rest.map((e, i) => (
              <EvidenceItem key={i} e={e} hop={hop} />
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
