/**
 * What the compilers of a statement's elements (principal, action, resource, condition) know
 * about the statement they are in, and how they report problems.
 */
import type { Effect, PolicyKind } from './types.js';

export interface StatementScope {
  readonly effect: Effect;
  readonly kind: PolicyKind;
  /** Policy variables are substituted (`"Version": "2012-10-17"`). */
  readonly variables: boolean;
  /** The partition of the policy's own resource (from `PolicyRef.arn`), when known. */
  readonly partition: string | undefined;
  /** An error: IAM would reject the statement. An Allow statement then grants nothing. */
  error(code: string, message: string, path: string): void;
  /** A warning: the statement is valid but probably not what its author meant. */
  warn(code: string, message: string, path: string): void;
}
