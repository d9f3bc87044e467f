/**
 * Progress of a collection on stderr. On a terminal: one line redrawn in place (accounts done /
 * total, calls, errors, ETA). Elsewhere (CI logs, pipes): one plain line per finished account.
 * `--quiet`: nothing. Account ids and error names are printed, never AWS message text, so the
 * progress line cannot carry terminal escape sequences from AWS.
 */
import type { AccountCollectionStatus } from '../../shared/snapshot/types.js';
import type { CallMeter } from './aws-clients.js';

export interface ProgressReporter {
  /** `total` accounts will be collected in this run; `alreadyDone` were finished earlier. */
  start(total: number, alreadyDone: number): void;
  accountDone(
    accountId: string,
    status: AccountCollectionStatus,
    errorNames: readonly string[],
  ): void;
  /** A line that is not about one account (organization read, warnings). */
  note(text: string): void;
  finish(): void;
}

export interface ProgressSettings {
  write: (text: string) => void;
  isTty: boolean;
  quiet: boolean;
  meter: CallMeter;
  now?: () => number;
  /** Redraw interval on a terminal. */
  intervalMs?: number;
}

export function createProgressReporter(settings: ProgressSettings): ProgressReporter {
  if (settings.quiet) {
    return { start: noop, accountDone: noop, note: noop, finish: noop };
  }
  const now = settings.now ?? Date.now;
  let total = 0;
  let done = 0;
  let failed = 0;
  let errors = 0;
  let startedAt = now();
  let timer: ReturnType<typeof setInterval> | undefined;

  const status = (): string => {
    const eta = formatEta(total - done, done, now() - startedAt);
    const incomplete = failed > 0 ? ` in ${failed} accounts` : '';
    return `accounts ${done}/${total} · calls ${settings.meter.calls} · errors ${errors}${incomplete} · ETA ${eta}`;
  };
  const draw = (): void => {
    settings.write(`\r\u001b[2K${status()}`);
  };

  return {
    start(count, alreadyDone) {
      total = count;
      done = 0;
      startedAt = now();
      const resumed = alreadyDone > 0 ? ` (${alreadyDone} already collected, resuming)` : '';
      if (settings.isTty) {
        settings.write(`collecting ${count} accounts${resumed}\n`);
        draw();
        timer = setInterval(draw, settings.intervalMs ?? 250);
        timer.unref();
      } else {
        settings.write(`trustmap collect: ${count} accounts to collect${resumed}\n`);
      }
    },
    accountDone(accountId, accountStatus, errorNames) {
      done += 1;
      errors += errorNames.length;
      if (accountStatus !== 'ok') failed += 1;
      const detail =
        accountStatus === 'ok' ? '' : ` (${[...new Set(errorNames)].slice(0, 5).join(', ')})`;
      if (settings.isTty) {
        if (accountStatus !== 'ok')
          settings.write(`\r\u001b[2K${accountId} ${accountStatus}${detail}\n`);
        draw();
      } else {
        settings.write(`trustmap collect: ${accountId} ${accountStatus}${detail} — ${status()}\n`);
      }
    },
    note(text) {
      settings.write(settings.isTty ? `\r\u001b[2K${text}\n` : `trustmap collect: ${text}\n`);
      if (settings.isTty && timer !== undefined) draw();
    },
    finish() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (settings.isTty) {
        draw();
        settings.write('\n');
      }
    },
  };
}

/** Remaining time from the average pace so far (accounts run in parallel, so pace is measured). */
export function formatEta(remaining: number, done: number, elapsedMs: number): string {
  if (remaining <= 0) return '0s';
  if (done === 0 || elapsedMs <= 0) return '…';
  const seconds = Math.ceil(((elapsedMs / done) * remaining) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function noop(): void {
  // quiet
}
