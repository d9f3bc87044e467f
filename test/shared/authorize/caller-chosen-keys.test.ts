/**
 * The table of keys the caller chooses (shared/authorize/caller-chosen-keys.ts) is covered key by
 * key: every row has a decision case (cases/caller-chosen-keys.json) in which a condition on that
 * key alone is satisfied by the caller (`allow`, noted `caller-chosen-keys`), and every row is in
 * the documented table of docs/IAM-SEMANTICS.md §5.6 with its citation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CALLER_CHOSEN_KEYS,
  callerChosenKey,
} from '../../../shared/authorize/caller-chosen-keys.js';

interface CaseShape {
  name: string;
  expect: { decision: string; evidence?: { role?: string; keys?: string[] }[] };
}

const cases = JSON.parse(
  readFileSync(join(import.meta.dirname, 'cases', 'caller-chosen-keys.json'), 'utf8'),
) as CaseShape[];
const doc = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'docs', 'IAM-SEMANTICS.md'),
  'utf8',
);

describe('keys the caller chooses', () => {
  it.each(CALLER_CHOSEN_KEYS.map((row) => [row.key, row] as const))(
    '%s has an allow case resolved by the caller, and a row with its citation in IAM-SEMANTICS.md §5.6',
    (key, row) => {
      const covered = cases.filter(
        (c) =>
          c.expect.decision === 'allow' &&
          c.expect.evidence?.some((e) => e.role === 'note' && e.keys?.includes(key)) === true,
      );
      expect(covered.map((c) => c.name)).not.toEqual([]);
      const section = doc.slice(doc.indexOf('### 5.6'), doc.indexOf('## 6.'));
      const line = section.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
      expect(line, `row of ${key}`).toBeDefined();
      expect(line).toContain(row.citation);
    },
  );

  it('gates are not in the table', () => {
    for (const gate of [
      'sts:ExternalId',
      'aws:MultiFactorAuthPresent',
      'aws:SourceIp',
      'aws:SourceVpc',
      'aws:SourceVpce',
      'aws:PrincipalTag/team',
      'token.actions.githubusercontent.com:sub',
      'SAML:aud',
    ])
      expect(callerChosenKey(gate, { service: 'sts', action: 'sts:AssumeRole' })).toBeUndefined();
  });

  it('a key is chosen only in the requests that carry it', () => {
    expect(
      callerChosenKey('sts:RoleSessionName', { service: 'sts', action: 'sts:AssumeRole' }),
    ).toBeDefined();
    expect(
      callerChosenKey('sts:RoleSessionName', { service: 'sts', action: 'sts:AssumeRoleWithSAML' }),
    ).toBeUndefined();
    expect(
      callerChosenKey('sts:SourceIdentity', {
        service: 'sts',
        action: 'sts:AssumeRoleWithWebIdentity',
      }),
    ).toBeUndefined();
    expect(
      callerChosenKey('aws:RequestedRegion', { service: 's3', action: 's3:GetObject' }),
    ).toBeUndefined();
    expect(
      callerChosenKey('s3:x-amz-acl', { service: 'sts', action: 'sts:AssumeRole' }),
    ).toBeUndefined();
  });
});
