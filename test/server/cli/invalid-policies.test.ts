/**
 * Invalid policies do not vanish (issue 13, item 4): `"Effect": "Maybe"`, `"Action": 5`, an
 * unknown operator, a numeric principal each become a load issue with file, JSON path and
 * reason, shown in the CLI text of analyzing commands and in the reports; the account's coverage
 * is partial; an SCP whose Allow cannot be read no longer takes a path away silently.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { ADMIN_POLICY_ARN, writeScenario } from '../../helpers/write-scenario.js';

const ORG = '111111111111';
const EXTERNAL = '999999999999';
const QUEUE = `arn:aws:sqs:us-east-1:${ORG}:orders`;
let work: string;
let dir: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-invalid-'));
  dir = join(work, 'snap');
  await writeScenario(dir, {
    org: {
      id: 'o-abcdef1234',
      managementAccountId: ORG,
      accounts: [{ id: ORG, name: 'main', parent: 'r-root' }],
      // The only SCP: its one Allow has a numeric Action (IAM would reject it).
      scps: [
        {
          name: 'Broken',
          targets: ['r-root'],
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 5, Resource: '*' }],
          },
        },
      ],
    },
    accounts: {
      [ORG]: {
        roles: [
          {
            name: 'Entry',
            trust: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${EXTERNAL}:root` },
                  Action: 'sts:AssumeRole',
                },
                { Effect: 'Maybe', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
                {
                  Effect: 'Deny',
                  Principal: { AWS: 12 },
                  Action: 'sts:AssumeRole',
                  Condition: { StringEqualz: { 'aws:PrincipalAccount': '1' } },
                },
              ],
            },
            policies: [
              {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
              },
            ],
          },
          {
            name: 'Admin',
            trust: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${ORG}:role/Entry` },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
            managed: [ADMIN_POLICY_ARN],
          },
        ],
        resources: [
          {
            Type: 'sqs-queue',
            Arn: QUEUE,
            Region: 'us-east-1',
            Policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Maybe', Principal: '*', Action: 'sqs:SendMessage' }],
            }),
          },
        ],
      },
    },
  });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('invalid policies are reported, not dropped', () => {
  it('findings prints each grammar error with file, JSON path and reason', async () => {
    const r = await runCli(['findings', '--from-dir', dir], work);
    expect(r.stderr).toContain('while loading the snapshot');
    expect(r.stderr).toContain(
      `error: organization.json $.Policies[?(@.Id=="p-scp0")].Content.Statement[0].Action: SCP Broken:`,
    );
    const trust = `error: ${ORG}/iam.json $.RoleDetailList[?(@.Arn=="arn:aws:iam::${ORG}:role/Entry")].AssumeRolePolicyDocument.Statement`;
    expect(r.stderr).toContain(
      `${trust}[1].Effect: trust policy of arn:aws:iam::${ORG}:role/Entry`,
    );
    expect(r.stderr).toContain(`${trust}[2].Principal.AWS:`);
    expect(r.stderr).toContain(`${trust}[2].Condition.StringEqualz:`);
    // A resource policy of resources.json is located in that file and named for its service.
    expect(r.stderr).toContain(
      `error: ${ORG}/resources.json $.Resources[?(@.Arn=="${QUEUE}")].Policy.Statement[0].Effect: queue policy of ${QUEUE}:`,
    );
  });

  it('scan: the issues are in the text, the JSON (hidesData) and the reports; coverage is partial', async () => {
    const db = join(work, 'a.db');
    const text = await runCli(['scan', '--from-dir', dir, '--db', db, '--fail-on', 'none'], work);
    expect(text.stderr).toContain('trustmap scan: ');
    expect(text.stderr).toContain('Statement[0].Action');
    const json = await runCli(
      ['scan', '--from-dir', dir, '--db', join(work, 'b.db'), '--json', '--fail-on', 'none'],
      work,
    );
    const body = JSON.parse(json.stdout) as {
      issues?: { file: string; path: string; hidesData?: boolean }[];
      coverage?: { state: string };
    };
    const text2 = JSON.stringify(body);
    expect(text2).toContain('Statement[1].Effect');
    expect(text2).toContain('"hidesData":true');
    expect(text2).toContain('"partial"');
    for (const format of ['markdown', 'html']) {
      const r = await runCli(
        [
          'scan',
          '--from-dir',
          dir,
          '--db',
          join(work, `${format}.db`),
          '--report',
          format,
          '--fail-on',
          'none',
          '--allow-partial',
        ],
        work,
      );
      expect(r.stdout, format).toContain('Load issues');
      expect(r.stdout, format).toContain('Statement[0]');
    }
  });

  it('the unreadable SCP Allow keeps the path conditional instead of removing it', async () => {
    const r = await runCli(
      [
        'query',
        'path',
        `arn:aws:iam::${EXTERNAL}:root`,
        `arn:aws:iam::${ORG}:role/Admin`,
        '--from-dir',
        dir,
        '--include-conditional',
        '--json',
      ],
      work,
    );
    expect(r.stdout).toContain('<unreadable-statement>');
  });
});
