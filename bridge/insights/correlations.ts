// Links between domains: a small fixed list of hypotheses, each tested at lag 0 (the same week) and
// lag 1 (x in one week, y in the next) with Spearman's r; p-values adjusted over all the tests run
// (Benjamini–Hochberg). Only links that survive are listed, in plain words that never say "because".
import type { Correlation, CorrelationInsights, CorrelationSeries } from '../contract/insights';
import type { Figures } from '../analysis/insight-context';
import { benjaminiHochberg, mean, round, spearman } from '../analysis/statistics';
import type { WeeklySeries } from './weekly-series';
import { median } from 'simple-statistics';

export const MIN_WEEKS = 12;
export const ALPHA = 0.05;
export const LAGS = [0, 1] as const;

export const HYPOTHESES: readonly { x: CorrelationSeries; y: CorrelationSeries }[] = [
  { x: 'workouts', y: 'restaurant_spending' },
  { x: 'mood_score', y: 'discretionary_spending' },
  { x: 'restaurant_spending', y: 'weight_change_kg' },
  { x: 'grocery_spending', y: 'items_expired' },
  { x: 'rest_days_before', y: 'recovery_score' },
];

type Kind = 'money' | 'count' | 'score' | 'kg';

/** How each series is named in a sentence; `when` describes weeks at or above a threshold. */
const WORDS: Record<CorrelationSeries, { kind: Kind; when: (t: string, cur: string) => string; what: string }> = {
  workouts: { kind: 'count', when: (t) => `${t} or more workouts`, what: 'workouts a week' },
  restaurant_spending: { kind: 'money', when: (t, c) => `${t} ${c} or more on restaurants and takeaway`, what: 'on restaurants and takeaway' },
  mood_score: { kind: 'score', when: (t) => `a mean mood score of ${t} or more`, what: 'the mean mood score' },
  discretionary_spending: { kind: 'money', when: (t, c) => `${t} ${c} or more of discretionary spending`, what: 'on discretionary things' },
  weight_change_kg: { kind: 'kg', when: (t) => `a weight change of ${t} kg or more`, what: 'the weekly weight change' },
  grocery_spending: { kind: 'money', when: (t, c) => `${t} ${c} or more on groceries`, what: 'on groceries' },
  items_expired: { kind: 'count', when: (t) => `${t} or more items expired`, what: 'items expired a week' },
  recovery_score: { kind: 'score', when: (t) => `a mean recovery score of ${t} or more`, what: 'the mean recovery score' },
  rest_days_before: { kind: 'score', when: (t) => `${t} or more rest days before workouts`, what: 'rest days before workouts' },
};

const minus = (text: string) => text.replace(/^-/, '−');
const fmt = (value: number, kind: Kind) => minus(kind === 'money' ? String(Math.round(value)) : String(round(value, kind === 'kg' ? 2 : 1)));

export interface Pair {
  x: number[];
  y: number[];
}

/** The weeks where x (week w) and y (week w + lag) are both known. */
export function pairOf(series: WeeklySeries, x: CorrelationSeries, y: CorrelationSeries, lag: number): Pair {
  const xs: number[] = [];
  const ys: number[] = [];
  const a = series.values[x];
  const b = series.values[y];
  for (let i = 0; i + lag < series.weeks.length; i++) {
    const u = a[i];
    const v = b[i + lag];
    if (u !== null && v !== null) {
      xs.push(u);
      ys.push(v);
    }
  }
  return { x: xs, y: ys };
}

/** "In weeks with 3 or more workouts you spent 38 % less on restaurants and takeaway than in other weeks: r = −0.41 over 52 weeks." */
export function sentence(x: CorrelationSeries, y: CorrelationSeries, lag: number, pair: Pair, r: number, currency: string): string {
  // Counts split at a whole number: "3 or more workouts", not "2.5 or more".
  const middle = median(pair.x);
  const threshold = pair.x.every(Number.isInteger) ? Math.ceil(middle) : middle;
  const high = pair.x.map((v) => v >= threshold);
  // With many weeks at the median, "at or above" may take every week; then the split is "above".
  const split = high.every(Boolean) ? pair.x.map((v) => v > threshold) : high;
  const hi = mean(pair.y.filter((_, i) => split[i])) ?? 0;
  const lo = mean(pair.y.filter((_, i) => !split[i])) ?? 0;
  const wx = WORDS[x];
  const wy = WORDS[y];
  const lead = lag === 0 ? `In weeks with ${wx.when(fmt(threshold, wx.kind), currency)}` : `In the week after one with ${wx.when(fmt(threshold, wx.kind), currency)}`;
  let size: string;
  if (wy.kind === 'money' && lo > 0) {
    const pct = Math.round(Math.abs(hi / lo - 1) * 100);
    size = `you spent ${pct} % ${hi < lo ? 'less' : 'more'} ${wy.what} than in other weeks`;
  } else if (wy.kind === 'money') {
    size = `you spent ${fmt(hi, 'money')} ${currency} a week ${wy.what}, against ${fmt(lo, 'money')} ${currency} in other weeks`;
  } else {
    const unit = wy.kind === 'kg' ? ' kg' : '';
    size = `${wy.what} averaged ${fmt(hi, wy.kind)}${unit}, against ${fmt(lo, wy.kind)}${unit} in other weeks`;
  }
  return `${lead} ${size}: r = ${minus(r.toFixed(2))} over ${pair.x.length} weeks.`;
}

export function correlations(series: WeeklySeries, currency: string): Figures<CorrelationInsights> {
  const tests: (Omit<Correlation, 'p_adjusted' | 'sentence'> & { p: number; pair: Pair })[] = [];
  for (const h of HYPOTHESES) {
    for (const lag of LAGS) {
      const pair = pairOf(series, h.x, h.y, lag);
      if (pair.x.length < MIN_WEEKS) continue;
      const c = spearman(pair.x, pair.y);
      if (c !== null) tests.push({ x: h.x, y: h.y, lag_weeks: lag, r: c.r, n: c.n, p: c.p, pair });
    }
  }
  const adjusted = benjaminiHochberg(tests.map((t) => t.p));
  const listed: Correlation[] = tests
    .map((t, i) => ({ t, p: adjusted[i] }))
    .filter(({ p }) => p < ALPHA)
    .sort((a, b) => Math.abs(b.t.r) - Math.abs(a.t.r))
    .map(({ t, p }) => ({
      x: t.x,
      y: t.y,
      lag_weeks: t.lag_weeks,
      r: round(t.r, 3),
      n: t.n,
      p_adjusted: Number(p.toPrecision(3)),
      sentence: sentence(t.x, t.y, t.lag_weeks, t.pair, t.r, currency),
    }));
  return { weeks: series.weeks.length, tested: tests.length, listed };
}
