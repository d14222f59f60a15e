// The day a state describes. Today: the facts of now, and every row of the month counts, as the
// person's own SQL counts them. A past day: its last minute, and no row dated after it counts (the
// person's SQL, run on that day, had not seen them yet). Either way the months before the current
// one are closed: the summaries may serve them.
import { addDays, endOfDay, localDate, type LocalDate } from './local-date';

/** Where a day's reads stop, and which months are closed. */
export interface DayBounds {
  /** The first day whose rows are not counted: the next month's first day today, the next day for a past day. */
  until: string;
  /** The current month's first day (today's, even for a past day): days before it belong to closed months. */
  open: string;
  /** A day before today. */
  past: boolean;
}

export interface TwinDay extends DayBounds {
  /** The calendar facts: now's today, 23:59 of a past day. */
  today: LocalDate;
}

/** Today's bounds: the whole month counts, and its first day is open. */
export function todayBounds(today: LocalDate): DayBounds {
  return { until: today.nextMonthStart, open: today.monthStart, past: false };
}

export function liveDay(now: Date, timeZone: string): TwinDay {
  const today = localDate(now, timeZone);
  return { today, ...todayBounds(today) };
}

/** `date` before today, whose current month starts at `open`. */
export function pastDay(date: string, open: string): TwinDay {
  return { today: endOfDay(date), until: addDays(date, 1), open, past: true };
}
