/**
 * Findings and edges of a scan diff as terminal text (`scan`'s summary, `diff`). Every field
 * comes from the snapshot, so each goes through the one sanitizer with a length cap
 * (sanitize-text.ts); `--json` keeps the full values.
 */
import type { DiffEdge } from '../../../shared/api/types.js';
import { cleanText } from './sanitize-text.js';

/** `[scope] SOURCE → TARGET KIND[ ACTIONGROUP]`, each field cleaned and bounded. */
export function edgeText(e: DiffEdge): string {
  const scope = e.sourceScope === undefined ? '' : cleanText(e.sourceScope, 20);
  const group = e.actionGroup === undefined ? '' : ` ${cleanText(e.actionGroup, 40)}`;
  return `${scope} ${cleanText(e.source)} → ${cleanText(e.target)} ${cleanText(e.kind, 40)}${group}`;
}

/** `SEVERITY RULE SUBJECT`, each field cleaned and bounded. */
export function findingText(f: { severity: string; rule: string; subject: string }): string {
  return `${cleanText(f.severity, 20)} ${cleanText(f.rule, 60)} ${cleanText(f.subject)}`;
}
