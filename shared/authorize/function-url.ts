/**
 * Whether a call through a Lambda function URL can reach the function at all, from the function's
 * URL configuration (IAM-SEMANTICS.md §7a.6, [Control access to Lambda function
 * URLs](https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html)):
 *
 * - a function without a URL cannot be called through one, nor can a published version
 *   (`function:f:3`): a URL serves an alias or `$LATEST` only ([Creating and managing Lambda
 *   function URLs](https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html));
 * - an unsigned request (the anonymous caller) is accepted only by a URL whose AuthType is NONE
 *   ("Lambda doesn't perform any authentication"); an AWS_IAM URL rejects it;
 * - a signed request is authorized as its principal only by an AWS_IAM URL. A NONE URL does not
 *   authenticate, so whoever calls it is anyone: that reach is the anonymous caller's, decided by
 *   the function policy's grants to `*`, and is no edge of the principal;
 * - URLs not in the snapshot (`functionUrls` undefined): what the policies admit, with the note
 *   `function-url-config-not-in-snapshot`.
 *
 * The policies are decided elsewhere (resource-request.ts); this only opens or closes the path.
 */
import type { PolicyRef } from '../policy/types.js';
import type { FunctionUrl, FunctionUrlAuthType } from '../snapshot/types.js';
import { noteEvidence } from './evidence.js';
import { ruleResult } from './outcome.js';
import type { AuthorizationResult, Evidence, ResourceProfile } from './types.js';

/** The URL path is closed (a deny to return as is), or open with evidence and notes to add. */
export type FunctionUrlPath =
  | { kind: 'closed'; result: AuthorizationResult }
  | { kind: 'open'; evidence: Evidence; notes: readonly string[] };

/**
 * The function-URL path of a `lambda:InvokeFunctionUrl` call by `who` (`anonymous`: an unsigned
 * request) to `fn`, whose function policy `policyRef` cites.
 */
export function functionUrlPath(
  fn: ResourceProfile,
  anonymous: boolean,
  who: string,
  policyRef: PolicyRef,
): FunctionUrlPath {
  const q = fn.qualifier;
  const urls =
    q === undefined ? unqualifiedUrls(fn) : fn.functionUrls?.filter((u) => u.qualifier === q);
  // An alias profile's ARN is already the alias ARN.
  const target = q === undefined || fn.functionArn !== undefined ? fn.arn : `${fn.arn}:${q}`;
  // A published version has no URL: a URL serves an alias or $LATEST only (urls-configuration).
  if (q !== undefined && /^[0-9]+$/.test(q))
    return closed(
      policyRef,
      `${target} is a published version: a function URL serves only an alias or $LATEST ("You cannot add a function URL to any other function version"), so no call reaches a version through a URL, whatever its policy says`,
      'function-has-no-url',
    );
  if (urls === undefined)
    return {
      kind: 'open',
      notes: ['function-url-config-not-in-snapshot'],
      evidence: noteEvidence(
        policyRef,
        anonymous
          ? `An unsigned call reaches ${target} only through a function URL whose AuthType is NONE; the snapshot does not hold the function's URL configuration`
          : `A signed call through the function URL of ${target} (AuthType AWS_IAM); the snapshot does not hold the function's URL configuration`,
      ),
    };
  if (urls.length === 0)
    return closed(
      policyRef,
      `${target} has no function URL (ListFunctionUrlConfigs lists none): no call reaches it through a URL, whatever its function policy says`,
      'function-has-no-url',
    );
  const wanted: FunctionUrlAuthType = anonymous ? 'NONE' : 'AWS_IAM';
  const matching = urls.filter((u) => u.authType === wanted);
  if (matching.length === 0)
    return anonymous
      ? closed(
          policyRef,
          `Every function URL of ${target} has AuthType AWS_IAM: Lambda rejects unsigned requests to it, so ${who} cannot call it through a URL`,
          'function-url-requires-signature',
        )
      : closed(
          policyRef,
          `Every function URL of ${target} has AuthType NONE: Lambda does not authenticate requests to it, so a call by ${who} through it is an unsigned call by anyone (the edge from anyone, decided by what the function policy grants to *), not one as ${who}`,
          'function-url-auth-type-none',
        );
  // A URL of the function itself, unless the request names an alias (simulate).
  const own = q === undefined ? matching.find((u) => u.qualifier === undefined) : undefined;
  if (own !== undefined)
    return {
      kind: 'open',
      notes: [],
      evidence: noteEvidence(
        policyRef,
        `${who} calls ${target} through its function URL ${describeUrl(own)} (AuthType ${wanted})`,
      ),
    };
  const aliases = [...new Set(matching.map((u) => u.qualifier))].join(', ');
  return {
    kind: 'open',
    notes: ['function-url-of-alias'],
    evidence: noteEvidence(
      policyRef,
      `The function URLs of ${target} with AuthType ${wanted} serve alias ${aliases}: such a call is decided by the alias's own function policy, which the snapshot does not hold; it is decided here with the function's policy`,
    ),
  };
}

/**
 * The URLs a call to the unqualified function may take. With the aliases known, an alias's URL is
 * decided on that alias (function-aliases.ts), so only the function's own URLs — and any of an
 * alias the snapshot does not list — count here; otherwise every URL (noted when an alias's).
 */
function unqualifiedUrls(fn: ResourceProfile): readonly FunctionUrl[] | undefined {
  const aliases = fn.functionAliases;
  if (aliases === undefined || fn.functionUrls === undefined) return fn.functionUrls;
  const names = new Set(aliases.map((a) => a.name));
  return fn.functionUrls.filter((u) => u.qualifier === undefined || !names.has(u.qualifier));
}

function closed(policyRef: PolicyRef, reason: string, note: string): FunctionUrlPath {
  return { kind: 'closed', result: ruleResult('deny', [noteEvidence(policyRef, reason)], [note]) };
}

function describeUrl(url: FunctionUrl): string {
  return url.url ?? '(address not in the snapshot)';
}
