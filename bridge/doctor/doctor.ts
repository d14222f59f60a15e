// `digital-twin doctor`: checks each source the way the bridge will use it and prints a table.
// Exit code 0 when everything the bridge needs is there, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import type { Config, SourceName } from '../config/config';
import { DATABASE_NAMES } from '../db/embedded-databases';
import { EMBEDDED_USER, portFree } from '../db/embedded-postgres';
import { createPool } from '../db/pools';
import { describeSourceError } from '../engine/source-error';

export interface Check {
  source: string;
  check: string;
  ok: boolean;
  detail: string;
}

type Probe = { check: string; sql: string; params?: unknown[]; judge: (rows: Record<string, unknown>[]) => { ok: boolean; detail: string } };

const exists = (what: string): Probe['judge'] => (rows) => ({ ok: Boolean(rows[0]?.present), detail: rows[0]?.present ? 'present' : `${what} missing` });
const info = (fmt: (r: Record<string, unknown>) => string): Probe['judge'] => (rows) => ({ ok: true, detail: fmt(rows[0] ?? {}) });

const relation = (name: string): Probe => ({
  check: name,
  sql: `SELECT to_regclass($1) IS NOT NULL AS present`,
  params: [name],
  judge: exists(name),
});

function probes(config: Config): Record<SourceName | 'twin', Probe[]> {
  return {
    finance: [
      relation('transactions'),
      relation('budgets'),
      relation('categories'),
      {
        check: 'get_current_budget_alerts()',
        sql: `SELECT to_regproc('get_current_budget_alerts') IS NOT NULL AS present`,
        judge: (rows) => ({ ok: true, detail: rows[0]?.present ? 'present' : 'absent (the bridge computes the same rules itself)' }),
      },
      {
        check: 'transactions',
        sql: `SELECT count(*)::bigint AS n, max(transaction_date)::text AS newest FROM transactions`,
        judge: info((r) => `${r.n} rows, newest ${r.newest ?? 'none'}`),
      },
      {
        check: 'budgets this month',
        sql: `SELECT count(*)::int AS n FROM budgets WHERE budget_year = extract(year FROM current_date) AND budget_month = extract(month FROM current_date) AND is_active`,
        judge: info((r) => `${r.n} active`),
      },
    ],
    training: [
      relation('measurements'),
      relation('workouts'),
      relation('v_body_composition'),
      {
        check: 'measurements',
        sql: `SELECT count(*)::int AS n, max(measurement_date)::text AS newest FROM measurements`,
        judge: info((r) => `${r.n} rows, newest ${r.newest ?? 'none'}`),
      },
      {
        check: 'workouts',
        sql: `SELECT count(*)::int AS n, max(workout_date)::text AS newest FROM workouts`,
        judge: info((r) => `${r.n} rows, newest ${r.newest ?? 'none'}`),
      },
    ],
    pantry: [
      relation('pantry_inventory'),
      {
        check: 'layout',
        sql: `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'pantry_inventory' AND column_name = 'location') AS by_location`,
        judge: info((r) => (r.by_location ? 'with location (stock summed per product)' : 'one row per product')),
      },
      {
        check: 'products',
        sql: `SELECT count(*)::int AS n, count(critical_threshold)::int AS tracked, max(updated_at)::text AS newest FROM pantry_inventory`,
        judge: info((r) => `${r.n} rows, ${r.tracked} with a threshold, last update ${r.newest ?? 'none'}`),
      },
    ],
    twin: [
      relation('digital_twin_updates'),
      {
        check: 'history rows',
        sql: `SELECT count(*)::bigint AS n, max(created_at)::text AS newest FROM digital_twin_updates WHERE entity_id = $1::uuid`,
        params: [config.personId],
        judge: info((r) => `${r.n} rows for ${config.personId}, newest ${r.newest ?? 'none'}`),
      },
      {
        check: 'paging index',
        sql: `SELECT to_regclass('digital_twin_updates_entity_created_idx') IS NOT NULL AS present`,
        judge: (rows) => ({ ok: true, detail: rows[0]?.present ? 'present' : 'absent (the bridge creates it on start)' }),
      },
    ],
  };
}

function embeddedUrls(config: Config): Record<SourceName | 'twin', string> | string {
  const file = path.join(config.embedded.dataDir, 'pg-password');
  if (!fs.existsSync(file)) return `no embedded database in ${config.embedded.dataDir} yet (run the bridge once)`;
  const password = encodeURIComponent(fs.readFileSync(file, 'utf8').trim());
  const url = (db: string) => `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${config.embedded.port}/${db}`;
  return { finance: url(DATABASE_NAMES.finance), training: url(DATABASE_NAMES.training), pantry: url(DATABASE_NAMES.pantry), twin: url(DATABASE_NAMES.finance) };
}

async function checkSource(name: SourceName | 'twin', url: string, config: Config, list: Probe[]): Promise<Check[]> {
  const pool: pg.Pool = createPool(url, { name: `doctor-${name}`, timezone: config.timezone, max: 1, statementTimeoutMs: 5000 });
  const out: Check[] = [];
  try {
    const { rows } = await pool.query(`SELECT current_setting('TimeZone') AS tz, current_date::text AS today, version() AS version`);
    out.push({ source: name, check: 'reachable', ok: true, detail: `${String(rows[0].version).split(' on ')[0]}, TimeZone ${rows[0].tz}, today ${rows[0].today}` });
    for (const p of list) {
      try {
        const res = await pool.query(p.sql, p.params ?? []);
        out.push({ source: name, check: p.check, ...p.judge(res.rows) });
      } catch (err) {
        out.push({ source: name, check: p.check, ok: false, detail: describeSourceError(name, err) });
      }
    }
  } catch (err) {
    out.push({ source: name, check: 'reachable', ok: false, detail: describeSourceError(name, err) });
  } finally {
    await pool.end().catch(() => {});
  }
  return out;
}

export async function doctorChecks(config: Config): Promise<Check[]> {
  const urls = config.databases ?? embeddedUrls(config);
  if (typeof urls === 'string') return [{ source: 'embedded', check: 'data folder', ok: false, detail: urls }];
  if (!config.databases && (await portFree(config.embedded.port))) {
    return [
      {
        source: 'embedded',
        check: 'running',
        ok: false,
        detail: `nothing listens on 127.0.0.1:${config.embedded.port}: the embedded database runs while the bridge runs; start the bridge first (npm start)`,
      },
    ];
  }
  const all = probes(config);
  const results = await Promise.all(
    (['finance', 'training', 'pantry', 'twin'] as const).map((n) => checkSource(n, urls[n], config, all[n])),
  );
  return [{ source: 'config', check: 'time zone', ok: true, detail: `${config.timezone}, currency ${config.currency}` }, ...results.flat()];
}

export function formatChecks(checks: Check[]): string {
  const w = (k: 'source' | 'check') => Math.max(k.length, ...checks.map((c) => c[k].length));
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w('source'))}  ${b.padEnd(w('check'))}  ${c.padEnd(4)}  ${d}`;
  return [line('source', 'check', 'ok', 'detail'), ...checks.map((c) => line(c.source, c.check, c.ok ? 'yes' : 'NO', c.detail))].join('\n');
}

export async function runDoctor(config: Config, out: Writable): Promise<number> {
  const checks = await doctorChecks(config);
  out.write(`${formatChecks(checks)}\n`);
  const failed = checks.filter((c) => !c.ok).length;
  out.write(failed === 0 ? '\nAll checks passed.\n' : `\n${failed} check(s) failed.\n`);
  return failed === 0 ? 0 : 1;
}
