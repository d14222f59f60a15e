// The statistics on their own, and the correlation engine on in-memory weekly series: a planted link
// is found, and the same weeks shuffled list no link in at least 95 % of seeds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorrelationSeries } from '../../../bridge/contract/insights';
import { correlations } from '../../../bridge/insights/correlations';
import { benjaminiHochberg, correlationPValue, spearman, theilSen } from '../../../bridge/analysis/statistics';
import type { WeeklySeries } from '../../../bridge/insights/weekly-series';
import { rng } from '../insights/planted-data';

describe('theilSen', () => {
  it('gives the slope of a line, and one wild point barely moves it', () => {
    const line = Array.from({ length: 10 }, (_, x) => ({ x, y: 80 - 0.05 * x }));
    expect(theilSen(line)!.slope).toBeCloseTo(-0.05, 10);
    const withOutlier = line.map((p, i) => (i === 9 ? { x: p.x, y: 95 } : p));
    expect(theilSen(withOutlier)!.slope).toBeCloseTo(-0.05, 10);
  });

  it('holds the slope in its 95 % range and is null with fewer than 3 points', () => {
    const r = rng(3);
    const points = Array.from({ length: 30 }, (_, x) => ({ x, y: 2 * x + (r() - 0.5) * 10 }));
    const s = theilSen(points)!;
    expect(s.low).toBeLessThanOrEqual(s.slope);
    expect(s.high).toBeGreaterThanOrEqual(s.slope);
    expect(s.low).toBeGreaterThan(1.5);
    expect(theilSen(points.slice(0, 2))).toBeNull();
  });
});

describe('spearman and its p-value', () => {
  it('ranks ties at their average and skips weeks where a side is unknown', () => {
    // Ranks of x: 1, 2.5, 2.5, 4; of y: 1, 2, 3, 4 → Pearson on ranks.
    const c = spearman([1, 2, 2, 5, null], [10, 20, 30, 40, 50])!;
    expect(c.n).toBe(4);
    expect(c.r).toBeCloseTo(0.9486833, 6);
  });

  it('takes the two-sided p from t with n − 2 degrees of freedom (r = 0.5 over 20 weeks: p ≈ 0.0248)', () => {
    expect(correlationPValue(0.5, 20)).toBeCloseTo(0.0248, 3);
    expect(correlationPValue(-0.5, 20)).toBeCloseTo(0.0248, 3);
  });

  it('adjusts p-values as Benjamini and Hochberg do, in the order given', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])).toEqual([0.02, 0.04, 0.04, 0.02]);
    expect(benjaminiHochberg([0.9, 0.5])).toEqual([0.9, 0.9]);
  });
});

const SERIES = CorrelationSeries.options;

/** Weeks with every planted link of the hypotheses, of moderate size. */
function plantedSeries(seed: number, weeks = 60): WeeklySeries {
  const r = rng(seed);
  const noise = (scale: number) => (r() - 0.5) * scale;
  const values = Object.fromEntries(SERIES.map((s) => [s, [] as number[]])) as Record<CorrelationSeries, number[]>;
  for (let i = 0; i < weeks; i++) {
    const workouts = 1 + Math.floor(r() * 4);
    const mood = 1 + r() * 4;
    const restaurant = Math.max(0, 420 - 70 * workouts + noise(300));
    values.workouts.push(workouts);
    values.restaurant_spending.push(restaurant);
    values.mood_score.push(mood);
    values.discretionary_spending.push(200 + 60 * mood + noise(400));
    values.weight_change_kg.push(restaurant / 1000 + noise(0.8));
    const grocery = 300 + noise(200);
    values.grocery_spending.push(grocery);
    values.items_expired.push(Math.max(0, Math.round(grocery / 100 + noise(4))));
    const rest = r() * 4;
    values.rest_days_before.push(rest);
    values.recovery_score.push(2 + rest / 2 + noise(2));
  }
  return { weeks: Array.from({ length: weeks }, (_, i) => `w${i}`), values };
}

/** Each series in its own random order: every link between them is gone. */
function shuffled(series: WeeklySeries, seed: number): WeeklySeries {
  const r = rng(seed ^ 0x5bd1e995);
  const values = { ...series.values };
  for (const s of SERIES) {
    const v = [...values[s]];
    for (let i = v.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [v[i], v[j]] = [v[j], v[i]];
    }
    values[s] = v;
  }
  return { weeks: series.weeks, values };
}

describe('correlations over weekly series', () => {
  const seeds = fc.sample(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { numRuns: 300, seed: 20261202 });

  it('finds the planted workouts–restaurant link, always with a negative r, in most seeds', () => {
    let found = 0;
    for (const seed of seeds) {
      const link = correlations(plantedSeries(seed), 'PLN').listed.find((l) => l.x === 'workouts' && l.y === 'restaurant_spending' && l.lag_weeks === 0);
      if (!link) continue;
      found++;
      expect(link.r).toBeLessThan(0);
      expect(link.p_adjusted).toBeLessThan(0.05);
    }
    expect(found / seeds.length).toBeGreaterThanOrEqual(0.9);
  });

  it('lists no link in at least 95 % of seeds once the weeks are shuffled', () => {
    let quiet = 0;
    for (const seed of seeds) {
      const c = correlations(shuffled(plantedSeries(seed), seed), 'PLN');
      expect(c.tested).toBe(10);
      if (c.listed.length === 0) quiet++;
    }
    expect(quiet / seeds.length).toBeGreaterThanOrEqual(0.95);
  });

  it('tests nothing below 12 weeks of pairs', () => {
    expect(correlations(plantedSeries(1, 11), 'PLN')).toMatchObject({ tested: 0, listed: [] });
    expect(correlations(plantedSeries(1, 12), 'PLN').tested).toBe(5);
  });

  it('words each listed link in plain, non-causal sentences with r and n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        for (const l of correlations(plantedSeries(seed, 80), 'PLN').listed) {
          expect(l.sentence).toMatch(/^In (weeks with|the week after one with) .+: r = −?0\.\d\d over \d+ weeks\.$/);
          expect(l.sentence).not.toMatch(/because|caus|leads? to|makes? you/i);
        }
      }),
      { numRuns: 50, seed: 7 },
    );
  });
});
