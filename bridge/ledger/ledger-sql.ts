// The statements of the ledger. The fingerprints read the user's tables without changing them: per
// closed month the row count and the sum of a hash of each row's key, date, type, amount, category
// and updated_at, so a late insert, a backdated row, an edit or a delete all change it.

/** Per month before $1: rows and fingerprint. A date's month is its own, whatever the session zone. */
export const FINANCE_FINGERPRINTS_SQL = `
  SELECT to_char(date_trunc('month', t.transaction_date::timestamp), 'YYYY-MM-DD') AS month,
         count(*)::text AS rows,
         sum(hashtextextended(concat_ws('|', t.transaction_id, t.transaction_date, t.type, t.amount,
                                        t.category_id, t.updated_at), 0)::numeric)::text AS fingerprint
  FROM transactions t
  WHERE t.transaction_date < $1::date
  GROUP BY 1`;

/** Per day, category and type of [$1, $2): what the ledger keeps of a month. */
export const FINANCE_DAYS_SQL = `
  SELECT transaction_date AS day, category_id, type, count(*)::int AS rows, sum(amount)::text AS amount
  FROM transactions
  WHERE transaction_date >= $1::date AND transaction_date < $2::date
  GROUP BY 1, 2, 3`;

export const STORED_FINGERPRINTS_SQL = `
  SELECT to_char(month, 'YYYY-MM-DD') AS month, rows::text AS rows, fingerprint::text AS fingerprint
  FROM digital_twin_ledger.finance_month`;

export const DELETE_DAYS_SQL = `DELETE FROM digital_twin_ledger.finance_day WHERE transaction_date >= $1::date AND transaction_date < $2::date`;
export const DELETE_MONTH_SQL = `DELETE FROM digital_twin_ledger.finance_month WHERE month = $1::date`;

export const INSERT_DAYS_SQL = `
  INSERT INTO digital_twin_ledger.finance_day (transaction_date, category_id, type, rows, amount)
  SELECT * FROM unnest($1::date[], $2::int[], $3::text[], $4::int[], $5::numeric[])`;

// The month's totals from its days, with the fingerprint taken before the days were read: a change
// in between leaves a fingerprint that no longer matches, and the next check builds the month again.
export const UPSERT_MONTH_SQL = `
  INSERT INTO digital_twin_ledger.finance_month (month, rows, income, expense, fingerprint)
  SELECT $1::date, $3::bigint,
         coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0),
         coalesce(sum(amount) FILTER (WHERE type = 'Expense'), 0),
         $4::numeric
  FROM digital_twin_ledger.finance_day
  WHERE transaction_date >= $1::date AND transaction_date < $2::date
  ON CONFLICT (month) DO UPDATE
    SET rows = excluded.rows, income = excluded.income, expense = excluded.expense, fingerprint = excluded.fingerprint`;

/** The ledger's days as a relation with the transactions' columns (see ledger/closed-or-live.ts). */
export const LEDGER_DAYS = 'digital_twin_ledger.finance_day';

/** The twelve-month chart's closed months, as monthly-net.ts reads them live. */
export const CLOSED_MONTHS_NET_SQL = `
  SELECT to_char(month, 'YYYY-MM') AS month, income::text AS income, expense::text AS expense,
         (income - expense)::text AS net
  FROM digital_twin_ledger.finance_month
  WHERE month >= $1::date AND month < $2::date`;

/** Measurements before ($1) or from ($2 = true) a day: count and fingerprint. */
export const MEASUREMENTS_FINGERPRINT_SQL = `
  SELECT count(*)::text AS rows,
         coalesce(sum(hashtextextended(concat_ws('|', m.measurement_date, m.bodyweight_kg, m.bodyfat_pct), 0)::numeric), 0)::text AS fingerprint
  FROM measurements m
  WHERE CASE WHEN $2::boolean THEN m.measurement_date >= $1::date ELSE m.measurement_date < $1::date END`;

/** Workouts before $1: count and fingerprint (the weekly series read them, and the sets hang off them). */
export const WORKOUTS_FINGERPRINT_SQL = `
  SELECT count(*)::text AS rows,
         coalesce(sum(hashtextextended(concat_ws('|', w.workout_date, w.template_id, w.mood_score, w.recovery_score, w.duration_min, w.location), 0)::numeric), 0)::text AS fingerprint
  FROM workouts w
  WHERE w.workout_date < $1::date`;

/** The user's SQL the figures are defined by: an edit of either invalidates the ledger. */
export const ALERTS_FUNCTION_SQL = `
  SELECT md5(string_agg(pg_get_functiondef(p.oid), ';' ORDER BY p.oid)) AS definition
  FROM pg_proc p
  WHERE p.proname = 'get_current_budget_alerts' AND pg_function_is_visible(p.oid)`;

export const BODY_VIEW_SQL = `SELECT md5(pg_get_viewdef(to_regclass('v_body_composition'))) AS definition`;

export const READ_META_SQL = `SELECT name, value FROM digital_twin_ledger.meta`;
export const WRITE_META_SQL = `
  INSERT INTO digital_twin_ledger.meta (name, value) VALUES ($1, $2)
  ON CONFLICT (name) DO UPDATE SET value = excluded.value`;
export const DROP_SQL = `DROP SCHEMA IF EXISTS digital_twin_ledger CASCADE`;
export const SIZE_SQL = `
  SELECT (SELECT count(*) FROM digital_twin_ledger.finance_day)::int AS day_rows,
         (SELECT count(*) FROM digital_twin_ledger.finance_month)::int AS months`;

export interface DayRow {
  day: string;
  category_id: number | null;
  type: string;
  rows: number;
  amount: string;
}
