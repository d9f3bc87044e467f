/**
 * Which instances a CodeDeploy deployment group selects (codedeploy-deployment.ts `selects`):
 * ec2TagFilters match any filter, an ec2TagSet needs a filter of every group, KEY_ONLY /
 * VALUE_ONLY / KEY_AND_VALUE compare what they name (case-sensitive), and an Auto Scaling group's
 * instances carry `aws:autoscaling:groupName`.
 */
import { describe, expect, it } from 'vitest';
import { selects } from '../../../shared/graph/edges/can-escalate/codedeploy-deployment.js';
import type { DeploymentGroupFacts } from '../../../shared/snapshot/types.js';

const base: DeploymentGroupFacts = {
  applicationName: 'app',
  deploymentGroupName: 'dg',
  computePlatform: 'Server',
  ec2TagFilters: [],
  ec2TagSet: [],
  autoScalingGroups: [],
};

describe('deployment group instance selection', () => {
  it('ec2TagFilters: any filter, by its type', () => {
    const g: DeploymentGroupFacts = {
      ...base,
      ec2TagFilters: [
        { type: 'KEY_AND_VALUE', key: 'Name', value: 'web' },
        { type: 'KEY_ONLY', key: 'Deploy' },
        { type: 'VALUE_ONLY', value: 'blue' },
      ],
    };
    expect(selects(g, { Name: 'web' })).toBe(true);
    expect(selects(g, { Name: 'Web' })).toBe(false);
    expect(selects(g, { name: 'web' })).toBe(false);
    expect(selects(g, { Deploy: '' })).toBe(true);
    expect(selects(g, { Color: 'blue' })).toBe(true);
    expect(selects(g, { blue: 'x' })).toBe(false);
    expect(selects(g, {})).toBe(false);
  });

  it('ec2TagSet: a filter of every group', () => {
    const g: DeploymentGroupFacts = {
      ...base,
      ec2TagSet: [
        [
          { type: 'KEY_AND_VALUE', key: 'Env', value: 'prod' },
          { type: 'KEY_AND_VALUE', key: 'Env', value: 'staging' },
        ],
        [{ type: 'KEY_ONLY', key: 'App' }],
      ],
    };
    expect(selects(g, { Env: 'staging', App: 'x' })).toBe(true);
    expect(selects(g, { Env: 'prod' })).toBe(false);
    expect(selects(g, { App: 'x' })).toBe(false);
  });

  it("an Auto Scaling group's instances, by aws:autoscaling:groupName", () => {
    const g: DeploymentGroupFacts = { ...base, autoScalingGroups: ['web-asg'] };
    expect(selects(g, { 'aws:autoscaling:groupName': 'web-asg' })).toBe(true);
    expect(selects(g, { 'aws:autoscaling:groupName': 'other' })).toBe(false);
    expect(selects(g, { Name: 'web-asg' })).toBe(false);
  });

  it('no filter and no Auto Scaling group selects nothing', () => {
    expect(selects(base, { Name: 'web' })).toBe(false);
  });
});
