// The statistics of the insights, on plain arrays: a robust slope with its range, Spearman's rank
// correlation with its p-value, and the Benjamini–Hochberg adjustment. Ranks, medians, quantiles
// and the normal quantile come from simple-statistics, the t distribution from jStat.
import jstat from 'jstat';
import { mean as ssMean, median, probit, sampleRankCorrelation } from 'simple-statistics';

export interface Point {
  x: number;
  y: number;
}

export interface Slope {
  slope: number;
  /** The 95 % range of the slope (Sen's interval from Kendall's S). */
  low: number;
  high: number;
  n: number;
}

const Z_95 = probit(0.975);

/**
 * Theil–Sen: the median of the slopes between every two points with different x. One outlying
 * weigh-in moves it far less than it moves a least-squares line or a first-minus-last difference.
 * Null with fewer than 3 points.
 */
export function theilSen(points: readonly Point[]): Slope | null {
  const n = points.length;
  if (n < 3) return null;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = points[j].x - points[i].x;
      if (dx !== 0) slopes.push((points[j].y - points[i].y) / dx);
    }
  }
  if (slopes.length === 0) return null;
  slopes.sort((a, b) => a - b);
  const count = slopes.length;
  // Sen (1968): the ranks of the interval's ends are (N ∓ z·√Var(S)) / 2, Var(S) = n(n−1)(2n+5)/18.
  const c = Z_95 * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const lowRank = Math.max(1, Math.floor((count - c) / 2));
  const highRank = Math.min(count, Math.ceil((count + c) / 2) + 1);
  return { slope: median(slopes), low: slopes[lowRank - 1], high: slopes[highRank - 1], n };
}

export interface RankCorrelation {
  r: number;
  n: number;
  /** Two-sided, from Student's t with n − 2 degrees of freedom. */
  p: number;
}

/** Spearman's r over the pairs where both values are known; null when fewer than 3 or a side is constant. */
export function spearman(x: readonly (number | null)[], y: readonly (number | null)[]): RankCorrelation | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const a = x[i];
    const b = y[i];
    if (a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b)) {
      xs.push(a);
      ys.push(b);
    }
  }
  const n = xs.length;
  if (n < 3) return null;
  const r = sampleRankCorrelation(xs, ys);
  if (!Number.isFinite(r)) return null;
  return { r, n, p: correlationPValue(r, n) };
}

export function correlationPValue(r: number, n: number): number {
  if (Math.abs(r) >= 1) return 0;
  const t = Math.abs(r) * Math.sqrt((n - 2) / (1 - r * r));
  return Math.min(1, 2 * (1 - jstat.jStat.studentt.cdf(t, n - 2)));
}

/** Benjamini–Hochberg adjusted p-values, in the order given: the false discovery rate over all tests. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k];
    running = Math.min(running, (p * m) / (k + 1));
    adjusted[i] = running;
  }
  return adjusted;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : ssMean([...values]);
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
