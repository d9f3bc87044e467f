/**
 * Typed errors of the queries: the caller named something the graph does not hold, named it
 * ambiguously, or named a node of the wrong kind. Callers (CLI, HTTP) check the class, not the
 * text; each carries the data a message needs.
 */
import type { NodeKind } from '../graph/types.js';

/** The input matches no node. `suggestions` are the closest node keys (at most 5). */
export class UnknownNodeError extends Error {
  override readonly name = 'UnknownNodeError';
  readonly input: string;
  readonly suggestions: readonly string[];

  constructor(input: string, suggestions: readonly string[]) {
    super(
      `"${input}" is not in the access graph` +
        (suggestions.length > 0 ? `; closest: ${suggestions.join(', ')}` : ''),
    );
    this.input = input;
    this.suggestions = suggestions;
  }
}

/** The input (a name) matches several nodes; `candidates` are their keys (at most 10). */
export class AmbiguousNodeError extends Error {
  override readonly name = 'AmbiguousNodeError';
  readonly input: string;
  readonly candidates: readonly string[];

  constructor(input: string, candidates: readonly string[]) {
    super(`"${input}" names several nodes; use the full ARN: ${candidates.join(', ')}`);
    this.input = input;
    this.candidates = candidates;
  }
}

/** The node exists but the query needs another kind (e.g. `can-assume` on a bucket). */
export class WrongNodeKindError extends Error {
  override readonly name = 'WrongNodeKindError';
  readonly key: string;
  readonly actual: NodeKind;
  readonly expected: readonly NodeKind[];

  constructor(key: string, actual: NodeKind, expected: readonly NodeKind[]) {
    super(
      `${key} is ${article(actual)} ${actual}; expected ${expected.map((k) => `${article(k)} ${k}`).join(' or ')}`,
    );
    this.key = key;
    this.actual = actual;
    this.expected = expected;
  }
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

/** The action group is not one of the target's (e.g. `publish` for a bucket, `read` for a KMS key). */
export class WrongActionGroupError extends Error {
  override readonly name = 'WrongActionGroupError';
  readonly key: string;
  readonly action: string;
  readonly expected: readonly string[];

  constructor(key: string, what: string, action: string, expected: readonly string[]) {
    super(
      `action group ${action} does not apply to ${what} ${key}; expected one of ${expected.join(', ')}`,
    );
    this.key = key;
    this.action = action;
    this.expected = expected;
  }
}
