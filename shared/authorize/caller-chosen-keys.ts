/**
 * Condition keys whose value the caller chooses (docs/IAM-SEMANTICS.md §5.6
 * "Keys the caller chooses"): whether the request goes over TLS, the user agent, the session name,
 * the source identity, S3 request headers. A condition on such a key is no gate: the caller sends
 * a value that satisfies an Allow and avoids a Deny. Gates (sts:ExternalId, MFA, source IP / VPC /
 * VPC endpoint, OIDC and SAML claims, tags of unknown principals) stay unknown.
 *
 * The graph builder evaluates with request-time keys unknown, so such a condition first makes the
 * decision `conditional`. When the keys deciding a `conditional` result include caller-chosen
 * keys, the engine looks for a **witness**: concrete values of those keys (one value per key for
 * the whole request, taken from the values the policies test, plus "absent" and an unmatched
 * value where the caller may send them) for which the decision is `allow`, or `conditional` on
 * real gates only. Because the witness is a concrete request, the answer never claims an access
 * AWS would deny: a Deny that combines a chosen key with a gate in one statement, an Allow whose
 * two conditions on one key cannot both hold, an SCP that denies the only region an Allow names,
 * `Null` and `ForAllValues` operators are all decided by the evaluator on the concrete values.
 * When no candidate gives a better answer, the original `conditional` result stands.
 */
import type { CompiledPolicy } from '../policy/types.js';
import { describeStatement } from '../policy/describe-statement.js';
import { noteEvidence } from './evidence.js';
import type { AuthorizationResult, ContextOptions, OrgPolicyChain } from './types.js';

/** Which request a key belongs to. */
export type ChosenKeyScope = 'sts:AssumeRole' | 'sts:AssumeRoleWithWebIdentity' | 's3' | 'any';

/** A key the caller chooses, its candidate values and the page that says so. */
export interface CallerChosenKey {
  /** The key as AWS documents it. */
  key: string;
  /** Requests in which the caller sets it (`any`: every request). */
  scopes: readonly ChosenKeyScope[];
  /**
   * S3 actions whose requests carry the key (the header exists for them only); for other S3
   * actions the key is absent. Undefined: every action of the scopes.
   */
  s3Actions?: readonly string[];
  /** Values the caller can always send, whatever the policies test. */
  always?: readonly string[];
  /** The caller may leave the key out of the request. */
  mayOmit: boolean;
  /** The caller may send a value of its own (the policies' values and an unmatched one). */
  freeValue: boolean;
  /** Pattern a value must match to be sent (session names, regions). */
  valuePattern?: RegExp;
  citation: string;
}

const S3_PUT_ACL = ['s3:PutObject', 's3:PutObjectAcl', 's3:PutBucketAcl', 's3:CopyObject'];
const S3_PUT = ['s3:PutObject', 's3:CopyObject'];
const S3_LIST = ['s3:ListBucket', 's3:ListBucketVersions'];
const S3_KEYS_DOC =
  'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-policy-keys';

/** The table (docs/IAM-SEMANTICS.md "Keys the caller chooses" lists the same rows). */
export const CALLER_CHOSEN_KEYS: readonly CallerChosenKey[] = [
  {
    key: 'aws:SecureTransport',
    scopes: ['any'],
    // The caller can always use TLS; plain HTTP is not assumed possible (STS endpoints take HTTPS).
    always: ['true'],
    mayOmit: false,
    freeValue: false,
    citation:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport',
  },
  {
    key: 'aws:RequestedRegion',
    // For STS the caller picks the regional endpoint (the global endpoint is us-east-1). For S3
    // the region is the bucket's (a request to another region is redirected), and for a regional
    // resource (KMS key, secret, queue, topic, repository, function) its own: a known fact of
    // the target, not a choice (compile-authz-model.ts, regionalResourceKeys).
    scopes: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'],
    always: ['us-east-1'],
    mayOmit: false,
    freeValue: true,
    valuePattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/,
    citation:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion',
  },
  {
    key: 'aws:UserAgent',
    scopes: ['any'],
    mayOmit: false,
    freeValue: true,
    citation:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-useragent',
  },
  {
    key: 'aws:Referer',
    scopes: ['any'],
    mayOmit: true,
    freeValue: true,
    citation:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-referer',
  },
  {
    key: 'sts:RoleSessionName',
    // A request parameter of AssumeRole and AssumeRoleWithWebIdentity; with SAML it comes from
    // the assertion (set by the identity provider), so it is not listed for SAML.
    scopes: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'],
    mayOmit: false,
    freeValue: true,
    valuePattern: /^[\w+=,.@-]{2,64}$/,
    citation:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_rolesessionname',
  },
  {
    key: 'sts:SourceIdentity',
    // The SourceIdentity parameter of AssumeRole; sending it also needs sts:SetSourceIdentity,
    // which the witness request checks. With web identity or SAML it comes from the token.
    scopes: ['sts:AssumeRole'],
    mayOmit: true,
    freeValue: true,
    valuePattern: /^[\w+=,.@-]{2,64}$/,
    citation:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_sourceidentity',
  },
  ...[
    ['s3:x-amz-acl', S3_PUT_ACL],
    ['s3:x-amz-grant-read', S3_PUT_ACL],
    ['s3:x-amz-grant-write', S3_PUT_ACL],
    ['s3:x-amz-grant-read-acp', S3_PUT_ACL],
    ['s3:x-amz-grant-write-acp', S3_PUT_ACL],
    ['s3:x-amz-grant-full-control', S3_PUT_ACL],
    ['s3:x-amz-server-side-encryption', S3_PUT],
    ['s3:x-amz-server-side-encryption-aws-kms-key-id', S3_PUT],
    ['s3:x-amz-storage-class', S3_PUT],
    ['s3:x-amz-metadata-directive', ['s3:CopyObject', 's3:PutObject']],
    ['s3:x-amz-copy-source', ['s3:CopyObject', 's3:PutObject']],
    ['s3:prefix', S3_LIST],
    ['s3:delimiter', S3_LIST],
    ['s3:max-keys', S3_LIST],
  ].map(([key, actions]): CallerChosenKey => ({
    key: key as string,
    scopes: ['s3'],
    s3Actions: actions as string[],
    mayOmit: true,
    freeValue: true,
    citation: S3_KEYS_DOC,
  })),
  {
    key: 's3:TlsVersion',
    scopes: ['s3'],
    always: ['1.2', '1.3'],
    mayOmit: false,
    freeValue: false,
    citation: S3_KEYS_DOC,
  },
  {
    key: 's3:signatureversion',
    scopes: ['s3'],
    always: ['AWS4-HMAC-SHA256'],
    mayOmit: false,
    freeValue: false,
    citation: S3_KEYS_DOC,
  },
  {
    key: 's3:authType',
    scopes: ['s3'],
    always: ['REST-HEADER', 'REST-QUERY-STRING'],
    mayOmit: false,
    freeValue: false,
    citation: S3_KEYS_DOC,
  },
];

const BY_LOWER = new Map(CALLER_CHOSEN_KEYS.map((k) => [k.key.toLowerCase(), k]));

/** The request whose keys are judged: an STS action, or an S3 action. */
export interface ChosenKeyRequest {
  service: 'sts' | 's3';
  action: string;
}

/** The table row of `key` when the caller chooses it in `request`, else undefined. */
export function callerChosenKey(
  key: string,
  request: ChosenKeyRequest,
): CallerChosenKey | undefined {
  const row = BY_LOWER.get(key.toLowerCase());
  if (row === undefined) return undefined;
  const ok = row.scopes.some(
    (s) => s === 'any' || (s === 's3' ? request.service === 's3' : s === request.action),
  );
  return ok ? row : undefined;
}

/** Most candidate requests tried for one decision. */
const MAX_WITNESSES = 256;
const UNMATCHED = 'trustmap-caller-value';
const ABSENT = Symbol('absent');
type Candidate = string | typeof ABSENT;

/** Policies of a request, SCP/RCP chains flattened. */
export function policiesOf(
  list: readonly (CompiledPolicy | undefined)[],
  chains: readonly (OrgPolicyChain | undefined)[],
): CompiledPolicy[] {
  const out: CompiledPolicy[] = [];
  for (const p of list) if (p !== undefined) out.push(p);
  for (const c of chains) for (const level of c?.levels ?? []) out.push(...level.policies);
  return out;
}

/** A value matching a pattern with `*` and `?` (each replaced by one character). */
function fillPattern(value: string): string {
  return value.replace(/[*?]/g, 'x');
}

/** Values the policies test `lowerKey` with, as requests could send them. */
function testedValues(lowerKey: string, policies: readonly CompiledPolicy[]): Set<string> {
  const out = new Set<string>();
  for (const p of policies)
    for (const stmt of p.statements) {
      const view = describeStatement(stmt);
      for (const [operator, block] of Object.entries(view.conditions)) {
        const op = operator.toLowerCase();
        if (op.startsWith('null')) continue; // the operand is true/false, not a value of the key
        for (const [key, values] of Object.entries(block)) {
          if (key.toLowerCase() !== lowerKey) continue;
          for (const v of values) {
            if (v.includes('${')) continue; // a policy variable: resolved per request
            out.add(fillPattern(v));
            if (op.includes('numeric')) {
              const n = Number(v);
              if (Number.isFinite(n)) {
                out.add(String(n - 1));
                out.add(String(n + 1));
              }
            }
          }
        }
      }
    }
  return out;
}

/** The S3 request does not carry the header `row` names: the key is absent, nothing else. */
function notCarried(row: CallerChosenKey, request: ChosenKeyRequest): boolean {
  return (
    request.service === 's3' &&
    row.s3Actions !== undefined &&
    !row.s3Actions.some((a) => a.toLowerCase() === request.action.toLowerCase())
  );
}

function candidatesOf(
  row: CallerChosenKey,
  request: ChosenKeyRequest,
  policies: readonly CompiledPolicy[],
): Candidate[] {
  if (notCarried(row, request)) return [ABSENT];
  const out = new Set<Candidate>(row.always ?? []);
  if (row.freeValue) {
    for (const v of testedValues(row.key.toLowerCase(), policies)) out.add(v);
    out.add(UNMATCHED);
  }
  const values = [...out].filter(
    (v) => v === ABSENT || row.valuePattern === undefined || row.valuePattern.test(v),
  );
  if (row.mayOmit) values.push(ABSENT);
  return values;
}

export interface WitnessSearch {
  request: ChosenKeyRequest;
  /** Every policy of the request (caller side, resource side, SCPs, RCPs). */
  policies: readonly CompiledPolicy[];
  /** The context the result was decided in. */
  context: ContextOptions;
  /** Decides the request again in `context`; `sets` names the chosen keys sent with a value. */
  evaluate(context: ContextOptions, sets: ReadonlySet<string>): AuthorizationResult;
}

const RANK = { deny: 0, conditional: 1, allow: 2 } as const;

/**
 * `result` with its caller-chosen keys resolved: the best decision over the witness requests
 * (allow, else conditional on gates only), noted `caller-chosen-keys`, or `result` itself.
 */
export function resolveCallerChosenKeys(
  result: AuthorizationResult,
  search: WitnessSearch,
): AuthorizationResult {
  if (result.decision !== 'conditional') return result;
  const rows = new Map<string, CallerChosenKey>();
  for (const k of result.conditionKeys) {
    const row = callerChosenKey(k, search.request);
    if (row !== undefined) rows.set(row.key.toLowerCase(), row);
  }
  if (rows.size === 0) return result;
  const keys = [...rows.values()];
  const candidates = keys.map((row) => candidatesOf(row, search.request, search.policies));
  let combos = 1;
  for (const c of candidates) combos *= c.length;
  if (combos === 0 || combos > MAX_WITNESSES) return result;

  let best: { result: AuthorizationResult; chosen: [string, Candidate][] } | undefined;
  const pick: Candidate[] = new Array<Candidate>(keys.length);
  const visit = (i: number): boolean => {
    if (i === keys.length) {
      const known: Record<string, string> = { ...(search.context.known as Record<string, string>) };
      const absent = [...(search.context.absent ?? [])];
      const sets = new Set<string>();
      const chosen: [string, Candidate][] = [];
      keys.forEach((row, j) => {
        const v = pick[j] ?? ABSENT;
        chosen.push([row.key, v]);
        if (v === ABSENT) absent.push(row.key);
        else {
          known[row.key] = v;
          sets.add(row.key.toLowerCase());
        }
      });
      const unknown = (search.context.unknown ?? []).filter((k) => !rows.has(k.toLowerCase()));
      const r = search.evaluate({ ...search.context, known, absent, unknown }, sets);
      if (
        best === undefined ||
        RANK[r.decision] > RANK[best.result.decision] ||
        (r.decision === 'conditional' &&
          best.result.decision === 'conditional' &&
          r.conditionKeys.length < best.result.conditionKeys.length)
      )
        best = { result: r, chosen };
      return r.decision === 'allow';
    }
    for (const c of candidates[i] ?? []) {
      pick[i] = c;
      if (visit(i + 1)) return true;
    }
    return false;
  };
  visit(0);
  if (best === undefined) return result;
  if (best.result.decision === 'deny') {
    // Every request the caller can send is denied only when the candidates are every value the
    // caller can send (fixed sets, or a header the action does not carry); free values are
    // samples, and then the unknown reading stands.
    const exhaustive = keys.every((row) => notCarried(row, search.request) || !row.freeValue);
    return exhaustive ? best.result : result;
  }
  const stillChosen = best.result.conditionKeys.some((k) => rows.has(k.toLowerCase()));
  if (best.result.decision === 'conditional' && stillChosen) return result;
  const described = best.chosen
    .map(([k, v]) => (v === ABSENT ? `${k} absent` : `${k} = ${JSON.stringify(v)}`))
    .join(', ');
  const names = keys.map((k) => k.key);
  const ref = result.evidence[0]?.policy ?? { kind: 'identity' as const, name: 'request' };
  return {
    ...best.result,
    evidence: [
      ...best.result.evidence,
      noteEvidence(
        ref,
        `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} chosen by the caller, so ${names.length === 1 ? 'its condition is' : 'their conditions are'} satisfiable by the caller: the request with ${described} is decided ${best.result.decision}`,
        names,
      ),
    ],
    notes: [...new Set([...best.result.notes, 'caller-chosen-keys'])],
  };
}

// ───────────── the coarse reading used by the escalation edges (can-escalate) ─────────────

/**
 * Keys the caller chooses in every request they appear in, whatever the service: used where the
 * engine has no witness search (the escalation edges, is-administrator). The witness search above
 * is the reading of `can-assume` and `can-access` edges.
 */
const CALLER_CHOSEN = new Set([
  'aws:requestedregion',
  'aws:securetransport',
  'aws:useragent',
  'aws:referer',
  'sts:rolesessionname',
  'sts:sourceidentity',
  's3:x-amz-acl',
]);

/**
 * Whether the caller alone chooses the key's value. The tags a request sets on the resource it
 * creates (`aws:RequestTag/…`, `aws:TagKeys`) are the caller's choice too: an escalation that
 * creates a function may tag it as any policy requires.
 */
export function isCallerChosenKey(key: string): boolean {
  const k = key.toLowerCase();
  return CALLER_CHOSEN.has(k) || k.startsWith('aws:requesttag/') || k === 'aws:tagkeys';
}

/**
 * The result with a decision conditional only on caller-chosen keys turned into `allow`; any
 * other result unchanged.
 */
export function settleCallerChosenKeys(result: AuthorizationResult): AuthorizationResult {
  if (result.decision !== 'conditional' || result.conditionKeys.length === 0) return result;
  if (!result.conditionKeys.every(isCallerChosenKey)) return result;
  return {
    decision: 'allow',
    conditionKeys: [],
    evidence: result.evidence,
    notes: result.notes.includes('caller-chosen-keys')
      ? result.notes
      : [...result.notes, 'caller-chosen-keys'],
  };
}
