/**
 * The in-process nightly scan of `trustmap serve --schedule "0 3 * * *"` (croner). A run never
 * overlaps the previous one: croner's `protect` skips a tick while a run is in progress, and the
 * scan controller refuses a second concurrent scan anyway.
 */
import { Cron } from 'croner';

/** The cron expression is not valid. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

export interface ScheduledJob {
  cron: string;
  nextRun(): Date | undefined;
  stop(): void;
}

/**
 * Schedules `run` at `cron` (5 or 6 fields, server's time zone unless `timezone`). `onSkip` is
 * called when a tick finds the previous run still going; `onError` when a run fails.
 */
export function scheduleScans(
  cron: string,
  run: () => Promise<unknown>,
  hooks: { onSkip?: () => void; onError?: (err: unknown) => void; timezone?: string } = {},
): ScheduledJob {
  let job: Cron;
  try {
    job = new Cron(
      cron,
      {
        protect: () => hooks.onSkip?.(),
        catch: (err: unknown) => hooks.onError?.(err),
        ...(hooks.timezone === undefined ? {} : { timezone: hooks.timezone }),
      },
      async () => {
        await run();
      },
    );
  } catch (err: unknown) {
    throw new ScheduleError(
      `--schedule: "${cron}" is not a valid cron expression (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  return {
    cron,
    nextRun: () => job.nextRun() ?? undefined,
    stop: () => {
      job.stop();
    },
  };
}
