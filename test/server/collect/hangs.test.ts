/**
 * A silent endpoint (issue 13, item 5): `sts:GetCallerIdentity` hung a live scan for 16 minutes
 * because the SDK's request timeout only warned. A request without an answer now fails and is
 * retried; the whole collection has a deadline (`--timeout`); SIGINT/SIGTERM and a caller's
 * signal stop it within seconds, and the process exits with 130/143.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  resolveCollectOptions,
  type CollectFlags,
} from '../../../server/collect/collect-options.js';
import { collectOrganization } from '../../../server/collect/collect-organization.js';
import { startFakeAws, type FakeAws } from '../../fake-aws/fake-aws-server.js';
import { callerAccessKeyId } from '../../fake-aws/fake-request.js';
import type { Fault } from '../../fake-aws/scenario.js';
import {
  AUDIT_ROLE,
  EXTERNAL_ID,
  MANAGEMENT,
  PROD,
  smallOrgScenario,
} from '../../fake-aws/scenarios/small-org.js';

let workDir: string;
const fakes: FakeAws[] = [];
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'trustmap-hang-'));
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

let runs = 0;
async function setup(faults: Fault[], flags: CollectFlags = {}) {
  const fake = await startFakeAws(smallOrgScenario({ faults }));
  fakes.push(fake);
  runs += 1;
  const out = join(workDir, `run-${String(runs)}`);
  const env = { AWS_ENDPOINT_URL: fake.url, TRUSTMAP_MAX_ATTEMPTS: '2' };
  const options = resolveCollectOptions(
    { out, roleName: AUDIT_ROLE, externalId: EXTERNAL_ID, region: 'us-east-1', ...flags },
    env,
    workDir,
  );
  return { fake, out, env, options };
}

/** The caller's credentials: the fake identifies the account by the access key id. */
const credentials = () =>
  Promise.resolve({ accessKeyId: callerAccessKeyId(MANAGEMENT), secretAccessKey: 'fake-secret' });

describe('a silent endpoint', () => {
  it('a request without an answer fails after --request-timeout and is retried, then reported', async () => {
    const { fake, options } = await setup([{ kind: 'hang', operation: 'sts:GetCallerIdentity' }], {
      requestTimeout: '1',
    });
    const result = await collectOrganization(options, { credentials });
    expect(result.outcome).toBe('failed');
    expect(result.failure).toMatch(
      /^could not identify the caller \(sts:GetCallerIdentity\): TimeoutError/,
    );
    // maxAttempts 2: the timed-out call was retried once, like throttling.
    expect(fake.stats.byOperation.get('sts:GetCallerIdentity')).toBe(2);
  }, 20_000);

  it('--timeout stops the whole collection and keeps what was read for --resume', async () => {
    const { out, options } = await setup(
      [{ kind: 'hang', operation: 'iam:GetAccountAuthorizationDetails', accountId: PROD }],
      { timeout: '2', requestTimeout: '600' },
    );
    const started = Date.now();
    const result = await collectOrganization(options, { credentials });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.stopped).toBe('deadline');
    expect(result.outcome).toBe('failed');
    expect(result.failure).toMatch(/^the collection was stopped \(its --timeout of 2 s passed\)/);
    const collection = JSON.parse(await readFile(join(out, 'collection.json'), 'utf8')) as {
      accounts: Record<string, { status: string }>;
    };
    expect(collection.accounts[PROD]?.status).toBe('failed');
  }, 20_000);

  it("a caller's signal (the scan controller, SIGTERM) stops it within seconds", async () => {
    const { options } = await setup(
      [{ kind: 'hang', operation: 'iam:GetAccountAuthorizationDetails' }],
      { requestTimeout: '600' },
    );
    const stop = new AbortController();
    setTimeout(() => {
      stop.abort(new Error('SIGTERM'));
    }, 1000);
    const started = Date.now();
    const result = await collectOrganization(options, { credentials, signal: stop.signal });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(result.stopped).toBe('signal');
    expect(result.failure).toMatch(/^the collection was stopped \(SIGTERM\)/);
  }, 20_000);

  it('SIGTERM ends `trustmap collect` within seconds with exit 143', async () => {
    const { fake, env } = await setup([
      { kind: 'hang', operation: 'iam:GetAccountAuthorizationDetails' },
    ]);
    const script = fileURLToPath(new URL('../../fake-aws/run-cli.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        script,
        'collect',
        '--out',
        join(workDir, 'sigterm'),
        '--region',
        'us-east-1',
        '--role-name',
        AUDIT_ROLE,
        '--external-id',
        EXTERNAL_ID,
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          ...env,
          AWS_ACCESS_KEY_ID: callerAccessKeyId(MANAGEMENT),
          AWS_SECRET_ACCESS_KEY: 'x',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    while ((fake.stats.byOperation.get('iam:GetAccountAuthorizationDetails') ?? 0) === 0)
      await new Promise((r) => setTimeout(r, 50));
    const sentAt = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(Date.now() - sentAt).toBeLessThan(8_000);
    expect(code, stderr).toBe(143);
    expect(stderr).toContain('trustmap: interrupted by SIGTERM');
  }, 30_000);
});
