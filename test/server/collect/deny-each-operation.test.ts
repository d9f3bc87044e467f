/**
 * Every read the collector makes, denied one at a time (AccessDenied, as AWS answers a missing
 * permission of the audit role) and then answered "not implemented" one at a time (HTTP 501, as
 * an AWS emulator answers an operation it lacks): `collect` still finishes, records that call in collection.json,
 * the snapshot it wrote still loads and analyzes, and — when the denial is confined to one
 * account — every other account's files are exactly those of a run without faults. The list of
 * operations is what the collector actually called against the fake endpoint, so a collector
 * added later is covered without editing this file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir } from '../../../server/analyze/analyze-snapshot-dir.js';
import type { CollectResult } from '../../../server/collect/collect-organization.js';
import type { CollectionFile } from '../../../server/collect/collection-state.js';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/config/analysis-config.js';
import { readWrittenSnapshot } from '../../fake-aws/expected-snapshot.js';
import { startFakeAws } from '../../fake-aws/fake-aws-server.js';
import { collectAgainstFake } from '../../fake-aws/collect-against-fake.js';
import type { Fault } from '../../fake-aws/scenario.js';
import {
  AUDIT_ROLE,
  EXTERNAL_ID,
  PROD,
  smallOrgScenario,
} from '../../fake-aws/scenarios/small-org.js';

let workDir: string;
let runs = 0;

interface Run {
  result: CollectResult;
  out: string;
  collection?: CollectionFile;
  operations: string[];
  faults: number;
}

async function collect(faults: readonly Fault[]): Promise<Run> {
  const scenario = smallOrgScenario({ faults });
  const fake = await startFakeAws(scenario);
  try {
    const run = await collectAgainstFake(fake, scenario, {
      out: join(workDir, `run-${String(runs++)}`),
      workDir,
      roleName: AUDIT_ROLE,
      externalId: EXTERNAL_ID,
      maxAttempts: 3,
    });
    return {
      ...run,
      operations: [...fake.stats.byOperation.keys()].sort(),
      faults: fake.stats.faults,
    };
  } finally {
    await fake.close();
  }
}

/** Reads that are about the organization or the caller, not about one member account. */
const organizationLevel = (operation: string): boolean =>
  /^(organizations|sso|identitystore):/.test(operation) || operation === 'sts:GetCallerIdentity';

function denied(operation: string, accountId?: string): Fault {
  return {
    kind: 'error',
    operation,
    ...(accountId === undefined ? {} : { accountId }),
    code: /^(s3|s3control|sts|iam|ec2|autoscaling|cloudformation):/.test(operation)
      ? 'AccessDenied'
      : 'AccessDeniedException',
    status: 403,
    message: `User: arn:aws:sts::${accountId ?? PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: ${operation}`,
  };
}

/** The operation answered as an emulator answers one it does not implement (retryable 5xx). */
function notImplemented(operation: string, accountId?: string): Fault {
  return {
    kind: 'error',
    operation,
    ...(accountId === undefined ? {} : { accountId }),
    code: 'NotImplemented',
    status: 501,
    message: `The API action ${operation} has not been implemented`,
  };
}

/** The written files of every account but `accountId` (organization-level files included). */
async function filesBesides(dir: string, accountId: string): Promise<[string, unknown][]> {
  const files = await readWrittenSnapshot(dir);
  return [...files]
    .filter(([name]) => !name.startsWith(`${accountId}/`))
    .sort((a, b) => a[0].localeCompare(b[0]));
}

describe.each([
  ['denied', denied],
  ['not implemented by the endpoint', notImplemented],
] as const)('every collector read %s, one at a time', (_label, fault) => {
  let clean: Run;
  let cleanOthers: [string, unknown][];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'trustmap-deny-each-'));
    clean = await collect([]);
    cleanOthers = await filesBesides(clean.out, PROD);
  }, 60_000);
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('calls every service the collector reads (the sweep below is not empty)', () => {
    expect(clean.result.outcome).not.toBe('failed');
    for (const service of ['iam', 's3', 'kms', 'lambda', 'organizations', 'sts', 'sqs', 'ecr'])
      expect(
        clean.operations.some((op) => op.startsWith(`${service}:`)),
        service,
      ).toBe(true);
    expect(clean.operations.length).toBeGreaterThan(50);
  });

  it('finishes, records the call and keeps everything else', async () => {
    const problems: string[] = [];
    for (const operation of clean.operations) {
      let run = await collect([fault(operation, organizationLevel(operation) ? undefined : PROD)]);
      let confined = !organizationLevel(operation);
      // Some reads happen only in other member accounts: deny them everywhere instead.
      if (confined && run.faults === 0) {
        run = await collect([fault(operation)]);
        confined = false;
      }
      if (run.faults === 0) {
        problems.push(`${operation}: the fault never fired`);
        continue;
      }
      if (operation === 'sts:GetCallerIdentity') {
        // Without the caller's identity nothing can be collected: a clear failure, no snapshot.
        if (
          run.result.outcome !== 'failed' ||
          !/sts:GetCallerIdentity/.test(run.result.failure ?? '')
        )
          problems.push(
            `${operation}: expected a failure naming the call, got ${JSON.stringify(run.result)}`,
          );
        continue;
      }
      if (run.collection === undefined) {
        problems.push(`${operation}: no collection.json`);
        continue;
      }
      if (!run.collection.errors.some((e) => e.call === operation))
        problems.push(`${operation}: not recorded in collection.json errors`);
      try {
        await analyzeSnapshotDir(run.out, DEFAULT_ANALYSIS_CONFIG);
      } catch (err: unknown) {
        problems.push(`${operation}: the snapshot does not analyze: ${String(err)}`);
      }
      if (confined) {
        const others = await filesBesides(run.out, PROD);
        try {
          expect(others).toEqual(cleanOthers);
        } catch {
          problems.push(
            `${operation}: denied in ${PROD} only, yet another account's files changed`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
