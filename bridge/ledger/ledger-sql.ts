// The statements the ledger runs for all its summaries: its key (the user's SQL definitions), its
// meta rows and size. Each month summary keeps its own statements (finance-summary.ts,
// pantry-summary.ts); the training database's fingerprints are asked of its repository.

/** The user's SQL the figures are defined by (with v_body_composition): an edit of either invalidates the ledger. */
export const ALERTS_FUNCTION_SQL = `
  SELECT md5(string_agg(pg_get_functiondef(p.oid), ';' ORDER BY p.oid)) AS definition
  FROM pg_proc p
  WHERE p.proname = 'get_current_budget_alerts' AND pg_function_is_visible(p.oid)`;

export const READ_META_SQL = `SELECT name, value FROM digital_twin_ledger.meta`;
export const WRITE_META_SQL = `
  INSERT INTO digital_twin_ledger.meta (name, value) VALUES ($1, $2)
  ON CONFLICT (name) DO UPDATE SET value = excluded.value`;
export const DROP_SQL = `DROP SCHEMA IF EXISTS digital_twin_ledger CASCADE`;
export const SIZE_SQL = `
  SELECT (SELECT count(*) FROM digital_twin_ledger.finance_day)::int AS day_rows,
         (SELECT count(*) FROM digital_twin_ledger.finance_month)::int AS months`;
