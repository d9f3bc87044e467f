/**
 * A date from the API (ISO 8601) in the browser's locale, with the time relative to now on hover
 * ("3 hours ago"). Unreadable text is shown as it came.
 */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** `3 hours ago`, `in 2 days` … in the browser's language. */
export function relativeTime(ms: number, now: number): string {
  const diff = ms - now;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of UNITS)
    if (Math.abs(diff) >= size || unit === 'second')
      return format.format(Math.round(diff / size), unit);
  return format.format(0, 'second');
}

export function TimeText({ iso }: { iso: string }) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return <span>{iso}</span>;
  const date = new Date(ms);
  return (
    <time dateTime={iso} title={`${relativeTime(ms, Date.now())} (${iso})`} data-testid="time">
      {date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
}
