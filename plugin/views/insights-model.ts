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

/** A figure and its unit kept on one line (a narrow sidebar would otherwise break "300 s" after the number). */
const unit = (figure: string, u: string): string => `${figure}\u00a0${u}`;
/** The same for an amount already formatted with its currency: "224 PLN". */
const amount = (text: string): string => text.replace(/ (?=\S+$)/, '\u00a0');

export function targetText(i: InsightsResponse): string | null {
  const { body } = i;
  const target = unit(formatNumber(body.target_bodyfat_pct), '%');
  if (body.target_reached) return `Body fat target of ${target} reached.`;
  if (body.target_date === null) {
    // No date: the 30-day pace does not clearly head to the target (or takes too long). Say so rather than nothing.
    return body.bodyfat_pct === null ? null : `${unit(formatNumber(body.bodyfat_pct), '%')} body fat against a target of ${target}: no date yet at the pace of the last 30 days.`;
  }
  const { earliest, latest } = body.target_date;
  const when = earliest === latest ? earliest : `between ${earliest} and ${latest}`;
  return `${target} body fat ${when} at the pace of the last 30 days.`;
}

/** Regressing before stalled: the worse first. */
export function stalledExercises(i: InsightsResponse): ExerciseProgress[] {
  const notProgressing = i.training.exercises.filter((e) => e.status === 'stalled' || e.status === 'regressing');
  return [...notProgressing.filter((e) => e.status === 'regressing'), ...notProgressing.filter((e) => e.status === 'stalled')];
}

export function exerciseText(e: ExerciseProgress): string {
  // 0 kg is a body-weight or cardio exercise (push-up, bike): no load to speak of.
  const weight = e.last_weight_kg === null || e.last_weight_kg === 0 ? null : unit(formatNumber(e.last_weight_kg), 'kg');
  const tut = e.last_tut_seconds === null ? null : unit(formatNumber(e.last_tut_seconds, 0), 's');
  const last = [weight, tut].filter((p) => p !== null);
  return `${e.exercise_name}: ${e.status}${last.length > 0 ? ` at ${last.join(', ')}` : ''}`;
}

export function categoriesAbove(i: InsightsResponse): CategoryBaseline[] {
  return i.money.categories.filter((c) => c.status === 'above');
}

/** The usual spending by this day of the month, in whole units like the headline: "181 PLN to 224 PLN", "up to 44 PLN", "nothing". */
function usualRange(c: CategoryBaseline, currency: string, money: (v: number, c: string) => string): string {
  const [low, high] = [Math.round(c.baseline_p25), Math.round(c.baseline_p75)];
  if (high === 0) return 'nothing';
  if (low === 0) return `up to ${amount(money(high, currency))}`;
  if (low === high) return amount(money(high, currency));
  return `${amount(money(low, currency))} to ${amount(money(high, currency))}`;
}

export function categoryText(c: CategoryBaseline, currency: string, money: (v: number, c: string) => string): string {
  return `${c.category_path}: ${amount(money(Math.round(c.spent_to_date), currency))} so far, usually ${usualRange(c, currency, money)} by this day`;
}

/**
 * What the bridge's sentence does not say already (it ends "r = 0.50 over 52 weeks" and names the
 * week's lag): how likely chance is, after the correction for every pair tested.
 */
export function correlationDetail(c: Correlation, tested: number): string {
  const p = c.p_adjusted < 0.001 ? 'p < 0.001' : `p = ${formatNumber(c.p_adjusted, 3)}`;
  return `${p}, adjusted for ${tested} ${tested === 1 ? 'test' : 'tests'}`;
}
