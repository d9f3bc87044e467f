/**
 * A Lambda function's invoke and read actions through its aliases and its published versions
 * (IAM-SEMANTICS.md §7a.6). Each alias and each published version has its own resource policy
 * and its own ARN: "if you use an alias name (such as helloworld:PROD), the permission allows you
 * to invoke the helloworld function using the alias ARN" and a call with any other ARN is denied
 * by it ([Using Lambda aliases in event sources and permissions
 * policies](https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html); AddPermission's
 * Qualifier: "restrict access to a single version or alias. If you use a qualifier, the invoker
 * must use the full ARN of that version or alias",
 * [API_AddPermission](https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html)).
 *
 * The function is one graph node: its `invoke` actions, `lambda:GetFunction` and
 * `lambda:GetFunctionConfiguration` are allowed when
 * allowed on the unqualified function OR on some alias or version — decided with the qualified
 * ARN as the resource (so the caller's identity policies must name it) and that alias's or
 * version's policy as the resource policy. GetFunction takes the qualifier too ("Specify a
 * version or alias to get details about a published version of the function", with the link to
 * download its code, [API_GetFunction](https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html));
 * so does GetFunctionConfiguration ([API_GetFunctionConfiguration](https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html)).
 * A version has no function URL ("You cannot add a function URL to any other function version"
 * than `$LATEST`,
 * [urls-configuration](https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html)), so
 * `lambda:InvokeFunctionUrl` never goes through a version. UpdateFunctionCode (no qualifier: it
 * changes `$LATEST`) stays on the unqualified function. Aliases or versions not in the snapshot:
 * the unqualified decision alone for them (as before they were collected).
 */
import { noteEvidence } from './evidence.js';
import type { AuthorizationResult, FunctionAliasProfile, ResourceRequest } from './types.js';

/** The actions a call to an alias ARN decides with the alias's policy. */
const ALIAS_ACTIONS: ReadonlySet<string> = new Set([
  'lambda:invokefunction',
  'lambda:invokefunctionurl',
  'lambda:getfunction',
  'lambda:getfunctionconfiguration',
]);

/** The actions a call to a published version's ARN decides with the version's policy (no URL). */
const VERSION_ACTIONS: ReadonlySet<string> = new Set([
  'lambda:invokefunction',
  'lambda:getfunction',
  'lambda:getfunctionconfiguration',
]);

const RANK = { deny: 0, conditional: 1, allow: 2 } as const;

/** Whether `action` on a Lambda function may also be done through one of its aliases. */
export function actionTakesAlias(action: string): boolean {
  return ALIAS_ACTIONS.has(action.toLowerCase());
}

/** Whether `action` on a Lambda function may also be done through a published version (no URL). */
export function actionTakesVersion(action: string): boolean {
  return VERSION_ACTIONS.has(action.toLowerCase());
}

/**
 * `decideOne(req)`, or — when that is not an allow and the request is an invoke action or
 * GetFunction on an unqualified function whose aliases or versions are known — the best decision
 * on one of its aliases or published versions (not for InvokeFunctionUrl), with evidence naming it.
 * `eligible` narrows them (the takeover needs `$LATEST`, which no published version is).
 */
export function authorizeThroughAliases(
  req: ResourceRequest,
  decideOne: (req: ResourceRequest) => AuthorizationResult,
  eligible: (alias: FunctionAliasProfile) => boolean = () => true,
): AuthorizationResult {
  const base = decideOne(req);
  const { resource } = req;
  if (
    base.decision === 'allow' ||
    resource.qualifier !== undefined ||
    !actionTakesAlias(req.action)
  )
    return base;
  const qualified = [
    ...(resource.functionAliases ?? []),
    ...(actionTakesVersion(req.action) ? (resource.functionVersions ?? []) : []),
  ];
  if (qualified.length === 0) return base;
  let best = base;
  let through: FunctionAliasProfile | undefined;
  // A caller of another account needs a grant in the alias's or version's own policy: where it
  // has none, the call is denied (as for the function itself), so it is not asked.
  const otherAccount =
    req.caller.accountId !== undefined && req.caller.accountId !== resource.accountId;
  for (const alias of qualified) {
    if (!eligible(alias)) continue;
    if (otherAccount && alias.profile.policy === undefined) continue;
    const r = decideOne({ ...req, resource: alias.profile });
    if (RANK[r.decision] > RANK[best.decision]) {
      best = r;
      through = alias;
      if (r.decision === 'allow') break;
    }
  }
  return through === undefined ? base : throughAlias(best, through, resource.arn, req.action);
}

function throughAlias(
  r: AuthorizationResult,
  alias: FunctionAliasProfile,
  functionArn: string,
  action: string,
): AuthorizationResult {
  const verb = action.toLowerCase() === 'lambda:getfunction' ? 'read' : 'invoked';
  const { profile } = alias;
  const ref = profile.policy?.ref ?? {
    kind: 'resource',
    name: 'function policy',
    arn: profile.arn,
  };
  const version = alias.functionVersion === undefined ? '' : ` (version ${alias.functionVersion})`;
  const [text, note] =
    alias.isVersion === true
      ? [
          `${functionArn} is ${verb} through its published version ${alias.name}: the call names the version ARN ${profile.arn}, decided by the version's own function policy and the caller's policies for that ARN`,
          'through-function-version',
        ]
      : [
          `${functionArn} is ${verb} through its alias ${alias.name}${version}: the call names the alias ARN ${profile.arn}, decided by the alias's own function policy and the caller's policies for that ARN`,
          'through-function-alias',
        ];
  return {
    ...r,
    evidence: [noteEvidence(ref, text), ...r.evidence],
    notes: r.notes.includes(note) ? r.notes : [...r.notes, note],
  };
}
