/**
 * The scan pipeline: read the snapshot directory → analyze → findings → store (ONE transaction)
 * → diff against the previous scan. Live collection writes a snapshot directory first (see
 * `collectToTempDir`); the pipeline itself always starts from a directory.
 */
import type { Analysis } from '../analyze/analyze-snapshot-dir.js';
import type {
  DiffResponse,
  ScanCounts,
  ScanProgress,
  ScanSource,
  Severity,
} from '../../shared/api/types.js';
import type { AnalysisConfig } from '../../shared/config/analysis-config.js';
import { isOutsideEdge, diffEdges, listDiffEdges } from '../../shared/diff/diff-edges.js';
import type { FindingInput } from '../store/findings-history.js';
import type { Store } from '../store/open-store.js';
import { recordFailedScan, saveScan } from '../store/scans.js';
import { StoreError } from '../store/open-store.js';
import { withWriteLock, type WriteLockOptions } from '../store/write-lock.js';
import { applySuppressions } from './apply-suppressions.js';
import { computeCoverage } from './coverage.js';
import { listSnapshotFiles } from './read-snapshot-files.js';
import { diffScans } from './scan-diff.js';

/** The analysis stages, injected so the pipeline can be tested and reused. */
export interface ScanPipeline {
  analyzeDir(dir: string, config: AnalysisConfig): Promise<Analysis>;
  computeFindings(analysis: Analysis, config: AnalysisConfig, now: Date): readonly FindingInput[];
}

export interface ScanRequest {
  dir: string;
  source: ScanSource;
  sourceDetail?: string;
  config: AnalysisConfig;
  /** Clock of the scan (default: now). */
  now?: () => Date;
  onProgress?: (p: ScanProgress) => void;
  /** Test hook: runs inside the store transaction, just before it commits. */
  beforeCommit?: () => void;
  /** How long to wait for another process writing to the store (default 10 min). */
  lockWaitMs?: number;
  /** Ends the scan early (SIGINT/SIGTERM, an overall deadline). */
  signal?: AbortSignal;
}

export interface ScanResult {
  scanId: number;
  previousScanId: number | undefined;
  startedAt: string;
  finishedAt: string;
  analysis: Analysis;
  findings: readonly FindingInput[];
  counts: ScanCounts;
  diff: DiffResponse;
}

function countBySeverity(findings: readonly FindingInput[]): Record<Severity, number> {
  const out: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (f.suppressed === undefined) out[f.severity] += 1;
  return out;
}

/**
 * Runs one scan into `db`. On failure the scan is recorded as `failed` (no snapshot, no
 * findings) and the error is rethrown; the previous successful scan is untouched.
 */
export async function runScan(
  db: Store,
  request: ScanRequest,
  pipeline: ScanPipeline,
): Promise<ScanResult> {
  const now = request.now ?? ((): Date => new Date());
  const startedAt = now().toISOString();
  const progress = (p: ScanProgress): void => request.onProgress?.({ startedAt, ...p });
  try {
    progress({ state: 'analyzing', message: `reading ${request.dir}` });
    const analysis = await pipeline.analyzeDir(request.dir, request.config);
    const files = await listSnapshotFiles(request.dir);
    progress({
      state: 'analyzing',
      message: `graph: ${String(analysis.graph.order)} nodes, ${String(analysis.graph.size)} edges; computing findings`,
    });
    const at = now();
    const findings = applySuppressions(
      pipeline.computeFindings(analysis, request.config, at),
      request.config.suppressions,
      at,
    );
    const edges = listDiffEdges(analysis.graph);
    progress({ state: 'storing', message: 'storing the scan' });
    const finishedAt = now().toISOString();
    const lockOptions: WriteLockOptions = {
      onWait: (message) => {
        progress({ state: 'storing', message });
      },
    };
    if (request.lockWaitMs !== undefined) lockOptions.timeoutMs = request.lockWaitMs;
    if (request.signal !== undefined) lockOptions.signal = request.signal;
    const saved = await withWriteLock(
      db,
      () =>
        saveScan(db, {
          startedAt,
          finishedAt,
          source: request.source,
          ...(request.sourceDetail === undefined ? {} : { sourceDetail: request.sourceDetail }),
          coverage: computeCoverage(analysis.snapshot),
          issues: analysis.snapshot.issues.slice(0, 10_000),
          files,
          edges,
          findings,
          counts: {
            accounts: analysis.snapshot.accounts.size,
            nodes: analysis.graph.order,
            edges: analysis.graph.size,
            findings: findings.length,
            bySeverity: countBySeverity(findings),
          },
          summarize: (previousEdges, delta) => {
            const d = diffEdges(previousEdges ?? [], edges);
            return {
              newFindings: delta.newIds.length,
              resolvedFindings: delta.resolvedIds.length,
              newEdges: d.newEdges.length,
              removedEdges: d.removedEdges.length,
              newOutsideEdges: d.newEdges.filter(isOutsideEdge).length,
            };
          },
          ...(request.beforeCommit === undefined ? {} : { beforeCommit: request.beforeCommit }),
        }),
      lockOptions,
    );
    const diff = diffScans(db, saved.previousScanId, saved.scanId);
    progress({
      scanId: saved.scanId,
      state: 'done',
      message: `scan ${String(saved.scanId)} stored`,
    });
    return {
      scanId: saved.scanId,
      previousScanId: saved.previousScanId,
      startedAt,
      finishedAt,
      analysis,
      findings,
      counts: saved.counts,
      diff,
    };
  } catch (err: unknown) {
    const message = err instanceof Error ? err.message : String(err);
    // A store locked by another writer cannot take the failure record either.
    const locked = err instanceof StoreError && err.failure === 'locked';
    try {
      if (!locked)
        recordFailedScan(db, {
          startedAt,
          finishedAt: now().toISOString(),
          source: request.source,
          ...(request.sourceDetail === undefined ? {} : { sourceDetail: request.sourceDetail }),
          error: message,
        });
    } catch {
      // The store itself failed; the original error is the one to report.
    }
    progress({ state: 'failed', message });
    throw err;
  }
}
