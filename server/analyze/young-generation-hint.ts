/**
 * A hint for large organizations: with Node's default young generation the graph build spends up
 * to a third of its time copying survivors (docs/design-choices.md, "Graph build performance"),
 * and V8 takes a larger bound only at start-up, so the fix is the caller's Node option. The hint
 * is given when the compile and build took `HINT_AFTER_MS` or more and no semi-space size was
 * chosen (on the command line of Node or in NODE_OPTIONS).
 */

/** Compile and build time from which the hint is worth a line. */
export const HINT_AFTER_MS = 5_000;

/** The option, as `npm start`, the bench and docs/nightly-scan.md set it. */
export const SEMI_SPACE_OPTION = '--max-semi-space-size=64';

const SEMI_SPACE = /--max[-_]semi[-_]space[-_]size/;

/** Whether Node was started with a semi-space size of the caller's choosing. */
export function hasSemiSpaceOption(
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): boolean {
  return execArgv.some((arg) => SEMI_SPACE.test(arg)) || SEMI_SPACE.test(nodeOptions ?? '');
}

/** The hint for an analysis that took `compileMs` + `buildMs`, or undefined when none is due. */
export function youngGenerationHint(
  timing: { compileMs: number; buildMs: number },
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): string | undefined {
  const ms = timing.compileMs + timing.buildMs;
  // Written so that a missing timing (NaN) gives no hint.
  if (!(ms >= HINT_AFTER_MS) || hasSemiSpaceOption(execArgv, nodeOptions)) return undefined;
  return (
    `hint: the graph took ${(ms / 1000).toFixed(1)} s to build; with ` +
    `NODE_OPTIONS=${SEMI_SPACE_OPTION} it builds 20–35% faster (docs/design-choices.md)`
  );
}
