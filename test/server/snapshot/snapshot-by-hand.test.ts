/**
 * The script of docs/snapshot-by-hand.md, run against a stand-in `aws` that answers in the AWS
 * CLI's shapes from the acme-org fixture: the directory it assembles must load without an issue
 * into exactly the snapshot the fixture itself loads into. Needs bash and jq (as the script does).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshotDir } from '../../../server/snapshot/read-snapshot-dir.js';
import type { Snapshot } from '../../../shared/snapshot/types.js';
import { COMMON, keyOf, writeFakeAwsCli } from './fake-aws-cli.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'snapshots', 'acme-org');
const ACCOUNTS = ['111111111111', '222222222222', '333333333333', '444444444444'];
const MARKER = '<!-- snapshot-by-hand.sh:';

/** The fenced bash block that follows the marker comment in the document. */
async function scriptFromDocs(): Promise<string> {
  const doc = await readFile(join(ROOT, 'docs', 'snapshot-by-hand.md'), 'utf8');
  const at = doc.indexOf(MARKER);
  expect(at, 'docs/snapshot-by-hand.md has lost its script marker').toBeGreaterThan(-1);
  const start = doc.indexOf('```bash\n', at);
  const end = doc.indexOf('\n```', start + 8);
  return doc.slice(start + 8, end + 1);
}

let work: string;
let assembled: Snapshot;
let expected: Snapshot;
let calls: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-by-hand-'));
  const bin = join(work, 'bin');
  const answers = join(work, 'answers');
  const out = join(work, 'snapshot');
  await writeFakeAwsCli(FIXTURE, ACCOUNTS, bin, answers);
  const script = join(work, 'snapshot-by-hand.sh');
  await writeFile(script, await scriptFromDocs());
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, FAKE_AWS_DIR: answers };
  await run('bash', [script, 'organization', out], {
    env: { ...env, AWS_PROFILE: '111111111111' },
  });
  for (const account of ACCOUNTS) {
    await run('bash', [script, 'account', out], { env: { ...env, AWS_PROFILE: account } });
  }
  calls = await readFile(join(answers, 'calls.log'), 'utf8');
  assembled = await readSnapshotDir(out);
  expected = await readSnapshotDir(FIXTURE);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('docs/snapshot-by-hand.md script', () => {
  it('assembles files that load without an issue', () => {
    expect(assembled.issues).toEqual([]);
    expect([...assembled.accounts.keys()]).toEqual(ACCOUNTS);
  });

  it('loads into the same snapshot as the fixture it was answered from', () => {
    expect(assembled.organization).toEqual(expected.organization);
    for (const id of ACCOUNTS)
      expect(assembled.accounts.get(id)).toEqual(expected.accounts.get(id));
  });

  it('reads bucket details in the bucket region, and only SCP and RCP policy types', () => {
    expect(calls).toContain(
      's3api get-bucket-policy --bucket acme-prod-data-exports --region eu-west-1',
    );
    expect(calls).not.toContain('TAG_POLICY');
  });

  it('records "not configured" answers as absent keys', async () => {
    const s3 = JSON.parse(
      await readFile(join(work, 'snapshot', '444444444444', 's3.json'), 'utf8'),
    ) as { Buckets: Record<string, unknown>[] };
    const logs = s3.Buckets.find((b) => b.Name === 'acme-dev-access-logs');
    expect(logs).toBeDefined();
    expect(Object.keys(logs ?? {}).sort()).toEqual(['Acl', 'Name', 'OwnershipControls', 'Region']);
  });

  it('stops on an error that is not "not configured" instead of reading it as absent', async () => {
    const bin = join(work, 'bin-denied');
    const answers = join(work, 'answers-denied');
    await writeFakeAwsCli(FIXTURE, ['333333333333'], bin, answers);
    // get-bucket-policy now answers AccessDenied.
    const key = keyOf('333333333333', [
      ...COMMON,
      ...[
        's3api',
        'get-bucket-policy',
        '--bucket',
        'acme-prod-data-exports',
        '--region',
        'eu-west-1',
      ],
    ]);
    await rm(join(answers, `${key}.out`));
    await writeFile(
      join(answers, `${key}.err`),
      'An error occurred (AccessDenied) when calling the GetBucketPolicy operation: Access Denied\n',
    );
    const script = join(work, 'snapshot-by-hand.sh');
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      FAKE_AWS_DIR: answers,
      AWS_PROFILE: '333333333333',
    };
    await expect(
      run('bash', [script, 'account', join(work, 'denied')], { env }),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('(AccessDenied)') as unknown,
    });
  });
});
