/**
 * Cognito identity pools in workloads.json (IAM-SEMANTICS.md §2.3, E.3): a pool that allows
 * guests and the basic flow opens every role whose trust admits its guest tokens to anyone; its
 * settings decide the escalations through it (bind, update) instead of leaving them conditional.
 * Negative twins: the basic flow off, guests off, a trust for authenticated identities only, a
 * pool of another account with a trust that does not test `amr` (STS refuses cross-account basic
 * flow without `aud` and `amr`), a pool of another account for an attacker of the role's account.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import type { EdgeAttributes } from '../../../shared/graph/types.js';
import { findingsOf } from '../../helpers/analysis-findings.js';
import {
  ADMIN_POLICY_ARN,
  trust,
  writeScenario,
  type Doc,
  type ScenarioUser,
} from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const role = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const OPEN = 'us-east-1:00000000-0000-4000-8000-000000000001';
const NO_CLASSIC = 'us-east-1:00000000-0000-4000-8000-000000000002';
const NO_GUESTS = 'us-east-1:00000000-0000-4000-8000-000000000003';
const OTHER_ACCOUNT = 'us-east-1:00000000-0000-4000-8000-000000000004';
const NOT_COLLECTED = 'us-east-1:00000000-0000-4000-8000-000000000005';

const cognito = (aud: string | undefined, amr: string | undefined): Doc =>
  trust(
    { Federated: 'cognito-identity.amazonaws.com' },
    {
      ...(aud === undefined ? {} : { StringEquals: { 'cognito-identity.amazonaws.com:aud': aud } }),
      ...(amr === undefined
        ? {}
        : { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr } }),
    },
    'sts:AssumeRoleWithWebIdentity',
  );
const pool = (account: string, id: string, guests: boolean, classic: boolean): Doc => ({
  Type: 'cognito-identity-pool',
  Arn: `arn:aws:cognito-identity:us-east-1:${account}:identitypool/${id}`,
  Name: id.slice(-1),
  Region: 'us-east-1',
  AllowUnauthenticatedIdentities: guests,
  AllowClassicFlow: classic,
});
const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const attacker = (name: string, actions: string[]): ScenarioUser => ({
  name,
  policies: [
    doc(
      { Effect: 'Allow', Action: actions, Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    ),
  ],
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-cognito-pools-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        users: [
          attacker('binder', ['cognito-identity:SetIdentityPoolRoles']),
          attacker('updater', ['cognito-identity:UpdateIdentityPool']),
        ],
        roles: [
          { name: 'Open', trust: cognito(OPEN, 'unauthenticated') },
          { name: 'OpenAuthenticatedOnly', trust: cognito(OPEN, 'authenticated') },
          { name: 'NoClassic', trust: cognito(NO_CLASSIC, 'unauthenticated') },
          { name: 'NoGuests', trust: cognito(NO_GUESTS, 'unauthenticated') },
          { name: 'OtherAccountWithAmr', trust: cognito(OTHER_ACCOUNT, 'unauthenticated') },
          { name: 'OtherAccountNoAmr', trust: cognito(OTHER_ACCOUNT, undefined) },
          { name: 'NotCollected', trust: cognito(NOT_COLLECTED, 'unauthenticated') },
          { name: 'LegacyNoAud', trust: cognito(undefined, 'unauthenticated') },
          {
            name: 'NotCollectedAdmin',
            trust: cognito(NOT_COLLECTED, 'unauthenticated'),
            managed: [ADMIN_POLICY_ARN],
          },
        ],
        workloads: [
          pool(A, OPEN, true, true),
          pool(A, NO_CLASSIC, true, false),
          pool(A, NO_GUESTS, false, true),
        ],
      },
      [B]: { workloads: [pool(B, OTHER_ACCOUNT, true, true)] },
      // No pool of its own: the open pools of A and B are of other accounts.
      [C]: { roles: [{ name: 'LegacyNoAud', trust: cognito(undefined, 'unauthenticated') }] },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function edges(source: string, target: string, kind: string): EdgeAttributes[] {
  const g = analysis.graph;
  if (!g.hasNode(source) || !g.hasNode(target)) return [];
  return g
    .edges(source, target)
    .map((k) => g.getEdgeAttributes(k))
    .filter((a) => a.kind === kind);
}

const fromAnyone = (name: string): string[] =>
  edges('*', role(name), 'can-assume').map((e) => e.decision);
const escalation = (who: string, name: string): string[] =>
  edges(`arn:aws:iam::${A}:user/${who}`, role(name), 'can-escalate').map(
    (e) => `${e.technique ?? ''}:${e.decision}`,
  );

describe('guests of a pool open to them with the basic flow', () => {
  it('reach a role whose trust admits the pool and amr unauthenticated', () => {
    expect(fromAnyone('Open')).toEqual(['allow']);
  });
  it('reach a legacy role whose trust pins no pool through a pool of its own account only', () => {
    expect(fromAnyone('LegacyNoAud')).toEqual(['allow']);
    expect(edges('*', `arn:aws:iam::${C}:role/LegacyNoAud`, 'can-assume')).toEqual([]);
  });
  it('reach a role of another account only when its trust tests amr as well as aud', () => {
    expect(fromAnyone('OtherAccountWithAmr')).toEqual(['allow']);
    expect(fromAnyone('OtherAccountNoAmr')).toEqual([]);
  });
  it.each([
    ['a trust for authenticated identities only', 'OpenAuthenticatedOnly'],
    ['a pool without the basic flow', 'NoClassic'],
    ['a pool without guests', 'NoGuests'],
    ['a pool the snapshot does not hold', 'NotCollected'],
  ])('twin: %s gives no edge from anyone', (_n, name) => {
    expect(fromAnyone(name)).toEqual([]);
  });
  it('keeps the identity-provider edge, conditional on the claims', () => {
    const idp = edges('cognito-identity.amazonaws.com', role('Open'), 'can-assume');
    expect(idp.map((e) => e.decision)).toEqual(['conditional']);
  });
});

describe('escalations through a pool the snapshot holds', () => {
  const BIND = 'iam:PassRole+cognito-identity:SetIdentityPoolRoles';
  const UPDATE = 'cognito-identity:UpdateIdentityPool';
  it('binding the role to a pool open to guests with the basic flow is allowed', () => {
    expect(escalation('binder', 'Open')).toEqual([`${BIND}:allow`]);
  });
  it.each([
    ['without the basic flow (guests get scoped-down credentials)', 'NoClassic'],
    ['without guests', 'NoGuests'],
    ['of another account', 'OtherAccountWithAmr'],
    ['for authenticated identities only', 'OpenAuthenticatedOnly'],
  ])('twin: binding to a pool %s gives no edge', (_n, name) => {
    expect(escalation('binder', name)).toEqual([]);
  });
  it('binding to a pool the snapshot does not hold stays conditional', () => {
    expect(escalation('binder', 'NotCollected')).toEqual([`${BIND}:conditional`]);
  });
  it('a legacy trust that pins no pool is reached through a pool of its account', () => {
    expect(escalation('updater', 'LegacyNoAud')).toEqual([
      'cognito-identity:UpdateIdentityPool:allow',
    ]);
    expect(escalation('binder', 'LegacyNoAud')).toEqual([`${BIND}:allow`]);
  });
  it('UpdateIdentityPool turns guests and the basic flow on: allowed for a pool of the account', () => {
    expect(escalation('updater', 'NoClassic')).toEqual([`${UPDATE}:allow`]);
    expect(escalation('updater', 'NoGuests')).toEqual([`${UPDATE}:allow`]);
    expect(escalation('updater', 'NotCollected')).toEqual([`${UPDATE}:conditional`]);
  });
  it.each([
    ['a pool of another account', 'OtherAccountWithAmr'],
    ['a trust for authenticated identities only', 'OpenAuthenticatedOnly'],
  ])('twin: UpdateIdentityPool on %s gives no edge', (_n, name) => {
    expect(escalation('updater', name)).toEqual([]);
  });
});

describe('the escalation finding', () => {
  it('says a path through a pool the snapshot does not hold is conditional', () => {
    const f = findingsOf(analysis).find(
      (x) =>
        x.rule === 'privilege-escalation-to-admin' && x.subject === `arn:aws:iam::${A}:user/binder`,
    );
    expect(f?.title).toContain('SetIdentityPoolRoles');
    expect(f?.title).toContain('(conditional: see the evidence)');
  });
});
