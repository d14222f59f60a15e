// autonomous_finance → the next 30 days' outflow as a range, for /forecast.
//
// Method: the daily Expense series of the last 180 complete days (days without spending count as 0;
// the series starts no earlier than the first transaction on record) is cut into every overlapping
// 30-day period; the median of their totals is the expectation, p25–p75 the interquartile range
// and p10–p90 the 80 % range. It says "a month like the recent ones", nothing more: it ignores
// seasons and planned one-off costs, and overlapping periods are not independent, so the range is
// a description of recent months rather than a confidence interval. Transfers are not outflow.
import type { OutflowForecast } from '../contract/n8n-responses';
import { numOrNull, type Queryable } from '../db/pools';
import { addDays } from '../time/local-date';

export const HORIZON_DAYS = 30;
export const HISTORY_DAYS = 180;

interface ForecastRow {
  history_from: string | null;
  periods: number;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  last_30_days: string;
}

// Served by the index on transaction_date (and partition pruning); percentile_cont interpolates
// like the usual definition (type 7).
const FORECAST_SQL = `
  WITH bounds AS (
    -- No transaction at all: no series (greatest() would ignore the null).
    SELECT CASE WHEN min(transaction_date) IS NOT NULL THEN greatest($1::date, min(transaction_date)) END AS first_day,
           $2::date AS last_day
    FROM transactions
  ), spent AS (
    -- The parameters themselves, not the bounds: partitions are pruned when the statement is planned.
    SELECT transaction_date AS day, sum(amount) AS amount
    FROM transactions
    WHERE type = 'Expense' AND transaction_date BETWEEN $1::date AND $2::date
    GROUP BY transaction_date
  ), series AS (
    SELECT d::date AS day, coalesce(spent.amount, 0) AS amount
    FROM bounds, generate_series(bounds.first_day, bounds.last_day, interval '1 day') AS d
    LEFT JOIN spent ON spent.day = d::date
  ), periods AS (
    SELECT day,
           sum(amount) OVER w AS total,
           count(*) OVER w AS days
    FROM series
    WINDOW w AS (ORDER BY day ROWS BETWEEN ${HORIZON_DAYS - 1} PRECEDING AND CURRENT ROW)
  )
  SELECT (SELECT first_day FROM bounds) AS history_from,
         count(*)::int AS periods,
         percentile_cont(0.10) WITHIN GROUP (ORDER BY total::float8) AS p10,
         percentile_cont(0.25) WITHIN GROUP (ORDER BY total::float8) AS p25,
         percentile_cont(0.50) WITHIN GROUP (ORDER BY total::float8) AS median,
         percentile_cont(0.75) WITHIN GROUP (ORDER BY total::float8) AS p75,
         percentile_cont(0.90) WITHIN GROUP (ORDER BY total::float8) AS p90,
         (SELECT coalesce(sum(amount), 0) FROM series WHERE day > $2::date - ${HORIZON_DAYS}) AS last_30_days
  FROM periods
  WHERE days = ${HORIZON_DAYS}`;

const cents = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

export async function readOutflowForecast(db: Queryable, o: { today: string; currency: string }): Promise<OutflowForecast> {
  const historyTo = addDays(o.today, -1);
  const { rows } = await db.query<ForecastRow>(FORECAST_SQL, [addDays(historyTo, 1 - HISTORY_DAYS), historyTo]);
  const r = rows[0];
  return {
    currency: o.currency,
    horizon_days: HORIZON_DAYS,
    from: addDays(o.today, 1),
    to: addDays(o.today, HORIZON_DAYS),
    history_from: r.history_from,
    history_to: historyTo,
    periods: r.periods,
    median: cents(r.median),
    p10: cents(r.p10),
    p25: cents(r.p25),
    p75: cents(r.p75),
    p90: cents(r.p90),
    last_30_days: numOrNull(r.last_30_days) ?? 0,
  };
}
