/**
 * The evidence of an edge or a decision: which policy, which statement (index and Sid), its
 * effect and role in the decision, the condition keys that decide it, and the one-line reason.
 * Every value is untrusted text from AWS and is rendered as text.
 */
import type { Evidence } from '../../../shared/graph/types.js';
import { foldEvidence } from './fold-evidence.js';

const ROLE_TEXT: Readonly<Record<Evidence['role'], string>> = {
  grants: 'grants',
  denies: 'denies',
  'may-deny': 'may deny',
  requires: 'required',
  note: 'note',
};

function EvidenceItem({ e }: { e: Evidence }) {
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
    </li>
  );
}

export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  if (evidence.length === 0) return <p className="status status-empty">No evidence recorded.</p>;
  const { first, rest } = foldEvidence(evidence);
  return (
    <div data-testid="evidence">
      <ol className="evidence">
        {first.map((e, i) => (
          <EvidenceItem key={i} e={e} />
        ))}
      </ol>
      {rest.length === 0 ? null : (
        <details className="evidence-more" data-testid="evidence-more">
          <summary>
            Show {rest.length} more item{rest.length === 1 ? '' : 's'} of evidence
          </summary>
          <ol className="evidence" start={first.length + 1}>
            {rest.map((e, i) => (
              <EvidenceItem key={i} e={e} />
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
