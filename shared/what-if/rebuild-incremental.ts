/**
 * The graph after a change, rebuilt only where the change can matter (see docs/what-if.md
 * "Incremental rebuild").
 */
import type { AuthzModel } from '../authorize/types.js';
import type { AnalysisConfig } from '../config/analysis-config.js';
import type { EdgeDiff } from '../diff/diff-edges.js';
import type { VendorLookup } from '../graph/nodes/account-nodes.js';
import type { AccessGraph } from '../graph/types.js';
import type { Snapshot } from '../snapshot/types.js';
import type { AppliedChanges } from './apply-changes.js';

export type IncrementalOutcome =
  | { kind: 'done'; graph: AccessGraph; model: AuthzModel; edges: EdgeDiff }
  | { kind: 'fallback'; reason: string };

export function rebuildIncremental(
  _base: { snapshot: Snapshot; model: AuthzModel; graph: AccessGraph },
  _applied: AppliedChanges,
  _options: { config: AnalysisConfig; lookupVendor: VendorLookup },
): IncrementalOutcome {
  return { kind: 'fallback', reason: 'not implemented' };
}
