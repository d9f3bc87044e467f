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
import type { ContextLookup, ContextValue, RequestContextLike } from '../policy/types.js';
import type { BucketProfile, CallerProfile, ContextOptions, RoleProfile } from './types.js';

const UNKNOWN: ContextLookup = Object.freeze({ kind: 'unknown' });
const ABSENT: ContextLookup = Object.freeze({ kind: 'absent' });

const PRINCIPAL_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principaltype',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:principalservicenameslist',
  'aws:userid',
  'aws:username',
]);

const ORG_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths']);

const RESOURCE_KEYS = new Set([
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  's3:resourceaccount',
]);

/** A condition key that describes the calling principal. */
export function isPrincipalKey(lowerCaseKey: string): boolean {
  return PRINCIPAL_KEYS.has(lowerCaseKey) || lowerCaseKey.startsWith('aws:principaltag/');
}

/** A condition key that describes the resource (tags included). */
export function isResourceKey(lowerCaseKey: string): boolean {
  return RESOURCE_KEYS.has(lowerCaseKey) || isResourceTagKey(lowerCaseKey);
}

function isResourceTagKey(lowerCaseKey: string): boolean {
  return lowerCaseKey.startsWith('aws:resourcetag/') || lowerCaseKey.startsWith('iam:resourcetag/');
}

/** Facts about one side of the request, keys lower-cased. */
export interface FactTable {
  readonly values: ReadonlyMap<string, ContextLookup>;
  /** Lower-cased keys whose value is unknown; an entry also covers `entry/…`. */
  readonly unknown: readonly string[];
  /** Whether a key of this side that is not in `values` is absent (rather than undecided here). */
  readonly complete: (lowerCaseKey: string) => boolean;
}

function toLookup(value: ContextValue): ContextLookup {
  return { kind: 'known', values: typeof value === 'string' ? [value] : [...value] };
}

function lowerMap(record: Readonly<Record<string, ContextValue>>): Map<string, ContextLookup> {
  const map = new Map<string, ContextLookup>();
  for (const [k, v] of Object.entries(record)) map.set(k.toLowerCase(), toLookup(v));
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

const callerFactCache = new WeakMap<CallerProfile, FactTable>();

/** The caller's facts (cached per profile object: profiles are immutable once built). */
export function callerFacts(caller: CallerProfile): FactTable {
  const cached = callerFactCache.get(caller);
  if (cached) return cached;
  const values = lowerMap(caller.contextKeys);
  const type = caller.caller.type;
  // Facts that follow from the kind of caller alone.
  if (!values.has('aws:principalisawsservice')) {
    if (type === 'service') values.set('aws:principalisawsservice', toLookup('true'));
    else if (type !== 'anonymous' && type !== 'oidc' && type !== 'saml')
      values.set('aws:principalisawsservice', toLookup('false'));
  }
  if (type === 'anonymous' && !values.has('aws:principalaccount'))
    values.set('aws:principalaccount', toLookup('anonymous'));
  // The organization of a caller outside ours is not in the snapshot: without an
  // aws:PrincipalOrgID fact, the organization keys come from the request.
  const orgKnown =
    type === 'service' ||
    type === 'oidc' ||
    type === 'saml' ||
    type === 'anonymous' ||
    values.has('aws:principalorgid');
  const complete = callerFactsComplete(caller);
  const table: FactTable = {
    values,
    unknown: (caller.unknownContextKeys ?? []).map((k) => k.toLowerCase()),
    complete: complete ? (k) => isPrincipalKey(k) && (orgKnown || !ORG_KEYS.has(k)) : () => false,
  };
  callerFactCache.set(caller, table);
  return table;
}

const resourceFactCache = new WeakMap<RoleProfile | BucketProfile, FactTable>();

/** A role's facts: all of its resource keys are known (tags come from iam.json). */
export function roleFacts(role: RoleProfile): FactTable {
  const cached = resourceFactCache.get(role);
  if (cached) return cached;
  const table: FactTable = {
    values: lowerMap(role.resourceContextKeys),
    unknown: [],
    complete: isResourceKey,
  };
  resourceFactCache.set(role, table);
  return table;
}

/** A bucket's facts: account and organization keys are known; bucket tags are not collected. */
export function bucketFacts(bucket: BucketProfile): FactTable {
  const cached = resourceFactCache.get(bucket);
  if (cached) return cached;
  const values = lowerMap(bucket.resourceContextKeys);
  const hasTags = [...values.keys()].some(isResourceTagKey);
  const table: FactTable = {
    values,
    unknown: [],
    complete: (k) => RESOURCE_KEYS.has(k) || (hasTags && isResourceTagKey(k)),
  };
  resourceFactCache.set(bucket, table);
  return table;
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

function lookupFacts(facts: FactTable, key: string): ContextLookup | undefined {
  const v = facts.values.get(key);
  if (v) return v;
  if (facts.unknown.length > 0 && coveredBy(facts.unknown, key)) return UNKNOWN;
  if (facts.complete(key)) return ABSENT;
  return undefined;
}

/** The context of one request, layered as described in the file header. */
export class AuthzContext implements RequestContextLike {
  private readonly options: CompiledOptions;

  constructor(
    private readonly caller: FactTable,
    private readonly resource: FactTable,
    options: ContextOptions,
  ) {
    this.options = compileOptions(options);
  }

  lookup(key: string): ContextLookup {
    return this.lookupLowerCase(key.toLowerCase());
  }

  lookupLowerCase(k: string): ContextLookup {
    const fromCaller = lookupFacts(this.caller, k);
    if (fromCaller) return fromCaller;
    const fromResource = lookupFacts(this.resource, k);
    if (fromResource) return fromResource;
    const o = this.options;
    if (o.unknown.length > 0 && coveredBy(o.unknown, k)) return UNKNOWN;
    const known = o.known.get(k);
    if (known) return known;
    if (o.absent.has(k)) return ABSENT;
    return o.otherKeys;
  }
}
