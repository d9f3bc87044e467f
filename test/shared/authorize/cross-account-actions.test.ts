/**
 * Which actions of a queue or topic another account may use at all (IAM-SEMANTICS.md §7a.1), one
 * row per action with the AWS page it follows (tables/cross-account-actions.json). Each row is
 * decided as `trustmap simulate` decides it, on a snapshot whose resource policy grants the
 * service's every action (`sqs:*`, `sns:*`) both to another account and to `*`, and whose callers'
 * identity policies allow everything: an action that does not cross accounts is denied to the
 * other account's role (and, for SQS, to an unsigned caller) while the resource's own account
 * keeps it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir } from '../../../server/analyze/analyze-snapshot-dir.js';
import {
  decidePlan,
  planSimulation,
  type AuthorizationResult,
  type AuthzModel,
  type SimulateRequest,
} from '../../../shared/authorize/index.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { allow, trust, writeScenario } from '../../helpers/write-scenario.js';

interface Row {
  name: string;
  service: 'sqs' | 'sns';
  action: string;
  otherAccount: 'allow' | 'deny';
  sameAccount: 'allow' | 'deny';
  cite: string;
}

const ROWS = JSON.parse(
  readFileSync(join(import.meta.dirname, 'tables', 'cross-account-actions.json'), 'utf8'),
) as Row[];

const OWNER = '111111111111';
const OTHER = '222222222222';
const RESOURCE: Record<Row['service'], string> = {
  sqs: `arn:aws:sqs:us-east-1:${OWNER}:orders`,
  sns: `arn:aws:sns:us-east-1:${OWNER}:alerts`,
};
const OTHER_ROLE = `arn:aws:iam::${OTHER}:role/partner`;
const OWNER_ROLE = `arn:aws:iam::${OWNER}:role/operator`;

const grantEveryone = (service: string, arn: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OtherAccount',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
        Action: `${service}:*`,
        Resource: arn,
      },
      { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: `${service}:*`, Resource: arn },
    ],
  });

let work: string;
let model: AuthzModel;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-cross-account-actions-'));
  await writeScenario(work, {
    accounts: {
      [OWNER]: {
        roles: [
          {
            name: 'operator',
            trust: trust({ AWS: `arn:aws:iam::${OWNER}:root` }),
            policies: [allow('*', '*')],
          },
        ],
        resources: [
          {
            Type: 'sqs-queue',
            Arn: RESOURCE.sqs,
            Region: 'us-east-1',
            Policy: grantEveryone('sqs', RESOURCE.sqs),
          },
          {
            Type: 'sns-topic',
            Arn: RESOURCE.sns,
            Region: 'us-east-1',
            Policy: grantEveryone('sns', RESOURCE.sns),
          },
        ],
      },
      [OTHER]: {
        roles: [
          {
            name: 'partner',
            trust: trust({ AWS: `arn:aws:iam::${OTHER}:root` }),
            policies: [allow('*', '*')],
          },
        ],
      },
    },
  });
  ({ model } = await analyzeSnapshotDir(work, resolveAnalysisConfig({})));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function decide(principal: SimulateRequest['principal'], row: Row): AuthorizationResult {
  return decidePlan(
    planSimulation(model, {
      principal,
      action: row.action,
      resource: RESOURCE[row.service],
      context: {},
      unknownContextKeys: [],
    }),
  );
}

describe('cross-account actions of the resource-policy services', () => {
  it('has a named, cited row per action, names unique', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
    for (const r of ROWS) expect(r.cite).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const other = decide(OTHER_ROLE, row);
    expect(other.decision, `${OTHER_ROLE} ${row.action}`).toBe(row.otherAccount);
    if (row.otherAccount === 'deny') expect(other.notes).toContain('not-a-cross-account-action');
    expect(decide(OWNER_ROLE, row).decision, `${OWNER_ROLE} ${row.action}`).toBe(row.sameAccount);
    // SQS takes unsigned requests: the anonymous caller is of no account, so it is held to what
    // another account may use. SNS accepts signed requests only.
    if (row.service === 'sqs')
      expect(decide({ anonymous: true }, row).decision, `anonymous ${row.action}`).toBe(
        row.otherAccount,
      );
  });
});
