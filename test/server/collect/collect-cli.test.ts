/**
 * `trustmap collect` through the real CLI entry (`main`), against the fake endpoint: exit codes
 * (0 complete, 4 partial, 3 nothing collected, 2 usage), what goes to stdout and stderr, --json,
 * --quiet. Credentials come from the SDK's default chain (environment variables), as for a user.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.js';
import type { CliIo } from '../../../server/cli/io.js';
import { startFakeAws, type FakeAws } from '../../fake-aws/fake-aws-server.js';
import { callerAccessKeyId } from '../../fake-aws/fake-request.js';
import {
  AUDIT_ROLE,
  DENIED,
  EXTERNAL_ID,
  MANAGEMENT,
  PROD,
  smallOrgScenario,
} from '../../fake-aws/scenarios/small-org.js';

const scenario = smallOrgScenario({ faults: [] });
let fake: FakeAws;
let workDir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  fake = await startFakeAws(scenario);
  workDir = await mkdtemp(join(tmpdir(), 'trustmap-cli-'));
  // The SDK's default credential chain reads the process environment.
  process.env['AWS_ACCESS_KEY_ID'] = callerAccessKeyId(MANAGEMENT);
  process.env['AWS_SECRET_ACCESS_KEY'] = 'fake-secret';
  delete process.env['AWS_SESSION_TOKEN'];
  delete process.env['AWS_PROFILE'];
  process.env['AWS_CONFIG_FILE'] = join(workDir, 'no-config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(workDir, 'no-credentials');
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
});
afterAll(async () => {
  process.env = savedEnv;
  await fake.close();
  await rm(workDir, { recursive: true, force: true });
});

function io(
  env: Record<string, string> = {},
  isTty = false,
): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    isTty,
    env: {
      AWS_ENDPOINT_URL: fake.url,
      AWS_REGION: 'us-east-1',
      TRUSTMAP_ROLE_NAME: AUDIT_ROLE,
      TRUSTMAP_EXTERNAL_ID: EXTERNAL_ID,
      ...env,
    },
    cwd: workDir,
    stdout: () => out,
    stderr: () => err,
  };
}

describe('trustmap collect (CLI)', () => {
  it('exits 4 for a partial collection and lists the failed accounts on stderr', async () => {
    const cli = io();
    const code = await main(['collect', '--out', 'partial'], cli);
    expect(code).toBe(4);
    expect(cli.stderr()).toContain(
      `trustmap collect: account ${DENIED} denied: sts:AssumeRole AccessDenied\n`,
    );
    expect(cli.stdout()).toMatch(
      /^Partially collected .*partial: 5 ok, 1 denied, 0 failed, 1 skipped/,
    );
  });

  it('exits 0 for a complete collection, logging the resolved options with the ExternalId masked', async () => {
    const cli = io();
    const code = await main(['collect', '--out', 'complete', '--exclude-accounts', DENIED], cli);
    expect(code).toBe(0);
    expect(cli.stdout()).toMatch(/^Collected .*complete: 5 ok, 0 denied, 0 failed, 2 skipped/);
    expect(cli.stderr()).toContain('"externalId":"****"');
    expect(cli.stderr()).not.toContain(EXTERNAL_ID);
    expect(cli.stderr()).toContain(`trustmap collect: ${MANAGEMENT} ok`);
  });

  it('--json prints collection.json on stdout', async () => {
    const cli = io();
    const code = await main(['collect', '--out', 'json', '--json', '--quiet'], cli);
    expect(code).toBe(4);
    const written = JSON.parse(await readFile(join(workDir, 'json', 'collection.json'), 'utf8'));
    expect(JSON.parse(cli.stdout())).toEqual(written);
  });

  it('--quiet prints no progress, but still the failed accounts', async () => {
    const cli = io({}, true);
    const code = await main(['collect', '--out', 'quiet', '--quiet'], cli);
    expect(code).toBe(4);
    expect(cli.stderr()).toBe(
      `trustmap collect: account ${DENIED} denied: sts:AssumeRole AccessDenied\n`,
    );
  });

  it('exits 2 for a bad flag, naming it', async () => {
    const cli = io();
    expect(await main(['collect', '--out', 'x', '--concurrency', 'many'], cli)).toBe(2);
    expect(cli.stderr()).toContain('--concurrency: expected an integer from 1 to 256, got "many"');
  });

  it('exits 2 for a bad TRUSTMAP_* variable, naming it', async () => {
    const cli = io({ TRUSTMAP_CONCURRENCY: '0' });
    expect(await main(['collect', '--out', 'x'], cli)).toBe(2);
    expect(cli.stderr()).toContain('TRUSTMAP_CONCURRENCY: expected an integer');
  });

  it('exits 3 when nothing at all can be collected', async () => {
    const cli = io({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1', TRUSTMAP_MAX_ATTEMPTS: '1' });
    const code = await main(['collect', '--out', 'nothing', '--quiet'], cli);
    expect(code).toBe(3);
    expect(cli.stderr()).toMatch(/could not identify the caller \(sts:GetCallerIdentity\)/);
  });

  it('--regions restricts the regional reads to those regions', async () => {
    const cli = io();
    const code = await main(
      ['collect', '--out', 'regions', '--accounts', PROD, '--regions', 'eu-west-1', '--quiet'],
      cli,
    );
    expect(code).toBe(0);
    const workloads = JSON.parse(
      await readFile(join(workDir, 'regions', PROD, 'workloads.json'), 'utf8'),
    ) as { Workloads: { Region: string }[] };
    expect(workloads.Workloads.map((w) => w.Region)).toEqual(['eu-west-1']);
  });

  it('TRUSTMAP_REGIONS naming no region is a usage error naming the variable', async () => {
    const cli = io({ TRUSTMAP_REGIONS: 'Ireland' });
    expect(await main(['collect', '--out', 'x'], cli)).toBe(2);
    expect(cli.stderr()).toContain('TRUSTMAP_REGIONS: expected an AWS region such as eu-west-1');
  });

  it('says on stderr when Identity Center could not be read (exit 4, the accounts are there)', async () => {
    const denied = smallOrgScenario({
      faults: [
        {
          kind: 'error',
          operation: 'identitystore:ListUsers',
          code: 'AccessDeniedException',
          status: 400,
          message: 'no',
        },
      ],
    });
    const deniedFake = await startFakeAws(denied);
    try {
      const cli = io({ AWS_ENDPOINT_URL: deniedFake.url });
      const code = await main(
        ['collect', '--out', 'ic-denied', '--accounts', MANAGEMENT, '--quiet'],
        cli,
      );
      expect(code).toBe(4);
      expect(cli.stderr()).toBe(
        'trustmap collect: Identity Center denied (identity-center.json not written): identitystore:ListUsers AccessDeniedException\n',
      );
    } finally {
      await deniedFake.close();
    }
  });

  it('documents the exit codes in --help', async () => {
    const cli = io();
    expect(await main(['collect', '--help'], cli)).toBe(0);
    expect(cli.stdout()).toContain('4  partial');
    expect(cli.stdout()).toContain('3  nothing could be collected');
    expect(cli.stdout()).toContain('--resume');
  });
});
