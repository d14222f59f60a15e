// Calendar facts of an instant in a time zone. Day and month boundaries are the user's, never
// UTC's: 00:30 on the 1st in Warsaw is still the 30th/31st in UTC.
// Each function from its own module: the package's index loads all of them (about 11 MB resident).
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

export interface LocalDate {
  /** YYYY-MM-DD */
  date: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  daysInMonth: number;
  /** 1 = Monday … 7 = Sunday */
  isoWeekday: number;
  /** YYYY-MM-DD of the first day of this month and of the next one. */
  monthStart: string;
  nextMonthStart: string;
  /** YYYY-MM-DD of this week's Monday. */
  weekStart: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function localDate(now: Date, timeZone: string): LocalDate {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(now)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year, month, day, hour, minute } = parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
  return factsOf(year, month, day, hour, minute);
}

/** The facts of a plain YYYY-MM-DD at midnight, for code that counts in dates rather than instants. */
export function calendarDate(date: string): LocalDate {
  return factsOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)), 0, 0);
}

/** The facts of a plain YYYY-MM-DD at its last minute (23:59): a past day as a state describes it. */
export function endOfDay(date: string): LocalDate {
  return factsOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)), 23, 59);
}

/** YYYY-MM of the month `back` months before today's. */
export function monthBack(today: Pick<LocalDate, 'year' | 'month'>, back: number): string {
  const index = today.year * 12 + (today.month - 1) - back;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first day of the month `months` after the month of `date` (negative: before it). */
export function monthStartAfter(date: string, months: number): string {
  return format(addMonths(parseISO(`${date.slice(0, 7)}-01`), months), 'yyyy-MM-dd');
}

function factsOf(year: number, month: number, day: number, hour: number, minute: number): LocalDate {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = isoDate(year, month, day);
  const isoWeekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return {
    date,
    year,
    month,
    day,
    hour,
    minute,
    daysInMonth,
    isoWeekday,
    monthStart: isoDate(year, month, 1),
    nextMonthStart: month === 12 ? isoDate(year + 1, 1, 1) : isoDate(year, month + 1, 1),
    weekStart: addDays(date, 1 - isoWeekday),
  };
}
