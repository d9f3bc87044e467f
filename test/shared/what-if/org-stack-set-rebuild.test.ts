/**
 * What-if on service-managed stack sets (org-stack-sets.ts): the edges go from principals of the
 * management account to `stacksets-exec-*` roles of member accounts, so a change to such a role
 * alone must rebuild the management account's escalation edges too (stackSetDependents). The
 * incremental rebuild equals a full rebuild.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupVendor } from '../../../shared/accounts/known-accounts.js';
import { compileAuthzModel } from '../../../shared/authorize/compile-authz-model.js';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/config/analysis-config.js';
import { buildAccessGraph } from '../../../shared/graph/build-access-graph.js';
import type { AccessGraph } from '../../../shared/graph/types.js';
import { applyChanges } from '../../../shared/what-if/apply-changes.js';
import { rebuildIncremental } from '../../../shared/what-if/rebuild-incremental.js';
import type { SnapshotChange } from '../../../shared/what-if/types.js';
import { analyzeSnapshot, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { readSnapshotDir } from '../../../server/snapshot/read-snapshot-dir.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const M = '111111111111';
const B = '222222222222';
const C = '333333333333';
const SLR_PATH = '/aws-service-role/stacksets.cloudformation.amazonaws.com/';
const SLR = `arn:aws:iam::${M}:role${SLR_PATH}AWSServiceRoleForCloudFormationStackSetsOrgAdmin`;
const SLR_POLICY =
  'arn:aws:iam::aws:policy/aws-service-role/CloudFormationStackSetsOrgAdminServiceRolePolicy';
const EXEC = 'stacksets-exec-5f1c2a9b7e3d4c6a8b0e1f2a3b4c5d6e';
const CREATOR = `arn:aws:iam::${M}:user/creator`;
const config = DEFAULT_ANALYSIS_CONFIG;

const policy = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string): Doc => ({
  Effect: 'Allow',
  Action,
  Resource,
});

let work: string;
let base: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-org-stack-set-rebuild-'));
  await writeScenario(work, {
    org: {
      id: 'o-orgstacksets',
      managementAccountId: M,
      accounts: [
        { id: M, name: 'management', parent: 'r-root' },
        { id: B, name: 'member-b', parent: 'r-root' },
        { id: C, name: 'member-c', parent: 'r-root' },
      ],
    },
    accounts: {
      [M]: {
        managedPolicies: [
          {
            name: 'CloudFormationStackSetsOrgAdminServiceRolePolicy',
            arn: SLR_POLICY,
            document: policy(allow('sts:AssumeRole', 'arn:aws:iam::*:role/stacksets-exec-*')),
          },
        ],
        users: [
          {
            name: 'creator',
            policies: [
              policy(
                allow(
                  ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
                  '*',
                ),
              ),
            ],
          },
        ],
        roles: [
          {
            name: 'AWSServiceRoleForCloudFormationStackSetsOrgAdmin',
            path: SLR_PATH,
            trust: trust({ Service: 'stacksets.cloudformation.amazonaws.com' }),
            managed: [SLR_POLICY],
          },
        ],
      },
      [B]: {
        roles: [
          {
            name: EXEC,
            trust: trust({ AWS: SLR }),
            policies: [policy(allow('s3:ListAllMyBuckets', '*'))],
          },
        ],
      },
      [C]: { roles: [] },
    },
  });
  base = analyzeSnapshot(await readSnapshotDir(work), config);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function edgesOf(g: AccessGraph): Map<string, string> {
  const out = new Map<string, string>();
  g.forEachEdge((key, a, s, t) => out.set(key, JSON.stringify([s, t, a])));
  return out;
}

function escalates(g: AccessGraph, target: string): boolean {
  return (
    g.hasNode(target) &&
    g.outEdges(CREATOR, target).some((k) => g.getEdgeAttribute(k, 'kind') === 'can-escalate')
  );
}

const CASES: { name: string; changes: SnapshotChange[]; target: string; before: boolean }[] = [
  {
    name: "a member's stacksets-exec role no longer trusts the service-linked role",
    changes: [
      {
        kind: 'trust-policy',
        arn: `arn:aws:iam::${B}:role/${EXEC}`,
        document: trust({ Service: 'ec2.amazonaws.com' }),
      },
    ],
    target: `arn:aws:iam::${B}:role/${EXEC}`,
    before: true,
  },
  {
    name: 'a stacksets-exec role created in another member account',
    changes: [
      {
        kind: 'principal',
        arn: `arn:aws:iam::${C}:role/${EXEC}`,
        trustPolicy: trust({ AWS: SLR }),
      },
    ],
    target: `arn:aws:iam::${C}:role/${EXEC}`,
    before: false,
  },
];

describe('incremental rebuild = full rebuild (service-managed stack sets)', () => {
  it.each(CASES)('$name', ({ changes, target, before }) => {
    expect(escalates(base.graph, target)).toBe(before);
    const applied = applyChanges(base.snapshot, changes);
    expect(applied.unresolved).toEqual([]);
    const model = compileAuthzModel(applied.snapshot);
    const full = buildAccessGraph(applied.snapshot, model, { config, lookupVendor });
    expect(escalates(full, target)).toBe(!before);
    const inc = rebuildIncremental(base, applied, { config, lookupVendor });
    if (inc.kind !== 'done') throw new Error(`fell back: ${inc.reason}`);
    try {
      expect(escalates(inc.graph, target)).toBe(!before);
      const fe = edgesOf(full);
      const ie = edgesOf(inc.graph);
      expect([...ie.keys()].sort()).toEqual([...fe.keys()].sort());
      for (const [k, v] of fe) expect(ie.get(k), k).toBe(v);
    } finally {
      inc.undo();
    }
    expect(escalates(base.graph, target)).toBe(before);
  });
});
