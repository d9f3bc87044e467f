/**
 * `trustmap serve`: prepares the data (writes and scans the demo organization, or scans
 * `--from-dir`, or opens the store), starts the Express app on the chosen address, the optional
 * schedule, and prints the URL. Resolves when the server closes (SIGINT/SIGTERM).
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisConfig } from '../../shared/config/analysis-config.js';
import type { CliIo } from '../cli/io.js';
import { loadAnalysisConfig } from '../config/load-analysis-config.js';
import { createSuppressionWriter } from '../config/suppression-writer.js';
import { scanPreviousDemoGeneration } from '../demo/scan-previous-generation.js';
import { writeDemoSnapshot } from '../demo/write-demo-snapshot.js';
import { DEFAULT_LIMITS } from '../http/app-context.js';
import { createApp } from '../http/create-app.js';
import { accountLevelAnswer } from '../http/routes/graph.js';
import { collectToTempDir } from '../scan/collect-to-temp-dir.js';
import { DEFAULT_PIPELINE } from '../scan/default-pipeline.js';
import type { ScanPipeline } from '../scan/run-scan.js';
import { scheduleScans, type ScheduledJob } from '../schedule/scheduler.js';
import { openStore, type Store } from '../store/open-store.js';
import { isStoreUrl } from '../store/store-location.js';
import { latestScanId } from '../store/scans.js';
import { AnalysisCache } from './analysis-cache.js';
import { ScanController, type ScanSourceProvider } from './scan-controller.js';
import { replaceStaleDemo } from './stale-demo.js';
import type { ServeOptions } from './serve-options.js';
import { TRUSTMAP_VERSION } from './version.js';
import { cleanMessage } from '../cli/format/sanitize-text.js';

/** The seed of the demo organization `--demo` writes (the documented one). */
const DEMO_SEED = 'trustmap-demo';

/** The package root: the nearest parent directory of this module holding package.json. */
export function findPackageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
}

export interface RunningServer {
  url: string;
  server: Server;
  db: Store;
  job: ScheduledJob | undefined;
  close(): Promise<void>;
}

function sourceProvider(options: ServeOptions, io: CliIo): ScanSourceProvider | undefined {
  const mode = options.mode;
  if (mode.kind === 'demo' || mode.kind === 'from-dir')
    return {
      live: options.live,
      acquire: () =>
        Promise.resolve({
          dir: mode.dir,
          source: mode.kind,
          sourceDetail: mode.dir,
        }),
    };
  if (!options.live) return undefined;
  return {
    live: true,
    acquire: async () => {
      const collected = await collectToTempDir({}, io.env, io.cwd, io.stopSignal?.());
      return {
        dir: collected.dir,
        source: 'live',
        sourceDetail: 'live',
        dispose: collected.dispose,
      };
    },
  };
}

/** Starts the server; `pipeline` is injectable for tests. */
export async function startServer(
  options: ServeOptions,
  io: CliIo,
  pipeline: ScanPipeline = DEFAULT_PIPELINE,
): Promise<RunningServer> {
  const log = (text: string): void => {
    io.err(`trustmap serve: ${cleanMessage(text)}\n`);
  };
  const config: AnalysisConfig = await loadAnalysisConfig(options.configPath, io.env);
  if (options.mode.kind === 'demo') {
    const { dir, accounts } = options.mode;
    const defaultStore = resolve(options.dataDir, `demo-${String(accounts)}.db`);
    const replaced = await replaceStaleDemo(
      { dir, accounts, seed: DEMO_SEED },
      options.dbPath === defaultStore ? defaultStore : undefined,
    );
    if (replaced)
      log(`${dir} held the demo organization of another trustmap version: writing it again`);
  }
  if (!isStoreUrl(options.dbPath)) await mkdir(dirname(options.dbPath), { recursive: true });
  const db = openStore(options.dbPath);
  const cache = new AnalysisCache(db, (dir, cfg) => pipeline.analyzeDir(dir, cfg), config);
  const controller = new ScanController(db, cache, pipeline, config, sourceProvider(options, io));
  const mode = options.mode;
  if (mode.kind === 'demo') {
    const fresh = !existsSync(mode.dir) || readdirSync(mode.dir).length === 0;
    if (fresh) {
      log(`writing the demo organization (${String(mode.accounts)} accounts) to ${mode.dir}`);
      await writeDemoSnapshot(mode.dir, { accounts: mode.accounts, seed: DEMO_SEED });
    }
    if (fresh || latestScanId(db) === undefined) {
      // An empty store gets the previous generation first, so the Scans view has a diff.
      const demo = { accounts: mode.accounts, seed: DEMO_SEED };
      if (
        latestScanId(db) === undefined &&
        (await scanPreviousDemoGeneration(db, mode.dir, demo, config, pipeline)) !== undefined
      )
        log('stored a scan of the previous generation of the demo organization');
      log('scanning the demo organization …');
      await controller.start();
    }
  } else if (mode.kind === 'from-dir') {
    log(`scanning ${mode.dir} …`);
    await controller.start();
  }
  const latest = latestScanId(db);
  if (latest !== undefined) {
    log(`loading scan ${String(latest)}`);
    const loaded = await cache.get(latest);
    // The organization view is what the dashboard asks for first: have it ready.
    const started = performance.now();
    accountLevelAnswer(db, loaded.scanId, loaded.analysis);
    log(`organization view ready (${String(Math.round(performance.now() - started))} ms)`);
  } else
    log(
      'the store holds no scan yet; run `trustmap scan` (the API answers 503 no-scan until then)',
    );

  let job: ScheduledJob | undefined;
  if (options.schedule !== undefined) {
    job = scheduleScans(
      options.schedule,
      async () => {
        if (controller.isRunning()) return;
        log('scheduled scan starting');
        const r = await controller.start();
        log(`scheduled scan ${String(r.scanId)} stored`);
      },
      {
        onSkip: () => {
          log('scheduled scan skipped: the previous run is still going');
        },
        onError: (err) => {
          log(`scheduled scan failed: ${err instanceof Error ? err.message : String(err)}`);
        },
      },
    );
    if (controller.source === undefined)
      log('warning: --schedule needs --from-dir, --demo or --live to have something to scan');
  }
  const app = createApp({
    context: {
      db,
      cache,
      scans: controller,
      schedule: job,
      limits: { ...DEFAULT_LIMITS, maxGraphNodes: options.maxGraphNodes },
      version: TRUSTMAP_VERSION,
      config,
      suppressions:
        options.allowConfigWrites && options.configPath !== undefined
          ? createSuppressionWriter(options.configPath, config)
          : undefined,
    },
    token: options.token,
    allowedHosts: options.allowedHosts,
    hsts: options.behindTlsProxy,
    webDir: join(findPackageRoot(), 'web', 'dist'),
    log: options.accessLog
      ? (line) => {
          io.err(`${JSON.stringify(line)}\n`);
        }
      : undefined,
    onError: (err, requestId) => {
      log(
        `error in request ${requestId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    },
  });
  const server = createServer(app);
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const hostText = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${hostText}:${String(port)}/`;
  return {
    url,
    server,
    db,
    job,
    close: async () => {
      job?.stop();
      await new Promise<void>((r) => {
        server.close(() => {
          r();
        });
        server.closeAllConnections();
      });
      db.close();
    },
  };
}
