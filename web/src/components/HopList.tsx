/**
 * One path as a list of hops, each with its decision, condition keys and evidence (folded; the
 * first hop of a path is opened by the caller when it matters).
 */
import type { Evidence } from '../../../shared/graph/types.js';
import type { PathHop } from '../api/types.js';
import { EvidenceList } from './EvidenceList.js';
import { nameOfKey } from '../graph/node-name.js';

export interface HopListProps {
  hops: readonly PathHop[];
  labels: ReadonlyMap<string, string>;
  onSelectNode: (key: string) => void;
}

function keysOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function HopList({ hops, labels, onSelectNode }: HopListProps) {
  return (
    <ol className="hops" data-testid="hops">
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
                {labels.get(hop.source) ?? nameOfKey(hop.source)}
              </button>
              <span className="hop-arrow">
                {' '}
                —{typeof a.kind === 'string' ? a.kind : ''}
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
                {labels.get(hop.target) ?? nameOfKey(hop.target)}
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
            <details>
              <summary>Evidence ({evidence.length})</summary>
              <EvidenceList evidence={evidence} />
            </details>
          </li>
        );
      })}
    </ol>
  );
}
