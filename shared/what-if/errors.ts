/**
 * Typed errors of what-if input: the plan or change file is not what it claims to be. The
 * message names the resource address (or change-file entry) and the field, so that a reviewer
 * can find the line; callers map it to exit code 2 / HTTP 400.
 */
export class WhatIfInputError extends Error {
  override readonly name = 'WhatIfInputError';
  constructor(
    message: string,
    /** The Terraform resource address or `changes[N]`; undefined for the file as a whole. */
    readonly address?: string,
    /** The field inside it. */
    readonly field?: string,
  ) {
    super(
      address === undefined
        ? message
        : `${address}${field === undefined ? '' : ` (${field})`}: ${message}`,
    );
  }
}
