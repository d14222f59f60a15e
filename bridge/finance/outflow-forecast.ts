// autonomous_finance → the next 30 days' outflow as a range, for /forecast.
//
// Method: the daily Expense series of the last 180 complete days (days without spending count as 0;
// the series starts no earlier than the first transaction on record) is cut into every overlapping
// 30-day period; the median of their totals is the expectation, p25–p75 the interquartile range
// and p10–p90 the 80 % range. It says "a month like the recent ones", nothing more: it ignores
// seasons and planned one-off costs, and overlapping periods are not independent, so the range is
// a description of recent months rather than a confidence interval. Transfers are not outflow.
//
// The unpaid scheduled payments of the forecast's days come on top, each counted once: those the
// recent months already hold are listed but not added (the rule is in scheduled-outflow.ts).
import type { OutflowForecast } from '../contract/n8n-responses';
import { addDays } from '../time/local-date';
import type { FinanceRepository } from './finance-repository';
import { addedTotal, RECURRING_LOOKBACK_DAYS, scheduledOutflow } from './scheduled-outflow';
import { upcomingNote } from './upcoming-payments';

export const HORIZON_DAYS = 30;
export const HISTORY_DAYS = 180;

const cents = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

export async function readOutflowForecast(repo: FinanceRepository, o: { today: string; currency: string }): Promise<OutflowForecast> {
  const historyTo = addDays(o.today, -1);
  const [r, upcoming, spent] = await Promise.all([
    repo.outflowHistory(addDays(historyTo, 1 - HISTORY_DAYS), historyTo, HORIZON_DAYS),
    repo.upcoming(o.today),
    repo.spentCategories(addDays(o.today, -RECURRING_LOOKBACK_DAYS), historyTo),
  ]);
  const scheduled = scheduledOutflow(upcoming.rows, spent, { currency: o.currency, horizonDays: HORIZON_DAYS });
  const added = addedTotal(scheduled);
  const median = cents(r.median);
  return {
    currency: o.currency,
    horizon_days: HORIZON_DAYS,
    from: addDays(o.today, 1),
    to: addDays(o.today, HORIZON_DAYS),
    history_from: r.history_from,
    history_to: historyTo,
    periods: r.periods,
    median,
    p10: cents(r.p10),
    p25: cents(r.p25),
    p75: cents(r.p75),
    p90: cents(r.p90),
    last_30_days: r.last_30_days,
    scheduled,
    scheduled_added: added,
    expected_with_scheduled: median === null ? null : cents(median + added),
    scheduled_note: upcomingNote(upcoming.source),
  };
}
