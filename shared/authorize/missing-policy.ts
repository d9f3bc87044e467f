/**
 * Stand-ins for policies that are referenced but not in the snapshot (a managed policy ARN
 * attached to a principal but missing from every iam.json, an SCP whose content could not be
 * decoded). A stand-in has no statement: it grants nothing, so a missing boundary lets nothing
 * through — the sound reading — and evidence can say why.
 */
import type { CompiledPolicy, PolicyRef } from '../policy/types.js';

const MISSING = new WeakSet<CompiledPolicy>();

/** A policy with no statement standing for `ref`, which the snapshot does not contain. */
export function missingPolicy(ref: PolicyRef): CompiledPolicy {
  const p: CompiledPolicy = { ref, version: undefined, statements: [], issues: [] };
  MISSING.add(p);
  return p;
}

/** Whether `policy` stands for a policy missing from the snapshot. */
export function isMissingPolicy(policy: CompiledPolicy): boolean {
  return MISSING.has(policy);
}
