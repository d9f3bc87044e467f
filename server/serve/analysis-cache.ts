/**
 * The analyses the server answers from, kept in memory: the latest scan's, and a few older ones
 * asked for by `scan=`. An analysis not in memory is rebuilt from the scan's stored snapshot
 * files (written to a temporary directory and analyzed again).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Analysis } from '../analyze/analyze-snapshot-dir.js';
import type { AnalysisConfig } from '../../shared/config/analysis-config.js';
import { snapshotFileWriter } from '../scan/read-snapshot-files.js';
import { NoScanError } from '../scan/scan-diff.js';
import type { Store } from '../store/open-store.js';
import { forEachScanFile, latestScanId, requireSucceededScan } from '../store/scans.js';

export interface LoadedScan {
  scanId: number;
  analysis: Analysis;
}

export class AnalysisCache {
  private readonly entries = new Map<number, Promise<LoadedScan>>();

  constructor(
    private readonly db: Store,
    private readonly analyzeDir: (dir: string, config: AnalysisConfig) => Promise<Analysis>,
    /** The analysis config the analyses are built with (what-if uses it too). */
    readonly config: AnalysisConfig,
    private readonly capacity = 3,
  ) {}

  /** The analysis of `scanId` (default: the latest successful scan). */
  async get(scanId?: number): Promise<LoadedScan> {
    const id = scanId ?? latestScanId(this.db);
    if (id === undefined) throw new NoScanError();
    const cached = this.entries.get(id);
    if (cached !== undefined) {
      this.entries.delete(id);
      this.entries.set(id, cached);
      return cached;
    }
    requireSucceededScan(this.db, id);
    const loading = this.load(id);
    this.remember(id, loading);
    loading.catch(() => this.entries.delete(id));
    return loading;
  }

  /** Puts a fresh analysis (from a scan that just ran) in memory. */
  put(scanId: number, analysis: Analysis): void {
    this.remember(scanId, Promise.resolve({ scanId, analysis }));
  }

  private remember(id: number, entry: Promise<LoadedScan>): void {
    this.entries.set(id, entry);
    const latest = latestScanId(this.db);
    while (this.entries.size > this.capacity) {
      const oldest = [...this.entries.keys()].find((k) => k !== latest);
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  private async load(scanId: number): Promise<LoadedScan> {
    const parent = await mkdtemp(join(tmpdir(), 'trustmap-scan-'));
    try {
      const dir = join(parent, 'snapshot');
      forEachScanFile(this.db, scanId, snapshotFileWriter(dir));
      return { scanId, analysis: await this.analyzeDir(dir, this.config) };
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  }
}
