/**
 * A `CallerProfile` from a simulate principal: an IAM user ARN, a role ARN (some session of the
 * role), a role-session ARN (`arn:…:sts::ACCT:assumed-role/ROLE/SESSION`), an account root ARN
 * (the root user), a federated-user ARN, `{ service }`, `{ federated: provider }` or
 * `{ anonymous: true }`.
 *
 * - Users and roles of scanned accounts come from the model; names match case-insensitively
 *   (IAM names are unique that way) and the snapshot's own ARN is used. A principal missing from
 *   a scanned account is an error: it does not exist.
 * - Principals of accounts outside the snapshot are opaque: no known policies (their account
 *   decides), SCPs from the organization when the account is a member, and only the keys their
 *   ARN implies; their tags and — outside the organization — aws:PrincipalOrgID /
 *   aws:PrincipalOrgPaths come from the request context.
 */
import { accountRootArn, isAccountId, parseArn } from '../arn/parse-arn.js';
import type { Caller, ContextValue } from '../policy/types.js';
import { SimulateRequestError } from './errors.js';
import type { AuthzModel, CallerProfile } from './types.js';

export type PrincipalSpec =
  string | { service: string } | { federated: string } | { anonymous: true };

/** Built-in OIDC providers named by host in a `Federated` principal (IAM-SEMANTICS.md §2.3). */
export const BUILT_IN_OIDC_PROVIDERS: ReadonlySet<string> = new Set([
  'cognito-identity.amazonaws.com',
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
]);

const PRINCIPAL_FORMS =
  'an IAM user ARN, a role ARN, a role-session ARN (arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION), an account root ARN, a federated-user ARN, {"service": …}, {"federated": …} or {"anonymous": true}';

function orgKeys(model: AuthzModel, accountId: string): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = { 'aws:PrincipalAccount': accountId };
  if (model.organizationId !== undefined && model.orgAccountIds.has(accountId)) {
    keys['aws:PrincipalOrgID'] = model.organizationId;
    const path = model.orgPathsByAccount?.get(accountId);
    if (path !== undefined) keys['aws:PrincipalOrgPaths'] = [path];
  }
  return keys;
}

function opaque(
  model: AuthzModel,
  caller: Caller,
  key: string,
  accountId: string,
  contextKeys: Record<string, ContextValue>,
  unknownContextKeys: string[],
): CallerProfile {
  const p: CallerProfile = {
    caller,
    key,
    accountId,
    identityPolicies: [],
    policiesKnown: false,
    serviceLinked: false,
    contextKeys: {
      ...orgKeys(model, accountId),
      'aws:PrincipalIsAWSService': 'false',
      ...contextKeys,
    },
  };
  if (unknownContextKeys.length > 0) p.unknownContextKeys = unknownContextKeys;
  const scps = model.scpsByAccount?.get(accountId);
  if (scps) p.scps = scps;
  return p;
}

function isScanned(model: AuthzModel, accountId: string): boolean {
  return model.scannedAccountIds?.has(accountId) ?? false;
}

/** The principal of `model` of the given kind, account and name (case-insensitive). */
function findByName(
  model: AuthzModel,
  type: 'user' | 'role-session',
  accountId: string,
  name: string,
): CallerProfile | undefined {
  const lower = name.toLowerCase();
  for (const p of model.principals.values()) {
    if (p.caller.type !== type || p.accountId !== accountId) continue;
    const arn = p.caller.type === 'user' ? p.caller.arn : p.caller.roleArn;
    if (arn.slice(arn.lastIndexOf('/') + 1).toLowerCase() === lower) return p;
  }
  return undefined;
}

function fromArn(model: AuthzModel, value: string): CallerProfile {
  const arn = parseArn(value);
  if (!arn || !isAccountId(arn.accountId))
    throw new SimulateRequestError(
      'principal',
      `"${value}" is not a principal ARN; expected ${PRINCIPAL_FORMS}`,
    );
  const { partition, accountId, service, resource } = arn;
  if (service === 'iam' && resource === 'root') {
    const known = isScanned(model, accountId) || model.orgAccountIds.has(accountId);
    const p: CallerProfile = {
      caller: { type: 'root', accountId, partition },
      key: accountRootArn(partition, accountId),
      accountId,
      identityPolicies: [],
      policiesKnown: known,
      serviceLinked: false,
      contextKeys: {
        ...orgKeys(model, accountId),
        'aws:PrincipalArn': accountRootArn(partition, accountId),
        'aws:PrincipalType': 'Account',
        'aws:PrincipalIsAWSService': 'false',
        'aws:userid': accountId,
      },
    };
    const scps = model.scpsByAccount?.get(accountId);
    if (scps) p.scps = scps;
    return p;
  }
  if (service === 'iam' && resource.startsWith('user/')) {
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    const exact = model.principals.get(value);
    const found =
      exact?.caller.type === 'user' ? exact : findByName(model, 'user', accountId, name);
    if (found) return found;
    if (isScanned(model, accountId))
      throw new SimulateRequestError('principal', `User ${value} is not in ${accountId}/iam.json`);
    return opaque(
      model,
      { type: 'user', arn: value, accountId, partition },
      value,
      accountId,
      { 'aws:PrincipalArn': value, 'aws:PrincipalType': 'User', 'aws:username': name },
      ['aws:userid'],
    );
  }
  if (service === 'iam' && resource.startsWith('role/')) {
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    const exact = model.principals.get(value);
    const found =
      exact?.caller.type === 'role-session'
        ? exact
        : findByName(model, 'role-session', accountId, name);
    if (found) return found;
    if (isScanned(model, accountId))
      throw new SimulateRequestError('principal', `Role ${value} is not in ${accountId}/iam.json`);
    return opaque(
      model,
      { type: 'role-session', roleArn: value, accountId, partition },
      value,
      accountId,
      { 'aws:PrincipalArn': value, 'aws:PrincipalType': 'AssumedRole' },
      ['aws:userid'],
    );
  }
  if (service === 'sts') {
    const session = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource);
    if (session?.[1] !== undefined && session[2] !== undefined) {
      const [, roleName, sessionName] = session;
      const role = findByName(model, 'role-session', accountId, roleName);
      if (role && role.caller.type === 'role-session') {
        const roleId = model.roles.get(role.caller.roleArn)?.roleId;
        const p: CallerProfile = {
          ...role,
          caller: { ...role.caller, sessionName },
          contextKeys:
            roleId !== undefined
              ? { ...role.contextKeys, 'aws:userid': `${roleId}:${sessionName}` }
              : role.contextKeys,
        };
        if (roleId !== undefined) delete p.unknownContextKeys;
        return p;
      }
      if (isScanned(model, accountId))
        throw new SimulateRequestError(
          'principal',
          `Role ${roleName} of session ${value} is not in ${accountId}/iam.json`,
        );
      // The role's path is not in the session ARN: its ARN (and aws:PrincipalArn) is a guess.
      const roleArn = `arn:${partition}:iam::${accountId}:role/${roleName}`;
      return opaque(
        model,
        { type: 'role-session', roleArn, accountId, partition, sessionName },
        roleArn,
        accountId,
        { 'aws:PrincipalType': 'AssumedRole' },
        ['aws:userid', 'aws:PrincipalArn'],
      );
    }
    if (resource.startsWith('federated-user/')) {
      const name = resource.slice('federated-user/'.length);
      return opaque(
        model,
        { type: 'federated-user', arn: value, accountId, partition },
        value,
        accountId,
        {
          'aws:PrincipalArn': value,
          'aws:PrincipalType': 'FederatedUser',
          'aws:userid': `${accountId}:${name}`,
        },
        [],
      );
    }
  }
  throw new SimulateRequestError(
    'principal',
    `"${value}" is not a principal ARN; expected ${PRINCIPAL_FORMS}`,
  );
}

/**
 * The caller described by a simulate principal.
 *
 * @throws SimulateRequestError (field `principal`) for a value of none of the accepted forms, or
 *   a user or role missing from a scanned account.
 */
export function callerFromArn(model: AuthzModel, spec: PrincipalSpec): CallerProfile {
  if (typeof spec === 'string') return fromArn(model, spec.trim());
  if ('service' in spec) {
    const service = spec.service.trim();
    if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(service))
      throw new SimulateRequestError(
        'principal.service',
        `"${spec.service}" is not a service principal such as lambda.amazonaws.com`,
      );
    return {
      caller: { type: 'service', service },
      key: `service:${service}`,
      identityPolicies: [],
      policiesKnown: false,
      serviceLinked: false,
      contextKeys: { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': service },
    };
  }
  if ('federated' in spec) {
    const provider = spec.federated.trim();
    const arn = parseArn(provider);
    let caller: Extract<Caller, { type: 'oidc' | 'saml' }> | undefined;
    if (arn?.service === 'iam' && arn.resource.startsWith('saml-provider/'))
      caller = { type: 'saml', provider };
    else if (arn?.service === 'iam' && arn.resource.startsWith('oidc-provider/'))
      caller = { type: 'oidc', provider };
    else if (BUILT_IN_OIDC_PROVIDERS.has(provider.toLowerCase()))
      caller = { type: 'oidc', provider: provider.toLowerCase() };
    if (!caller)
      throw new SimulateRequestError(
        'principal.federated',
        `"${spec.federated}" is not a SAML or OIDC provider ARN nor one of ${[...BUILT_IN_OIDC_PROVIDERS].join(', ')}`,
      );
    return {
      caller,
      key: caller.provider,
      identityPolicies: [],
      policiesKnown: false,
      serviceLinked: false,
      contextKeys: {},
    };
  }
  return {
    caller: { type: 'anonymous' },
    key: '*',
    identityPolicies: [],
    policiesKnown: false,
    serviceLinked: false,
    contextKeys: { 'aws:PrincipalAccount': 'anonymous' },
  };
}
