/**
 * The statement an item of hop evidence cites (web/src/policy/find-statement.ts): whose panel
 * holds the policy, and which statement of which document — so that the evidence drawer shows
 * the exact statement of each hop, as written.
 */
import { describe, expect, it } from 'vitest';
import { findStatement, policyHolderOf } from '../../web/src/policy/find-statement.js';

const HOP = {
  source: 'arn:aws:iam::500000000008:role/ExportReader',
  target: 'arn:aws:s3:::acme-data-shared-500000000005',
};
const KEY = 'arn:aws:kms:us-east-1:500000000005:key/00000005-0000-4000-8000-000000000002';

describe('policyHolderOf', () => {
  it.each([
    [
      'a bucket policy: the bucket',
      { kind: 'resource', name: 'bucket policy', arn: HOP.target },
      HOP.target,
    ],
    ['a key policy on the way: the key', { kind: 'resource', name: 'key policy', arn: KEY }, KEY],
    [
      'a trust policy without ARN: the hop target',
      { kind: 'trust', name: 'trust policy' },
      HOP.target,
    ],
    [
      'an inline policy: the principal it is attached to',
      { kind: 'identity', name: 'ReadDataExports', attachedTo: HOP.source },
      HOP.source,
    ],
    [
      'a managed policy without attachment: the hop source',
      {
        kind: 'identity',
        name: 'AdministratorAccess',
        arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      },
      HOP.source,
    ],
    ['an SCP: no node', { kind: 'scp', name: 'DenyLeaving', arn: 'p-1234' }, undefined],
  ] as const)('%s', (_name, ref, holder) => {
    expect(policyHolderOf(ref, HOP)).toBe(holder);
  });
});

describe('findStatement', () => {
  const policies = [
    {
      ref: { kind: 'trust', name: 'trust policy', arn: HOP.source },
      document: { Statement: { Effect: 'Allow', Sid: 'OnlyOne' } },
    },
    {
      ref: { kind: 'identity', name: 'ReadDataExports', attachedTo: HOP.source },
      document: { Statement: [{ Sid: 'S0' }, { Sid: 'S1' }] },
    },
    {
      ref: {
        kind: 'identity',
        name: 'AdministratorAccess',
        arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      },
      document: { Statement: [{ Sid: 'Admin' }] },
    },
    { ref: { kind: 'resource', name: 'bucket policy', arn: HOP.target }, document: 'not a policy' },
  ] as const;

  it('finds a statement by index, the policy by name or by ARN', () => {
    expect(findStatement(policies, { kind: 'identity', name: 'ReadDataExports' }, 1)).toEqual({
      Sid: 'S1',
    });
    expect(
      findStatement(
        policies,
        { kind: 'identity', name: 'renamed', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        0,
      ),
    ).toEqual({ Sid: 'Admin' });
  });

  it('reads a single statement given as an object', () => {
    expect(
      findStatement(policies, { kind: 'trust', name: 'trust policy', arn: HOP.source }, 0),
    ).toEqual({
      Effect: 'Allow',
      Sid: 'OnlyOne',
    });
    expect(
      findStatement(policies, { kind: 'trust', name: 'trust policy', arn: HOP.source }, 1),
    ).toBeUndefined();
  });

  it('gives nothing for a missing policy, index or a document that is no policy', () => {
    expect(
      findStatement(policies, { kind: 'identity', name: 'ReadDataExports' }, 2),
    ).toBeUndefined();
    expect(findStatement(policies, { kind: 'identity', name: 'Other' }, 0)).toBeUndefined();
    expect(
      findStatement(policies, { kind: 'resource', name: 'bucket policy', arn: HOP.target }, 0),
    ).toBeUndefined();
  });
});
