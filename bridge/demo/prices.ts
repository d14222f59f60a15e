// The demo's price level over the years, and the two contract prices paid on the 1st of every month.
import { daysBetween } from '../time/local-date';

/** Prices and salary grow over the years, so fifteen years of history stay believable. */
export function growth(date: string, yearlyRate: number): number {
  return Math.pow(1 + yearlyRate, daysBetween('2026-01-01', date) / 365.25);
}

/** Contract prices change once a year, in January, by the year's inflation. */
function yearlyIndex(date: string): number {
  return growth(`${date.slice(0, 4)}-01-01`, 0.035);
}

/** The month's rent, paid on the 1st: the same all year, in whole tens of złoty. */
export function rentCents(date: string): number {
  return Math.round((2_600 * yearlyIndex(date)) / 10) * 1000;
}

/** The sports card, paid on the 1st: the same all year, in whole złoty. */
export function gymCardCents(date: string): number {
  return Math.round(159 * yearlyIndex(date)) * 100;
}
