/**
 * A Lambda function taken over by a caller outside the snapshot (IAM-SEMANTICS.md §7a.6, E.3):
 * "You can grant cross-account access for most API actions that operate on an existing function"
 * (https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html), so a
 * function policy that lets another account call `lambda:UpdateFunctionCode` and
 * `lambda:InvokeFunction` (or a service trigger that runs `$LATEST`) hands that account the
 * function's role. Invoking or reading a function does not: its `can-access` edge never continues
 * to the role, in the findings and in what-if alike.
 * Negative twins: invoke alone, read alone, UpdateFunctionCode alone with nothing to run it,
 * invoke only through an alias of a published version, an explicit Deny, a scanned account
 * (its principals are the ordinary attackers, decided with their identity policies).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { findingsOf } from '../../helpers/analysis-findings.js';
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
/** Each function is shared with its own account outside the snapshot, so paths do not mix. */
const OUTSIDERS = [
  'shared-code',
  'invoke-only',
  'read-only',
  'code-only',
  'code-and-trigger',
  'pinned-alias',
  'latest-alias',
  'named-role',
  'denied',
  'from-office',
];
const outsider = (name: string): string =>
  `9999888${String(OUTSIDERS.indexOf(name)).padStart(5, '0')}`;
const ROOT = (name: string): string => `arn:aws:iam::${outsider(name)}:root`;
const E_DEPLOYER = `arn:aws:iam::${outsider('named-role')}:role/deployer`;
const B_ROOT = `arn:aws:iam::${B}:root`;
const FN = (name: string): string => `arn:aws:lambda:us-east-1:${A}:function:${name}`;
const RUNNER = `arn:aws:iam::${A}:role/runner`;
const UPDATE = 'lambda:UpdateFunctionCode';
const INVOKE = 'lambda:InvokeFunction';
const BOTH = `${UPDATE}+${INVOKE}`;

const statement = (principal: Doc | '*', action: string | string[], extra: Doc = {}): Doc => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  Resource: '*',
  ...extra,
});
const policy = (...statements: Doc[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

const fn = (name: string, resourcePolicy: string, extra: Doc = {}): Doc => ({
  Type: 'lambda-function',
  Arn: FN(name),
  Name: name,
  Region: 'us-east-1',
  RoleArn: RUNNER,
  ResourcePolicy: resourcePolicy,
  ...extra,
});

const alias = (name: string, version: string, resourcePolicy?: string): Doc => ({
  AliasArn: `${FN(name)}:live`,
  Name: 'live',
  FunctionVersion: version,
  ...(resourcePolicy !== undefined ? { ResourcePolicy: resourcePolicy } : {}),
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-outsider-takeover-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          {
            name: 'runner',
            trust: trust({ Service: 'lambda.amazonaws.com' }),
            managed: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          },
        ],
        workloads: [
          fn('shared-code', policy(statement({ AWS: ROOT('shared-code') }, [UPDATE, INVOKE]))),
          fn('invoke-only', policy(statement({ AWS: ROOT('invoke-only') }, INVOKE))),
          fn('read-only', policy(statement({ AWS: ROOT('read-only') }, 'lambda:GetFunction'))),
          fn('code-only', policy(statement({ AWS: ROOT('code-only') }, UPDATE))),
          fn(
            'code-and-trigger',
            policy(
              statement({ AWS: ROOT('code-and-trigger') }, UPDATE),
              statement({ Service: 's3.amazonaws.com' }, INVOKE, { Sid: 's3-trigger' }),
            ),
          ),
          fn('pinned-alias', policy(statement({ AWS: ROOT('pinned-alias') }, UPDATE)), {
            Aliases: [
              alias('pinned-alias', '4', policy(statement({ AWS: ROOT('pinned-alias') }, INVOKE))),
            ],
          }),
          fn('latest-alias', policy(statement({ AWS: ROOT('latest-alias') }, UPDATE)), {
            Aliases: [
              alias(
                'latest-alias',
                '$LATEST',
                policy(statement({ AWS: ROOT('latest-alias') }, INVOKE)),
              ),
            ],
          }),
          fn('public-code', policy(statement('*', [UPDATE, INVOKE]))),
          fn('named-role', policy(statement({ AWS: E_DEPLOYER }, [UPDATE, INVOKE]))),
          fn(
            'denied',
            policy(statement({ AWS: ROOT('denied') }, [UPDATE, INVOKE]), {
              Effect: 'Deny',
              Principal: { AWS: ROOT('denied') },
              Action: UPDATE,
              Resource: '*',
            }),
          ),
          fn(
            'from-office',
            policy(
              statement({ AWS: ROOT('from-office') }, [UPDATE, INVOKE], {
                Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } },
              }),
            ),
          ),
          fn('scanned-b', policy(statement({ AWS: B_ROOT }, [UPDATE, INVOKE]))),
        ],
      },
      [B]: {
        roles: [
          {
            name: 'reader',
            trust: trust({ AWS: B_ROOT }),
            policies: [
              {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'lambda:GetFunction', Resource: '*' }],
              },
            ],
          },
        ],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const takeovers = (from: string, name: string) =>
  escalationEdges(analysis.graph, from, FN(name)).filter((a) => a.technique !== 'runs-as');

/** external-path-to-admin findings on the function's role from `start` (an account or anyone). */
const externalPaths = (start: string) =>
  findingsOf(analysis).filter(
    (f) => f.rule === 'external-path-to-admin' && f.subject === RUNNER && f.title.includes(start),
  );

describe('a function policy that lets another account change and invoke the code', () => {
  it('is a takeover from that account, citing the function policy for both calls', () => {
    const [edge, ...more] = takeovers(ROOT('shared-code'), 'shared-code');
    expect(more).toEqual([]);
    expect(edge?.technique).toBe(BOTH);
    expect(edge?.decision).toBe('allow');
    expect(edge?.workload).toBe(FN('shared-code'));
    const reasons = (edge?.evidence ?? []).map((e) => e.reason).join('\n');
    expect(reasons).toContain(UPDATE);
    expect(reasons).toContain(INVOKE);
  });

  it('is an external path to the administrator role the function runs as', () => {
    expect(externalPaths(`account ${outsider('shared-code')}`)).toHaveLength(1);
  });

  it('counts a service trigger instead of the invoke call', () => {
    const [edge] = takeovers(ROOT('code-and-trigger'), 'code-and-trigger');
    expect(edge?.technique).toBe(UPDATE);
    expect(edge?.notes).toContain('runs-at-existing-trigger');
    expect(edge?.evidence.some((e) => e.role === 'note' && e.sid === 's3-trigger')).toBe(true);
  });

  it('counts an invoke through an alias of $LATEST', () => {
    expect(takeovers(ROOT('latest-alias'), 'latest-alias').map((e) => e.technique)).toEqual([BOTH]);
  });

  it('from anyone (`*`): an external path from anyone', () => {
    expect(takeovers('*', 'public-code').map((e) => [e.technique, e.decision])).toEqual([
      [BOTH, 'allow'],
    ]);
    expect(externalPaths('from anyone through public-code')).toHaveLength(1);
  });

  it('from a named role of an account outside the snapshot: from that role', () => {
    expect(takeovers(E_DEPLOYER, 'named-role').map((e) => e.technique)).toEqual([BOTH]);
  });

  it('a grant bound to a source IP: conditional on it', () => {
    const [edge] = takeovers(ROOT('from-office'), 'from-office');
    expect(edge?.decision).toBe('conditional');
    expect(edge?.conditionKeys).toContain('aws:SourceIp');
  });
});

describe('negative twins', () => {
  it.each([
    ['invoke alone: invoking does not give the role', 'invoke-only'],
    ['read alone', 'read-only'],
    ['UpdateFunctionCode alone, with nothing known to run the new code', 'code-only'],
    ['invoke only through an alias of published version 4: it runs that version', 'pinned-alias'],
    ['an explicit Deny of UpdateFunctionCode', 'denied'],
  ])('%s: no takeover and no external path', (_, name) => {
    expect(takeovers(ROOT(name), name)).toEqual([]);
    expect(externalPaths(`account ${outsider(name)}`)).toEqual([]);
  });

  it('the invoke-only function is still reachable from outside (a can-access finding)', () => {
    const outside = findingsOf(analysis).filter(
      (f) => f.rule === 'resource-reachable-from-outside-org' && f.subject === FN('invoke-only'),
    );
    expect(outside).toHaveLength(1);
  });

  it('a scanned account: its principals are decided with their identity policies, not its account node', () => {
    // B's only role may read functions, not change them: no takeover, from the account or it.
    expect(takeovers(B_ROOT, 'scanned-b')).toEqual([]);
    expect(takeovers(`arn:aws:iam::${B}:role/reader`, 'scanned-b')).toEqual([]);
  });
});
