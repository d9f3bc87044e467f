/**
 * A Lambda function's invoke actions through its aliases (IAM-SEMANTICS.md §7a.6). Each alias has
 * its own resource policy and its own ARN: "if you use an alias name (such as helloworld:PROD),
 * the permission allows you to invoke the helloworld function using the alias ARN" and a call
 * with any other ARN is denied by it ([Using Lambda aliases in event sources and permissions
 * policies](https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html); AddPermission's
 * Qualifier: "the invoker must use the full ARN of that version or alias",
 * [API_AddPermission](https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html)).
 *
 * The function is one graph node: its `invoke` actions are allowed when allowed on the
 * unqualified function OR on some alias — decided with the alias ARN as the resource (so the
 * caller's identity policies must name it) and the alias's policy as the resource policy. The
 * other actions (GetFunction, UpdateFunctionCode) stay on the unqualified function. Aliases not
 * in the snapshot: the unqualified decision alone (as before aliases were collected).
 */
import { noteEvidence } from './evidence.js';
import type { AuthorizationResult, FunctionAliasProfile, ResourceRequest } from './types.js';

/** The actions a call to an alias ARN decides with the alias's policy. */
const ALIAS_ACTIONS: ReadonlySet<string> = new Set([
  'lambda:invokefunction',
  'lambda:invokefunctionurl',
]);

const RANK = { deny: 0, conditional: 1, allow: 2 } as const;

/** Whether `action` on a Lambda function may also be done through one of its aliases. */
export function actionTakesAlias(action: string): boolean {
  return ALIAS_ACTIONS.has(action.toLowerCase());
}

/**
 * `decideOne(req)`, or — when that is not an allow and the request is an invoke action on an
 * unqualified function whose aliases are known — the best decision on one of its aliases, with
 * evidence naming the alias. `eligible` narrows the aliases (the takeover needs `$LATEST`).
 */
export function authorizeThroughAliases(
  req: ResourceRequest,
  decideOne: (req: ResourceRequest) => AuthorizationResult,
  eligible: (alias: FunctionAliasProfile) => boolean = () => true,
): AuthorizationResult {
  const base = decideOne(req);
  const { resource } = req;
  const aliases = resource.functionAliases;
  if (
    base.decision === 'allow' ||
    aliases === undefined ||
    aliases.length === 0 ||
    resource.qualifier !== undefined ||
    !actionTakesAlias(req.action)
  )
    return base;
  let best = base;
  let through: FunctionAliasProfile | undefined;
  for (const alias of aliases) {
    if (!eligible(alias)) continue;
    const r = decideOne({ ...req, resource: alias.profile });
    if (RANK[r.decision] > RANK[best.decision]) {
      best = r;
      through = alias;
      if (r.decision === 'allow') break;
    }
  }
  return through === undefined ? base : throughAlias(best, through, resource.arn);
}

function throughAlias(
  r: AuthorizationResult,
  alias: FunctionAliasProfile,
  functionArn: string,
): AuthorizationResult {
  const { profile } = alias;
  const version = alias.functionVersion === undefined ? '' : ` (version ${alias.functionVersion})`;
  return {
    ...r,
    evidence: [
      noteEvidence(
        profile.policy?.ref ?? { kind: 'resource', name: 'function policy', arn: profile.arn },
        `${functionArn} is invoked through its alias ${alias.name}${version}: the call names the alias ARN ${profile.arn}, decided by the alias's own function policy and the caller's policies for that ARN`,
      ),
      ...r.evidence,
    ],
    notes: r.notes.includes('through-function-alias')
      ? r.notes
      : [...r.notes, 'through-function-alias'],
  };
}
