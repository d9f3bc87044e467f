/**
 * SCPs and RCPs in effect but not read (IAM-SEMANTICS.md §8): the collector writes no `Policies`
 * in organization.json when reading them failed (organizations:ListPolicies is the management
 * account's or a delegated administrator's; a collector elsewhere is refused). Analysis then
 * applies none, so it may show access one of them denies: `incomplete-coverage` says so once,
 * about the organization, naming why. Twins: the policies listed, and a hand-written
 * organization.json that neither lists policies nor says which types are enabled (no SCPs).
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir } from '../../../server/analyze/analyze-snapshot-dir.js';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { FULL_AWS_ACCESS, trust, writeScenario } from '../../helpers/write-scenario.js';

const MGMT = '100000000000';
const A = '111111111111';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-unread-org-policies-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let n = 0;
/**
 * The organization's findings about itself, once organization.json is rewritten by `edit` and
 * collection.json holds `collectionErrors` at its top level.
 */
async function orgCoverageTitles(
  edit: (org: Record<string, unknown>) => void,
  collectionErrors: unknown[] = [],
): Promise<string[]> {
  const dir = join(work, `case-${String(++n)}`);
  await writeScenario(dir, {
    org: {
      id: 'o-unread00001',
      managementAccountId: MGMT,
      accounts: [
        { id: MGMT, name: 'management', parent: 'r-root' },
        { id: A, name: 'a', parent: 'r-root' },
      ],
      scps: [{ name: 'FullAWSAccess', targets: ['r-root', A], document: FULL_AWS_ACCESS }],
    },
    accounts: {
      [MGMT]: {},
      [A]: { roles: [{ name: 'app', trust: trust({ AWS: `arn:aws:iam::${A}:root` }) }] },
    },
    collection: {
      accounts: { [MGMT]: { status: 'ok', errors: [] }, [A]: { status: 'ok', errors: [] } },
      errors: collectionErrors,
    },
  });
  const file = join(dir, 'organization.json');
  const org = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(org);
  await writeFile(file, JSON.stringify(org));
  const analysis = await analyzeSnapshotDir(dir, resolveAnalysisConfig());
  return computeFindings({
    graph: analysis.graph,
    snapshot: analysis.snapshot,
    model: analysis.model,
    config: resolveAnalysisConfig(),
  })
    .filter((f) => f.rule === 'incomplete-coverage' && f.subject === `arn:aws:iam::${MGMT}:root`)
    .map((f) => f.title);
}

const bothEnabled = (org: Record<string, unknown>): void => {
  org.Roots = [
    {
      Id: 'r-root',
      Name: 'Root',
      PolicyTypes: [
        { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
        { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
      ],
    },
  ];
};

describe('SCPs and RCPs in effect but not read', () => {
  it('no Policies while the root says both types are enabled: one finding naming both', async () => {
    const titles = await orgCoverageTitles((org) => {
      bothEnabled(org);
      delete org.Policies;
    });
    expect(titles).toEqual([
      "The organization's SCPs and RCPs are in effect but were not read (organization.json lists no Policies): every answer is computed without them, so one may deny access that is shown",
    ]);
  });

  it('no Policies and no PolicyTypes, but the collector was refused ListPolicies: the finding names the failed call', async () => {
    const titles = await orgCoverageTitles(
      (org) => {
        delete org.Policies;
      },
      [
        {
          accountId: A,
          call: 'organizations:ListPolicies',
          errorName: 'AccessDeniedException',
          message: 'You don’t have permissions to access this resource.',
        },
      ],
    );
    expect(titles).toHaveLength(1);
    expect(titles[0]).toMatch(
      /SCPs and RCPs are in effect but were not read \(organizations:ListPolicies failed when collecting \(AccessDeniedException\)\)/,
    );
  });

  it('twin: the policies listed — no finding', async () => {
    expect(await orgCoverageTitles(bothEnabled)).toEqual([]);
  });

  it('twin: a hand-written organization.json with neither Policies nor PolicyTypes, nothing refused — no finding (no SCPs)', async () => {
    expect(
      await orgCoverageTitles((org) => {
        delete org.Policies;
      }),
    ).toEqual([]);
  });
});
