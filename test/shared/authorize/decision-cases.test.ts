/**
 * Table-driven decision cases (cases/*.json): each case is a small world (caller, role, bucket,
 * organization) turned into a real snapshot, a simulate-style request, and the expected
 * decision, condition keys, notes and evidence, with a cited reason. Runs the same path as
 * `trustmap simulate`: compileAuthzModel → planSimulation (callerFromArn) → authorize.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileAuthzModel,
  decidePlan,
  isObjectAction,
  planSimulation,
  type AuthorizationResult,
  type CallerProfile,
  type Evidence,
  type SimulateRequest,
} from '../../../shared/authorize/index.js';
import type { ContextValue, PolicyKind } from '../../../shared/policy/types.js';
import type { PolicyJson } from '../../../shared/snapshot/types.js';
import { buildSnapshot, type World } from './world.js';

interface EvidenceMatcher {
  role?: Evidence['role'];
  policyKind?: PolicyKind;
  policyName?: string;
  statementIndex?: number;
  sid?: string;
  action?: string;
  /** Every one of these is among the evidence's condition keys. */
  keys?: string[];
  /** The reason contains this text. */
  reasonIncludes?: string;
}

interface DecisionCase {
  name: string;
  cite: string;
  world: World;
  request: {
    action: string;
    resource?: string;
    objectKey?: string;
    context?: Record<string, ContextValue>;
    unknownContextKeys?: string[];
    sessionPolicy?: PolicyJson;
    sessionTags?: Record<string, string>;
    sourceIdentity?: string;
    durationSeconds?: number;
    roleChaining?: boolean;
    /** `unknown`: the graph builder's reading (keys the request does not set are unknown). */
    otherKeys?: 'absent' | 'unknown';
  };
  expect: {
    decision: AuthorizationResult['decision'];
    conditionKeys?: string[];
    notes?: string[];
    notNotes?: string[];
    evidence?: EvidenceMatcher[];
  };
}

const CASES_DIR = join(import.meta.dirname, 'cases');

function loadCases(): { file: string; cases: DecisionCase[] }[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      cases: JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) as DecisionCase[],
    }));
}

function principalOf(world: World): SimulateRequest['principal'] {
  const c = world.caller;
  if (c.arn !== undefined) return c.arn;
  if (c.service !== undefined) return { service: c.service };
  if (c.federated !== undefined) return { federated: c.federated };
  if (c.anonymous) return { anonymous: true };
  if (c.account !== undefined) return `arn:aws:iam::${c.account}:root`;
  throw new Error('case: the caller has no form');
}

function defaultResource(c: DecisionCase): string {
  if (c.request.resource !== undefined) return c.request.resource;
  if (c.request.action.toLowerCase().startsWith('sts:')) {
    if (!c.world.role) throw new Error(`${c.name}: an sts case needs a role`);
    return c.world.role.arn;
  }
  if (!c.world.bucket) throw new Error(`${c.name}: an s3 case needs a bucket`);
  const bucket = `arn:aws:s3:::${c.world.bucket.name}`;
  return isObjectAction(c.request.action)
    ? `${bucket}/${c.request.objectKey ?? 'data/report.csv'}`
    : bucket;
}

/** Runs one case the way `trustmap simulate` does. */
function runCase(c: DecisionCase): AuthorizationResult {
  const model = compileAuthzModel(buildSnapshot(c.world));
  const r = c.request;
  const req: SimulateRequest = {
    principal: principalOf(c.world),
    action: r.action,
    resource: defaultResource(c),
    context: r.context ?? {},
    unknownContextKeys: r.unknownContextKeys ?? [],
  };
  if (r.sessionPolicy !== undefined) req.sessionPolicy = r.sessionPolicy;
  if (r.sessionTags !== undefined) req.sessionTags = r.sessionTags;
  if (r.sourceIdentity !== undefined) req.sourceIdentity = r.sourceIdentity;
  if (r.durationSeconds !== undefined) req.durationSeconds = r.durationSeconds;
  if (r.roleChaining !== undefined) req.roleChaining = r.roleChaining;
  const plan = planSimulation(model, req);
  const account = c.world.caller.account;
  if (account !== undefined) {
    // An opaque account: "some principal of that account", its policies unknown.
    const opaque: CallerProfile = {
      caller: { type: 'account', accountId: account, partition: 'aws' },
      key: `arn:aws:iam::${account}:root`,
      accountId: account,
      identityPolicies: [],
      policiesKnown: false,
      serviceLinked: false,
      contextKeys: { 'aws:PrincipalAccount': account },
    };
    plan.request.caller = opaque;
  }
  if (r.otherKeys !== undefined)
    plan.request.context = { ...plan.request.context, otherKeys: r.otherKeys };
  return decidePlan(plan);
}

function matches(e: Evidence, m: EvidenceMatcher): boolean {
  if (m.role !== undefined && e.role !== m.role) return false;
  if (m.policyKind !== undefined && e.policy.kind !== m.policyKind) return false;
  if (m.policyName !== undefined && e.policy.name !== m.policyName) return false;
  if (m.statementIndex !== undefined && e.statementIndex !== m.statementIndex) return false;
  if (m.sid !== undefined && e.sid !== m.sid) return false;
  if (m.action !== undefined && e.action !== m.action) return false;
  if (m.keys !== undefined && !m.keys.every((k) => e.conditionKeys.includes(k))) return false;
  if (m.reasonIncludes !== undefined && !e.reason.includes(m.reasonIncludes)) return false;
  return true;
}

const files = loadCases();

describe('decision cases', () => {
  it('has at least 110 cases, each named and cited, names unique', () => {
    const all = files.flatMap((f) => f.cases);
    expect(all.length).toBeGreaterThanOrEqual(110);
    const names = new Set<string>();
    for (const c of all) {
      expect(c.name, 'name').toMatch(/\S/);
      expect(c.cite, `cite of ${c.name}`).toMatch(
        /^(https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com\/blogs)\/|IAM-SEMANTICS\.md §)/,
      );
      expect(names.has(c.name), `duplicate case name ${c.name}`).toBe(false);
      names.add(c.name);
      if (c.expect.decision === 'conditional')
        expect(
          c.expect.conditionKeys,
          `${c.name}: a conditional case lists its keys`,
        ).toBeDefined();
    }
  });

  for (const { file, cases } of files) {
    describe(file, () => {
      for (const c of cases) {
        it(c.name, () => {
          const result = runCase(c);
          const explain = JSON.stringify(result, null, 1);
          expect(result.decision, explain).toBe(c.expect.decision);
          if (c.expect.conditionKeys !== undefined)
            expect([...result.conditionKeys], explain).toEqual([...c.expect.conditionKeys].sort());
          if (result.decision !== 'conditional') expect(result.conditionKeys).toEqual([]);
          for (const n of c.expect.notes ?? []) expect(result.notes, explain).toContain(n);
          for (const n of c.expect.notNotes ?? []) expect(result.notes, explain).not.toContain(n);
          for (const m of c.expect.evidence ?? [])
            expect(
              result.evidence.some((e) => matches(e, m)),
              `no evidence matches ${JSON.stringify(m)} in ${explain}`,
            ).toBe(true);
          // Every result explains itself.
          expect(result.evidence.length, explain).toBeGreaterThan(0);
          for (const e of result.evidence) expect(e.reason, explain).toMatch(/\S.*\.$/);
        });
      }
    });
  }
});
