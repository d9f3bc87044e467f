/**
 * normalizeIam: what is loaded, skipped and reported from get-account-authorization-details
 * output — identities and their ARNs, the default version of managed policies, pages, truncated
 * listings, another account's file, duplicates.
 */
import { describe, expect, it } from 'vitest';
import { FileReader } from '../../../shared/snapshot/json-reader.js';
import { normalizeIam, type IamData } from '../../../shared/snapshot/normalize-iam.js';
import type { LoadIssue } from '../../../shared/snapshot/types.js';

const A = '111111111111';
const TRUST = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
};
const DOC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
};

function role(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Path: '/',
    RoleName: name,
    RoleId: `AROA${name.toUpperCase()}`,
    Arn: `arn:aws:iam::${A}:role/${name}`,
    AssumeRolePolicyDocument: TRUST,
    ...extra,
  };
}

function load(
  raw: unknown,
  partition = 'aws',
): { data?: IamData; kind: string; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const r = normalizeIam(raw, {
    accountId: A,
    partition,
    reader: new FileReader(`${A}/iam.json`, issues),
  });
  return r.kind === 'ok' ? { kind: r.kind, data: r.data, issues } : { kind: r.kind, issues };
}

const at = (issues: LoadIssue[]): [string, string][] => issues.map((i) => [i.severity, i.path]);

describe('roles', () => {
  it('reads path, trust policy, last use, session duration, tags and service-linked roles', () => {
    const { data, issues } = load({
      RoleDetailList: [
        role('Web', {
          RoleLastUsed: { LastUsedDate: '2026-01-02T03:04:05+00:00', Region: 'eu-west-1' },
          MaxSessionDuration: 7200,
          Description: 'web tier',
          Tags: [{ Key: 'env', Value: 'prod' }],
        }),
        {
          ...role('AWSServiceRoleForECS'),
          Path: '/aws-service-role/ecs.amazonaws.com/',
          Arn: `arn:aws:iam::${A}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
          RoleLastUsed: {},
        },
      ],
    });
    expect(issues).toEqual([]);
    expect(data?.roles[0]).toMatchObject({
      name: 'Web',
      path: '/',
      trustPolicy: TRUST,
      lastUsed: { date: '2026-01-02T03:04:05+00:00', region: 'eu-west-1' },
      maxSessionDuration: 7200,
      description: 'web tier',
      tags: { env: 'prod' },
      serviceLinked: false,
      accountId: A,
    });
    expect(data?.roles[1]).toMatchObject({
      path: '/aws-service-role/ecs.amazonaws.com/',
      serviceLinked: true,
      lastUsed: {},
    });
  });

  it('loads a role without a trust policy, reporting it', () => {
    const { data, issues } = load({
      RoleDetailList: [role('NoTrust', { AssumeRolePolicyDocument: undefined })],
    });
    expect(data?.roles[0]?.trustPolicy).toBeUndefined();
    expect(data?.roles[0]?.name).toBe('NoTrust');
    expect(at(issues)).toEqual([['error', '$.RoleDetailList[0].AssumeRolePolicyDocument']]);
    expect(issues[0]?.message).toContain(
      'is missing; role "NoTrust" is loaded without a trust policy',
    );
  });

  it('takes the name and path from the ARN when they disagree or are missing', () => {
    const { data, issues } = load({
      RoleDetailList: [
        {
          ...role('Real'),
          Path: undefined,
          RoleName: undefined,
          Arn: `arn:aws:iam::${A}:role/team/a/Real`,
        },
        { ...role('Named'), RoleName: 'Other' },
      ],
    });
    expect(data?.roles.map((r) => [r.name, r.path, r.arn])).toEqual([
      ['Real', '/team/a/', `arn:aws:iam::${A}:role/team/a/Real`],
      ['Named', '/', `arn:aws:iam::${A}:role/Named`],
    ]);
    expect(at(issues)).toEqual([
      ['warning', '$.RoleDetailList[0].RoleName'],
      ['warning', '$.RoleDetailList[1].RoleName'],
    ]);
  });

  it('builds a missing ARN from path and name in the account partition', () => {
    const { data, issues } = load(
      { RoleDetailList: [{ ...role('Built'), Arn: undefined, Path: '/x/' }] },
      'aws-cn',
    );
    expect(data?.roles[0]?.arn).toBe(`arn:aws-cn:iam::${A}:role/x/Built`);
    expect(at(issues)).toEqual([['warning', '$.RoleDetailList[0].Arn']]);
  });

  it('skips entries it cannot identify or that belong to another account', () => {
    const { data, issues } = load({
      RoleDetailList: [
        { RoleId: 'AROANOTHING' },
        { ...role('Foreign'), Arn: 'arn:aws:iam::999999999999:role/Foreign' },
        { ...role('Wrong'), Arn: `arn:aws:iam::${A}:user/Wrong` },
        'not an object',
        role('Kept'),
      ],
    });
    expect(data?.roles.map((r) => r.name)).toEqual(['Kept']);
    expect(at(issues)).toEqual([
      ['error', '$.RoleDetailList[0]'],
      ['error', '$.RoleDetailList[1].Arn'],
      ['error', '$.RoleDetailList[2].Arn'],
      ['error', '$.RoleDetailList[3]'],
    ]);
    expect(issues[1]?.message).toContain('belongs to account "999999999999", not 111111111111');
  });

  it('keeps the first of identical duplicate entries, with a warning', () => {
    const { data, issues } = load({
      RoleDetailList: [
        role('Twice', { Description: 'same' }),
        role('Twice', { Description: 'same' }),
      ],
    });
    expect(data?.roles.map((r) => r.description)).toEqual(['same']);
    expect(at(issues)).toEqual([['warning', '$.RoleDetailList[1]']]);
  });

  it('a second, different copy (e.g. a public trust) is an error that makes the account partial (issue 13)', () => {
    const { data, issues } = load({
      RoleDetailList: [
        role('Twice', { Description: 'first' }),
        role('Twice', { Description: 'second' }),
      ],
    });
    expect(data?.roles.map((r) => r.description)).toEqual(['first']);
    expect(at(issues)).toEqual([['error', '$.RoleDetailList[1]']]);
    expect(issues[0]?.hidesData).toBe(true);
    expect(issues[0]?.message).toContain('(the first is at $.RoleDetailList[0])');
  });
});

describe('users and groups', () => {
  it('reads groups, inline and attached policies, boundary and tags', () => {
    const { data, issues } = load({
      UserDetailList: [
        {
          Path: '/people/',
          UserName: 'alice',
          UserId: 'AIDAALICE',
          Arn: `arn:aws:iam::${A}:user/people/alice`,
          GroupList: ['Admins', 'Admins', 'Readers'],
          UserPolicyList: [
            { PolicyName: 'Inline', PolicyDocument: encodeURIComponent(JSON.stringify(DOC)) },
          ],
          AttachedManagedPolicies: [
            { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
          ],
          PermissionsBoundary: {
            PermissionsBoundaryType: 'Policy',
            PermissionsBoundaryArn: `arn:aws:iam::${A}:policy/Boundary`,
          },
          Tags: [{ Key: 'team', Value: 'sec' }],
        },
      ],
      GroupDetailList: [
        {
          Path: '/',
          GroupName: 'Admins',
          GroupId: 'AGPAADMINS',
          Arn: `arn:aws:iam::${A}:group/Admins`,
          GroupPolicyList: [],
          AttachedManagedPolicies: [
            {
              PolicyName: 'AdministratorAccess',
              PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
            },
          ],
        },
      ],
    });
    expect(issues).toEqual([]);
    expect(data?.users[0]).toEqual({
      arn: `arn:aws:iam::${A}:user/people/alice`,
      name: 'alice',
      path: '/people/',
      userId: 'AIDAALICE',
      accountId: A,
      groups: ['Admins', 'Readers'],
      inlinePolicies: [{ name: 'Inline', document: DOC }],
      attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      permissionsBoundaryArn: `arn:aws:iam::${A}:policy/Boundary`,
      tags: { team: 'sec' },
    });
    expect(data?.groups[0]).toMatchObject({
      name: 'Admins',
      groupId: 'AGPAADMINS',
      attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
  });

  it('keeps a malformed boundary ARN as written (dropping a boundary would widen access)', () => {
    const { data, issues } = load({
      UserDetailList: [
        {
          Path: '/',
          UserName: 'u',
          UserId: 'AIDAU',
          Arn: `arn:aws:iam::${A}:user/u`,
          PermissionsBoundary: { PermissionsBoundaryArn: 'Boundary' },
        },
      ],
    });
    expect(data?.users[0]?.permissionsBoundaryArn).toBe('Boundary');
    expect(at(issues)).toEqual([
      ['warning', '$.UserDetailList[0].PermissionsBoundary.PermissionsBoundaryArn'],
    ]);
  });

  it('does not load an inline policy it cannot decode, and says its statements are unknown', () => {
    const { data, issues } = load({
      UserDetailList: [
        {
          Path: '/',
          UserName: 'u',
          UserId: 'AIDAU',
          Arn: `arn:aws:iam::${A}:user/u`,
          UserPolicyList: [
            { PolicyName: 'Bad', PolicyDocument: '{"Statement": [' },
            { PolicyDocument: DOC },
          ],
        },
      ],
    });
    expect(data?.users[0]?.inlinePolicies).toEqual([{ name: 'inline policy 1', document: DOC }]);
    expect(at(issues)).toEqual([
      ['error', '$.UserDetailList[0].UserPolicyList[0].PolicyDocument'],
      ['warning', '$.UserDetailList[0].UserPolicyList[1].PolicyName'],
    ]);
    expect(issues[0]?.message).toContain(
      'inline policy "Bad" is not loaded: its statements (Allow and Deny) are unknown',
    );
  });
});

describe('managed policies: the default version', () => {
  const policy = (versions: unknown[], defaultVersionId?: string): unknown => ({
    Policies: [
      {
        PolicyName: 'P',
        PolicyId: 'ANPAP',
        Arn: `arn:aws:iam::${A}:policy/team/P`,
        Path: '/team/',
        DefaultVersionId: defaultVersionId,
        PolicyVersionList: versions,
      },
    ],
  });
  const v = (id: string, isDefault: boolean | undefined, sid: string): unknown => ({
    VersionId: id,
    IsDefaultVersion: isDefault,
    Document: {
      Version: '2012-10-17',
      Statement: [{ Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' }],
    },
  });
  const sidOf = (data?: IamData): unknown =>
    (data?.managedPolicies[0]?.document?.Statement as { Sid: string }[] | undefined)?.[0]?.Sid;

  it.each([
    {
      name: 'the flagged version',
      versions: [v('v2', true, 'two'), v('v1', false, 'one')],
      id: 'v2',
      sid: 'two',
      issues: [],
    },
    {
      name: 'the DefaultVersionId when no version is flagged',
      versions: [v('v2', undefined, 'two'), v('v1', undefined, 'one')],
      id: 'v1',
      sid: 'one',
      issues: [],
    },
    {
      name: 'the flagged one when it disagrees with DefaultVersionId (warning)',
      versions: [v('v2', true, 'two'), v('v1', false, 'one')],
      id: 'v1',
      sid: 'two',
      issues: [['warning', '$.Policies[0].PolicyVersionList[0]']],
    },
    {
      name: 'the one matching DefaultVersionId among several flagged (warning)',
      versions: [v('v2', true, 'two'), v('v1', true, 'one')],
      id: 'v1',
      sid: 'one',
      issues: [['warning', '$.Policies[0].PolicyVersionList']],
    },
    {
      name: 'none when several are flagged and none matches (error)',
      versions: [v('v2', true, 'two'), v('v1', true, 'one')],
      id: 'v9',
      sid: undefined,
      issues: [['error', '$.Policies[0].PolicyVersionList']],
    },
    {
      name: 'none without versions (error)',
      versions: [],
      id: 'v1',
      sid: undefined,
      issues: [['error', '$.Policies[0].PolicyVersionList']],
    },
  ])('$name', ({ versions, id, sid, issues: expected }) => {
    const { data, issues } = load(policy(versions, id));
    expect(sidOf(data)).toBe(sid);
    expect(at(issues)).toEqual(expected);
    expect(data?.managedPolicies[0]).toMatchObject({
      arn: `arn:aws:iam::${A}:policy/team/P`,
      name: 'P',
      path: '/team/',
      awsManaged: false,
      defaultVersionId: id,
    });
  });

  it('keeps the other versions (iam:SetDefaultPolicyVersion can make them the default again)', () => {
    const { data, issues } = load(policy([v('v2', true, 'two'), v('v1', false, 'one')], 'v2'));
    expect(issues).toEqual([]);
    const others = data?.managedPolicies[0]?.otherVersions ?? [];
    expect(others.map((o) => o.versionId)).toEqual(['v1']);
    expect((others[0]?.document.Statement as { Sid: string }[])[0]?.Sid).toBe('one');
  });

  it('leaves out an other version whose document cannot be read, with a warning', () => {
    const broken = { VersionId: 'v1', IsDefaultVersion: false, Document: '{not json' };
    const { data, issues } = load(policy([v('v2', true, 'two'), broken], 'v2'));
    expect(sidOf(data)).toBe('two');
    expect(data?.managedPolicies[0]?.otherVersions).toBeUndefined();
    expect(at(issues)).toEqual([['warning', '$.Policies[0].PolicyVersionList[1].Document']]);
    expect(issues[0]?.message).toContain('non-default version "v1" is left out');
  });

  it('marks AWS managed policies and skips policies of another account', () => {
    const { data, issues } = load({
      RoleDetailList: [role('Mine')],
      Policies: [
        {
          Arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
          DefaultVersionId: 'v1',
          PolicyVersionList: [v('v1', true, 'x')],
        },
        {
          Arn: 'arn:aws:iam::222222222222:policy/Theirs',
          DefaultVersionId: 'v1',
          PolicyVersionList: [v('v1', true, 'x')],
        },
        { PolicyName: 'NoArn' },
      ],
    });
    expect(data?.managedPolicies.map((p) => [p.name, p.path, p.awsManaged])).toEqual([
      ['AWSLambdaBasicExecutionRole', '/service-role/', true],
    ]);
    expect(at(issues)).toEqual([
      ['error', '$.Policies[1].Arn'],
      ['error', '$.Policies[2].Arn'],
    ]);
  });
});

describe('the file as a whole', () => {
  it('reads a list of pages as one listing', () => {
    const { data, issues } = load([
      { RoleDetailList: [role('One')], IsTruncated: true, Marker: 'm' },
      { RoleDetailList: [role('Two')], IsTruncated: false },
    ]);
    expect(data?.roles.map((r) => r.name)).toEqual(['One', 'Two']);
    expect(at(issues)).toEqual([['warning', '$']]);
  });

  it('reports a truncated listing (NextToken from --max-items)', () => {
    const { data, issues } = load({
      RoleDetailList: [role('One')],
      NextToken: 'eyJNYXJrZXIiOiBudWxsfQ==',
    });
    expect(data?.roles).toHaveLength(1);
    expect(at(issues)).toEqual([['error', '$.NextToken']]);
  });

  it('recognises a file of another account', () => {
    const other = { RoleDetailList: [{ ...role('X'), Arn: 'arn:aws:iam::222222222222:role/X' }] };
    expect(load(other)).toEqual({ kind: 'other-account', issues: [] });
  });

  it.each([
    [
      'an array of non-objects',
      [1, 2],
      [
        ['error', '$[0]'],
        ['error', '$[1]'],
        ['error', '$'],
      ],
    ],
    ['a string', 'iam', [['error', '$']]],
    ['an object without any list', { Users: [] }, [['error', '$']]],
  ])('refuses %s', (_name, raw, expected) => {
    const r = load(raw);
    expect(r.kind).toBe('unreadable');
    expect(at(r.issues)).toEqual(expected);
  });
});
