/**
 * Issue 12 through the CLI, on snapshot files: a risk that gets worse (case 1), incomplete data
 * (case 2), conditions that are no gate (case 3), one finding per root cause (case 7), the best
 * decision over all paths (case 8) and a store that cannot be found (case 10). Each scenario is
 * written in the AWS CLI's format (test/helpers/write-scenario.ts) and run through `main()`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import {
  ADMIN_POLICY_ARN,
  writeScenario,
  type Doc,
  type Scenario,
} from '../../helpers/write-scenario.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'trustmap-judgement-'));
  dirs.push(d);
  return d;
}

const ORG = {
  id: 'o-judgement1',
  managementAccountId: '111111111111',
  accounts: [
    { id: '111111111111', name: 'management', parent: 'r-root' },
    { id: '222222222222', name: 'workloads', parent: 'r-root' },
  ],
};
const EXTERNAL = '999988887777';
const GATEWAY = 'arn:aws:iam::222222222222:role/PartnerGateway';
const ADMIN = 'arn:aws:iam::222222222222:role/Admin';

const trust = (principal: Doc, condition?: Doc): Doc => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: principal,
      Action: 'sts:AssumeRole',
      ...(condition === undefined ? {} : { Condition: condition }),
    },
  ],
});
const allowDoc = (action: string | string[], resource: string | string[] = '*'): Doc => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});

/** External account → PartnerGateway (ExternalId or not) → Admin. */
function chain(withExternalId: boolean): Scenario {
  return {
    org: ORG,
    accounts: {
      '111111111111': {},
      '222222222222': {
        roles: [
          {
            name: 'PartnerGateway',
            trust: trust(
              { AWS: `arn:aws:iam::${EXTERNAL}:root` },
              withExternalId ? { StringEquals: { 'sts:ExternalId': 'partner-7f3a' } } : undefined,
            ),
            policies: [allowDoc('sts:AssumeRole', ADMIN)],
          },
          { name: 'Admin', trust: trust({ AWS: GATEWAY }), managed: [ADMIN_POLICY_ARN] },
        ],
      },
    },
  };
}

interface ScanJson {
  exitCode: number;
  failing: number;
  coverage: { state: string; incomplete: { accountId: string; status: string }[] };
  diff: {
    worsenedFindings: {
      rule: string;
      subject: string;
      severity: string;
      change: { kind: string; worse: string[] };
    }[];
    newFindings: { rule: string; subject: string }[];
    changedEdges: { source: string; target: string; previousDecision: string; decision: string }[];
  };
  findings: { rule: string; subject: string }[];
}

describe('case 1: a risk that gets worse is reported', () => {
  it('removing the ExternalId on the path to an admin role: worsened in the summary, JSON, Markdown, HTML and SARIF; --fail-on counts it', async () => {
    const d = temp();
    const v1 = join(d, 'v1');
    const v2 = join(d, 'v2');
    await writeScenario(v1, chain(true));
    await writeScenario(v2, chain(false));
    const db = join(d, 'trustmap.db');
    expect((await runCli(['scan', '--from-dir', v1, '--db', db], d)).code).toBe(1);
    // Nothing new the second time, but two findings got worse: exit 1.
    const second = await runCli(['scan', '--from-dir', v2, '--db', db], d);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('0 new findings, 2 worsened');
    expect(second.stderr).toMatch(
      /WORSENED critical external-path-to-admin arn:aws:iam::222222222222:role\/Admin {2}\(conditional \(sts:ExternalId\) → allow\)/,
    );
    expect(second.stderr).toContain(
      `CHANGED EDGE external arn:aws:iam::${EXTERNAL}:root → ${GATEWAY} can-assume (conditional → allow)`,
    );
    expect(second.stderr).toContain('2 new or worsened finding(s) at or above high');

    // Same change once more, read as JSON and every report.
    const db2 = join(d, 'again.db');
    await runCli(['scan', '--from-dir', v1, '--db', db2], d);
    const json = await runCli(['scan', '--from-dir', v2, '--db', db2, '--json'], d);
    const result = JSON.parse(json.stdout) as ScanJson;
    expect(result.exitCode).toBe(1);
    expect(
      result.diff.worsenedFindings.map((f) => [f.rule, f.subject, f.change.kind, f.change.worse]),
    ).toEqual([
      ['external-path-to-admin', ADMIN, 'worsened', ['conditional (sts:ExternalId) → allow']],
      [
        'external-trust-unknown-account',
        GATEWAY,
        'worsened',
        ['conditional (sts:ExternalId) → allow'],
      ],
    ]);
    expect(result.diff.changedEdges).toEqual([
      expect.objectContaining({
        source: `arn:aws:iam::${EXTERNAL}:root`,
        target: GATEWAY,
        previousDecision: 'conditional',
        decision: 'allow',
      }),
    ]);
    // --fail-on critical: the worsened critical finding still fails the job.
    const db3 = join(d, 'critical.db');
    await runCli(['scan', '--from-dir', v1, '--db', db3], d);
    expect(
      (await runCli(['scan', '--from-dir', v2, '--db', db3, '--fail-on', 'critical'], d)).code,
    ).toBe(1);
    // Back to the ExternalId: improved, nothing fails.
    const back = await runCli(['scan', '--from-dir', v1, '--db', db3, '--json'], d);
    const improved = JSON.parse(back.stdout) as ScanJson & {
      diff: { improvedFindings: { rule: string; change: { better: string[] } }[] };
    };
    expect(improved.exitCode).toBe(0);
    expect(improved.diff.improvedFindings.map((f) => [f.rule, f.change.better])).toEqual([
      ['external-path-to-admin', ['allow → conditional (sts:ExternalId)']],
      ['external-trust-unknown-account', ['allow → conditional (sts:ExternalId)']],
    ]);

    for (const [format, check] of [
      [
        'markdown',
        (t: string) => {
          expect(t).toContain('0 new findings, 2 worsened');
          const section = t.slice(t.indexOf('## Worsened findings'), t.indexOf('## New edges'));
          expect(section).toContain('| critical | critical | `external-path-to-admin` |');
          // Markdown metacharacters of the text are escaped.
          expect(section).toContain('conditional \\(sts:ExternalId\\) → allow');
          expect(t.slice(t.indexOf('## Changed edges'))).toContain('conditional → allow');
        },
      ],
      [
        'html',
        (t: string) => {
          const section = t.slice(
            t.indexOf('<h2>Worsened findings</h2>'),
            t.indexOf('<h2>New edges</h2>'),
          );
          expect(section).toContain('external-path-to-admin');
          expect(section).toContain('conditional (sts:ExternalId) → allow');
        },
      ],
      [
        'sarif',
        (t: string) => {
          const sarif = JSON.parse(t) as {
            runs: {
              results: {
                ruleId: string;
                baselineState: string;
                properties: { change?: string; changes?: string[] };
              }[];
            }[];
          };
          const byRule = new Map(sarif.runs[0]?.results.map((r) => [r.ruleId, r]));
          expect(byRule.get('external-path-to-admin')?.baselineState).toBe('updated');
          expect(byRule.get('external-path-to-admin')?.properties.changes).toEqual([
            'conditional (sts:ExternalId) → allow',
          ]);
        },
      ],
    ] as const) {
      const dbF = join(d, `${format}.db`);
      await runCli(['scan', '--from-dir', v1, '--db', dbF], d);
      const r = await runCli(['scan', '--from-dir', v2, '--db', dbF, '--report', format], d);
      check(r.stdout);
    }

    // `trustmap diff` says it too.
    const diff = await runCli(['diff', '--db', db], d);
    expect(diff.stdout).toContain(
      `! worsened critical external-path-to-admin ${ADMIN}: conditional (sts:ExternalId) → allow`,
    );
  });
});

describe('case 2: incomplete data does not pass as clean', () => {
  function truncate(dir: string, account: string): void {
    const file = join(dir, account, 'iam.json');
    const iam = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...iam, IsTruncated: true, Marker: 'page-2' }));
  }

  it('a truncated listing makes the account partial: incomplete-coverage, exit 4 unless --allow-partial, in every output', async () => {
    const d = temp();
    const v1 = join(d, 'v1');
    const v2 = join(d, 'v2');
    const scenario: Scenario = {
      org: ORG,
      accounts: {
        '111111111111': {},
        '222222222222': {
          roles: [{ name: 'App', trust: trust({ Service: 'lambda.amazonaws.com' }) }],
        },
      },
    };
    await writeScenario(v1, scenario);
    await writeScenario(v2, scenario);
    truncate(v2, '222222222222');
    const db = join(d, 'trustmap.db');
    const first = await runCli(['scan', '--from-dir', v1, '--db', db], d);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('coverage complete: every account was read whole');
    const second = await runCli(['scan', '--from-dir', v2, '--db', db], d);
    expect(second.code).toBe(4);
    expect(second.stderr).toContain(
      'coverage partial: 1 account not read whole (222222222222 partial)',
    );
    expect(second.stderr).toContain(
      'INCOMPLETE 222222222222 partial: 222222222222/iam.json $.IsTruncated',
    );
    expect(second.stderr).toMatch(/NEW medium incomplete-coverage arn:aws:iam::222222222222:root/);
    expect(second.stderr).toContain('coverage is partial: exit 4');

    const db2 = join(d, 'allow.db');
    await runCli(['scan', '--from-dir', v1, '--db', db2], d);
    const allowed = await runCli(
      ['scan', '--from-dir', v2, '--db', db2, '--allow-partial', '--json'],
      d,
    );
    expect(allowed.code).toBe(0);
    const result = JSON.parse(allowed.stdout) as ScanJson;
    expect(result.coverage).toEqual({
      state: 'partial',
      incomplete: [
        {
          accountId: '222222222222',
          status: 'partial',
          workloads: 'unknown',
          reasons: [
            '222222222222/iam.json $.IsTruncated: the listing is truncated (one page of several, e.g. from --max-items or --no-paginate): users, groups, roles and policies past this page are missing',
          ],
        },
      ],
    });
    expect(result.findings.map((f) => [f.rule, f.subject])).toContainEqual([
      'incomplete-coverage',
      'arn:aws:iam::222222222222:root',
    ]);

    const md = await runCli(
      ['scan', '--from-dir', v2, '--db', join(d, 'md.db'), '--report', 'markdown'],
      d,
    );
    expect(md.code).toBe(4);
    expect(md.stdout).toContain('**Coverage:** partial: 1 account not read whole');
    expect(md.stdout).toContain('## Incomplete coverage');
    expect(md.stdout).toContain('| 222222222222 | partial |');
    const html = await runCli(
      ['scan', '--from-dir', v2, '--db', join(d, 'h.db'), '--report', 'html'],
      d,
    );
    expect(html.stdout).toContain('class="coverage-partial"');
    expect(html.stdout).toContain('<h2>Incomplete coverage</h2>');
    const sarif = await runCli(
      ['scan', '--from-dir', v2, '--db', join(d, 's.db'), '--report', 'sarif'],
      d,
    );
    const log = JSON.parse(sarif.stdout) as {
      runs: {
        invocations: {
          properties: { coverage: string };
          toolExecutionNotifications: { message: { text: string } }[];
        }[];
      }[];
    };
    const inv = log.runs[0]?.invocations[0];
    expect(inv?.properties.coverage).toBe('partial');
    expect(inv?.toolExecutionNotifications[0]?.message.text).toContain(
      'Account 222222222222 coverage partial',
    );
  });

  it('an organization account without a folder and an unreadable document also make coverage partial', async () => {
    const d = temp();
    const dir = join(d, 'snap');
    await writeScenario(dir, {
      org: {
        ...ORG,
        accounts: [...ORG.accounts, { id: '333333333333', name: 'gone', parent: 'r-root' }],
      },
      accounts: {
        '111111111111': {},
        '222222222222': {
          roles: [{ name: 'App', trust: trust({ Service: 'lambda.amazonaws.com' }) }],
        },
      },
    });
    // A trust policy that cannot be decoded hides that role's trust.
    const file = join(dir, '222222222222', 'iam.json');
    const iam = JSON.parse(readFileSync(file, 'utf8')) as {
      RoleDetailList: { AssumeRolePolicyDocument: string }[];
    };
    const role = iam.RoleDetailList[0];
    if (role !== undefined) role.AssumeRolePolicyDocument = '%7Bnot json';
    writeFileSync(file, JSON.stringify(iam));
    const r = await runCli(['scan', '--from-dir', dir, '--db', join(d, 'x.db'), '--json'], d);
    expect(r.code).toBe(4);
    const result = JSON.parse(r.stdout) as ScanJson;
    expect(result.coverage.incomplete.map((c) => [c.accountId, c.status])).toEqual([
      ['222222222222', 'partial'],
      ['333333333333', 'missing'],
    ]);
  });
});

describe('case 3: conditions the caller chooses are no gate', () => {
  it('DenyInsecureTransport does not make the readers of a bucket conditional; --no-conditional still finds them', async () => {
    const d = temp();
    const dir = join(d, 'snap');
    const bucket = 'acme-trail-222222222222';
    await writeScenario(dir, {
      org: ORG,
      accounts: {
        '111111111111': {},
        '222222222222': {
          roles: [
            {
              name: 'Auditor',
              trust: trust({ AWS: 'arn:aws:iam::222222222222:root' }),
              policies: [allowDoc('s3:GetObject', `arn:aws:s3:::${bucket}/*`)],
            },
          ],
          buckets: [
            {
              name: bucket,
              policy: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Sid: 'DenyInsecureTransport',
                    Effect: 'Deny',
                    Principal: '*',
                    Action: 's3:*',
                    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
                    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                  },
                ],
              },
            },
          ],
        },
      },
    });
    const r = await runCli(
      [
        'query',
        'who-can-reach',
        `arn:aws:s3:::${bucket}`,
        '--from-dir',
        dir,
        '--no-conditional',
        '--json',
      ],
      d,
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      principals: {
        principal: string;
        decision: string;
        path: { evidence: { reason: string }[] }[];
      }[];
    };
    const auditor = result.principals.find(
      (p) => p.principal === 'arn:aws:iam::222222222222:role/Auditor',
    );
    expect(auditor?.decision).toBe('allow');
    expect(JSON.stringify(auditor?.path)).toContain('satisfiable by the caller');
  });
});

describe('case 7: one finding per root cause', () => {
  it('a trust of an unknown account on an admin role gives one critical finding with both reasons', async () => {
    const d = temp();
    const dir = join(d, 'snap');
    await writeScenario(dir, {
      org: ORG,
      accounts: {
        '111111111111': {},
        '222222222222': {
          roles: [
            {
              name: 'Admin',
              trust: trust({ AWS: `arn:aws:iam::${EXTERNAL}:root` }),
              managed: [ADMIN_POLICY_ARN],
            },
          ],
        },
      },
    });
    const r = await runCli(['findings', '--from-dir', dir, '--json'], d);
    const result = JSON.parse(r.stdout) as {
      findings: {
        rule: string;
        severity: string;
        subject: string;
        mergedFrom?: { rule: string; severity: string }[];
      }[];
    };
    const onAdmin = result.findings.filter((f) => f.subject === ADMIN);
    expect(onAdmin.map((f) => [f.rule, f.severity])).toEqual([
      ['external-path-to-admin', 'critical'],
    ]);
    expect(onAdmin[0]?.mergedFrom?.map((x) => [x.rule, x.severity])).toEqual([
      ['external-path-to-admin', 'critical'],
      ['external-trust-unknown-account', 'high'],
    ]);
    const text = await runCli(['findings', '--from-dir', dir], d);
    expect(text.stdout).toContain('[also: external-trust-unknown-account (high)');
  });
});

describe('case 8: the decision shown is the best over all paths', () => {
  it('an unconditional 2-hop path beats a conditional 1-hop path, in who-can-reach and reachable-from', async () => {
    const d = temp();
    const dir = join(d, 'snap');
    const bucket = 'acme-data-222222222222';
    const READER = 'arn:aws:iam::222222222222:role/Reader';
    const HELPER = 'arn:aws:iam::222222222222:role/Helper';
    await writeScenario(dir, {
      org: ORG,
      accounts: {
        '111111111111': {},
        '222222222222': {
          roles: [
            {
              // 1 hop, conditional: reads only from the office network.
              name: 'Reader',
              trust: trust({ Service: 'lambda.amazonaws.com' }),
              policies: [
                {
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Effect: 'Allow',
                      Action: 's3:GetObject',
                      Resource: `arn:aws:s3:::${bucket}/*`,
                      Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
                    },
                    { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: HELPER },
                  ],
                },
              ],
            },
            {
              // 2 hops, unconditional: Reader → Helper → bucket.
              name: 'Helper',
              trust: trust({ AWS: READER }),
              policies: [allowDoc('s3:GetObject', `arn:aws:s3:::${bucket}/*`)],
            },
          ],
          buckets: [{ name: bucket }],
        },
      },
    });
    const who = await runCli(
      ['query', 'who-can-reach', `arn:aws:s3:::${bucket}`, '--from-dir', dir, '--json'],
      d,
    );
    const reach = JSON.parse(who.stdout) as {
      principals: { principal: string; decision: string; path: { to: string }[] }[];
    };
    const reader = reach.principals.find((p) => p.principal === READER);
    expect(reader?.decision).toBe('allow');
    expect(reader?.path.map((h) => h.to)).toEqual([HELPER, `arn:aws:s3:::${bucket}`]);
    const from = await runCli(['query', 'reachable-from', READER, '--from-dir', dir, '--json'], d);
    const blast = JSON.parse(from.stdout) as {
      buckets: { bucket: string; action: string; decision: string; path: unknown[] }[];
    };
    const read = blast.buckets.find(
      (b) => b.bucket === `arn:aws:s3:::${bucket}` && b.action === 'read',
    );
    expect([read?.decision, read?.path.length]).toEqual(['allow', 2]);
  });
});

describe('case 10: diff without a store says which stores exist', () => {
  it('names the demo store of the data directory and how to point at it', async () => {
    const d = temp();
    const data = join(d, 'data');
    mkdirSync(data);
    // The store `trustmap serve --demo` leaves behind.
    const demo = join(data, 'demo-12.db');
    const v1 = join(d, 'v1');
    await writeScenario(v1, chain(true));
    await runCli(['scan', '--from-dir', v1, '--db', demo], d);
    const r = await runCli(['diff'], d, { TRUSTMAP_DATA_DIR: data });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `stores in ${data}: ${demo} (the demo of \`trustmap serve --demo\` / npm start)`,
    );
    expect(r.stderr).toContain('choose one with --db <file> or TRUSTMAP_DB=<file>');
    const ok = await runCli(['diff'], d, { TRUSTMAP_DATA_DIR: data, TRUSTMAP_DB: demo });
    expect(ok.code).toBe(0);
  });
});

describe('case 6: one account, no organization file, the organization named in the config', () => {
  const MGMT = '111111111111';
  async function singleAccountDump(dir: string): Promise<void> {
    await writeScenario(dir, {
      accounts: {
        '222222222222': {
          roles: [
            {
              name: 'OrganizationAccountAccessRole',
              trust: trust({ AWS: `arn:aws:iam::${MGMT}:root` }),
              managed: [ADMIN_POLICY_ARN],
            },
            {
              name: 'AWSCloudFormationStackSetExecutionRole',
              trust: trust({
                AWS: `arn:aws:iam::${MGMT}:role/AWSCloudFormationStackSetAdministrationRole`,
              }),
              managed: [ADMIN_POLICY_ARN],
            },
          ],
        },
      },
    });
  }
  interface Out {
    findings: { rule: string; subject: string; title: string }[];
  }

  it('without it the management account is an unknown external account; with it, no finding and no ExternalId advice', async () => {
    const d = temp();
    const dir = join(d, 'snap');
    await singleAccountDump(dir);
    const bare = JSON.parse(
      (await runCli(['findings', '--from-dir', dir, '--json'], d)).stdout,
    ) as Out;
    // Two critical findings, each also an unknown external account (one per root cause).
    const bareOut = bare as unknown as {
      findings: { rule: string; severity: string; mergedFrom?: { rule: string }[] }[];
    };
    expect(
      bareOut.findings.map((f) => [f.severity, f.rule, f.mergedFrom?.map((r) => r.rule)]),
    ).toEqual([
      [
        'critical',
        'external-path-to-admin',
        ['external-path-to-admin', 'external-trust-unknown-account'],
      ],
      [
        'critical',
        'external-path-to-admin',
        ['external-path-to-admin', 'external-trust-unknown-account'],
      ],
    ]);
    // The example config of docs/ names the organization and this management account.
    const config = join(d, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        organization: {
          id: 'o-a1b2c3d4e5',
          managementAccountId: MGMT,
          accounts: ['222222222222', { id: MGMT, name: 'acme-management' }],
        },
      }),
    );
    const named = await runCli(['findings', '--from-dir', dir, '--config', config, '--json'], d);
    expect(named.code).toBe(0);
    const out = JSON.parse(named.stdout) as Out;
    // The management account has no folder: its access is unknown (incomplete coverage), and
    // nothing else is reported — no unknown account, no path from outside, no ExternalId advice.
    expect(out.findings.map((f) => [f.rule, f.subject])).toEqual([
      ['incomplete-coverage', `arn:aws:iam::${MGMT}:root`],
    ]);
    expect(JSON.stringify(out)).not.toContain('ExternalId');
    const who = await runCli(
      [
        'query',
        'can-assume',
        'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
        '--from-dir',
        dir,
        '--config',
        config,
        '--json',
      ],
      d,
    );
    expect(who.stdout).toContain('"scope": "org"');
    expect(who.stdout).not.toContain('"scope": "external"');
  });

  it('the docs example config is valid, and a wrong value names the field', async () => {
    const d = temp();
    const dir = join(d, 'snap');
    await singleAccountDump(dir);
    const example = join(import.meta.dirname, '..', '..', '..', 'docs', 'config.example.json');
    expect(
      (await runCli(['findings', '--from-dir', dir, '--config', example, '--json'], d)).code,
    ).toBe(0);
    for (const [organization, message] of [
      [{ id: 'org-1', managementAccountId: MGMT }, '.organization.id: expected an organization id'],
      [
        { id: 'o-a1b2c3d4e5', managementAccountId: '1111' },
        '.organization.managementAccountId: expected a 12-digit account id',
      ],
      [
        { id: 'o-a1b2c3d4e5', managementAccountId: MGMT, accounts: ['x'] },
        '.organization.accounts[0]: expected a 12-digit account id',
      ],
      [
        { id: 'o-a1b2c3d4e5', managementAccountId: MGMT, accounts: 'all' },
        '.organization.accounts: expected a list',
      ],
    ] as const) {
      const bad = join(d, 'bad.json');
      writeFileSync(bad, JSON.stringify({ organization }));
      const r = await runCli(['findings', '--from-dir', dir, '--config', bad], d);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});

describe('case 5: an EKS cluster trusted without a subject', () => {
  it('is a medium finding naming the fix; a sub condition naming the service account clears it', async () => {
    const d = temp();
    const host = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const provider = `arn:aws:iam::222222222222:oidc-provider/${host}`;
    const irsa = (sub: boolean): Scenario => ({
      org: ORG,
      accounts: {
        '111111111111': {},
        '222222222222': {
          oidcProviders: [host],
          roles: [
            {
              name: 'PodReader',
              trust: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Federated: provider },
                    Action: 'sts:AssumeRoleWithWebIdentity',
                    Condition: {
                      StringEquals: {
                        [`${host}:aud`]: 'sts.amazonaws.com',
                        ...(sub ? { [`${host}:sub`]: 'system:serviceaccount:web:reader' } : {}),
                      },
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    });
    const open = join(d, 'open');
    const bound = join(d, 'bound');
    await writeScenario(open, irsa(false));
    await writeScenario(bound, irsa(true));
    type Out = { findings: { rule: string; severity: string; subject: string; title: string }[] };
    const a = JSON.parse(
      (await runCli(['findings', '--from-dir', open, '--json'], d)).stdout,
    ) as Out;
    const eks = a.findings.filter((f) => f.rule === 'oidc-trust-without-subject');
    expect(eks.map((f) => [f.severity, f.subject])).toEqual([
      ['medium', 'arn:aws:iam::222222222222:role/PodReader'],
    ]);
    expect(eks[0]?.title).toContain('every service account of that cluster can assume it');
    expect(eks[0]?.title).toContain('system:serviceaccount:<namespace>:<name>');
    const b = JSON.parse(
      (await runCli(['findings', '--from-dir', bound, '--json'], d)).stdout,
    ) as Out;
    expect(b.findings.filter((f) => f.rule === 'oidc-trust-without-subject')).toEqual([]);
  });
});

describe('case 6 in simulate: --config names the organization of a single-account dump', () => {
  it('a caller of the configured organization meets an aws:PrincipalOrgID trust', async () => {
    const d = temp();
    const dir = join(d, 'snap');
    await writeScenario(dir, {
      accounts: {
        '222222222222': {
          roles: [
            {
              name: 'OrgReader',
              trust: trust(
                { AWS: '*' },
                { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
              ),
            },
          ],
        },
      },
    });
    const request = join(d, 'request.json');
    writeFileSync(
      request,
      JSON.stringify({
        principal: 'arn:aws:iam::111111111111:role/Admin',
        action: 'sts:AssumeRole',
        resource: 'arn:aws:iam::222222222222:role/OrgReader',
      }),
    );
    const config = join(d, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        organization: {
          id: 'o-a1b2c3d4e5',
          managementAccountId: '111111111111',
          accounts: ['222222222222'],
        },
      }),
    );
    const bare = await runCli(['simulate', '--from-dir', dir, '--request', request, '--json'], d);
    const named = await runCli(
      ['simulate', '--from-dir', dir, '--request', request, '--config', config, '--json'],
      d,
    );
    expect(named.code, named.stderr).toBe(0);
    const decisionOf = (out: string): string => (JSON.parse(out) as { decision: string }).decision;
    expect(decisionOf(named.stdout)).toBe('allow');
    expect(decisionOf(bare.stdout)).not.toBe('allow');
  });
});
