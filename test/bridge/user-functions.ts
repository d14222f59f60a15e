// The user's SQL run as if its clock showed a chosen instant: get_current_budget_alerts() with
// current_date and now() turned into arguments, and the instant Warsaw's clock shows a local time.
import type pg from 'pg';
import { expect } from 'vitest';
import type { BudgetAlert } from '../../bridge/contract/twin-state';
import { localDate } from '../../bridge/time/local-date';
import { ZONE } from './source-rows';

// The user's function with its clock (current_date, now()) turned into arguments, so that its rows
// can be compared with the twin's on any day: the body is the installed function's own text.
export async function installFunctionAt(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query(`SELECT pg_get_functiondef('get_current_budget_alerts'::regproc) AS def`);
  const def: string = rows[0].def;
  const header = /FUNCTION\s+(public\.)?get_current_budget_alerts\(\)/;
  expect(def).toMatch(header);
  expect(def).toMatch(/\bcurrent_date\b/i);
  expect(def).toMatch(/\bnow\(\)/i);
  const at = def
    .replace(header, 'FUNCTION budget_alerts_at(p_today date, p_now timestamptz)')
    .replace(/\bcurrent_date\b/gi, 'p_today')
    .replace(/\bnow\(\)/gi, 'p_now');
  await pool.query(at);
}

export type SqlAlert = Omit<BudgetAlert, 'budget_id'>;

export function fromSqlRow(r: Record<string, unknown>): SqlAlert {
  const n = (v: unknown) => (v === null ? null : Number(v));
  return {
    alert_id: r.alert_id as string,
    alert_severity: r.alert_severity as BudgetAlert['alert_severity'],
    category_path: r.category_path as string,
    budget_amount: Number(r.budget_amount),
    actual_amount: Number(r.actual_amount),
    utilization_pct: Number(r.utilization_pct),
    alert_threshold: r.alert_threshold as number | null,
    projected_month_end: Number(r.projected_month_end),
    days_remaining: r.days_remaining as number,
    daily_limit_remaining: n(r.daily_limit_remaining),
    recommended_action: r.recommended_action as string,
    priority: r.priority as string | null,
  };
}

/** The user's function evaluated as if the clock showed `now` (in the session zone, Europe/Warsaw). */
export async function functionAlertsAt(pool: pg.Pool, now: Date): Promise<SqlAlert[]> {
  const today = localDate(now, ZONE).date;
  const { rows } = await pool.query('SELECT * FROM budget_alerts_at($1::date, $2::timestamptz)', [today, now.toISOString()]);
  return rows.map(fromSqlRow);
}

/** The instant that Warsaw's clock shows as the given local time (day clamped to the month). */
export function warsawInstant(year: number, month: number, day: number, hour: number, minute: number): Date {
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const d = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, dim)).padStart(2, '0')}`;
  const hm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${d}T${hm}:00${offset}`);
    const local = localDate(at, ZONE);
    if (local.date === d && local.hour === hour) return at;
  }
  return new Date(`${d}T12:00:00+01:00`); // the hour skipped by the change to summer time
}

