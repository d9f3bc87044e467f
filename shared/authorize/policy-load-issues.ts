/**
 * Policy grammar errors as load issues (issue 13, item 4; IAM-SEMANTICS.md §2.7): every error
 * the policy compiler reports (`AuthzModel.policyIssues`) becomes a `LoadIssue` naming the
 * snapshot file, the JSON path of the element inside it and the reason. A policy that could not
 * be read whole hides data: its account's coverage is `partial` (`hidesData`). What the engine
 * does with such a statement (conservatively) is in shared/policy/compile-statement.ts.
 */
import { parseArn } from '../arn/parse-arn.js';
import type { PolicyIssue, PolicyRef } from '../policy/types.js';
import type { LoadIssue, Snapshot } from '../snapshot/types.js';
import type { AuthzModel } from './types.js';

/** Issues about a policy that is absent, not about its text: reported elsewhere. */
const ABSENT = new Set([
  'managed-policy-missing',
  'trust-policy-missing',
  'org-policy-missing',
  'group-missing',
]);

const INLINE_LISTS: Readonly<Record<string, [string, string]>> = {
  user: ['UserDetailList', 'UserPolicyList'],
  group: ['GroupDetailList', 'GroupPolicyList'],
  role: ['RoleDetailList', 'RolePolicyList'],
};

/** A JSON string for a filter expression. */
const q = (s: string): string => JSON.stringify(s);

/** The file and JSON path of a policy's document, as far as the snapshot says. */
function locate(
  ref: PolicyRef,
  model: AuthzModel,
  snapshot: Snapshot,
): { file: string; path: string } | undefined {
  switch (ref.kind) {
    case 'trust': {
      const account = ref.arn === undefined ? undefined : parseArn(ref.arn)?.accountId;
      if (account === undefined || ref.arn === undefined) return undefined;
      return {
        file: `${account}/iam.json`,
        path: `$.RoleDetailList[?(@.Arn==${q(ref.arn)})].AssumeRolePolicyDocument`,
      };
    }
    case 'resource': {
      if (ref.arn === undefined) return undefined;
      const bucket = model.buckets.get(ref.arn);
      if (bucket !== undefined)
        return {
          file: `${bucket.accountId}/s3.json`,
          path: `$.Buckets[?(@.Name==${q(bucket.name)})].Policy`,
        };
      const resource = model.resources?.get(ref.arn);
      if (resource === undefined) return undefined;
      // A Lambda function's policy is in workloads.json; the other services' in resources.json.
      return resource.type === 'lambda-function'
        ? {
            file: `${resource.accountId}/workloads.json`,
            path: `$.Workloads[?(@.Arn==${q(ref.arn)})].ResourcePolicy`,
          }
        : {
            file: `${resource.accountId}/resources.json`,
            path: `$.Resources[?(@.Arn==${q(ref.arn)})].Policy`,
          };
    }
    case 'scp':
    case 'rcp':
      return {
        file: 'organization.json',
        path: `$.Policies[?(@.Id==${q(ref.arn ?? ref.name)})].Content`,
      };
    case 'identity':
    case 'boundary': {
      if (ref.attachedTo !== undefined && ref.arn === undefined) {
        const owner = parseArn(ref.attachedTo);
        const type = owner?.resource.split('/')[0] ?? '';
        const lists = INLINE_LISTS[type];
        if (owner === undefined || lists === undefined) return undefined;
        return {
          file: `${owner.accountId}/iam.json`,
          path: `$.${lists[0]}[?(@.Arn==${q(ref.attachedTo)})].${lists[1]}[?(@.PolicyName==${q(ref.name)})].PolicyDocument`,
        };
      }
      if (ref.arn === undefined) return undefined;
      let account = parseArn(ref.arn)?.accountId;
      if (account === undefined || !/^\d{12}$/.test(account)) {
        // An AWS managed policy: the first account folder whose iam.json lists it.
        account = undefined;
        for (const [id, data] of snapshot.accounts)
          if (data.managedPolicies.some((p) => p.arn === ref.arn)) {
            account = id;
            break;
          }
      }
      if (account === undefined) return undefined;
      return {
        file: `${account}/iam.json`,
        path: `$.Policies[?(@.Arn==${q(ref.arn)})].PolicyVersionList[?(@.IsDefaultVersion)].Document`,
      };
    }
    case 'session':
      return undefined;
  }
}

function join(base: string, inner: string): string {
  if (inner === '' || inner === '$') return base;
  return inner.startsWith('[') ? `${base}${inner}` : `${base}.${inner}`;
}

function describe(ref: PolicyRef): string {
  const of =
    ref.attachedTo ?? (ref.kind === 'trust' || ref.kind === 'resource' ? ref.arn : undefined);
  const label =
    ref.kind === 'trust'
      ? 'trust policy'
      : ref.kind === 'resource'
        ? ref.name
        : `${ref.kind === 'scp' ? 'SCP' : ref.kind === 'rcp' ? 'RCP' : ref.kind === 'boundary' ? 'permissions boundary' : 'policy'} ${ref.name}`;
  return of === undefined ? label : `${label} of ${of}`;
}

/**
 * The load issues of the model's policy errors, one per policy, element and reason. A statement
 * read conservatively hides data (`hidesData`): the account whose folder holds the file is
 * `partial`.
 */
export function policyLoadIssues(model: AuthzModel, snapshot: Snapshot): LoadIssue[] {
  const out: LoadIssue[] = [];
  const seen = new Set<string>();
  for (const { policy, issue } of model.policyIssues as readonly {
    policy: PolicyRef;
    issue: PolicyIssue;
  }[]) {
    if (issue.severity !== 'error' || ABSENT.has(issue.code)) continue;
    const where = locate(policy, model, snapshot) ?? {
      file: '(policy)',
      path: `$`,
    };
    const loadIssue: LoadIssue = {
      file: where.file,
      path: join(where.path, issue.path),
      severity: 'error',
      message: `${describe(policy)}: ${issue.message} (${issue.code}); the statement is read conservatively (docs/security.md)`,
      hidesData: true,
    };
    const key = `${loadIssue.file}\u0000${loadIssue.path}\u0000${loadIssue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(loadIssue);
  }
  return out;
}
