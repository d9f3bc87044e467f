import { describe, expect, it } from 'vitest';
import { scheduleScans, ScheduleError } from '../../../server/schedule/scheduler.js';

describe('scheduleScans', () => {
  it('rejects an invalid cron expression with a message naming the flag', () => {
    expect(() => scheduleScans('61 * * * *', () => Promise.resolve())).toThrow(ScheduleError);
    expect(() => scheduleScans('every night', () => Promise.resolve())).toThrow(
      /--schedule: "every night" is not a valid cron expression/,
    );
  });

  it('computes the next run of "0 3 * * *" at 03:00', () => {
    const job = scheduleScans('0 3 * * *', () => Promise.resolve(), { timezone: 'UTC' });
    try {
      const next = job.nextRun();
      expect(next?.getUTCHours()).toBe(3);
      expect(next?.getUTCMinutes()).toBe(0);
      expect(job.cron).toBe('0 3 * * *');
    } finally {
      job.stop();
    }
  });

  it('never overlaps: a tick while the previous run is going is skipped', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let skips = 0;
    let release: () => void = () => undefined;
    const firstRunHeld = new Promise<void>((r) => (release = r));
    const job = scheduleScans(
      '* * * * * *',
      async () => {
        running += 1;
        runs += 1;
        maxRunning = Math.max(maxRunning, running);
        if (runs === 1) await firstRunHeld;
        running -= 1;
      },
      { onSkip: () => (skips += 1) },
    );
    try {
      while (skips < 1) await new Promise((r) => setTimeout(r, 100));
      release();
      expect(maxRunning).toBe(1);
      expect(runs).toBe(1);
    } finally {
      job.stop();
    }
  }, 10_000);
});
