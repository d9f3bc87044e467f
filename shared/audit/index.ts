/**
 * Findings over the access graph (DESIGN.md "Findings"): the rules, `computeFindings`, the
 * fingerprint and the suppressions.
 */
export type * from './types.js';
export { SEVERITY_ORDER } from './types.js';
export { computeFindings } from './compute-findings.js';
export { RULES } from './rules/index.js';
export { findingId, fnv1a64 } from './fingerprint.js';
export { applySuppressions, expiryInstant, suppressionMatches } from './suppressions.js';
