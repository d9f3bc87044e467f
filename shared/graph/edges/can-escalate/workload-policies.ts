/**
 * The compiled resource policy of a workload of workloads.json and of a Lambda alias, compiled
 * once per object: the takeover techniques, the existing-trigger test and the function role swap
 * read the same function's policy for many attackers and roles.
 */
import { compilePolicy } from '../../../policy/index.js';
import type { CompiledPolicy } from '../../../policy/types.js';
import type { FunctionAlias, Workload } from '../../../snapshot/types.js';

/** By owner object, with the document it was compiled from (a changed document compiles anew). */
const COMPILED = new WeakMap<object, { document: unknown; policy: CompiledPolicy }>();

function compiledOnce(
  owner: Workload | FunctionAlias,
  document: Workload['resourcePolicy'],
  arn: string,
): CompiledPolicy | undefined {
  if (!document) return undefined;
  const seen = COMPILED.get(owner);
  if (seen !== undefined && seen.document === document) return seen.policy;
  const policy = compilePolicy(document, { kind: 'resource', name: 'resource policy', arn });
  COMPILED.set(owner, { document, policy });
  return policy;
}

/** The workload's resource policy (a Lambda function's policy), or undefined when it has none. */
export function workloadPolicy(w: Workload): CompiledPolicy | undefined {
  return compiledOnce(w, w.resourcePolicy, w.arn);
}

/** The alias's own policy (decides calls to the alias ARN), or undefined when it has none. */
export function aliasPolicy(alias: FunctionAlias): CompiledPolicy | undefined {
  return compiledOnce(alias, alias.resourcePolicy, alias.arn);
}
