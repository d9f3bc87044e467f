// Starts the real `trustmap serve --demo` on a free loopback port for browser tests and benches,
// building the web app first when web/dist is missing. Returns the base URL and a stop function.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

/**
 * `extraArgs` are passed to `trustmap serve` after `--demo` (e.g. `--demo-accounts 1000`). The
 * demo organization and the store live in a fresh data directory, removed by `stop`.
 */
export async function startDemoServer(
  extraArgs: readonly string[] = [],
  timeoutMs = 180_000,
): Promise<DemoServer> {
  ensureWebBuild();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'trustmap-serve-'));
  const child = spawn(
    process.execPath,
    [
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
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${output}`,
      { cause: err },
    );
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) {
        rmSync(dataDir, { recursive: true, force: true });
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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
