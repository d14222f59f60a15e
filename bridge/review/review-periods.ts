// The three spans a weekly review compares. Like for like: a review on a Wednesday compares Monday
// to Wednesday with Monday to Wednesday of the week before and of the week 52 weeks earlier (364
// days, so the weekdays match; the calendar date may differ by a day or two).
import type { ReviewPeriodName } from '../contract/weekly-review';
import { addDays } from '../time/local-date';

export interface Span {
  name: ReviewPeriodName;
  first_day: string;
  last_day: string;
}

/** 1 = Monday … 7 = Sunday of a YYYY-MM-DD. */
export function isoWeekdayOf(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function reviewSpans(date: string): Span[] {
  const monday = addDays(date, 1 - isoWeekdayOf(date));
  const back = (name: ReviewPeriodName, days: number): Span => ({ name, first_day: addDays(monday, -days), last_day: addDays(date, -days) });
  return [back('this_week', 0), back('last_week', 7), back('year_ago', 364)];
}
