/**
 * Checkpoint and resume: `trustmap collect` runs as a child process against the fake endpoint
 * (configured through AWS_ENDPOINT_URL, credentials through the SDK's default chain), is killed
 * midway, then `--resume` finishes the job. The result must equal the ground truth, and accounts
 * finished before the kill must not be read again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionFile } from '../../../server/collect/collection-state.js';
import {
  expectedSnapshotFiles,
  readWrittenSnapshot,
  sortedEntries,
} from '../../fake-aws/expected-snapshot.js';
import { startFakeAws, type FakeAws } from '../../fake-aws/fake-aws-server.js';
import { callerAccessKeyId } from '../../fake-aws/fake-request.js';
import {
  GENERATED_MANAGEMENT,
  generatedAccountId,
  generatedOrgScenario,
} from '../../fake-aws/scenarios/generated-org.js';

const ACCOUNTS = 12;
const DENIED_INDEX = 7;
const REPO = join(import.meta.dirname, '..', '..', '..');
const scenario = generatedOrgScenario({
  accounts: ACCOUNTS,
  latencyMs: 40,
  deniedIndexes: [DENIED_INDEX],
  pageSize: { organizations: 3 },
});
const DENIED = generatedAccountId(DENIED_INDEX);

let fake: FakeAws;
let workDir: string;

beforeAll(async () => {
  fake = await startFakeAws(scenario);
  workDir = await mkdtemp(join(tmpdir(), 'trustmap-resume-'));
});
afterAll(async () => {
  await fake.close();
  await rm(workDir, { recursive: true, force: true });
});

function runCli(args: string[]): {
  child: ChildProcess;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'test/fake-aws/run-cli.ts'), ...args],
    {
      cwd: REPO,
      env: {
        PATH: process.env['PATH'],
        HOME: workDir,
        AWS_ACCESS_KEY_ID: callerAccessKeyId(GENERATED_MANAGEMENT),
        AWS_SECRET_ACCESS_KEY: 'fake-secret',
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: fake.url,
        AWS_CONFIG_FILE: join(workDir, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(workDir, 'no-aws-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdout.resume();
  const exit = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      resolve(code);
    });
  });
  return { child, exit, stderr: () => stderr };
}

async function readCollection(out: string): Promise<CollectionFile | undefined> {
  try {
    return JSON.parse(await readFile(join(out, 'collection.json'), 'utf8')) as CollectionFile;
  } catch {
    return undefined;
  }
}

const okAccounts = (collection: CollectionFile | undefined): string[] =>
  Object.entries(collection?.accounts ?? {})
    .filter(([, record]) => record.status === 'ok')
    .map(([id]) => id);

describe('collect --resume after the process was killed', () => {
  const out = () => join(workDir, 'snapshot');
  let beforeKill: CollectionFile | undefined;
  let callsBeforeResume: Map<string, number>;
  let resumeExit: number | null;
  let resumeStderr: string;

  beforeAll(async () => {
    const first = runCli(['collect', '--out', out(), '--concurrency', '2']);
    // Kill as soon as four accounts are checkpointed.
    for (;;) {
      const collection = await readCollection(out());
      if (okAccounts(collection).length >= 4) break;
      const exited = await Promise.race([
        first.exit.then(() => true),
        new Promise((r) => {
          setTimeout(() => {
            r(false);
          }, 25);
        }),
      ]);
      if (exited === true)
        throw new Error(`the first run ended before it could be interrupted:\n${first.stderr()}`);
    }
    first.child.kill('SIGKILL');
    await first.exit;
    beforeKill = await readCollection(out());
    callsBeforeResume = new Map(fake.stats.accountCalls);

    const second = runCli(['collect', '--out', out(), '--concurrency', '2', '--resume']);
    resumeExit = await second.exit;
    resumeStderr = second.stderr();
  }, 60_000);

  it('was really interrupted midway', () => {
    expect(beforeKill?.finishedAt).toBeUndefined();
    expect(okAccounts(beforeKill).length).toBeGreaterThanOrEqual(4);
    expect(okAccounts(beforeKill).length).toBeLessThan(ACCOUNTS - 1);
  });

  it('the resumed collection equals the ground truth', async () => {
    const readable = scenario.accountIds.filter((id) => id !== DENIED);
    expect(sortedEntries(await readWrittenSnapshot(out()))).toEqual(
      sortedEntries(expectedSnapshotFiles(scenario, readable)),
    );
  });

  it('did not read again the accounts finished before the kill', () => {
    for (const id of okAccounts(beforeKill)) {
      expect({ id, calls: fake.stats.accountCalls.get(id) }).toEqual({
        id,
        calls: callsBeforeResume.get(id),
      });
    }
  });

  it('finished with every account recorded and exit code 4 for the denied account', async () => {
    const collection = await readCollection(out());
    expect(collection?.finishedAt).toBeDefined();
    const statuses = Object.fromEntries(
      Object.entries(collection?.accounts ?? {}).map(([id, r]) => [id, r.status]),
    );
    expect(statuses).toEqual(
      Object.fromEntries(scenario.accountIds.map((id) => [id, id === DENIED ? 'denied' : 'ok'])),
    );
    expect(resumeExit).toBe(4);
    expect(resumeStderr).toContain(`account ${DENIED} denied: sts:AssumeRole AccessDenied`);
    expect(resumeStderr).toMatch(/already collected, resuming/);
  });
});
