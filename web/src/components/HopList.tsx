/**
 * One path as a list of hops, each with its decision, condition keys and evidence (folded; the
 * first hop of a path is opened by the caller when it matters).
 */
import { useState } from 'react';
import type { Evidence } from '../../../shared/graph/types.js';
import type { PathHop } from '../api/types.js';
import { edgeAction } from '../graph/explain.js';
import { principalName } from '../graph/principal-name.js';
import { useAccountNames } from './account-names.js';
import { EvidenceDrawer } from './EvidenceDrawer.js';

export interface HopListProps {
  hops: readonly PathHop[];
  labels: ReadonlyMap<string, string>;
  onSelectNode: (key: string) => void;
}

/**
 * What a hop without evidence rests on, said in place of an "Evidence (0)" button that opened
 * "No evidence recorded.": a group membership is a listing (IAM's or Identity Center's), not a
 * policy statement.
 */
function withoutEvidenceText(kind: unknown, source: string): string {
  if (kind === 'member-of')
    return source.startsWith('sso:')
      ? "Group membership as IAM Identity Center's identity store lists it: no policy statement."
      : "IAM group membership (the user's groups): no policy statement; the group's policies are on the next hop.";
  return 'No policy statement recorded for this hop.';
}

function keysOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function HopList({ hops, labels, onSelectNode }: HopListProps) {
  const accountNames = useAccountNames();
  const [open, setOpen] = useState<number | undefined>(undefined);
  const name = (key: string): string => principalName(key, accountNames, labels.get(key));
  const opened = open === undefined ? undefined : hops[open];
  return (
    <ol className="hops" data-testid="hops">
      {opened === undefined ? null : (
        <EvidenceDrawer
          title={`${name(opened.source)} → ${name(opened.target)}`}
          evidence={
            Array.isArray(opened.attributes.evidence)
              ? (opened.attributes.evidence as Evidence[])
              : []
          }
          onClose={() => {
            setOpen(undefined);
          }}
        />
      )}
      {hops.map((hop, i) => {
        const a = hop.attributes;
        const decision = typeof a.decision === 'string' ? a.decision : '';
        const keys = keysOf(a.conditionKeys);
        const evidence = Array.isArray(a.evidence) ? (a.evidence as Evidence[]) : [];
        return (
          <li
            key={i}
            className="hop"
            data-testid="hop"
            data-source={hop.source}
            data-target={hop.target}
          >
            <div>
              <button
                type="button"
                className="link"
                onClick={() => {
                  onSelectNode(hop.source);
                }}
                title={hop.source}
              >
                {name(hop.source)}
              </button>
              <span className="hop-arrow">
                {' '}
                —{edgeAction(a, hop.target)}
                {typeof a.technique === 'string' ? ` (${a.technique})` : ''}→{' '}
              </span>
              <button
                type="button"
                className="link"
                onClick={() => {
                  onSelectNode(hop.target);
                }}
                title={hop.target}
              >
                {name(hop.target)}
              </button>
            </div>
            <div className="row-meta">
              <span className={`badge decision-${decision}`}>{decision}</span>
              {keys.length > 0 ? (
                <>
                  {' '}
                  on{' '}
                  {keys.map((k) => (
                    <code key={k}>{k}</code>
                  ))}
                </>
              ) : null}
            </div>
            {evidence.length === 0 ? (
              <div className="row-meta" data-testid="hop-no-evidence">
                {withoutEvidenceText(a.kind, hop.source)}
              </div>
            ) : (
              <button
                type="button"
                className="link"
                data-testid="hop-evidence"
                aria-expanded={open === i}
                onClick={() => {
                  setOpen(open === i ? undefined : i);
                }}
              >
                Evidence ({evidence.length})
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
