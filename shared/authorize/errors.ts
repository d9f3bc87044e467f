/**
 * Typed errors of the decision layer's inputs. Tests check the class and the `field`, not the
 * text; the CLI turns them into a usage error (exit 2) naming the field.
 */

/** A simulate request (or a principal spec) is wrong; `field` names where, e.g. `principal`, `context.aws:SourceIp`. */
export class SimulateRequestError extends Error {
  override readonly name = 'SimulateRequestError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
