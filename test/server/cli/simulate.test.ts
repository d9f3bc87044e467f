/**
 * `trustmap simulate` through `main()` with a captured CliIo, against the snapshot fixture
 * test/fixtures/simulate/workloads-org (the AWS CLI's formats): one request per caller kind,
 * the --json shape, and usage errors (exit 2, the file and field named on stderr, nothing on
 * stdout) for a bad request file, a missing file and a directory that is not a snapshot.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../helpers/run-cli.js';

const SNAPSHOT = join(import.meta.dirname, '..', '..', 'fixtures', 'simulate', 'workloads-org');
const A = '111111111111';
const B = '222222222222';
const GH = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
const GHK = 'token.actions.githubusercontent.com';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-simulate-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function run(args: string[]): Promise<CliRun> {
  return runCli(args, work, {});
}

let n = 0;
/** Writes `request` to a file and simulates it against the fixture. */
async function simulate(request: unknown, json = false): Promise<CliRun> {
  const file = join(work, `request-${++n}.json`);
  await writeFile(file, typeof request === 'string' ? request : JSON.stringify(request));
  return run(['simulate', '--from-dir', SNAPSHOT, '--request', file, ...(json ? ['--json'] : [])]);
}

interface JsonResult {
  decision: string;
  conditionKeys: string[];
  evidence: {
    role: string;
    policy: { kind: string; name: string };
    sid?: string;
    reason: string;
  }[];
}

async function simulateJson(request: unknown): Promise<JsonResult> {
  const r = await simulate(request, true);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as JsonResult;
}

describe('trustmap simulate: one request per caller kind', () => {
  it('an IAM user named in the trust policy (readable output)', async () => {
    const r = await simulate({
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/deploy`,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^decision: allow\n/);
    expect(r.stdout).toContain('\nevidence:\n');
    expect(r.stdout).toMatch(
      / {2}- grants: trust policy arn:aws:iam::111111111111:role\/deploy #0 \(Sid Alice\)\n {6}Statement 0 \(Sid Alice\)/,
    );
  });

  it('a role (some session of it) named by its role ARN', async () => {
    const out = await simulateJson({
      principal: `arn:aws:iam::${A}:role/app`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/deploy`,
    });
    expect(out.decision).toBe('allow');
    expect(out.evidence.some((e) => e.sid === 'AppSessions' && e.role === 'grants')).toBe(true);
  });

  it('a role session: role chaining refuses more than one hour', async () => {
    const request = {
      principal: `arn:aws:sts::${A}:assumed-role/app/i-0abc`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/deploy`,
    };
    expect((await simulateJson(request)).decision).toBe('allow');
    const chained = await simulateJson({ ...request, durationSeconds: 7200 });
    expect(chained.decision).toBe('deny');
    expect(chained.evidence[0]!.reason).toContain('Role chaining');
  });

  it('the root user cannot assume a role', async () => {
    const out = await simulateJson({
      principal: `arn:aws:iam::${B}:root`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/deploy`,
    });
    expect(out.decision).toBe('deny');
    expect(out.evidence[0]!.reason).toContain('root user');
  });

  it('a federated user cannot call AssumeRole', async () => {
    const out = await simulateJson({
      principal: `arn:aws:sts::${A}:federated-user/bob`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/deploy`,
    });
    expect(out.decision).toBe('deny');
    expect(out.evidence[0]!.reason).toContain('GetFederationToken');
  });

  it('a service principal with the source account it requires', async () => {
    const request = {
      principal: { service: 'lambda.amazonaws.com' },
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/lambda-exec`,
    };
    expect((await simulateJson({ ...request, context: { 'aws:SourceAccount': A } })).decision).toBe(
      'allow',
    );
    expect((await simulateJson(request)).decision).toBe('deny');
  });

  it('an OIDC provider (GitHub Actions) with aud and sub claims', async () => {
    const request = {
      principal: { federated: GH },
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: `arn:aws:iam::${A}:role/ci`,
    };
    const main = await simulateJson({
      ...request,
      context: {
        [`${GHK}:aud`]: 'sts.amazonaws.com',
        [`${GHK}:sub`]: 'repo:acme/app:ref:refs/heads/main',
      },
    });
    expect(main.decision).toBe('allow');
    const fork = await simulateJson({
      ...request,
      context: {
        [`${GHK}:aud`]: 'sts.amazonaws.com',
        [`${GHK}:sub`]: 'repo:evil/app:ref:refs/heads/main',
      },
    });
    expect(fork.decision).toBe('deny');
    const unknown = await simulateJson({
      ...request,
      context: { [`${GHK}:aud`]: 'sts.amazonaws.com' },
      unknownContextKeys: [`${GHK}:sub`],
    });
    expect(unknown).toMatchObject({ decision: 'conditional', conditionKeys: [`${GHK}:sub`] });
  });

  it('a SAML provider with SAML:aud', async () => {
    const out = await simulateJson({
      principal: { federated: `arn:aws:iam::${A}:saml-provider/Okta` },
      action: 'sts:AssumeRoleWithSAML',
      resource: `arn:aws:iam::${A}:role/sso-admin`,
      context: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
    });
    expect(out.decision).toBe('allow');
  });

  it('an anonymous caller reading a public object', async () => {
    const out = await simulateJson({
      principal: { anonymous: true },
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::acme-public-site/index.html',
    });
    expect(out.decision).toBe('allow');
    expect(
      out.evidence.some((e) => e.sid === 'PublicRead' && e.policy.name === 'bucket policy'),
    ).toBe(true);
  });

  it('a cross-account user whose grant requires MFA: conditional when MFA is unknown', async () => {
    const out = await simulateJson({
      principal: `arn:aws:iam::${B}:user/bob`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/deploy`,
      unknownContextKeys: ['aws:MultiFactorAuthPresent'],
    });
    expect(out.decision).toBe('conditional');
    expect(out.conditionKeys).toEqual(['aws:MultiFactorAuthPresent']);
  });

  it('a cross-account user reading a bucket that grants its account', async () => {
    const out = await simulateJson({
      principal: `arn:aws:iam::${B}:user/bob`,
      action: 's3:ListBucket',
      resource: 'arn:aws:s3:::acme-reports',
    });
    expect(out.decision).toBe('allow');
  });
});

describe('trustmap simulate --json', () => {
  it('prints exactly {decision, conditionKeys, evidence, notes}', async () => {
    const r = await simulate(
      {
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${A}:role/deploy`,
      },
      true,
    );
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['conditionKeys', 'decision', 'evidence', 'notes']);
    expect(out.decision).toBe('allow');
    expect(out.conditionKeys).toEqual([]);
    const evidence = out.evidence as Record<string, unknown>[];
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(typeof e.reason).toBe('string');
      expect(['grants', 'denies', 'may-deny', 'requires', 'note']).toContain(e.role);
      expect(e.policy).toMatchObject({ kind: expect.any(String), name: expect.any(String) });
    }
  });
});

describe('trustmap simulate: readable output is safe for a terminal', () => {
  it('control characters from policy text (a Sid) are not printed', async () => {
    const r = await simulate({
      principal: 'arn:aws:iam::464622532012:role/auditor',
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/vendor-audit`,
      context: { 'sts:ExternalId': 'acme-7f3a' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^decision: allow\n/);
    expect(r.stdout).toContain('Sid ?[31mVendor');
    expect(r.stdout).not.toContain('\u001b');
  });
});

describe('trustmap simulate: usage errors', () => {
  it('a request without action: exit 2, the file and the field on stderr, nothing on stdout', async () => {
    const r = await simulate({
      principal: `arn:aws:iam::${A}:user/alice`,
      resource: `arn:aws:iam::${A}:role/deploy`,
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/request-\d+\.json: field "action": required/);
  });

  it('a context value of the wrong type names the key', async () => {
    const r = await simulate({
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/deploy`,
      context: { 'aws:SourceIp': 10 },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('field "context.aws:SourceIp"');
  });

  it('a file that is not JSON', async () => {
    const r = await simulate('{ "principal": ');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/request-\d+\.json: not valid JSON/);
  });

  it('answers any action (issue 12 case 9): the identity side always, and says when the resource policy is not in the snapshot', async () => {
    // IAM has no resource policies: nothing is missing.
    const pass = await simulateJson({
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 'iam:PassRole',
      resource: `arn:aws:iam::${A}:role/deploy`,
    });
    expect(['allow', 'deny', 'conditional']).toContain(pass.decision);
    expect(JSON.stringify(pass.evidence)).not.toContain('is not evaluated');
    // A service whose resource policy the snapshot does not hold: decided on the caller's side,
    // with a note naming what was not read.
    const run = await simulateJson({
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 'dynamodb:GetItem',
      resource: `arn:aws:dynamodb:us-east-1:${A}:table/orders`,
    });
    expect(['allow', 'deny', 'conditional']).toContain(run.decision);
    expect(
      run.evidence.some(
        (e) =>
          e.role === 'note' &&
          e.policy.kind === 'resource' &&
          (e as { reason?: string }).reason?.includes('the resource side is not evaluated') ===
            true,
      ),
    ).toBe(true);
  });

  it('a wildcard is not an action: exit 2 naming the action field', async () => {
    const r = await simulate({
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 'iam:Pass*',
      resource: `arn:aws:iam::${A}:role/deploy`,
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('field "action"');
    expect(r.stderr).toContain('simulate answers any action');
  });

  it('a principal missing from a scanned account names the principal field', async () => {
    const r = await simulate({
      principal: `arn:aws:iam::${A}:user/nobody`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/deploy`,
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('field "principal"');
  });

  it('a missing request file', async () => {
    const r = await run(['simulate', '--from-dir', SNAPSHOT, '--request', 'no-such-request.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--request no-such-request.json: no such file');
  });

  it('a directory that is not a snapshot', async () => {
    const notSnapshot = await mkdtemp(join(work, 'not-a-snapshot-'));
    await writeFile(join(notSnapshot, 'notes.txt'), 'hello');
    const file = join(work, 'ok-request.json');
    await writeFile(
      file,
      JSON.stringify({
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${A}:role/deploy`,
      }),
    );
    const r = await run(['simulate', '--from-dir', notSnapshot, '--request', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--from-dir: ');
    expect(r.stderr).toContain(`${notSnapshot} is not a snapshot directory`);
  });

  it('the required flags are required', async () => {
    const r = await run(['simulate', '--from-dir', SNAPSHOT]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--request');
  });
});
