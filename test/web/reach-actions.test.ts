/**
 * Who can reach's action groups (web/src/components/reach-actions.ts): a link naming a service
 * called `constructor` or `__proto__` must not crash the panel (it did: "l.includes is not a
 * function"), and picking a target of another type asks that type's first question — a Lambda
 * function picked after a bucket is asked about `invoke`, so the account its function policy
 * lets invoke it (999988887777 on partner-settlement) is not left out behind `read`.
 */
import { describe, expect, it } from 'vitest';
import { actionAfterPick, groupsOf } from '../../web/src/components/reach-actions.js';
import { ACTION_GROUPS } from '../../web/src/state/url-state.js';

const BUCKET = 'arn:aws:s3:::acme-data-shared-500000000005';
const OTHER_BUCKET = 'arn:aws:s3:::acme-partner-exchange-500000000002';
const FUNCTION = 'arn:aws:lambda:us-east-1:500000000005:function:partner-settlement';
const SECRET = 'arn:aws:secretsmanager:us-east-1:500000000005:secret:vendor/datadog-api-key-Vd7xQ2';
const KEY = 'arn:aws:kms:us-east-1:500000000005:key/00000005-0000-4000-8000-000000000002';

describe('groupsOf', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'a service named %s in a link gives every group, not a property of the table',
    (service) => {
      expect(groupsOf(`arn:aws:${service}:us-east-1:500000000005:x`)).toEqual(ACTION_GROUPS);
    },
  );

  it('gives a bucket, a function and a key their own groups', () => {
    expect(groupsOf(BUCKET)).toEqual(['read', 'write', 'list', 'admin']);
    expect(groupsOf(FUNCTION)[0]).toBe('invoke');
    expect(groupsOf(KEY)).toContain('decrypt');
    expect(groupsOf(undefined)).toEqual(ACTION_GROUPS);
  });
});

describe('actionAfterPick', () => {
  it.each([
    ['another bucket keeps the question', 'write', BUCKET, OTHER_BUCKET, 'write'],
    ['a function after a bucket asks invoke', 'read', BUCKET, FUNCTION, 'invoke'],
    ['a bucket after a function asks read', 'invoke', FUNCTION, BUCKET, 'read'],
    ['a secret after a bucket asks its first group', 'write', BUCKET, SECRET, groupsOf(SECRET)[0]],
    ['a first pick asks the type first group', 'read', undefined, FUNCTION, 'invoke'],
  ] as const)('%s', (_name, current, previous, next, expected) => {
    expect(actionAfterPick(current, previous, next)).toBe(expected);
  });
});
