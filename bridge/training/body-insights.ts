// Body: where weight and body fat are heading, as robust slopes over 7 and 30 days, and when the
// body-fat target is reached at the 30-day pace.
import type { BodyInsights, TargetDate } from '../contract/insights';
import { addDays, daysBetween } from '../time/local-date';
import type { Figures, InsightContext } from '../analysis/insight-context';
import { round, theilSen, type Point, type Slope } from '../analysis/statistics';
import { median } from 'simple-statistics';
import type { Measurement, TrainingRepository } from './training-repository';

export const TARGET_BODYFAT_PCT = 15;
/** A target further away than this at the slow end of the pace is "flat", not a date. */
const HORIZON_DAYS = 730;

function points(rows: readonly Measurement[], today: string, days: number, pick: (m: Measurement) => number | null): Point[] {
  const from = addDays(today, -days);
  const out: Point[] = [];
  for (const m of rows) {
    const y = pick(m);
    if (m.date > from && m.date <= today && y !== null) out.push({ x: daysBetween(today, m.date), y });
  }
  return out;
}

const perWeek = (s: Slope | null) => (s === null ? null : round(s.slope * 7, 3));

/** When the fitted level today reaches the target at the pace's 95 % range; null when it does not head there. */
export function targetDate(today: string, fat: Point[], slope: Slope | null, target: number): TargetDate | null {
  if (slope === null || slope.high >= 0) return null;
  // The line's level today (x = 0): the median of y − slope·x, Theil–Sen's intercept.
  const level = median(fat.map((p) => p.y - slope.slope * p.x));
  if (level <= target) return null;
  const fastest = Math.ceil((level - target) / -slope.low);
  const slowest = Math.ceil((level - target) / -slope.high);
  if (slowest > HORIZON_DAYS) return null;
  return { earliest: addDays(today, fastest), latest: addDays(today, slowest) };
}

export function bodyInsights(rows: readonly Measurement[], latestFat: number | null, today: string): Figures<BodyInsights> {
  const fat30 = points(rows, today, 30, (m) => m.fat);
  const fatSlope = theilSen(fat30);
  const reached = latestFat !== null && latestFat <= TARGET_BODYFAT_PCT;
  return {
    weight_kg_per_week_7d: perWeek(theilSen(points(rows, today, 7, (m) => m.weight))),
    weight_kg_per_week_30d: perWeek(theilSen(points(rows, today, 30, (m) => m.weight))),
    bodyfat_pct_per_week_30d: perWeek(fatSlope),
    bodyfat_pct: latestFat,
    target_bodyfat_pct: TARGET_BODYFAT_PCT,
    target_reached: reached,
    target_date: reached ? null : targetDate(today, fat30, fatSlope, TARGET_BODYFAT_PCT),
  };
}

export async function readBodyInsights(repo: TrainingRepository, ctx: InsightContext): Promise<Figures<BodyInsights>> {
  const today = ctx.today.date;
  const [rows, latest] = await Promise.all([repo.measurements(addDays(today, -30), today), repo.latestBodyfat(today)]);
  return bodyInsights(rows, latest, today);
}
