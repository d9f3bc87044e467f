/**
 * The app under test: a store with two scans of the fixture organization (scan-v1, then
 * scan-v2), the analyses cache, and a scan controller whose "live" source rescans scan-v2.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { DEFAULT_LIMITS, type AppContext } from '../../../server/http/app-context.js';
import { createApp, type AppOptions } from '../../../server/http/create-app.js';
import { runScan } from '../../../server/scan/run-scan.js';
import { AnalysisCache } from '../../../server/serve/analysis-cache.js';
import { ScanController } from '../../../server/serve/scan-controller.js';
import { openStore, type Store } from '../../../server/store/open-store.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { TEST_PIPELINE, V1, V2 } from '../scan/test-pipeline.js';

export interface Fixture {
  app: Express;
  db: Store;
  context: AppContext;
  dir: string;
}

export async function buildFixture(
  options: {
    scans?: number;
    /** The snapshot directories scanned, one scan each, oldest first (default: V1, then V2). */
    dirs?: readonly string[];
    live?: boolean;
    app?: Partial<AppOptions>;
    limits?: Partial<AppContext['limits']>;
  } = {},
): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'trustmap-api-'));
  const db = openStore(join(dir, 'trustmap.db'));
  const config = resolveAnalysisConfig();
  const dates = ['2026-11-01T03:00:00Z', '2026-11-02T03:00:00Z'];
  const scans = options.dirs?.length ?? options.scans ?? 2;
  for (let i = 0; i < scans; i++) {
    const at = dates[i] ?? '2026-11-03T03:00:00Z';
    await runScan(
      db,
      {
        dir: options.dirs?.[i] ?? (i === 0 ? V1 : V2),
        source: 'from-dir',
        sourceDetail: 'fixture',
        config,
        now: () => new Date(at),
      },
      TEST_PIPELINE,
    );
  }
  const cache = new AnalysisCache(db, (d, c) => TEST_PIPELINE.analyzeDir(d, c), config);
  const scanner = new ScanController(db, cache, TEST_PIPELINE, config, {
    live: options.live ?? true,
    acquire: () => Promise.resolve({ dir: V2, source: 'live' as const, sourceDetail: 'live' }),
  });
  const context: AppContext = {
    db,
    cache,
    scans: scanner,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    version: '0.1.0',
  };
  const app = createApp({ context, ...options.app });
  return { app, db, context, dir };
}
