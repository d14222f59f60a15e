// A contract-shaped /insights body with something in every part (a trend, a target date, a stalled
// and a regressing exercise, a category above its baseline, two correlations, a headline), for the
// preview when the bridge has no /insights, and for the plugin's tests.
import type { Insights, InsightsResponse } from '../../bridge/contract/insights';

const ok = { status: 'ok' as const, error: null, as_of: '2025-01-15T05:00:00.000Z' };

export function sampleInsights(): Insights {
  return {
    computed_at: '2025-01-15T05:00:00.000Z',
    timezone: 'Europe/Warsaw',
    today: '2025-01-15',
    headline: { id: 'money:above:Food > Restaurants', domain: 'money', text: 'Restaurants: 820 PLN so far this month, above the usual 310–450 PLN by this day.' },
    body: {
      ...ok,
      weight_kg_per_week_7d: -0.42,
      weight_kg_per_week_30d: -0.31,
      bodyfat_pct_per_week_30d: -0.12,
      bodyfat_pct: 18.2,
      target_bodyfat_pct: 15,
      target_reached: false,
      target_date: { earliest: '2025-05-20', latest: '2025-08-02' },
    },
    training: {
      ...ok,
      sessions_per_week_4w: 2.5,
      sessions_per_week_12w: 3.1,
      exercises: [
        { exercise_id: 'ex_lat_pulldown', exercise_name: 'Lat pulldown', sessions_12w: 9, last_weight_kg: 67.5, last_tut_seconds: 64, status: 'regressing' },
        { exercise_id: 'ex_leg_press', exercise_name: 'Leg press', sessions_12w: 10, last_weight_kg: 170, last_tut_seconds: 88, status: 'stalled' },
        { exercise_id: 'ex_chest_press', exercise_name: 'Chest press (machine)', sessions_12w: 10, last_weight_kg: 67.5, last_tut_seconds: 75, status: 'progressing' },
        { exercise_id: 'ex_goblet_squat', exercise_name: 'Goblet squat', sessions_12w: 2, last_weight_kg: 22.5, last_tut_seconds: 60, status: 'new' },
      ],
      recovery_score: { mean_4w: 3.4, mean_prior_12w: 3.8 },
      mood_score: { mean_4w: 3.9, mean_prior_12w: 3.6 },
    },
    money: {
      ...ok,
      currency: 'PLN',
      month: '2025-01',
      categories: [
        { category_path: 'Food > Restaurants', spent_to_date: 820, baseline_p25: 310, baseline_median: 380, baseline_p75: 450, baseline_months: 12, status: 'above' },
        { category_path: 'Lifestyle > Groceries', spent_to_date: 1040.5, baseline_p25: 900, baseline_median: 1010, baseline_p75: 1150, baseline_months: 12, status: 'typical' },
        { category_path: 'Transport > Fuel', spent_to_date: 120, baseline_p25: 260, baseline_median: 300, baseline_p75: 340, baseline_months: 12, status: 'below' },
      ],
      net_by_month: [{ month: '2025-01', net: 2450, year_earlier_net: 1980, change: 470, through_day: 15 }],
    },
    pantry: {
      ...ok,
      insufficient_history: false,
      history_days: 90,
      products: [{ name: 'Mleko', unit: 'l', quantity: 1, used_per_week: 3.5, runs_out_on: '2025-01-17' }],
      expired_per_month: [{ month: '2025-01', items: 1 }],
    },
    correlations: {
      ...ok,
      weeks: 52,
      tested: 10,
      listed: [
        {
          x: 'workouts',
          y: 'restaurant_spending',
          lag_weeks: 0,
          r: -0.41,
          n: 52,
          p_adjusted: 0.012,
          sentence: 'In weeks with 3 or more workouts you spent 38 % less on restaurants: r = −0.41 over 52 weeks.',
        },
        {
          x: 'mood_score',
          y: 'discretionary_spending',
          lag_weeks: 1,
          r: 0.33,
          n: 50,
          p_adjusted: 0.041,
          sentence: 'A week after weeks of better mood you spent more on discretionary things: r = +0.33 over 50 weeks.',
        },
      ],
    },
  };
}

/** The same as the bridge sends it: the insights with the n8n text keys and `data`. */
export function sampleInsightsResponse(change: (i: Insights) => void = () => {}): InsightsResponse {
  const insights = sampleInsights();
  change(insights);
  const report = `💡 INSIGHTS\n\n${insights.headline?.text ?? 'Nothing new.'}`;
  return { ...insights, report, response_text: report, content: report, data: insights };
}
