// The statements the ledger runs for all its summaries: its key (the user's SQL definitions), its
// meta rows and size, and the fingerprints of the closed measurements and workouts. Each month
// summary keeps its own statements (finance-summary.ts, pantry-summary.ts).

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
// Every table of the ledger's schema in one statement, whatever tables its migrations made.
export const CLEAR_SQL = `
  DO $$ BEGIN
    EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ')
             FROM pg_tables WHERE schemaname = 'digital_twin_ledger');
  END $$`;
export const SIZE_SQL = `
  SELECT (SELECT count(*) FROM digital_twin_ledger.finance_day)::int AS day_rows,
         (SELECT count(*) FROM digital_twin_ledger.finance_month)::int AS months`;
