/** The config key `ssoAdminGroupMaxMembers` (docs/findings.md `sso-admin-group-too-large`). */
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_SSO_ADMIN_GROUP_MAX_MEMBERS,
  resolveAnalysisConfig,
  validateAnalysisConfig,
} from '../../../shared/config/analysis-config.js';

describe('ssoAdminGroupMaxMembers', () => {
  it('defaults to 10 people', () => {
    expect(resolveAnalysisConfig().ssoAdminGroupMaxMembers).toBe(
      DEFAULT_SSO_ADMIN_GROUP_MAX_MEMBERS,
    );
    expect(DEFAULT_SSO_ADMIN_GROUP_MAX_MEMBERS).toBe(10);
  });

  it.each([0, 1, 250])('accepts the whole number %s', (n) => {
    expect(validateAnalysisConfig({ ssoAdminGroupMaxMembers: n }).ssoAdminGroupMaxMembers).toBe(n);
  });

  it.each([-1, 2.5, '10', null, Number.NaN])('refuses %s, naming the key', (n) => {
    expect(() => validateAnalysisConfig({ ssoAdminGroupMaxMembers: n }, 'trustmap.json')).toThrow(
      ConfigError,
    );
    expect(() => validateAnalysisConfig({ ssoAdminGroupMaxMembers: n }, 'trustmap.json')).toThrow(
      /^trustmap\.json\.ssoAdminGroupMaxMembers: expected a whole number/,
    );
  });
});
