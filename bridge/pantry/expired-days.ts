// The pantry's expired count per day of the twin's own history: per local day (the session's zone)
// its first and last value and the rises between the snapshots of that day. A day's summary does not
// depend on any other day, so closed days can be summarised and joined with live ones; the
// rise from one day's last value to the next day's first is added when the days are put together.
import { num } from '../db/pools';
import type { ExpiredDayRow } from '../store/summaries-repository';

export interface ExpiredRise {
  day: string;
  rises: number;
}

/** Rises of the expired count per day, days without a rise left out; `before` is the value before the first day. */
export function risesPerDay(before: number | null, days: readonly ExpiredDayRow[]): ExpiredRise[] {
  const out: ExpiredRise[] = [];
  let last = before;
  for (const d of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    const rises = num(d.inner_rises) + (last === null ? 0 : Math.max(0, num(d.first_value) - last));
    last = num(d.last_value);
    if (rises > 0) out.push({ day: d.day, rises: Math.round(rises) });
  }
  return out;
}
