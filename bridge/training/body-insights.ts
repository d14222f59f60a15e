// Body: where weight and body fat are heading, as robust slopes over 7 and 30 days, and when the
// body-fat target is reached at the 30-day pace.
import type { BodyInsights, TargetDate } from '../contract/insights';
import { numOrNull, type Queryable } from '../db/pools';
import { addDays, daysBetween } from '../time/local-date';
import type { Figures, InsightContext } from '../insights/insight-context';
import { round, theilSen, type Point, type Slope } from '../insights/statistics';
import { median } from 'simple-statistics';

export const TARGET_BODYFAT_PCT = 15;
/** A target further away than this at the slow end of the pace is "flat", not a date. */
const HORIZON_DAYS = 730;

interface MeasurementRow {
  measurement_date: string;
  bodyweight_kg: string | null;
  bodyfat_pct: string | null;
}

// One row per day by the primary key; the window is read through it.
const WINDOW_SQL = `
  SELECT measurement_date, bodyweight_kg, bodyfat_pct
  FROM measurements
  WHERE measurement_date > $1::date AND measurement_date <= $2::date
  ORDER BY measurement_date`;

const LATEST_FAT_SQL = `
  SELECT bodyfat_pct FROM measurements
  WHERE bodyfat_pct IS NOT NULL AND measurement_date <= $1::date
  ORDER BY measurement_date DESC LIMIT 1`;

export interface Measurement {
  date: string;
  weight: number | null;
  fat: number | null;
}

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

export async function readBodyInsights(db: Queryable, ctx: InsightContext): Promise<Figures<BodyInsights>> {
  const today = ctx.today.date;
  const [window, latest] = await Promise.all([
    db.query<MeasurementRow>(WINDOW_SQL, [addDays(today, -30), today]),
    db.query<{ bodyfat_pct: string }>(LATEST_FAT_SQL, [today]),
  ]);
  const rows = window.rows.map((r) => ({ date: r.measurement_date, weight: numOrNull(r.bodyweight_kg), fat: numOrNull(r.bodyfat_pct) }));
  return bodyInsights(rows, numOrNull(latest.rows[0]?.bodyfat_pct), today);
}
