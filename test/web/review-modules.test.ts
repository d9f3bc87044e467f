// Pure modules behind the reviewer's dashboard (issue 17): conditions in plain words, the rule
// guides read from docs/findings.md, principals named with their account and grouped, the blast
// radius answer, and the legend filters of the reducers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../shared/audit/index.js';
import type { ReachableFromResult } from '../../shared/query/types.js';
import { readBlastAnswer } from '../../web/src/graph/blast-answer.js';
import { guideSpans, parseRuleGuides } from '../../web/src/findings/rule-guide.js';
import { edgeAppearance, nodeAppearance } from '../../web/src/graph/highlight.js';
import { groupByName, principalName } from '../../web/src/graph/principal-name.js';
import {
  explainCondition,
  explainStatementConditions,
} from '../../web/src/policy/explain-conditions.js';
import cases from './cases/explain-conditions.json' with { type: 'json' };
import { ROOT } from './helpers/serve-demo.js';

describe('explainCondition', () => {
  it.each(cases)('$name', ({ operator, key, values, text, loose }) => {
    const e = explainCondition(operator, key, values);
    expect(e.text).toBe(text);
    expect(e.loose).toBe(loose);
    expect(e.test).toBe(`${operator} ${key}`);
  });

  it('explains every condition of a statement, values kept whole', () => {
    const long = `repo:acme/${'x'.repeat(300)}:ref:refs/heads/main`;
    const list = explainStatementConditions({
      Effect: 'Allow',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': long },
      },
    });
    expect(list).toHaveLength(2);
    expect(list[1]?.values).toEqual([long]);
    expect(explainStatementConditions({ Effect: 'Allow' })).toEqual([]);
  });
});

describe('rule guides from docs/findings.md', () => {
  const guides = parseRuleGuides(readFileSync(join(ROOT, 'docs', 'findings.md'), 'utf8'));
  it.each(RULES.map((r) => r.id))('%s has a why and a fix', (id) => {
    const guide = guides.get(id);
    expect(guide?.why?.length ?? 0).toBeGreaterThan(20);
    expect(guide?.fix?.length ?? 0).toBeGreaterThan(10);
  });
});

describe('guideSpans', () => {
  it('shows code spans as code, without backticks, and starts with a capital', () => {
    expect(
      guideSpans('bind the statement with `aws:PrincipalOrgID` (or `aws:SourceArn`).'),
    ).toEqual([
      { code: false, text: 'Bind the statement with ' },
      { code: true, text: 'aws:PrincipalOrgID' },
      { code: false, text: ' (or ' },
      { code: true, text: 'aws:SourceArn' },
      { code: false, text: ').' },
    ]);
    expect(guideSpans('`StringEquals sts:ExternalId` with the value')[0]).toEqual({
      code: true,
      text: 'StringEquals sts:ExternalId',
    });
    expect(guideSpans('an odd ` backtick')).toEqual([{ code: false, text: 'An odd ` backtick' }]);
  });
});

describe('principal names', () => {
  const names = new Map([['500000000001', 'acme-payments-prod']]);
  it('adds the account name, or the id when unknown; an account shown by its id gets its name after it', () => {
    expect(principalName('arn:aws:iam::500000000001:role/Deploy', names)).toBe(
      'Deploy · acme-payments-prod',
    );
    expect(principalName('arn:aws:iam::500000000002:role/Deploy', names)).toBe(
      'Deploy · 500000000002',
    );
    expect(principalName('arn:aws:iam::500000000001:root', names)).toBe(
      '500000000001 (acme-payments-prod)',
    );
    expect(principalName('arn:aws:iam::500000000002:root', names)).toBe('500000000002');
    expect(principalName('arn:aws:iam::500000000001:root', names, 'acme-payments-prod')).toBe(
      'acme-payments-prod',
    );
    expect(principalName('*', names)).toBe('Anyone');
  });

  it('groups a name seen three times or more, keeps the others apart, in first-seen order', () => {
    const keys = ['a/Datadog', 'b/Datadog', 'x/Other', 'c/Datadog', 'y/Solo'];
    const groups = groupByName(keys, (k) => k.split('/')[1] ?? k);
    expect(groups.map((g) => [g.name, g.items.length])).toEqual([
      ['Datadog', 3],
      ['Other', 1],
      ['Solo', 1],
    ]);
  });
});

describe('readBlastAnswer', () => {
  const hop = (from: string, to: string) => ({
    from,
    to,
    kind: 'can-assume' as const,
    decision: 'allow' as const,
    conditionKeys: [],
    evidence: [],
  });
  const base: ReachableFromResult = {
    kind: 'found',
    from: 'arn:aws:iam::999988887777:root',
    truncated: false,
    buckets: [],
    admin: [],
    roles: [
      {
        role: 'arn:aws:iam::1:role/Plain',
        accountId: '111111111111',
        scope: 'org',
        admin: false,
        decision: 'allow',
        conditionKeys: [],
        path: [hop('s', 'arn:aws:iam::1:role/Plain')],
      },
      {
        role: 'arn:aws:iam::2:role/Admin',
        accountId: '222222222222',
        scope: 'org',
        admin: true,
        decision: 'conditional',
        conditionKeys: ['sts:ExternalId'],
        path: [hop('s', 'x'), hop('x', 'arn:aws:iam::2:role/Admin')],
      },
    ],
  };

  it('lists administrators first and, without `admin` (an older server), derives admin accounts from admin roles', () => {
    const { admin: _admin, ...legacy } = base as ReachableFromResult & { admin?: unknown };
    const a = readBlastAnswer(legacy as ReachableFromResult);
    expect(a.reached.map((r) => r.key)).toEqual([
      'arn:aws:iam::2:role/Admin',
      'arn:aws:iam::1:role/Plain',
    ]);
    expect(a.admin.map((x) => x.accountId)).toEqual(['222222222222']);
  });

  it('reads the admin list of the query when the server sends it (escalation included)', () => {
    const withAdmin = {
      ...base,
      admin: [
        {
          accountId: '333333333333',
          path: [hop('s', 'arn:aws:iam::3:user/u')],
          decision: 'allow',
          conditionKeys: [],
        },
        { accountId: '999988887777', path: [], decision: 'allow', conditionKeys: [] },
        { bad: 1 },
      ],
    } as unknown as ReachableFromResult;
    expect(readBlastAnswer(withAdmin).admin).toEqual([
      { accountId: '333333333333', path: [hop('s', 'arn:aws:iam::3:user/u')] },
    ]);
    // An account the start already administers (its own) is said apart, not listed as reached.
    expect(readBlastAnswer(withAdmin).alreadyAdmin).toEqual(['999988887777']);
  });
});

describe('legend filters in the reducers', () => {
  const look = { color: '#000', size: 2 };
  it('hides inside edges, services and conditional edges, never the selection', () => {
    const hide = new Set(['inside', 'services', 'conditional'] as const);
    const ends = ['a', 'b'] as const;
    expect(edgeAppearance('e', { ...look, state: 'internal' }, ends, { hide }).visibility).toBe(
      'hidden',
    );
    expect(edgeAppearance('e', { ...look, state: 'external' }, ends, { hide }).visibility).toBe(
      'visible',
    );
    expect(edgeAppearance('e', { ...look, state: 'conditional' }, ends, { hide }).visibility).toBe(
      'hidden',
    );
    expect(
      edgeAppearance('e', { ...look, state: 'external' }, ['service:ec2.amazonaws.com', 'b'], {
        hide,
      }).visibility,
    ).toBe('hidden');
    expect(
      edgeAppearance('e', { ...look, state: 'internal' }, ends, { hide, selectedEdge: 'e' })
        .visibility,
    ).toBe('visible');
    const service = { ...look, important: false, kind: 'service' };
    expect(nodeAppearance('service:s3', service, { hide }).visibility).toBe('hidden');
    expect(
      nodeAppearance('service:s3', service, { hide, selectedNode: 'service:s3' }).visibility,
    ).toBe(undefined);
    expect(nodeAppearance('service:s3', service, {}).visibility).toBe(undefined);
  });
});
