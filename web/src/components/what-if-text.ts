/**
 * The What if panel's verdict and summary line in words, counts with their nouns in the right
 * number. Pure.
 */
import type { WhatIfSummary } from '../../../shared/what-if/what-if-result.js';

/** `1 change`, `2 changes`. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${String(n)} ${n === 1 ? noun : plural}`;
}

export function whatIfVerdict(s: WhatIfSummary): string {
  if (s.failing > 0)
    return `Opens ${counted(s.failing, 'thing')} at or above ${s.failOn} (most severe: ${s.maxSeverity ?? s.failOn})`;
  if (s.maxSeverity !== undefined)
    return `Opens nothing at or above ${s.failOn} (most severe: ${s.maxSeverity})`;
  return 'Opens nothing';
}

export function whatIfCounts(s: WhatIfSummary): string {
  const paths = Object.values(s.newPaths).reduce((a, b) => a + b, 0);
  return `${counted(s.changes, 'change')}, ${String(s.applied)} applied · ${counted(paths, 'new path')}`;
}
