/** The role a workload runs as when AWS names it indirectly: by instance profile or by name. */
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../server/collect/aws-json.js';
import type { RegionContext } from '../../../server/collect/region-context.js';
import { indexRoles, roleArnOf } from '../../../server/collect/workloads.js';
import cases from './workload-roles.cases.json' with { type: 'json' };

interface RoleCase {
  name: string;
  reason: string;
  roles: JsonValue[];
  partition?: string;
  profile?: string;
  expectProfileRole?: string | null;
  roleGiven?: string;
  expectRole?: string;
}

describe('workload roles resolved against iam.json', () => {
  it.each(cases as RoleCase[])('$name', (testCase) => {
    const index = indexRoles({
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: testCase.roles,
      Policies: [],
    });
    if (testCase.profile !== undefined) {
      expect(index.roleOfInstanceProfile.get(testCase.profile) ?? null).toBe(
        testCase.expectProfileRole,
      );
    }
    if (testCase.roleGiven !== undefined) {
      const ctx = {
        accountId: '222222222222',
        partition: testCase.partition ?? 'aws',
        region: 'us-east-1',
      } as RegionContext;
      expect(roleArnOf(ctx, index, testCase.roleGiven)).toBe(testCase.expectRole);
    }
  });
});
