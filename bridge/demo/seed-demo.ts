// The demo data of the embedded databases: filled once on the first start, then kept current (the
// days since the last start, this month's budgets) so that the demo always looks alive.
import type pg from 'pg';
import { z } from 'zod';
import type { Queryable } from '../db/pools';
import { addDays } from '../time/local-date';
import { inLockedTransaction } from './demo-sql';
import { seedFinance, topUpFinance } from './finance-seed';
import { DEFAULT_HISTORY_ROWS, type HistoryPlan } from './history-demo';
import { seedHistory } from './history-seed';
import { seedPantry, topUpPantry } from './pantry-seed';
import { trainingStart } from './training-demo';
import { seedTraining, topUpTraining } from './training-seed';

export interface DemoTargets {
  finance: pg.Pool;
  training: pg.Pool;
  pantry: pg.Pool;
  /** Where digital_twin_updates lives (the finance database in the embedded setup, but its own Pool). */
  twin: pg.Pool;
}

const Options = z.object({
  /** 'YYYY-MM-DD', the current date in the user's zone (the caller computes it). */
  today: z.iso.date(),
  seed: z.number().int().default(42),
  /** Years of transactions. Measurements and workouts cover one year (or all of them past two). */
  years: z.number().gt(0).max(15).default(2),
  /** Multiplier of the daily count of small expenses. */
  volume: z.number().gt(0).max(100).default(1),
  /** Rows of past transitions in digital_twin_updates; by default about ninety days of them. */
  historyRows: z.number().int().min(0).default(DEFAULT_HISTORY_ROWS),
  /** uuid, entity_id of the history rows. */
  personId: z.string(),
  /** The instant `today` was computed from (the injected clock's); past history rows end before it. */
  now: z.date(),
});

export type DemoOptions = z.input<typeof Options>;
type Resolved = z.infer<typeof Options>;

function resolve(o: DemoOptions): Resolved {
  const parsed = Options.safeParse(o);
  if (!parsed.success) throw new Error(`demo data: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A database the demo fills besides finance: how to tell it holds data, and how to fill it. */
interface DemoDomain {
  name: string;
  pool: (t: DemoTargets) => pg.Pool;
  /** One row, one boolean column `x`: the database already holds this domain's rows. */
  present: string;
  presentParams?: (o: Resolved) => unknown[];
  seed: (c: pg.PoolClient, o: Resolved) => Promise<Record<string, number>>;
  /** Later starts; without it, a later start leaves the domain as the first start wrote it. */
  topUp?: (c: pg.PoolClient, o: Resolved) => Promise<Record<string, number>>;
}

const DOMAINS: readonly DemoDomain[] = [
  { name: 'training', pool: (t) => t.training,
    present: 'SELECT EXISTS (SELECT 1 FROM measurements) OR EXISTS (SELECT 1 FROM workouts) AS x',
    seed: (c, o) => seedTraining(c, o.seed, o.today, trainingStart(o.today, o.years)),
    topUp: (c, o) => topUpTraining(c, o.seed, o.today) },
  { name: 'pantry', pool: (t) => t.pantry,
    present: 'SELECT EXISTS (SELECT 1 FROM pantry_inventory) AS x',
    seed: (c, o) => seedPantry(c, o.today),
    topUp: (c, o) => topUpPantry(c, o.today) },
  { name: 'history', pool: (t) => t.twin,
    present: 'SELECT EXISTS (SELECT 1 FROM digital_twin_updates WHERE entity_id = $1) AS x', presentParams: (o) => [o.personId],
    seed: async (c, o) => ({ digital_twin_updates: await seedHistory(c, o.personId, historyPlan(o)) }) },
];

const lockOf = (name: string) => `digital-twin:demo:${name}`;

async function holdsRows(c: Queryable, sql: string, params: unknown[] = []): Promise<boolean> {
  return (await c.query<{ x: boolean }>(sql, params)).rows[0].x;
}

function historyPlan(o: Resolved): HistoryPlan {
  return { seed: o.seed, today: o.today, nowMs: o.now.getTime(), rows: o.historyRows, years: o.years, volume: o.volume };
}

/** Seeds an empty domain; on a later start, tops up one that holds rows (if it has a top-up). */
function fill(d: DemoDomain, t: DemoTargets, o: Resolved, later: boolean): Promise<Record<string, number>> {
  return inLockedTransaction(d.pool(t), lockOf(d.name), async (c) => {
    if (!(await holdsRows(c, d.present, d.presentParams?.(o)))) return d.seed(c, o);
    return later && d.topUp ? d.topUp(c, o) : {};
  });
}

function merged(parts: readonly Record<string, number>[]): Record<string, number> {
  return parts.reduce((all, part) => ({ ...all, ...part }), {});
}

const FINANCE_PRESENT = 'SELECT EXISTS (SELECT 1 FROM transactions) AS x';

/**
 * First start: fills all tables if the finance database has no transactions yet; returns what it inserted.
 * Idempotent: a second call inserts nothing. Each database is written in one transaction, and the
 * finance one (whose transactions decide "seeded") commits last, so an interrupted first start is
 * completed by the next one without duplicating what already committed.
 */
export async function seedDemoData(t: DemoTargets, o: DemoOptions): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  const r = resolve(o);
  if (await holdsRows(t.finance, FINANCE_PRESENT)) return { seeded: false, counts: {} };
  const others = Promise.all(DOMAINS.map((d) => fill(d, t, r, false)));
  others.catch(() => {}); // awaited below; this only keeps an early failure from being reported as unhandled
  const finance = await inLockedTransaction(t.finance, lockOf('finance'), async (c) => {
    // Another bridge may have seeded while this one waited for the lock.
    if (await holdsRows(c, FINANCE_PRESENT)) {
      await others;
      return null;
    }
    const counts = await seedFinance(c, r, addDays(r.today, -Math.round(365.25 * r.years)));
    await others; // commit finance only once the other databases have committed
    return counts;
  });
  return { seeded: finance !== null, counts: merged([...(await others), finance ?? {}]) };
}

/**
 * Later starts: keeps the demo alive. Generates the days after the newest demo transaction, measurement
 * and workout up to `today` (each day as a first start would), creates this month's budgets when they
 * are missing and moves the pantry's dates along. Cheap when nothing is missing. Does nothing at all
 * to a finance database without demo transactions (one that holds someone's real data).
 */
export async function topUpDemoData(t: DemoTargets, o: DemoOptions): Promise<{ counts: Record<string, number> }> {
  const r = resolve(o);
  const finance = await inLockedTransaction(t.finance, lockOf('finance'), (c) => topUpFinance(c, r));
  if (Object.keys(finance).length === 0) return { counts: {} };
  const others = await Promise.all(DOMAINS.filter((d) => d.topUp).map((d) => fill(d, t, r, true)));
  return { counts: merged([finance, ...others]) };
}
