/**
 * The `Principal` / `NotPrincipal` element (IAM-SEMANTICS.md §2.1–§2.5): compiling it into typed
 * entries with validation, and matching a `Caller` three-valued, with the level of the match.
 *
 * Matching rules (§2.1 table):
 * - `"*"` / `"AWS": "*"` matches every caller (level `wildcard`), including anonymous callers,
 *   services and federated callers (an over-approximation for the last two).
 * - An account id ≡ `arn:P:iam::ACCT:root`: every principal of that account, root included
 *   (level `account`; that the root user cannot call AssumeRole is the decision layer's rule).
 *   An opaque `account` caller matches only account principals and `*`.
 * - A role ARN matches any session of that role (level `role`); compared case-insensitively,
 *   as IAM role names are unique case-insensitively.
 * - A session ARN `arn:P:sts::ACCT:assumed-role/ROLE/SESSION` matches exactly that session; the
 *   role name is compared case-insensitively (session ARNs carry no path); an unknown session
 *   name leaves it unknown on `sts:RoleSessionName`.
 * - A user ARN matches that user, case-sensitively (level `user`).
 * - A unique id (`AROA…`, `AIDA…`) is a deleted principal and matches nothing.
 * - `Service`, `Federated` (provider ARN or built-in host) and `CanonicalUser` (via the request's
 *   canonical-id map; unknown on `aws:PrincipalAccount` when the id is not mapped).
 * - Partitions never cross; an account id without partition takes the policy's partition.
 */
import { isObject, show } from './policy-issues.js';
import type { StatementScope } from './statement-scope.js';
import { FALSE, TRUE, UNKNOWN, type Truth } from './three-valued.js';
import type { Caller, PrincipalMatchLevel, PrincipalView } from './types.js';
import { Glob, hasWildcard } from './wildcard.js';
import { objectMemo } from './memo-on-object.js';

// Match levels as bits, in the order of preference of `StatementHit.principalMatch`.
const L_SESSION = 1;
const L_WILDCARD = 2;
const L_USER = 4;
const L_FEDERATED_USER = 8;
const L_ROLE = 16;
const L_CANONICAL = 32;
const L_ACCOUNT = 64;
const L_SERVICE = 128;
const L_FEDERATED = 256;

const LEVELS: readonly (readonly [number, PrincipalMatchLevel])[] = [
  [L_SESSION, 'session'],
  [L_WILDCARD, 'wildcard'],
  [L_USER, 'user'],
  [L_FEDERATED_USER, 'federated-user'],
  [L_ROLE, 'role'],
  [L_CANONICAL, 'canonical-user'],
  [L_ACCOUNT, 'account'],
  [L_SERVICE, 'service'],
  [L_FEDERATED, 'federated'],
];

// Why an entry's match is unknown, as bits (each names one key).
const U_SESSION_NAME = 1;
const U_CANONICAL = 2;
const U_PRINCIPAL_ARN = 4;

/** A unique id as IAM shows it for a deleted principal (prefixes: IAM identifiers, "Unique ID prefixes"). */
const UNIQUE_ID = /^A(BIA|CCA|GPA|IDA|IPA|KIA|NPA|NVA|PKA|ROA|SCA|SIA)[A-Z0-9]{8,}$/;

/** Built-in web identity providers that appear as a host, not an ARN (§2.3). */
const BUILT_IN_PROVIDERS = new Set([
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
  'cognito-identity.amazonaws.com',
]);

type Entry =
  | { readonly t: 'wildcard' }
  | { readonly t: 'account'; readonly accountId: string; readonly partition: string | undefined }
  | { readonly t: 'user'; readonly arn: string }
  | { readonly t: 'role'; readonly arnLower: string }
  | {
      readonly t: 'session';
      readonly partition: string;
      readonly accountId: string;
      readonly roleNameLower: string;
      readonly sessionName: string;
    }
  | { readonly t: 'federated-user'; readonly arn: string }
  | { readonly t: 'service'; readonly name: string }
  | { readonly t: 'any-service' }
  | { readonly t: 'federated'; readonly provider: string }
  | { readonly t: 'canonical'; readonly id: string }
  /** Deny only: a partial wildcard kept as a possible match on `aws:PrincipalArn`. */
  | { readonly t: 'glob'; readonly glob: Glob };

/** A compiled `Principal` / `NotPrincipal` element. */
export interface CompiledPrincipals {
  readonly entries: readonly Entry[];
  readonly view: PrincipalView;
  /** `Federated` providers as written, with the STS action each one pairs with (§2.3). */
  readonly federated: readonly { readonly provider: string; readonly action: string }[];
}

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;
type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

function isPrincipalType(key: string): key is PrincipalType {
  return (PRINCIPAL_TYPES as readonly string[]).includes(key);
}

/**
 * Compiles a `Principal` / `NotPrincipal` element. `element` names it in messages.
 * `onStringWildcard` is called for the string form `"*"` (the caller decides whether the
 * policy kind allows it).
 */
export function compilePrincipals(
  raw: unknown,
  path: string,
  scope: StatementScope,
  onStringWildcard: () => void,
): CompiledPrincipals {
  const entries: Entry[] = [];
  const federated: { provider: string; action: string }[] = [];
  const view: {
    wildcard: boolean;
    AWS?: string[];
    Service?: string[];
    Federated?: string[];
    CanonicalUser?: string[];
  } = { wildcard: false };

  if (raw === '*') {
    onStringWildcard();
    entries.push({ t: 'wildcard' });
    view.wildcard = true;
    return { entries, view, federated };
  }
  let obj: Record<string, unknown>;
  if (typeof raw === 'string') {
    scope.error(
      'invalid-principal',
      `A principal must be "*" or an object such as {"AWS": ${show(raw)}}, found the string ${show(raw)}`,
      path,
    );
    obj = { AWS: raw };
  } else if (isObject(raw)) {
    obj = raw;
  } else {
    scope.error(
      'invalid-principal',
      `A principal must be "*" or an object of AWS / Service / Federated / CanonicalUser, found ${show(raw)}`,
      path,
    );
    return { entries, view, federated };
  }

  for (const [type, rawValues] of Object.entries(obj)) {
    const typePath = `${path}.${type}`;
    if (!isPrincipalType(type)) {
      scope.error(
        'unknown-principal-type',
        `Unknown principal type ${show(type)}; expected AWS, Service, Federated or CanonicalUser`,
        typePath,
      );
      continue;
    }
    const list = Array.isArray(rawValues) ? (rawValues as unknown[]) : [rawValues];
    // `type` is one of the four principal types (isPrincipalType above), never free data.
    // eslint-disable-next-line no-restricted-syntax
    const written: string[] = (view[type] ??= []);
    list.forEach((value, i) => {
      const at = Array.isArray(rawValues) ? `${typePath}[${i}]` : typePath;
      if (typeof value !== 'string') {
        scope.error(
          'invalid-principal',
          `Expected a ${type} principal string, found ${show(value)}`,
          at,
        );
        return;
      }
      written.push(value);
      const entry = classify(type, value, at, scope, federated);
      if (entry !== undefined) {
        entries.push(entry);
        if (entry.t === 'wildcard') view.wildcard = true;
      }
    });
  }
  const named = PRINCIPAL_TYPES.reduce((n, t) => n + (view[t]?.length ?? 0), 0);
  if (named === 0) {
    scope.warn(
      'empty-principal',
      'The principal element names no principal; the statement has no effect',
      path,
    );
  }
  return { entries, view, federated };
}

function classify(
  type: PrincipalType,
  value: string,
  at: string,
  scope: StatementScope,
  federated: { provider: string; action: string }[],
): Entry | undefined {
  switch (type) {
    case 'AWS':
      return classifyAws(value, at, scope);
    case 'Service':
      if (value === '*') {
        scope.warn(
          'wildcard-service-principal',
          '"Service": "*" is evaluated as any AWS service',
          at,
        );
        return { t: 'any-service' };
      }
      if (hasWildcard(value)) return partialWildcard(value, at, scope);
      return { t: 'service', name: value.toLowerCase() };
    case 'Federated': {
      if (hasWildcard(value)) return partialWildcard(value, at, scope);
      if (scope.kind === 'resource') {
        scope.warn(
          'federated-principal-outside-trust',
          `Federated principal ${show(value)} in a resource policy: federated principals are meant for role trust policies`,
          at,
        );
      }
      const saml = value.includes(':saml-provider/');
      const oidcArn = value.includes(':oidc-provider/');
      if (!saml && !oidcArn && (value.startsWith('arn:') || !value.includes('.'))) {
        scope.error(
          'invalid-principal',
          `Federated principal ${show(value)} must be a saml-provider or oidc-provider ARN or an identity provider host such as "cognito-identity.amazonaws.com"`,
          at,
        );
        return undefined;
      }
      if (!saml && !oidcArn && !BUILT_IN_PROVIDERS.has(value.toLowerCase())) {
        scope.warn(
          'unknown-federated-provider',
          `Federated principal ${show(value)} is neither a provider ARN nor a built-in provider host`,
          at,
        );
      }
      federated.push({
        provider: value,
        action: saml ? 'sts:assumerolewithsaml' : 'sts:assumerolewithwebidentity',
      });
      return { t: 'federated', provider: value.toLowerCase() };
    }
    case 'CanonicalUser':
      if (scope.kind === 'trust') {
        scope.error(
          'canonical-user-in-trust',
          'CanonicalUser principals are not valid in a role trust policy',
          at,
        );
        return undefined;
      }
      if (!/^[0-9a-fA-F]{64}$/.test(value)) {
        scope.error(
          'invalid-principal',
          `CanonicalUser ${show(value)} must be a 64-character hex id`,
          at,
        );
        return undefined;
      }
      return { t: 'canonical', id: value.toLowerCase() };
  }
}

function partialWildcard(value: string, at: string, scope: StatementScope): Entry | undefined {
  scope.error(
    'partial-wildcard-principal',
    `Principal ${show(value)} uses a wildcard in part of a name; IAM allows only "*" alone. Use "*" (or an account) with an ArnLike condition on aws:PrincipalArn`,
    at,
  );
  return scope.effect === 'Deny' ? { t: 'glob', glob: Glob.compile(value) } : undefined;
}

function classifyAws(value: string, at: string, scope: StatementScope): Entry | undefined {
  if (value === '*') return { t: 'wildcard' };
  if (/^\d{12}$/.test(value)) return { t: 'account', accountId: value, partition: scope.partition };
  if (UNIQUE_ID.test(value)) {
    scope.warn(
      'deleted-principal',
      `Principal ${show(value)} is a unique id: the principal it named was deleted, and the grant matches nothing (not even a re-created principal with the same name)`,
      at,
    );
    return undefined;
  }
  if (hasWildcard(value)) return partialWildcard(value, at, scope);
  const parts = value.split(':');
  const [arn, partition = '', service, region, accountId = ''] = parts;
  const resource = parts.slice(5).join(':');
  const invalid = (): Entry | undefined => {
    scope.error(
      'invalid-principal',
      `AWS principal ${show(value)} must be "*", an account id, or the ARN of an account root, user, role, role session or federated user`,
      at,
    );
    return undefined;
  };
  if (
    arn !== 'arn' ||
    parts.length < 6 ||
    partition === '' ||
    region !== '' ||
    !/^\d{12}$/.test(accountId)
  ) {
    return invalid();
  }
  if (service === 'iam') {
    if (resource === 'root') return { t: 'account', accountId, partition };
    if (/^user\/(.+\/)?[^/]+$/.test(resource)) return { t: 'user', arn: value };
    if (/^role\/(.+\/)?[^/]+$/.test(resource)) return { t: 'role', arnLower: value.toLowerCase() };
    return invalid();
  }
  if (service === 'sts') {
    const session = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource);
    if (session?.[1] !== undefined && session[2] !== undefined) {
      return {
        t: 'session',
        partition,
        accountId,
        roleNameLower: session[1].toLowerCase(),
        sessionName: session[2],
      };
    }
    if (/^federated-user\/.+$/.test(resource)) return { t: 'federated-user', arn: value };
  }
  return invalid();
}

/** Facts of a caller derived once per caller object. */
interface CallerFacts {
  readonly accountId: string | undefined;
  readonly partition: string | undefined;
  readonly roleArnLower: string | undefined;
  readonly roleNameLower: string | undefined;
  readonly serviceLower: string | undefined;
  readonly providerLower: string | undefined;
  /** ARNs a partial-wildcard Deny entry is tested against (`aws:PrincipalArn`). */
  readonly principalArns: readonly string[];
}

const FACTS = objectMemo<Caller, CallerFacts>('trustmap.policy.caller-facts');

function factsOf(caller: Caller): CallerFacts {
  let facts = FACTS.get(caller);
  if (facts !== undefined) return facts;
  const roleArnLower = caller.type === 'role-session' ? caller.roleArn.toLowerCase() : undefined;
  const roleNameLower =
    roleArnLower === undefined ? undefined : roleArnLower.slice(roleArnLower.lastIndexOf('/') + 1);
  facts = {
    accountId: 'accountId' in caller ? caller.accountId : undefined,
    partition: 'partition' in caller ? caller.partition : undefined,
    roleArnLower,
    roleNameLower,
    serviceLower: caller.type === 'service' ? caller.service.toLowerCase() : undefined,
    providerLower:
      caller.type === 'oidc' || caller.type === 'saml' ? caller.provider.toLowerCase() : undefined,
    principalArns:
      caller.type === 'user' || caller.type === 'federated-user'
        ? [caller.arn]
        : caller.type === 'role-session'
          ? [caller.roleArn]
          : caller.type === 'root'
            ? [`arn:${caller.partition}:iam::${caller.accountId}:root`]
            : [],
  };
  FACTS.set(caller, facts);
  return facts;
}

// Results of the last `scan`, read right after it (single-threaded, no allocation).
let trueLevels = 0;
let unknownLevels = 0;
let unknownWhy = 0;

/** Tests every entry against the caller, filling trueLevels / unknownLevels / unknownWhy. */
function scan(
  entries: readonly Entry[],
  caller: Caller,
  canonicalIds: ReadonlyMap<string, string> | undefined,
): void {
  trueLevels = 0;
  unknownLevels = 0;
  unknownWhy = 0;
  const f = factsOf(caller);
  for (const e of entries) {
    switch (e.t) {
      case 'wildcard':
        trueLevels |= L_WILDCARD;
        break;
      case 'account':
        if (
          f.accountId === e.accountId &&
          (e.partition === undefined || e.partition === f.partition) &&
          caller.type !== 'service'
        ) {
          trueLevels |= L_ACCOUNT;
        }
        break;
      case 'user':
        if (caller.type === 'user' && caller.arn === e.arn) trueLevels |= L_USER;
        break;
      case 'role':
        if (f.roleArnLower === e.arnLower) trueLevels |= L_ROLE;
        break;
      case 'session':
        if (
          caller.type === 'role-session' &&
          f.roleNameLower === e.roleNameLower &&
          caller.accountId === e.accountId &&
          caller.partition === e.partition
        ) {
          if (caller.sessionName === undefined) {
            unknownLevels |= L_SESSION;
            unknownWhy |= U_SESSION_NAME;
          } else if (caller.sessionName === e.sessionName) {
            trueLevels |= L_SESSION;
          }
        }
        break;
      case 'federated-user':
        if (caller.type === 'federated-user' && caller.arn === e.arn)
          trueLevels |= L_FEDERATED_USER;
        break;
      case 'service':
        if (f.serviceLower === e.name) trueLevels |= L_SERVICE;
        break;
      case 'any-service':
        if (caller.type === 'service') trueLevels |= L_SERVICE;
        break;
      case 'federated':
        if (f.providerLower === e.provider) trueLevels |= L_FEDERATED;
        break;
      case 'canonical': {
        if (f.accountId === undefined) break;
        const owner = canonicalIds?.get(e.id);
        if (owner === undefined) {
          unknownLevels |= L_CANONICAL;
          unknownWhy |= U_CANONICAL;
        } else if (owner === f.accountId) {
          trueLevels |= L_CANONICAL;
        }
        break;
      }
      case 'glob':
        if (f.principalArns.some((a) => e.glob.test(a))) {
          unknownLevels |= caller.type === 'role-session' ? L_ROLE : L_USER;
          unknownWhy |= U_PRINCIPAL_ARN;
        }
        break;
    }
  }
}

function pushWhy(why: number, unknownKeys: string[]): void {
  if ((why & U_SESSION_NAME) !== 0) unknownKeys.push('sts:RoleSessionName');
  if ((why & U_CANONICAL) !== 0) unknownKeys.push('aws:PrincipalAccount');
  if ((why & U_PRINCIPAL_ARN) !== 0) unknownKeys.push('aws:PrincipalArn');
}

const LEVEL_LISTS = new Map<number, readonly PrincipalMatchLevel[]>();

/** The match levels of a level bit set, best first (a shared, frozen list per set). */
export function levelsOf(mask: number): readonly PrincipalMatchLevel[] {
  let list = LEVEL_LISTS.get(mask);
  if (list === undefined) {
    const out: PrincipalMatchLevel[] = [];
    for (const [bit, level] of LEVELS) if ((mask & bit) !== 0) out.push(level);
    list = Object.freeze(out);
    LEVEL_LISTS.set(mask, list);
  }
  return list;
}

/** The level bit of `wildcard`, for `Allow` + `NotPrincipal`. */
export const WILDCARD_LEVEL = L_WILDCARD;

/**
 * Matches a `Principal` element. Returns `(levels << 2) | truth`: the level bits of the entries
 * that matched (certainly, or — when none did — possibly). Pushes the keys of an unknown match.
 * Without a caller, only `*` decides; anything else is unknown on `aws:PrincipalArn`.
 */
export function matchPrincipal(
  principals: CompiledPrincipals,
  caller: Caller | undefined,
  canonicalIds: ReadonlyMap<string, string> | undefined,
  unknownKeys: string[],
): number {
  if (caller === undefined) {
    if (principals.entries.some((e) => e.t === 'wildcard')) return (L_WILDCARD << 2) | TRUE;
    if (principals.entries.length === 0) return FALSE;
    unknownKeys.push('aws:PrincipalArn');
    return UNKNOWN;
  }
  scan(principals.entries, caller, canonicalIds);
  if (trueLevels !== 0) return (trueLevels << 2) | TRUE;
  if (unknownLevels !== 0) {
    pushWhy(unknownWhy, unknownKeys);
    return (unknownLevels << 2) | UNKNOWN;
  }
  return FALSE;
}

/**
 * Whether a `NotPrincipal` statement applies to the caller, i.e. the caller is not excepted
 * (§2.5). AWS checks the account, then the role or user, then the session: a caller is excepted
 * only when its account (id, root ARN or canonical id) and its user / role / federated-user ARN
 * are both listed. A session listed without its role is service-dependent → unknown. A caller
 * with a permissions boundary is never excepted ("always deny"). `*` excepts everyone else.
 */
export function matchNotPrincipal(
  principals: CompiledPrincipals,
  caller: Caller | undefined,
  canonicalIds: ReadonlyMap<string, string> | undefined,
  unknownKeys: string[],
): Truth {
  if (caller === undefined) {
    if (principals.entries.some((e) => e.t === 'wildcard')) return FALSE;
    unknownKeys.push('aws:PrincipalArn');
    return UNKNOWN;
  }
  if (
    (caller.type === 'user' || caller.type === 'role-session') &&
    caller.hasPermissionsBoundary === true
  ) {
    return TRUE;
  }
  scan(principals.entries, caller, canonicalIds);
  const listed = trueLevels;
  if ((listed & L_WILDCARD) !== 0) return FALSE;
  const accountListed = (listed & (L_ACCOUNT | L_CANONICAL)) !== 0;
  const accountMaybe = (unknownLevels & L_CANONICAL) !== 0;
  const maybe = (why: number): Truth => {
    pushWhy(why, unknownKeys);
    return UNKNOWN;
  };
  switch (caller.type) {
    case 'root':
      return accountListed ? FALSE : accountMaybe ? maybe(U_CANONICAL) : TRUE;
    case 'user':
    case 'federated-user': {
      const own = caller.type === 'user' ? L_USER : L_FEDERATED_USER;
      if ((listed & own) === 0) return TRUE;
      return accountListed ? FALSE : accountMaybe ? maybe(U_CANONICAL) : TRUE;
    }
    case 'role-session': {
      if (!accountListed) return accountMaybe ? maybe(U_CANONICAL) : TRUE;
      if ((listed & L_ROLE) !== 0) return FALSE;
      if ((listed & L_SESSION) !== 0) return maybe(U_PRINCIPAL_ARN);
      if ((unknownLevels & L_SESSION) !== 0) return maybe(U_PRINCIPAL_ARN | U_SESSION_NAME);
      return TRUE;
    }
    case 'account':
      return accountListed ? maybe(U_PRINCIPAL_ARN) : TRUE;
    case 'service':
      return (listed & L_SERVICE) !== 0 ? FALSE : TRUE;
    case 'oidc':
    case 'saml':
      return (listed & L_FEDERATED) !== 0 ? FALSE : TRUE;
    case 'anonymous':
      return TRUE;
  }
}
