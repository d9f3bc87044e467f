// Starts the real `trustmap serve --demo` on a free loopback port for browser tests and benches,
// building the web app first when web/dist is missing. Returns the base URL and a stop function.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface DemoServer {
  url: string;
  /** Output of the server so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Builds web/dist with Vite unless it already exists. */
export function ensureWebBuild(): void {
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) return;
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`trustmap serve exited (${child.signalCode ?? String(child.exitCode)})`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`trustmap serve did not answer ${url}/api/health within ${timeoutMs} ms`);
}

export interface DemoServerOptions {
  /**
   * A data directory kept between runs (the demo organization is written and scanned once, then
   * only loaded). Default: a fresh temporary directory, removed by `stop`.
   */
  dataDir?: string;
  /**
   * The server's V8 heap limit in MiB (`--max-old-space-size`). The analysis of the
   * 1,000-account demo (200,000 nodes, 550,000 edges) peaks near Node's default limit (about
   * 4.3 GB on a 24 GB machine), so benches at that scale raise it.
   */
  heapMb?: number;
}

/**
 * `extraArgs` are passed to `trustmap serve` after `--demo` (e.g. `--demo-accounts 1000`). The
 * demo organization and the store live in a fresh data directory, removed by `stop`, unless
 * `options.dataDir` names one to keep.
 */
export async function startDemoServer(
  extraArgs: readonly string[] = [],
  timeoutMs = 180_000,
  options: DemoServerOptions = {},
): Promise<DemoServer> {
  ensureWebBuild();
  const port = await freePort();
  const keepDataDir = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'trustmap-serve-'));
  mkdirSync(dataDir, { recursive: true });
  const removeDataDir = (): void => {
    if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const child = spawn(
    process.execPath,
    [
      ...(options.heapMb === undefined ? [] : [`--max-old-space-size=${String(options.heapMb)}`]),
      '--import',
      'tsx',
      join(ROOT, 'test/web/helpers/run-cli.ts'),
      'serve',
      '--demo',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...extraArgs,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NO_COLOR: '1',
        TRUSTMAP_DATA_DIR: dataDir,
        TRUSTMAP_DB: join(dataDir, 'trustmap.db'),
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, timeoutMs);
  } catch (err: unknown) {
    child.kill('SIGTERM');
    removeDataDir();
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${output}`,
      { cause: err },
    );
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        removeDataDir();
        return;
      }
      const exited = new Promise<void>((resolve) =>
        child.once('exit', () => {
          resolve();
        }),
      );
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      removeDataDir();
    },
  };
}
