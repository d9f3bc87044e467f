/**
 * Which parts of a request can change what a policy says about it, beyond the context keys it
 * reads. Only a `Principal` or `NotPrincipal` element reads the caller, and a `Principal` of `*`
 * alone matches every caller the same way. Only a `Resource` or `NotResource` element reads the
 * resource, and one that lists `*` matches every resource (or, as `NotResource`, none).
 */
import { internalOf } from './statement-internal.js';
import type { CompiledPolicy, CompiledStatement } from './types.js';

const READS_CALLER = new WeakMap<readonly CompiledStatement[], boolean>();
const READS_RESOURCE = new WeakMap<readonly CompiledStatement[], boolean>();

/**
 * True when some statement of `policy` has a `NotPrincipal`, or a `Principal` entry other than
 * `*`: its evaluation may differ between two callers whose context lookups are identical.
 * Computed once per statement list (identical policies share their statements).
 */
export function policyReadsCaller(policy: CompiledPolicy): boolean {
  let reads = READS_CALLER.get(policy.statements);
  if (reads === undefined) {
    reads = policy.statements.some((stmt) => {
      const s = internalOf(stmt);
      if (s.principalMode === 'none' || s.principals === undefined) return false;
      if (s.principalMode === 'notPrincipal') return true;
      return s.principals.entries.some((e) => e.t !== 'wildcard');
    });
    READS_CALLER.set(policy.statements, reads);
  }
  return reads;
}

/**
 * True when some statement of `policy` has a `Resource` or `NotResource` element without `*`:
 * its evaluation may differ between two resources (with identical context lookups).
 */
export function policyReadsResource(policy: CompiledPolicy): boolean {
  let reads = READS_RESOURCE.get(policy.statements);
  if (reads === undefined) {
    reads = policy.statements.some((stmt) => {
      const s = internalOf(stmt);
      return s.resourceMode !== 'all' && s.resources !== undefined && !s.resources.matchesAll;
    });
    READS_RESOURCE.set(policy.statements, reads);
  }
  return reads;
}
