/**
 * `isPublicBucketPolicy`: the S3 Block Public Access meaning of "public" (IAM-SEMANTICS.md §7.4),
 * table-driven from tables/public-bucket-policy.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPublicBucketPolicy, publicStatementIndexes } from '../../../shared/authorize/index.js';
import { compilePolicy } from '../../../shared/policy/index.js';
import type { PolicyJson } from '../../../shared/snapshot/types.js';

interface PublicCase {
  name: string;
  cite: string;
  policy: PolicyJson;
  public: boolean;
  publicStatements?: number[];
}

const cases = JSON.parse(
  readFileSync(join(import.meta.dirname, 'tables', 'public-bucket-policy.json'), 'utf8'),
) as PublicCase[];

describe('isPublicBucketPolicy', () => {
  it('every case is cited', () => {
    for (const c of cases)
      expect(c.cite, c.name).toMatch(/^(https:\/\/docs\.aws\.amazon\.com\/|IAM-SEMANTICS\.md §)/);
  });
  for (const c of cases) {
    it(`${c.public ? 'public' : 'not public'}: ${c.name}`, () => {
      const policy = compilePolicy(c.policy, {
        kind: 'resource',
        name: 'bucket policy',
        arn: 'arn:aws:s3:::acme-data',
      });
      expect(isPublicBucketPolicy(policy)).toBe(c.public);
      if (c.publicStatements)
        expect([...publicStatementIndexes(policy)]).toEqual(c.publicStatements);
    });
  }
});
