/**
 * `trustmap findings` through `main()` on the demo organization: exactly the findings that
 * docs/demo-organization.md ("Findings: what each planted element must raise") requires — each
 * planted element fires, each clean twin stays silent — the --json shape, filters, suppressions
 * from a config file, and usage errors.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoSnapshot } from '../../../server/demo/write-demo-snapshot.js';
import { runCli, type CliRun } from '../../helpers/run-cli.js';

let work: string;
let demo: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-findings-'));
  demo = join(work, 'demo');
  await writeDemoSnapshot(demo, { accounts: 12, seed: 'trustmap-demo' });
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function run(args: string[]): Promise<CliRun> {
  return runCli(args, work, { TRUSTMAP_DATA_DIR: work });
}

interface FindingJson {
  id: string;
  rule: string;
  severity: string;
  subject: string;
  accountId: string | null;
  title: string;
  evidence: unknown[];
  suppressed?: { reason: string; expires?: string };
}

async function findings(extra: string[] = []): Promise<FindingJson[]> {
  const r = await run(['findings', '--from-dir', demo, '--json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const body = JSON.parse(r.stdout) as { findings: FindingJson[] };
  expect(Object.keys(body)).toEqual(['findings']);
  return body.findings;
}

const role = (a: string, n: string): string => `arn:aws:iam::${a}:role/${n}`;
const sso = (resource: string): string => `sso:d-9067a1b2c3:${resource}`;
const DATA = (service: string, resource: string): string =>
  `arn:aws:${service}:us-east-1:500000000005:${resource}`;
const KEY = (n: number): string =>
  DATA('kms', `key/00000005-0000-4000-8000-${String(n).padStart(12, '0')}`);

/** docs/demo-organization.md, "Findings: what each planted element must raise". */
const EXPECTED: [string, string][] = [
  ['public-trust', role('500000000003', 'LegacyPublicRole')],
  ['external-trust-unknown-account', role('500000000002', 'PartnerAuditRole')],
  ['external-trust-unknown-account', role('444444444444', 'ci/ExternalDeployRole')],
  ['vendor-trust-without-external-id', role('111111111111', 'CloudHealthRole')],
  ['oidc-trust-without-subject', role('444444444444', 'github/GitHubActionsNoSubjectRole')],
  ['oidc-trust-wildcard-subject', role('444444444444', 'github/GitHubActionsWildcardRole')],
  ['oidc-trust-wildcard-subject', role('444444444444', 'github/GitHubActionsStarRole')],
  ['service-trust-without-source', role('500000000004', 'AppStreamFleetRole')],
  ['deleted-principal-in-trust', role('500000000002', 'LegacyCrossAccountRole')],
  ['deleted-principal-in-trust', role('500000000004', 'CrossAccountReportingRole')],
  ['external-path-to-admin', role('500000000001', 'DeploymentAdminRole')],
  ['bucket-reachable-from-outside-org', 'arn:aws:s3:::acme-partner-exchange-500000000002'],
  ['bucket-reachable-from-outside-org', 'arn:aws:s3:::acme-web-public-500000000002'],
  // public-bucket on acme-web-public is the same statement: merged into the finding above.
  ['incomplete-coverage', 'arn:aws:iam::500000000007:root'],
  // 500000000008's listing is truncated (docs/demo-organization.md).
  ['incomplete-coverage', 'arn:aws:iam::500000000008:root'],
  ['sso-admin-group-too-large', sso('group/9067a1b2c3-5e7f9a1b-0000-4000-9000-000000000001')],
  ['sso-direct-user-assignment', sso('user/9067a1b2c3-5e7f9a1b-0000-4000-8000-000000000004')],
  [
    'sso-assignment-to-deleted-principal',
    sso('user/9067a1b2c3-5e7f9a1b-0000-4000-8000-000000000999'),
  ],
  ['sso-assignment-role-missing', sso('group/9067a1b2c3-5e7f9a1b-0000-4000-9000-000000000001')],
  ['sso-assignment-role-missing', sso('group/9067a1b2c3-5e7f9a1b-0000-4000-9000-000000000003')],
  ...[
    'esc-key-maker',
    'esc-trust-rewriter',
    'esc-self-editor',
    'esc-policy-rollback',
    'esc-lambda-dev',
    'esc-build-dev',
    'esc-function-editor',
    'esc-ssm-operator',
    'esc-batch-submitter',
    'esc-stackset-updater',
    'esc-template-editor',
    'esc-code-deployer',
  ].map((n): [string, string] => [
    'privilege-escalation-to-admin',
    `arn:aws:iam::500000000006:user/${n}`,
  ]),
  // A service-managed stack set of the management account reaches acme-sandbox's
  // stacksets-exec role (org-stack-sets.ts); its twin esc-org-stackset-drafter cannot deploy.
  ['privilege-escalation-to-admin', 'arn:aws:iam::111111111111:user/esc-org-stackset-deployer'],
  // Keys, secrets, queues, topics and repositories of acme-data-prod (planted-resources.ts).
  ['kms-key-admin-outside-org', KEY(3)],
  // resource-reachable-from-outside-org on KEY(3) is the statement of kms-key-admin-outside-org
  // on the same key: one finding per root cause, merged into that one.
  [
    'resource-reachable-from-outside-org',
    DATA('secretsmanager', 'secret:vendor/datadog-api-key-Vd7xQ2'),
  ],
  ['resource-reachable-from-outside-org', DATA('sqs', 'vendor-events')],
  ['resource-reachable-from-outside-org', DATA('sns', 'vendor-alerts')],
  ['resource-reachable-from-outside-org', DATA('ecr', 'repository/vendor-agent')],
  // Shared with a partner organization (aws:PrincipalOrgID of another organization); the
  // repository's statement has no Resource, as ECR repository policies are written.
  ['resource-reachable-from-outside-org', KEY(6)],
  [
    'resource-reachable-from-outside-org',
    DATA('secretsmanager', 'secret:partner/shared-report-Pt7rN2'),
  ],
  ['resource-reachable-from-outside-org', DATA('ecr', 'repository/partner-builds')],
  ['public-resource', KEY(5)],
  ['public-resource', DATA('secretsmanager', 'secret:public/feature-flags-Pb9sT3')],
  ['public-resource', DATA('sqs', 'public-intake')],
  ['public-resource', DATA('sns', 'public-announcements')],
  ['public-resource', DATA('ecr', 'repository/public-images')],
  // Lambda functions of acme-data-prod (workloads.json): Datadog may invoke one, anyone the
  // function URL of another; the organization's is no finding, nor is retired-webhook's policy
  // granting * both URL actions: it has no function URL (urls-auth.html; IAM-SEMANTICS §7a.6).
  ['resource-reachable-from-outside-org', DATA('lambda', 'function:vendor-report-export')],
  // No function policy, but its alias `live` has its own, granting the unknown external account
  // invoke: the function is reached through the alias ARN (using-aliases.html; §7a.6).
  ['resource-reachable-from-outside-org', DATA('lambda', 'function:partner-settlement')],
  ['public-resource', DATA('lambda', 'function:public-status-page')],
];

describe('findings on the demo organization', () => {
  it('raises exactly the planted findings and none on their clean twins', async () => {
    const fs = await findings();
    expect(fs.map((f) => `${f.rule} ${f.subject}`).sort()).toEqual(
      EXPECTED.map(([r, s]) => `${r} ${s}`).sort(),
    );
  });

  it('prints exactly the documented fields, with stable ids', async () => {
    const first = await findings();
    for (const f of first)
      expect(
        Object.keys(f)
          .filter((k) => k !== 'risk' && k !== 'mergedFrom')
          .sort(),
      ).toEqual(['accountId', 'evidence', 'id', 'rule', 'severity', 'subject', 'title']);
    expect(first.every((f) => /^[0-9a-f]{16}$/.test(f.id))).toBe(true);
    expect(new Set(first.map((f) => f.id)).size).toBe(first.length);
    expect((await findings()).map((f) => f.id)).toEqual(first.map((f) => f.id));
  });

  it('orders by severity: the critical findings first', async () => {
    const fs = await findings();
    expect(fs.slice(0, 5).map((f) => [f.severity, f.rule])).toEqual([
      ['critical', 'external-path-to-admin'],
      ['critical', 'kms-key-admin-outside-org'],
      ['critical', 'public-resource'],
      ['critical', 'public-resource'],
      ['critical', 'public-trust'],
    ]);
    expect(fs[5]?.severity).not.toBe('critical');
  });

  it('gives the external chain as evidence of the path to the admin role', async () => {
    const f = (await findings()).find((x) => x.rule === 'external-path-to-admin')!;
    expect(f.title).toContain('999988887777');
    expect(f.title).toContain('ExternalDeployRole');
    const reasons = (f.evidence as { reason: string }[]).map((e) => e.reason).join('\n');
    expect(reasons).toContain('sts:ExternalId');
    expect(reasons).toContain('AssumeDeploymentAdmin');
  });

  it('filters by severity and by rule', async () => {
    expect((await findings(['--severity', 'critical'])).map((f) => f.severity)).toEqual([
      'critical',
      'critical',
      'critical',
      'critical',
      'critical',
    ]);
    // A merged finding matches each of its rules.
    const only = await findings(['--rule', 'public-bucket,public-trust']);
    expect(only.map((f) => f.rule).sort()).toEqual([
      'bucket-reachable-from-outside-org',
      'public-trust',
    ]);
  });

  it('caps the list with --max-results, most severe first', async () => {
    const fs = await findings(['--max-results', '6']);
    expect(fs.map((f) => f.severity)).toEqual([
      'critical',
      'critical',
      'critical',
      'critical',
      'critical',
      'high',
    ]);
  });

  it('prints a table with a count per severity', async () => {
    const r = await run(['findings', '--from-dir', demo]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SEVERITY\s+RULE\s+SUBJECT\s+TITLE$/m);
    expect(r.stdout).toContain('49 finding(s): 5 critical, 34 high, 5 medium, 3 low, 2 info');
  });
});

describe('findings: suppressions from the config', () => {
  async function withConfig(suppressions: unknown[], extra: string[] = []): Promise<FindingJson[]> {
    const file = join(work, `config-${String(Math.random()).slice(2)}.json`);
    await writeFile(file, JSON.stringify({ suppressions }));
    return findings(['--config', file, ...extra]);
  }
  const partner = {
    rule: 'external-trust-unknown-account',
    subject: role('500000000002', 'PartnerAuditRole'),
    reason: 'audit partner, contract 42',
  };

  it('hides a suppressed finding by default and shows it, marked, when asked', async () => {
    const hidden = await withConfig([partner]);
    expect(hidden.some((f) => f.subject === partner.subject)).toBe(false);
    expect(hidden).toHaveLength(EXPECTED.length - 1);
    const shown = await withConfig([partner], ['--include-suppressed']);
    const f = shown.find((x) => x.subject === partner.subject && x.rule === partner.rule)!;
    expect(f.suppressed).toEqual({ reason: 'audit partner, contract 42' });
  });

  it('stops applying after its expiry date', async () => {
    const expired = await withConfig([{ ...partner, expires: '2020-01-31' }]);
    const f = expired.find((x) => x.subject === partner.subject && x.rule === partner.rule);
    expect(f).toBeDefined();
    expect(f!.suppressed).toBeUndefined();
  });

  it('a config that is not valid is a usage error naming the key', async () => {
    const file = join(work, 'bad-config.json');
    await writeFile(
      file,
      JSON.stringify({ suppressions: [{ rule: 'public-trust', reason: 'x' }] }),
    );
    const r = await run(['findings', '--from-dir', demo, '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('suppressions[0]');
  });
});

describe('findings: usage errors', () => {
  it('rejects an unknown severity and an unknown rule', async () => {
    const a = await run(['findings', '--from-dir', demo, '--severity', 'urgent']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--severity: expected one of critical, high, medium, low, info/);
    const b = await run(['findings', '--from-dir', demo, '--rule', 'public-trusts']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--rule: "public-trusts" is not a rule/);
  });
});
