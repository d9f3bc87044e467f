/**
 * Findings that kept their id since the previous scan but got worse or better (issue 12 case 1):
 * each with how (`conditional (sts:ExternalId) → allow`, `path 3 → 1 hops` …), worsened first.
 * Untrusted text (subjects, titles) is rendered as text.
 */
import type { FindingView } from '../../../shared/api/types.js';

export function ChangedFindings({
  worsened,
  improved,
}: {
  worsened: readonly FindingView[];
  improved: readonly FindingView[];
}) {
  if (worsened.length === 0 && improved.length === 0) return null;
  const row = (f: FindingView, kind: 'worsened' | 'improved') => (
    <li
      key={`${kind}-${f.id}`}
      data-testid={`${kind}-finding`}
      data-rule={f.rule}
      data-subject={f.subject}
    >
      <span className={`badge sev-${f.severity}`}>{f.severity}</span> {kind}: {f.rule} — {f.subject}
      <div className="row-meta">
        {(kind === 'worsened' ? f.change?.worse : f.change?.better)?.join('; ')}
      </div>
    </li>
  );
  return (
    <div className="changed-findings" data-testid="changed-findings">
      <h3>Findings that changed</h3>
      <ul>
        {worsened.map((f) => row(f, 'worsened'))}
        {improved.map((f) => row(f, 'improved'))}
      </ul>
    </div>
  );
}
