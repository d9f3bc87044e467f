/**
 * The request context of one decision: condition keys that follow from the caller, keys that
 * follow from the resource (role or bucket), and keys that the request sets or leaves unknown
 * (`ContextOptions`). Implements the policy layer's `RequestContextLike`.
 *
 * Precedence for a key (names are case-insensitive):
 * 1. caller facts (`CallerProfile.contextKeys`, `unknownContextKeys`); a principal key
 *    (`aws:Principal…`, `aws:userid`, `aws:username`) that a caller with known facts does not
 *    have is absent — the request cannot add a tag to a principal whose tags are known — except
 *    `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths` of a caller outside the organization, whose
 *    organization the snapshot cannot know (they come from the request);
 * 2. resource facts (`resourceContextKeys`), the same rule for resource keys;
 * 3. the request: `unknown` (a key both known and unknown is unknown), then `known`, then
 *    `absent`;
 * 4. `otherKeys`.
 */
import type {
  ContextLookup,
  ContextValue,
  DateBound,
  RequestContextLike,
} from '../policy/types.js';
import { objectMemo } from '../policy/memo-on-object.js';
import type {
  BucketProfile,
  CallerProfile,
  ContextOptions,
  ResourceProfile,
  RoleProfile,
} from './types.js';

const UNKNOWN: ContextLookup = Object.freeze({ kind: 'unknown' });
const ABSENT: ContextLookup = Object.freeze({ kind: 'absent' });

const ORG_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths']);

const PRINCIPAL_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:principalservicenameslist',
  'aws:userid',
  'aws:username',
]);

const RESOURCE_KEYS = new Set([
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  's3:resourceaccount',
]);

/**
 * Service-context keys: "only available when the call to your resource is made directly by an
 * AWS service principal" (IAM-SEMANTICS.md §5.2 "Service context").
 */
export const SERVICE_CONTEXT_KEYS: ReadonlySet<string> = new Set([
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
]);

/**
 * A caller that signs its own requests as an IAM principal — a user, a role session, a root
 * user, a federated user, or some principal of a named account — so no service principal calls
 * on its behalf and the service-context keys are absent unless the request says otherwise. Not
 * "any principal" (`*`, which a service principal may be), OIDC or SAML callers, nor unsigned ones.
 */
function signsAsIamPrincipal(caller: CallerProfile): boolean {
  const c = caller.caller;
  switch (c.type) {
    case 'user':
    case 'role-session':
    case 'root':
    case 'federated-user':
      return true;
    case 'account':
      return c.accountId !== '*';
    case 'service':
    case 'oidc':
    case 'saml':
    case 'anonymous':
      return false;
  }
}

/** Key classes, as bits: which side's facts a key belongs to. */
const K_PRINCIPAL = 1;
const K_PRINCIPAL_ORG = 2;
const K_RESOURCE = 4;
const K_RESOURCE_TAG = 8;

/**
 * The tag keys of the resource: the global one and the service-specific ones of the resources
 * whose tags the snapshot holds (IAM roles and users; EC2 instances, whose calls EC2 and Systems
 * Manager also condition on `ec2:ResourceTag/…` and `ssm:resourceTag/…`). With the tags known, a
 * tag the resource lacks is absent.
 */
const RESOURCE_TAG_PREFIXES: readonly string[] = [
  'aws:resourcetag/',
  'iam:resourcetag/',
  'ec2:resourcetag/',
  'ssm:resourcetag/',
];

function computeClass(k: string): number {
  if (ORG_KEYS.has(k)) return K_PRINCIPAL_ORG;
  if (PRINCIPAL_KEYS.has(k) || k.startsWith('aws:principaltag/')) return K_PRINCIPAL;
  if (RESOURCE_KEYS.has(k)) return K_RESOURCE;
  if (RESOURCE_TAG_PREFIXES.some((p) => k.startsWith(p))) return K_RESOURCE_TAG;
  return 0;
}

// Keys come from policy text; the cache stops growing at a bound.
const CLASS_CACHE = new Map<string, number>();
const CLASS_CACHE_MAX = 50_000;

function classOf(lowerCaseKey: string): number {
  let c = CLASS_CACHE.get(lowerCaseKey);
  if (c === undefined) {
    c = computeClass(lowerCaseKey);
    if (CLASS_CACHE.size < CLASS_CACHE_MAX) CLASS_CACHE.set(lowerCaseKey, c);
  }
  return c;
}

/** A condition key that describes the calling principal. */
export function isPrincipalKey(lowerCaseKey: string): boolean {
  return (classOf(lowerCaseKey) & (K_PRINCIPAL | K_PRINCIPAL_ORG)) !== 0;
}

/** A condition key that describes the resource (tags included). */
export function isResourceKey(lowerCaseKey: string): boolean {
  return (classOf(lowerCaseKey) & (K_RESOURCE | K_RESOURCE_TAG)) !== 0;
}

/** Facts about one side of the request, keys lower-cased. */
export interface FactTable {
  readonly values: ReadonlyMap<string, ContextLookup>;
  /** Lower-cased keys whose value is unknown; an entry also covers `entry/…`. */
  readonly unknown: readonly string[];
  /** Key classes (bits) of this side whose keys not in `values` are absent, not undecided here. */
  readonly completeMask: number;
}

function toLookup(value: ContextValue): ContextLookup {
  return { kind: 'known', values: typeof value === 'string' ? [value] : [...value] };
}

/**
 * Fact lookups and lower-cased key names, shared between fact tables: the callers of a large
 * organization repeat the same accounts, organization, paths, types and tags, and each table
 * would otherwise hold its own copies. Lookups are frozen; the caches stop growing at a bound.
 */
const SHARED_LOOKUPS = new Map<string, ContextLookup>();
const SHARED_KEYS = new Map<string, string>();
const SHARED_MAX = 100_000;

function sharedLookup(value: ContextValue): ContextLookup {
  const id = typeof value === 'string' ? value : `\u0000${value.join('\u0000')}`;
  let lookup = SHARED_LOOKUPS.get(id);
  if (lookup === undefined) {
    const known = toLookup(value);
    Object.freeze((known as { values: readonly string[] }).values);
    lookup = Object.freeze(known);
    if (SHARED_LOOKUPS.size >= SHARED_MAX) SHARED_LOOKUPS.clear();
    SHARED_LOOKUPS.set(id, lookup);
  }
  return lookup;
}

function lowerKey(key: string): string {
  let lower = SHARED_KEYS.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (SHARED_KEYS.size >= SHARED_MAX) SHARED_KEYS.clear();
    SHARED_KEYS.set(key, lower);
  }
  return lower;
}

function lowerMap(record: Readonly<Record<string, ContextValue>>): Map<string, ContextLookup> {
  const map = new Map<string, ContextLookup>();
  for (const k of Object.keys(record)) {
    const v = record[k];
    if (v !== undefined) map.set(lowerKey(k), sharedLookup(v));
  }
  return map;
}

function coveredBy(entries: readonly string[], key: string): boolean {
  for (const e of entries) {
    if (key === e) return true;
    if (key.length > e.length && key.startsWith(e) && key.charCodeAt(e.length) === 47 /* / */)
      return true;
  }
  return false;
}

/** Whether every principal fact of the caller is in its profile (absent when missing). */
export function callerFactsComplete(caller: CallerProfile): boolean {
  switch (caller.caller.type) {
    case 'service':
    case 'oidc':
    case 'saml':
    case 'anonymous':
      return true;
    case 'account':
      return false;
    case 'user':
    case 'role-session':
    case 'root':
    case 'federated-user':
      return caller.policiesKnown;
  }
}

/** Fact tables, cached on the profile objects themselves (profiles are immutable once built). */
const FACTS = objectMemo<object, FactTable>('trustmap.authorize.facts');

/** The caller's facts (cached per profile object). */
export function callerFacts(caller: CallerProfile): FactTable {
  const cached = FACTS.get(caller);
  if (cached) return cached;
  const values = lowerMap(caller.contextKeys);
  const type = caller.caller.type;
  // Facts that follow from the kind of caller alone.
  if (!values.has('aws:principalisawsservice')) {
    if (type === 'service') values.set('aws:principalisawsservice', sharedLookup('true'));
    else if (type !== 'anonymous' && type !== 'oidc' && type !== 'saml')
      values.set('aws:principalisawsservice', sharedLookup('false'));
  }
  if (type === 'anonymous' && !values.has('aws:principalaccount'))
    values.set('aws:principalaccount', sharedLookup('anonymous'));
  // The organization of a caller outside ours is not in the snapshot: without an
  // aws:PrincipalOrgID fact, the organization keys come from the request.
  const orgKnown =
    type === 'service' ||
    type === 'oidc' ||
    type === 'saml' ||
    type === 'anonymous' ||
    values.has('aws:principalorgid');
  const table: FactTable = {
    values,
    unknown: (caller.unknownContextKeys ?? []).map((k) => k.toLowerCase()),
    completeMask: callerFactsComplete(caller) ? K_PRINCIPAL | (orgKnown ? K_PRINCIPAL_ORG : 0) : 0,
  };
  return FACTS.set(caller, table);
}

/** A role's facts: all of its resource keys are known (tags come from iam.json). */
export function roleFacts(role: RoleProfile): FactTable {
  const cached = FACTS.get(role);
  if (cached) return cached;
  const table: FactTable = {
    values: lowerMap(role.resourceContextKeys),
    unknown: [],
    completeMask: K_RESOURCE | K_RESOURCE_TAG,
  };
  return FACTS.set(role, table);
}

/**
 * A bucket's (or a resource-policy resource's) facts: account and organization keys are known;
 * tags are not collected, so tag keys stay undecided.
 */
export function bucketFacts(bucket: BucketProfile | ResourceProfile): FactTable {
  const cached = FACTS.get(bucket);
  if (cached) return cached;
  const values = lowerMap(bucket.resourceContextKeys);
  const hasTags = [...values.keys()].some((k) => classOf(k) === K_RESOURCE_TAG);
  const table: FactTable = {
    values,
    unknown: [],
    completeMask: K_RESOURCE | (hasTags ? K_RESOURCE_TAG : 0),
  };
  return FACTS.set(bucket, table);
}

interface CompiledOptions {
  known: ReadonlyMap<string, ContextLookup>;
  unknown: readonly string[];
  absent: ReadonlySet<string>;
  otherKeys: ContextLookup;
}

const optionsCache = new WeakMap<ContextOptions, CompiledOptions>();

function compileOptions(options: ContextOptions): CompiledOptions {
  const cached = optionsCache.get(options);
  if (cached) return cached;
  const compiled: CompiledOptions = {
    known: options.known ? lowerMap(options.known) : new Map(),
    unknown: (options.unknown ?? []).map((k) => k.toLowerCase()),
    absent: new Set((options.absent ?? []).map((k) => k.toLowerCase())),
    otherKeys: options.otherKeys === 'absent' ? ABSENT : UNKNOWN,
  };
  optionsCache.set(options, compiled);
  return compiled;
}

/** What `facts` says about `key`: its value, unknown, absent (a complete class), or nothing. */
function lookupFacts(facts: FactTable, key: string): ContextLookup | undefined {
  const v = facts.values.get(key);
  if (v) return v;
  if (facts.unknown.length > 0 && coveredBy(facts.unknown, key)) return UNKNOWN;
  if (facts.completeMask !== 0 && (classOf(key) & facts.completeMask) !== 0) return ABSENT;
  return undefined;
}

/**
 * The context of one request, layered as described in the file header. The fact tables and the
 * request options are resolved on the first lookup: a trust policy that does not name the caller
 * never reads a key, and the graph builder makes many such evaluations.
 */
export class AuthzContext implements RequestContextLike {
  private callerTable: FactTable | undefined;
  private resourceTable: FactTable | undefined;
  private compiled: CompiledOptions | undefined;

  constructor(
    private readonly caller: CallerProfile,
    private readonly resource: object,
    private readonly resourceFacts: (resource: never) => FactTable,
    private readonly options: ContextOptions,
  ) {}

  lookup(key: string): ContextLookup {
    return this.lookupLowerCase(key.toLowerCase());
  }

  lookupLowerCase(k: string): ContextLookup {
    const fromCaller = lookupFacts((this.callerTable ??= callerFacts(this.caller)), k);
    if (fromCaller) return fromCaller;
    const fromResource = lookupFacts(
      (this.resourceTable ??= (this.resourceFacts as (r: object) => FactTable)(this.resource)),
      k,
    );
    if (fromResource) return fromResource;
    const o = (this.compiled ??= compileOptions(this.options));
    if (o.unknown.length > 0 && coveredBy(o.unknown, k)) return UNKNOWN;
    const known = o.known.get(k);
    if (known) return known;
    if (o.absent.has(k)) return ABSENT;
    if (SERVICE_CONTEXT_KEYS.has(k) && signsAsIamPrincipal(this.caller)) return ABSENT;
    return o.otherKeys;
  }

  /**
   * `aws:userid` and `aws:PrincipalArn` are in the request context of every signed request
   * ("Anonymous requests do not include this key"): for a user or a role session whose value the
   * snapshot does not know (a session name, an unscanned role's path), the key is still present.
   * Only when the caller's own facts leave it unknown (a key the request leaves unknown may be
   * absent).
   */
  presentLowerCase(k: string): boolean {
    if (k !== 'aws:userid' && k !== 'aws:principalarn') return false;
    const type = this.caller.caller.type;
    if (type !== 'user' && type !== 'role-session') return false;
    const facts = (this.callerTable ??= callerFacts(this.caller));
    return !facts.values.has(k) && facts.unknown.length > 0 && coveredBy(facts.unknown, k);
  }

  /**
   * `aws:TokenIssueTime` of a user or role session created at a known time (IAM-SEMANTICS.md
   * §5.4): temporary credentials are issued after their principal exists. A role session always
   * signs with temporary credentials (the key is present); a user may sign with its access keys
   * (the key is absent) or with credentials from GetSessionToken.
   */
  dateBoundLowerCase(k: string): DateBound | undefined {
    if (k !== 'aws:tokenissuetime') return undefined;
    const after = this.caller.createdAt;
    if (after === undefined) return undefined;
    const type = this.caller.caller.type;
    if (type === 'role-session') return { after, mayBeAbsent: false };
    if (type === 'user') return { after, mayBeAbsent: true };
    return undefined;
  }
}

/** The context of an STS request by `caller` on `role`. */
export function roleRequestContext(
  caller: CallerProfile,
  role: RoleProfile,
  options: ContextOptions,
): AuthzContext {
  return new AuthzContext(caller, role, roleFacts, options);
}

/** The context of an S3 request by `caller` on `bucket`. */
export function bucketRequestContext(
  caller: CallerProfile,
  bucket: BucketProfile,
  options: ContextOptions,
): AuthzContext {
  return new AuthzContext(caller, bucket, bucketFacts, options);
}

/** The context of a request by `caller` on a KMS key or a resource of a resource-policy service. */
export function resourceRequestContext(
  caller: CallerProfile,
  resource: ResourceProfile,
  options: ContextOptions,
): AuthzContext {
  return new AuthzContext(caller, resource, bucketFacts, options);
}

/**
 * Facts of any other resource (an IAM user or policy, a Lambda function, an instance …): the
 * given resource keys are known; tags are known (absent when not given) only when `tagsKnown`.
 */
export function resourceFactTable(
  keys: Readonly<Record<string, ContextValue>>,
  tagsKnown: boolean,
): FactTable {
  return {
    values: lowerMap(keys),
    unknown: [],
    completeMask: K_RESOURCE | (tagsKnown ? K_RESOURCE_TAG : 0),
  };
}

/** The context of a request by `caller` on a resource described by `facts`. */
export function factsRequestContext(
  caller: CallerProfile,
  facts: FactTable,
  options: ContextOptions,
): AuthzContext {
  return new AuthzContext(caller, facts, (f: FactTable) => f, options);
}
