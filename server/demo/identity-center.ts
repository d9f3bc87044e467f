/**
 * The demo organization's IAM Identity Center (docs/demo-organization.md "IAM Identity Center"):
 * people, groups, the two permission sets every account already has roles for
 * (`AWSReservedSSO_AdministratorAccess_…`, `AWSReservedSSO_ReadOnlyAccess_…`) and their account
 * assignments, written as identity-center.json. Fixed identifiers, independent of the seed.
 *
 * Planted: a large administrator group (Platform Admins, 14 people, every account:
 * `sso-admin-group-too-large`), its small twin (Break Glass, 2 people), one direct user
 * assignment (dana.kim, AdministratorAccess in acme-payments-prod: `sso-direct-user-assignment`),
 * one assignment to a deleted user (`sso-assignment-to-deleted-principal`), and — because Platform
 * Admins is assigned to every account — one in the unreadable acme-legacy-prod
 * (`sso-assignment-role-missing`, info).
 */
import {
  DATA_PROD,
  MANAGEMENT,
  PAYMENTS_DEV,
  PAYMENTS_PROD,
  SECURITY,
  SSO_ADMIN_ROLE,
  SSO_READONLY_ROLE,
  WEB_DEV,
  WEB_PROD,
  type DemoAccount,
} from './demo-constants.js';

export const SSO_INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
export const SSO_IDENTITY_STORE_ID = 'd-9067a1b2c3';
const PS_PREFIX = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/';

/** The permission set whose role is `AWSReservedSSO_<name>_<suffix>` (demo-constants). */
function permissionSetName(roleName: string): string {
  return roleName.slice('AWSReservedSSO_'.length, roleName.lastIndexOf('_'));
}
export const SSO_ADMIN_SET = {
  arn: `${PS_PREFIX}ps-1a2b3c4d5e6f7a8b`,
  name: permissionSetName(SSO_ADMIN_ROLE),
};
export const SSO_READONLY_SET = {
  arn: `${PS_PREFIX}ps-8b7a6f5e4d3c2b1a`,
  name: permissionSetName(SSO_READONLY_ROLE),
};

const PEOPLE = [
  'ana.silva',
  'ben.okafor',
  'chen.wei',
  'dana.kim',
  'eli.cohen',
  'fatima.zahra',
  'gus.larsen',
  'hana.sato',
  'ivan.petrov',
  'jade.moreau',
  'kofi.mensah',
  'lena.muller',
  'marco.rossi',
  'nora.haddad',
  'omar.farouk',
  'priya.nair',
  'quinn.oconnor',
  'rosa.garcia',
  'sam.taylor',
  'tara.singh',
  'umar.ali',
  'vera.novak',
  'wen.li',
  'yara.costa',
  'zoe.martin',
  'luis.ortega',
  'mia.jensen',
  'noah.brown',
] as const;

/** `9067a1b2c3-…`: identitystore ids are a store prefix and a UUID. */
function userId(n: number): string {
  return `9067a1b2c3-5e7f9a1b-0000-4000-8000-${String(n).padStart(12, '0')}`;
}
function groupId(n: number): string {
  return `9067a1b2c3-5e7f9a1b-0000-4000-9000-${String(n).padStart(12, '0')}`;
}

/** A user id that is in no list: the person was deleted, the assignment stayed. */
export const DELETED_SSO_USER_ID = userId(999);

interface GroupSpec {
  name: string;
  members: readonly string[];
}

export const SSO_GROUPS = {
  platformAdmins: {
    name: 'Platform Admins',
    members: PEOPLE.slice(0, 14),
  },
  breakGlass: { name: 'Break Glass', members: ['eli.cohen', 'nora.haddad'] },
  securityAuditors: {
    name: 'Security Auditors',
    members: ['fatima.zahra', 'omar.farouk', 'vera.novak', 'wen.li'],
  },
  paymentsDevelopers: {
    name: 'Payments Developers',
    members: ['priya.nair', 'quinn.oconnor', 'rosa.garcia', 'sam.taylor', 'tara.singh', 'dana.kim'],
  },
  webDevelopers: {
    name: 'Web Developers',
    members: ['umar.ali', 'yara.costa', 'zoe.martin', 'luis.ortega', 'mia.jensen'],
  },
} as const satisfies Record<string, GroupSpec>;

/** The person with a direct assignment (AdministratorAccess in acme-payments-prod). */
export const SSO_DIRECT_USER = 'dana.kim';

export function ssoUserName(person: string): string {
  return `${person}@acme.example`;
}

/** identity-center.json of the demo organization of `accounts`. */
export function buildIdentityCenterJson(accounts: readonly DemoAccount[]): unknown {
  const userIds = new Map<string, string>(PEOPLE.map((p, i) => [p, userId(i + 1)]));
  const groups = Object.values(SSO_GROUPS).map((g, i) => ({ spec: g, id: groupId(i + 1) }));
  const idOf = (person: string): string => {
    const id = userIds.get(person);
    if (id === undefined) throw new Error(`demo: ${person} is not a demo person`);
    return id;
  };
  const assignments: {
    AccountId: string;
    PermissionSetArn: string;
    PrincipalType: 'USER' | 'GROUP';
    PrincipalId: string;
  }[] = [];
  const assign = (
    accountId: string,
    set: { arn: string },
    type: 'USER' | 'GROUP',
    id: string,
  ): void => {
    assignments.push({
      AccountId: accountId,
      PermissionSetArn: set.arn,
      PrincipalType: type,
      PrincipalId: id,
    });
  };
  const group = (spec: GroupSpec): string => groups.find((g) => g.spec === spec)?.id ?? '';
  const present = new Set(accounts.map((a) => a.id));
  for (const a of accounts) {
    assign(a.id, SSO_ADMIN_SET, 'GROUP', group(SSO_GROUPS.platformAdmins));
    assign(a.id, SSO_READONLY_SET, 'GROUP', group(SSO_GROUPS.securityAuditors));
  }
  assign(MANAGEMENT, SSO_ADMIN_SET, 'GROUP', group(SSO_GROUPS.breakGlass));
  assign(SECURITY, SSO_ADMIN_SET, 'GROUP', group(SSO_GROUPS.breakGlass));
  for (const id of [PAYMENTS_PROD, PAYMENTS_DEV])
    if (present.has(id))
      assign(id, SSO_READONLY_SET, 'GROUP', group(SSO_GROUPS.paymentsDevelopers));
  for (const id of [WEB_PROD, WEB_DEV])
    if (present.has(id)) assign(id, SSO_READONLY_SET, 'GROUP', group(SSO_GROUPS.webDevelopers));
  assign(PAYMENTS_PROD, SSO_ADMIN_SET, 'USER', idOf(SSO_DIRECT_USER));
  assign(DATA_PROD, SSO_READONLY_SET, 'USER', DELETED_SSO_USER_ID);

  return {
    InstanceArn: SSO_INSTANCE_ARN,
    IdentityStoreId: SSO_IDENTITY_STORE_ID,
    Users: PEOPLE.map((p) => ({
      UserId: idOf(p),
      UserName: ssoUserName(p),
      DisplayName: p
        .split('.')
        .map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`)
        .join(' '),
    })),
    Groups: groups.map((g) => ({ GroupId: g.id, DisplayName: g.spec.name })),
    GroupMemberships: groups.flatMap((g) =>
      g.spec.members.map((m) => ({ GroupId: g.id, UserId: idOf(m) })),
    ),
    PermissionSets: [SSO_ADMIN_SET, SSO_READONLY_SET].map((s) => ({
      PermissionSetArn: s.arn,
      Name: s.name,
    })),
    AccountAssignments: assignments,
  };
}
