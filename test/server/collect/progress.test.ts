/** Progress output: a redrawn line on a terminal, log lines elsewhere, nothing with --quiet. */
import { describe, expect, it } from 'vitest';
import { createCallMeter } from '../../../server/collect/aws-clients.js';
import { createProgressReporter, formatEta } from '../../../server/collect/progress.js';

function capture(isTty: boolean, quiet: boolean) {
  const lines: string[] = [];
  const meter = createCallMeter();
  let now = 0;
  const progress = createProgressReporter({
    write: (text) => lines.push(text),
    isTty,
    quiet,
    meter,
    now: () => now,
    intervalMs: 60_000,
  });
  return {
    lines,
    meter,
    progress,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('progress', () => {
  it('prints one plain line per account when stderr is not a terminal', () => {
    const { lines, meter, progress, advance } = capture(false, false);
    progress.start(4, 1);
    meter.calls = 12;
    advance(2000);
    progress.accountDone('111111111111', 'ok', []);
    progress.accountDone('333333333333', 'denied', ['AccessDenied']);
    progress.finish();
    expect(lines[0]).toBe(
      'trustmap collect: 4 accounts to collect (1 already collected, resuming)\n',
    );
    expect(lines[1]).toBe(
      'trustmap collect: 111111111111 ok — accounts 1/4 · calls 12 · errors 0 · ETA 6s\n',
    );
    expect(lines[2]).toBe(
      'trustmap collect: 333333333333 denied (AccessDenied) — accounts 2/4 · calls 12 · errors 1 in 1 accounts · ETA 2s\n',
    );
    expect(lines.join('')).not.toContain('\r');
  });

  it('redraws one line in place on a terminal and ends it with a newline', () => {
    const { lines, progress } = capture(true, false);
    progress.start(2, 0);
    progress.accountDone('111111111111', 'ok', []);
    progress.accountDone('222222222222', 'failed', ['ExpiredToken']);
    progress.finish();
    const text = lines.join('');
    expect(text).toContain('\r\u001b[2Kaccounts 1/2');
    expect(text).toContain('\r\u001b[2K222222222222 failed (ExpiredToken)\n');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('prints nothing with --quiet', () => {
    const { lines, progress } = capture(true, true);
    progress.start(2, 0);
    progress.accountDone('111111111111', 'failed', ['X']);
    progress.note('hello');
    progress.finish();
    expect(lines).toEqual([]);
  });
});

describe('formatEta', () => {
  it.each([
    [0, 5, 1000, '0s'],
    [5, 0, 1000, '…'],
    [10, 10, 10_000, '10s'],
    [100, 10, 10_000, '1m40s'],
    [5000, 10, 10_000, '1h23m'],
  ])('remaining %i, done %i, elapsed %i ms → %s', (remaining, done, elapsed, expected) => {
    expect(formatEta(remaining, done, elapsed)).toBe(expected);
  });
});
