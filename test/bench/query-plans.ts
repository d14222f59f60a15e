// The query-plan check: runs the sources and the history store once against a data set through
// connections that record every statement with its parameters, then asks PostgreSQL for the plan
// of each (EXPLAIN, which does not execute it). A sequential scan of transactions, workouts or
// digital_twin_updates (or of any of their partitions) fails the check.
import pg from 'pg';
import { Migrator } from '../../bridge/db/migrations/migrator';
import { createPool } from '../../bridge/db/pools';
import { TwinEngine } from '../../bridge/engine/twin-engine';
import { PgFinanceRepository } from '../../bridge/finance/finance-repository';
import { readMonthDetails } from '../../bridge/finance/month-details';
import { decodeCursor } from '../../bridge/history/history-cursor';
import { HistoryStore } from '../../bridge/history/history-store';
import { InsightsService } from '../../bridge/insights/insights-service';
import { Ledger } from '../../bridge/ledger/ledger';
import { silentLogger } from '../../bridge/log/logger';
import { TwinStore } from '../../bridge/store/twin-store';
import { systemClock } from '../../bridge/time/clock';
import { addDays, calendarDate, localDate, monthStartAfter } from '../../bridge/time/local-date';
import type { DataSet } from './datasets';
import { engineSources, insightsSources } from '../fixtures/repositories';

interface Recorded {
  source: string;
  sql: string;
  params: unknown[];
}

export interface PlanFinding {
  source: string;
  /** First meaningful line of the statement, shortened. */
  statement: string;
  /** Distinct "Node Type relation" pairs, e.g. "Index Scan transactions_2025". */
  scans: string[];
  /** Partitions of transactions / workouts that the plan reads. */
  partitions: { transactions: number; workouts: number };
  seqScans: SeqScan[];
}

/**
 * A sequential scan of a watched table. It is accepted only when the planner does find an index path
 * when sequential scans are priced out, and either the relation is tiny (a partition holding a few
 * weeks of workouts fits in one page, and reading that page beats any index) or the statement keeps
 * most of the partition's rows (twelve months of net read the current year's partition whole: an index
 * cannot skip rows that are all needed, and partition pruning still bounds the cost to the months
 * asked for, flat as the years add up). Anything else fails.
 */
export interface SeqScan {
  relation: string;
  /** pg_class.reltuples after ANALYZE. */
  rows: number;
  /** The planner's estimate of the rows this scan keeps. */
  keptRows: number;
  indexPath: boolean;
  accepted: boolean;
  /** Why it was accepted, for the report. */
  reason: 'tiny' | 'reads most of the partition' | null;
}

export const SMALL_RELATION_ROWS = 1000;
/** A scan keeping at least this share of a partition's rows is rightly sequential. */
export const MOST_OF_PARTITION = 0.5;

const WATCHED = /^(transactions|workouts|digital_twin_updates)(_\w+)?$/;
const SKIP = /^\s*(BEGIN|COMMIT|ROLLBACK)\b/i;

/** A pool (or client) whose query() records what it runs before running it. */
function recording<T extends { query: (...a: never[]) => unknown }>(target: T, source: string, log: Recorded[]): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === 'query') {
        return (sql: string | { text: string; values?: unknown[] }, params?: unknown[]) => {
          const text = typeof sql === 'string' ? sql : sql.text;
          log.push({ source, sql: text, params: (typeof sql === 'string' ? params : sql.values) ?? [] });
          return (obj.query as (s: unknown, p?: unknown) => unknown).call(obj, sql, params);
        };
      }
      if (prop === 'connect') {
        return async () => recording(await (obj as unknown as pg.Pool).connect(), source, log);
      }
      const v = Reflect.get(obj, prop, receiver);
      return typeof v === 'function' ? v.bind(obj) : v;
    },
  });
}

function walk(node: Record<string, unknown>, out: Record<string, unknown>[]): void {
  out.push(node);
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child, out);
}

async function planNodes(pool: pg.Pool, sql: string, params: unknown[], noSeqScan: boolean): Promise<Record<string, unknown>[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (noSeqScan) await client.query('SET LOCAL enable_seqscan = off');
    const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const nodes: Record<string, unknown>[] = [];
    walk((rows[0]['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0].Plan, nodes);
    return nodes;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

/** "Index Scan transactions_2026 using …_date_idx"; partitions of one table read the same way are counted, catalogs folded. */
function summariseScans(nodes: Record<string, unknown>[]): string[] {
  const groups = new Map<string, { count: number; single: string }>();
  for (const n of nodes) {
    const rel = n['Relation Name'];
    if (typeof rel !== 'string') continue;
    const type = String(n['Node Type']);
    const index = typeof n['Index Name'] === 'string' ? ` using ${n['Index Name']}` : '';
    const key = rel.startsWith('pg_') ? `${type} (system catalogs)` : `${type} ${rel.replace(/_(\d{4}|default)$/, '')}`;
    const g = groups.get(key) ?? { count: 0, single: rel.startsWith('pg_') ? key : `${type} ${rel}${index}` };
    g.count++;
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => (g.count === 1 ? g.single : key.endsWith('(system catalogs)') ? key : `${key} (${g.count} partitions)`));
}

function label(sql: string): string {
  const line = sql
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('--'))
    .join(' ')
    .replace(/\s+/g, ' ');
  const from = /\bFROM (\w+)/i.exec(line)?.[1];
  const head = line.slice(0, 40);
  return from ? `${head}… (from ${from})` : head;
}

export async function checkQueryPlans(set: DataSet, o: { timezone: string; personId: string }): Promise<PlanFinding[]> {
  const log: Recorded[] = [];
  const opts = (name: string) => ({ name: `bench-plans-${name}`, timezone: o.timezone, max: 2, statementTimeoutMs: 30_000 });
  const pools = {
    finance: createPool(set.urls.finance, opts('finance')),
    training: createPool(set.urls.training, opts('training')),
    pantry: createPool(set.urls.pantry, opts('pantry')),
    twin: createPool(set.urls.twin, opts('twin')),
  };
  try {
    const engine = new TwinEngine({
      ...engineSources({
        finance: recording(pools.finance, 'finance', log),
        training: recording(pools.training, 'health', log),
        pantry: recording(pools.pantry, 'pantry', log),
      }),
      clock: systemClock,
      timezone: o.timezone,
      currency: 'PLN',
      sourceTimeoutMs: 30_000,
      cacheMs: 0,
    });
    const state = await engine.compute();
    // The same sources served through a checked ledger: the closed months from its table, the open
    // one live. The ledger's own background check reads every closed row by design and is not watched.
    const ledger = new Ledger({ finance: pools.finance, training: pools.training, twin: pools.twin, clock: systemClock, timezone: o.timezone, personId: o.personId, log: silentLogger });
    await ledger.check();
    const served = new TwinEngine({
      ...engineSources({ finance: recording(pools.finance, 'finance', log), training: recording(pools.training, 'health', log), pantry: pools.pantry, twin: recording(pools.twin, 'history', log) }, ledger),
      clock: systemClock,
      timezone: o.timezone,
      currency: 'PLN',
      sourceTimeoutMs: 30_000,
      cacheMs: 0,
    });
    await served.compute();
    // A past day (`date=`), forty days back: its month read live up to the day, the rest from the ledger.
    await served.stateOn(addDays(state.today, -40));
    // /finance/details of this month and of the one before (read on its last day), through the ledger.
    const details = new PgFinanceRepository(recording(pools.finance, 'finance', log), ledger);
    const today = localDate(systemClock.now(), o.timezone);
    for (const m of [today, calendarDate(monthStartAfter(today.date, -1))]) {
      await readMonthDetails(details, { month: { year: m.year, month: m.month }, today, currency: 'PLN' });
    }
    const degraded = (['health', 'finance', 'pantry'] as const).filter((d) => state[d].status !== 'ok');
    if (degraded.length > 0) throw new Error(`query-plan check: sources failed: ${degraded.map((d) => `${d}: ${state[d].error}`).join('; ')}`);

    // The store's migrations run on the plain pool: only the statements of the reads and writes are checked.
    const store = new TwinStore(recording(pools.twin, 'history', log) as unknown as pg.Pool, { migrations: new Migrator(pools.twin) });
    const history = new HistoryStore(store.historyTable(), o.personId);
    const first = await history.page({ limit: 50, entity: null, cursor: null });
    if (first.nextCursor) {
      const cursor = decodeCursor(first.nextCursor);
      await history.page({ limit: 50, entity: null, cursor });
      await history.page({ limit: 50, entity: 'finance', cursor });
    }
    await history.page({ limit: 50, entity: 'health', cursor: null });
    await history.lastWriteAt();
    // Writes at most one row per domain into the benchmark's own copy; its statements are the ones to check.
    await history.record(state);
    const insightsDbs = { finance: recording(pools.finance, 'finance', log), training: recording(pools.training, 'health', log), twin: recording(pools.twin, 'history', log) };
    await new InsightsService({ ...insightsSources(insightsDbs), clock: systemClock, timezone: o.timezone, currency: 'PLN', personId: o.personId, timeoutMs: 30_000, cacheMs: 0 }).compute();

    const seen = new Set<string>();
    const findings: PlanFinding[] = [];
    for (const r of log) {
      if (SKIP.test(r.sql)) continue;
      const key = `${r.source}\u0000${r.sql}\u0000${r.params.map((p) => (p === null ? 'null' : 'v')).join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pool = r.source === 'health' ? pools.training : r.source === 'history' ? pools.twin : pools[r.source as 'finance' | 'pantry'];
      const nodes = await planNodes(pool, r.sql, r.params, false);
      const scans = summariseScans(nodes);
      const relations = nodes.map((n) => n['Relation Name']).filter((x): x is string => typeof x === 'string');
      const paged = r.sql.includes('$2::timestamptz IS NULL') ? (r.params[1] === null ? ' [first page]' : ' [next page]') : '';
      const seqScans: SeqScan[] = [];
      for (const node of nodes.filter((n) => n['Node Type'] === 'Seq Scan' && WATCHED.test(String(n['Relation Name'])))) {
        const rel = String(node['Relation Name']);
        if (seqScans.some((x) => x.relation === rel)) continue;
        const rows = Number((await pool.query('SELECT reltuples::bigint AS n FROM pg_class WHERE relname = $1', [rel])).rows[0]?.n ?? -1);
        const keptRows = Number(node['Plan Rows'] ?? 0);
        // Would an index serve it? Ask the planner again with sequential scans priced out.
        const forced = await planNodes(pool, r.sql, r.params, true);
        const indexPath = !forced.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === rel);
        const reason = !indexPath || rows < 0 ? null : rows < SMALL_RELATION_ROWS ? 'tiny' : keptRows >= rows * MOST_OF_PARTITION ? 'reads most of the partition' : null;
        seqScans.push({ relation: rel, rows, keptRows, indexPath, accepted: reason !== null, reason });
      }
      findings.push({
        source: r.source,
        statement: label(r.sql) + paged,
        scans,
        partitions: {
          transactions: new Set(relations.filter((x) => /^transactions_/.test(x))).size,
          workouts: new Set(relations.filter((x) => /^workouts_/.test(x))).size,
        },
        seqScans,
      });
    }
    return findings;
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.end()));
  }
}
