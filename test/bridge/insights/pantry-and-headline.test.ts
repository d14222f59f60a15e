// Pantry use and run-out from snapshots that carry stock, and the headline's choice and stable id.
import { describe, expect, it } from 'vitest';
import type { Insights } from '../../../bridge/contract/insights';
import { headline } from '../../../bridge/insights/headline';
import { parseSnapshots, productUse } from '../../../bridge/pantry/pantry-insights';

describe('productUse', () => {
  it('counts decreases as use (not restocking) and dates the run-out at that pace', () => {
    const snapshots = parseSnapshots([
      { day: '2026-11-04', update_data: { stock: { Mleko: 6, Jajka: 10 }, units: { Mleko: 'l' } } },
      { day: '2026-11-11', update_data: { stock: { Mleko: 4, Jajka: 10 } } },
      { day: '2026-11-18', update_data: { stock: { Mleko: 8, Jajka: 10 } } }, // shopping: not use
      { day: '2026-11-25', update_data: { stock: { Mleko: 6, Jajka: 10 } } },
      { day: '2026-12-01', update_data: { stock: { Mleko: 4, Jajka: 10 }, units: { Mleko: 'l' } } },
      { day: '2026-12-01', update_data: 'not a snapshot' },
    ]);
    // 6 litres used over the 4 weeks since the first snapshot in the window: 1.5 a week; 4 left = 18 days.
    expect(productUse('2026-12-02', snapshots)).toEqual([{ name: 'Mleko', unit: 'l', quantity: 4, used_per_week: 1.5, runs_out_on: '2026-12-20' }]);
  });

  it('lists nothing from fewer than two snapshots with stock in the window', () => {
    expect(productUse('2026-12-02', parseSnapshots([{ day: '2026-12-01', update_data: { stock: { Mleko: 1 } } }]))).toEqual([]);
  });
});

const ok = { status: 'ok' as const, error: null, as_of: '2026-12-02T09:00:00.000Z' };
function parts(o: Partial<Pick<Insights, 'money' | 'training' | 'correlations'>> = {}) {
  return {
    today: '2026-12-02',
    body: { ...ok, weight_kg_per_week_7d: null, weight_kg_per_week_30d: -0.3, bodyfat_pct_per_week_30d: null, bodyfat_pct: 18, target_bodyfat_pct: 15, target_reached: false, target_date: null },
    training: { ...ok, sessions_per_week_4w: 3, sessions_per_week_12w: 3, exercises: [], recovery_score: { mean_4w: null, mean_prior_12w: null }, mood_score: { mean_4w: null, mean_prior_12w: null } },
    money: { ...ok, currency: 'PLN', month: '2026-12', categories: [], net_by_month: [] },
    pantry: { ...ok, insufficient_history: true, history_days: 0, products: [], expired_per_month: [] },
    correlations: { ...ok, weeks: 0, tested: 0, listed: [] },
    ...o,
  };
}

describe('headline', () => {
  it('prefers the category most money past its usual, with an id that names the finding, not its figures', () => {
    const cat = (path: string, spent: number, p75: number) => ({
      category_path: path,
      spent_to_date: spent,
      baseline_p25: 0,
      baseline_median: p75 / 2,
      baseline_p75: p75,
      baseline_months: 12,
      status: 'above' as const,
    });
    const money = { ...ok, currency: 'PLN', month: '2026-12', categories: [cat('Entertainment > Cinema', 40, 0), cat('Food > Restaurants', 700, 400)], net_by_month: [] };
    const h = headline(parts({ money }))!;
    expect(h).toMatchObject({ id: 'money-above:2026-12:Food > Restaurants', domain: 'money' });
    expect(h.text).toMatch(/^Food > Restaurants: 700 PLN so far this month/);
    const later = headline(parts({ money: { ...money, categories: [cat('Entertainment > Cinema', 40, 0), cat('Food > Restaurants', 820, 400)] } }))!;
    expect(later.id).toBe(h.id);
  });

  it('falls back to a stalled exercise, then to the weight pace, and is null with nothing to say', () => {
    const exercises = [{ exercise_id: 'ex_row', exercise_name: 'Seated row', sessions_12w: 6, last_weight_kg: 50, last_tut_seconds: 60, status: 'stalled' as const }];
    expect(headline(parts({ training: { ...parts().training, exercises } }))).toMatchObject({ id: 'training-stalled:ex_row', domain: 'training' });
    expect(headline(parts())).toMatchObject({ id: 'body-weight:losing', text: 'Weight −0.3 kg a week over the last 30 days.' });
    const flat = parts();
    expect(headline({ ...flat, body: { ...flat.body, weight_kg_per_week_30d: 0.05 } })).toBeNull();
  });
});
