// Calendar arithmetic on plain 'YYYY-MM-DD' dates. The demo works with dates of the user's zone that
// the caller computed, so these helpers use UTC internally and never look at the machine's zone.

const DAY_MS = 86_400_000;

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && toIsoDate(dayNumber(s)) === s;
}

/** Days since 1970-01-01. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function toIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return toIsoDate(dayNumber(date) + days);
}

export function diffDays(later: string, earlier: string): number {
  return dayNumber(later) - dayNumber(earlier);
}

export function dayOfMonth(date: string): number {
  return Number(date.slice(8, 10));
}

export function daysInMonth(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 'YYYY-MM' */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** First day of the month `months` months after the month of `date` (negative goes back). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week of `date`. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Every date from `from` to `to`, both included. */
export function* eachDay(from: string, to: string): Generator<string> {
  for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) yield toIsoDate(d);
}
