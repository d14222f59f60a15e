// What the Insights section shows, worked out from the bridge's insights without any DOM: the trends
// with their arrow and the place on a fixed scale, the exercises that stall, the categories above
// their usual spending, the listed correlations.
import type { CategoryBaseline, Correlation, ExerciseProgress, InsightsResponse } from '../../bridge/contract/insights';
import { formatNumber } from '../twin/format';

export type TrendDirection = 'up' | 'down' | 'flat';
/** Whether the movement is toward the person's target (good), away from it (bad), or has none. */
export type TrendTone = 'good' | 'bad' | 'neutral';

export interface Trend {
  key: string;
  label: string;
  value: number;
  /** The figure as shown, with its unit. */
  text: string;
  direction: TrendDirection;
  tone: TrendTone;
  /** The scale runs from −fullScale to +fullScale; `position` is where the value is on it, 0–100. */
  fullScale: number;
  unit: string;
  position: number;
}

export const ARROWS: Record<TrendDirection, string> = { up: '↑', down: '↓', flat: '→' };

interface TrendSpec {
  key: string;
  label: string;
  unit: string;
  fullScale: number;
  /** Below this size a movement is shown as flat. */
  flatBelow: number;
  digits: number;
}

// Fixed scales, so that a bar means the same size from one day to the next: ±1 kg a week is a fast
// change of weight, ±0.5 percentage points a week one of body fat, ±2 sessions a week of training.
const SPECS = {
  weight7: { key: 'weight-7d', label: 'Weight, 7 days', unit: 'kg/week', fullScale: 1, flatBelow: 0.05, digits: 2 },
  weight30: { key: 'weight-30d', label: 'Weight, 30 days', unit: 'kg/week', fullScale: 1, flatBelow: 0.05, digits: 2 },
  bodyfat30: { key: 'bodyfat-30d', label: 'Body fat, 30 days', unit: 'points/week', fullScale: 0.5, flatBelow: 0.02, digits: 2 },
  sessions: { key: 'sessions', label: 'Sessions a week, 4 against 12 weeks', unit: 'a week', fullScale: 2, flatBelow: 0.25, digits: 1 },
} satisfies Record<string, TrendSpec>;

function signed(value: number, digits: number): string {
  const text = formatNumber(Math.abs(value), digits);
  if (text === '0') return '0';
  return `${value > 0 ? '+' : '−'}${text}`;
}

export function trendOf(spec: TrendSpec, value: number, goodWhen: TrendDirection | null): Trend {
  const direction: TrendDirection = Math.abs(value) < spec.flatBelow ? 'flat' : value > 0 ? 'up' : 'down';
  const tone: TrendTone = goodWhen === null || direction === 'flat' ? 'neutral' : direction === goodWhen ? 'good' : 'bad';
  const clamped = Math.max(-spec.fullScale, Math.min(spec.fullScale, value));
  return {
    key: spec.key,
    label: spec.label,
    value,
    text: `${signed(value, spec.digits)} ${spec.unit}`,
    direction,
    tone,
    fullScale: spec.fullScale,
    unit: spec.unit,
    position: 50 + (clamped / spec.fullScale) * 50,
  };
}

/** The trends there are figures for, in a fixed order. */
export function insightTrends(i: InsightsResponse): Trend[] {
  const trends: Trend[] = [];
  const { body, training } = i;
  // Losing body fat is the person's target while above it; weight alone has no direction of its own.
  const fatGoal: TrendDirection | null = body.bodyfat_pct === null ? null : body.bodyfat_pct > body.target_bodyfat_pct ? 'down' : null;
  if (body.weight_kg_per_week_7d !== null) trends.push(trendOf(SPECS.weight7, body.weight_kg_per_week_7d, null));
  if (body.weight_kg_per_week_30d !== null) trends.push(trendOf(SPECS.weight30, body.weight_kg_per_week_30d, null));
  if (body.bodyfat_pct_per_week_30d !== null) trends.push(trendOf(SPECS.bodyfat30, body.bodyfat_pct_per_week_30d, fatGoal));
  if (training.sessions_per_week_4w !== null && training.sessions_per_week_12w !== null) {
    const t = trendOf(SPECS.sessions, training.sessions_per_week_4w - training.sessions_per_week_12w, null);
    trends.push({ ...t, text: `${formatNumber(training.sessions_per_week_4w)} ${SPECS.sessions.unit} (${signed(t.value, 1)})` });
  }
  return trends;
}

export function targetText(i: InsightsResponse): string | null {
  const { body } = i;
  if (body.target_reached) return `Body fat target of ${formatNumber(body.target_bodyfat_pct)} % reached.`;
  if (body.target_date === null) return null;
  const { earliest, latest } = body.target_date;
  const when = earliest === latest ? earliest : `between ${earliest} and ${latest}`;
  return `${formatNumber(body.target_bodyfat_pct)} % body fat ${when} at the 30-day pace.`;
}

export function stalledExercises(i: InsightsResponse): ExerciseProgress[] {
  return i.training.exercises.filter((e) => e.status === 'stalled' || e.status === 'regressing');
}

export function exerciseText(e: ExerciseProgress): string {
  const last = [e.last_weight_kg === null ? null : `${formatNumber(e.last_weight_kg)} kg`, e.last_tut_seconds === null ? null : `${formatNumber(e.last_tut_seconds, 0)} s`].filter((p) => p !== null);
  return `${e.exercise_name}: ${e.status}${last.length > 0 ? ` at ${last.join(', ')}` : ''}`;
}

export function categoriesAbove(i: InsightsResponse): CategoryBaseline[] {
  return i.money.categories.filter((c) => c.status === 'above');
}

export function categoryText(c: CategoryBaseline, currency: string, money: (v: number, c: string) => string): string {
  return `${c.category_path}: ${money(c.spent_to_date, currency)} so far (usually ${money(c.baseline_p25, currency)} to ${money(c.baseline_p75, currency)})`;
}

export function correlationDetail(c: Correlation): string {
  const lag = c.lag_weeks === 0 ? 'same week' : `${c.lag_weeks} week${c.lag_weeks === 1 ? '' : 's'} later`;
  return `r = ${signed(c.r, 2)}, ${c.n} weeks, ${lag}, p = ${c.p_adjusted < 0.001 ? '< 0.001' : formatNumber(c.p_adjusted, 3)}`;
}
