/**
 * Runs scans inside the server (POST /api/scans and the schedule): one at a time — a run never
 * overlaps the previous one — with its progress readable while it runs. A finished scan's
 * analysis goes into the analysis cache, so the dashboard shows it at once.
 */
import type { ScanProgress, ScanSource } from '../../shared/api/types.js';
import type { AnalysisConfig } from '../../shared/config/analysis-config.js';
import { runScan, type ScanPipeline, type ScanResult } from '../scan/run-scan.js';
import type { Store } from '../store/open-store.js';
import type { AnalysisCache } from './analysis-cache.js';

/** Where a scan's snapshot directory comes from (live collection, or a fixed directory). */
export interface ScanSourceProvider {
  /** Live collection from AWS is configured (POST /api/scans is allowed). */
  live: boolean;
  acquire(): Promise<{
    dir: string;
    source: ScanSource;
    sourceDetail?: string;
    dispose?: () => Promise<void>;
  }>;
}

/** A scan is already running. */
export class ScanRunningError extends Error {
  override readonly name = 'ScanRunningError';
  constructor() {
    super('a scan is already running; wait for it to finish');
  }
}

export class ScanController {
  private current: Promise<ScanResult> | undefined;
  private state: ScanProgress = { state: 'idle' };

  constructor(
    private readonly db: Store,
    private readonly cache: AnalysisCache,
    private readonly pipeline: ScanPipeline,
    private readonly config: AnalysisConfig,
    readonly source: ScanSourceProvider | undefined,
  ) {}

  get liveCollection(): boolean {
    return this.source?.live === true;
  }

  isRunning(): boolean {
    return this.current !== undefined;
  }

  progress(): ScanProgress {
    return { ...this.state };
  }

  /** Starts a scan; throws `ScanRunningError` when one is running. Resolves when it is stored. */
  start(): Promise<ScanResult> {
    if (this.current !== undefined) throw new ScanRunningError();
    const source = this.source;
    if (source === undefined) throw new Error('no scan source configured');
    const startedAt = new Date().toISOString();
    this.state = { state: 'collecting', message: 'starting', startedAt };
    const run = async (): Promise<ScanResult> => {
      const acquired = await source.acquire();
      try {
        const result = await runScan(
          this.db,
          {
            dir: acquired.dir,
            source: acquired.source,
            ...(acquired.sourceDetail === undefined ? {} : { sourceDetail: acquired.sourceDetail }),
            config: this.config,
            onProgress: (p) => {
              this.state = { ...p, startedAt };
            },
          },
          this.pipeline,
        );
        this.cache.put(result.scanId, result.analysis);
        return result;
      } finally {
        await acquired.dispose?.();
      }
    };
    const promise = run();
    this.current = promise;
    promise.then(
      () => {
        this.current = undefined;
      },
      (err: unknown) => {
        this.current = undefined;
        this.state = {
          state: 'failed',
          message: err instanceof Error ? err.message : String(err),
          startedAt,
        };
      },
    );
    return promise;
  }
}
