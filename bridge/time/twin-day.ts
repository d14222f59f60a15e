// The day a state describes. Today: the facts of now, and every row of the month counts, as the
// person's own SQL counts them. A past day: its last minute, and no row dated after it counts (the
// person's SQL, run on that day, had not seen them yet).
import { addDays, endOfDay, localDate, type LocalDate } from './local-date';

export interface TwinDay {
  /** The calendar facts: now's today, 23:59 of a past day. */
  today: LocalDate;
  /** The first day whose rows are not counted: the next month's first day today, the next day for a past day. */
  until: string;
  /** A day before today. */
  past: boolean;
}

export function liveDay(now: Date, timeZone: string): TwinDay {
  const today = localDate(now, timeZone);
  return { today, until: today.nextMonthStart, past: false };
}

export function pastDay(date: string): TwinDay {
  return { today: endOfDay(date), until: addDays(date, 1), past: true };
}
