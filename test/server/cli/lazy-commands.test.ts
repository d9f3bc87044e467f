/**
 * Commands load their modules lazily (server/cli/commands/index.ts): `trustmap --help` imports
 * no command module, `trustmap simulate` imports simulate's alone and never the AWS SDK or
 * Express, and `trustmap collect --help` is the one that brings the SDK. Checked on the CLI run
 * from the TypeScript sources (as the browser tests run it, so never a stale dist/), with a module
 * hook that records every module loaded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ENTRY = join(import.meta.dirname, '..', '..', 'web', 'helpers', 'run-cli.ts');
let work: string;
let hooks: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustmap-lazy-'));
  // The hook runs on the loader thread: it appends each loaded URL to the file named by the env.
  const hookFile = join(work, 'record-loads.mjs');
  writeFileSync(
    hookFile,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.TRUSTMAP_TEST_LOADS, url + '\\n');
  return next(url, context);
}
`,
  );
  hooks = join(work, 'register.mjs');
  writeFileSync(
    hooks,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hookFile).href)});\n`,
  );
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

let runs = 0;
/** The module URLs that `trustmap ARGS` loaded. */
function loadsOf(args: string[]): string[] {
  const log = join(work, `loads-${String(++runs)}.txt`);
  writeFileSync(log, '');
  try {
    execFileSync(process.execPath, ['--import', 'tsx', '--import', hooks, ENTRY, ...args], {
      env: { ...process.env, TRUSTMAP_TEST_LOADS: log },
      stdio: 'ignore',
    });
  } catch {
    // The exit code does not matter here, only what was loaded.
  }
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const commandModules = (loads: string[]): string[] =>
  loads
    .map((u) => /\/server\/cli\/commands\/([a-z-]+)\.ts$/.exec(u)?.[1])
    .filter((m): m is string => m !== undefined && m !== 'index');
const sdk = (loads: string[]): boolean => loads.some((u) => u.includes('/@aws-sdk/'));
const express = (loads: string[]): boolean => loads.some((u) => u.includes('/express/'));

describe('commands load lazily', () => {
  it('--help loads no command module', () => {
    const loads = loadsOf(['--help']);
    expect(loads.some((u) => u.endsWith('/server/cli/main.ts'))).toBe(true);
    expect(commandModules(loads)).toEqual([]);
    expect(sdk(loads)).toBe(false);
  });

  it('simulate loads its own module, never the AWS SDK or Express', () => {
    const loads = loadsOf(['simulate', '--help']);
    expect(commandModules(loads)).toEqual(['simulate']);
    expect(sdk(loads)).toBe(false);
    expect(express(loads)).toBe(false);
  });

  it('collect is what brings the AWS SDK, and only when it runs', () => {
    expect(sdk(loadsOf(['collect', '--help']))).toBe(false);
    expect(sdk(loadsOf(['collect', '--out', join(work, 'out'), '--accounts', 'not-an-id']))).toBe(
      false,
    );
    expect(commandModules(loadsOf(['help', 'collect']))).toEqual(['collect']);
  });
});
