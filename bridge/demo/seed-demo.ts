// The demo data of the embedded databases: filled once on the first start, then kept current (the
// days since the last start, this month's budgets) so that the demo always looks alive.
import type pg from 'pg';
import { addDays, isIsoDate } from './calendar';
import { inLockedTransaction } from './demo-sql';
import { seedFinance, topUpFinance, type FinanceRun } from './finance-seed';
import { DEFAULT_HISTORY_ROWS } from './history-demo';
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

export interface DemoOptions {
  /** 'YYYY-MM-DD', the current date in the user's zone (the caller computes it). */
  today: string;
  /** Default 42. */
  seed?: number;
  /** Years of transactions; default 2. Measurements and workouts cover one year (or all of them past two). */
  years?: number;
  /** Multiplier of the daily count of small expenses; default 1. */
  volume?: number;
  /** Rows of past transitions in digital_twin_updates; default about ninety days of them (300). */
  historyRows?: number;
  /** uuid, entity_id of the history rows. */
  personId: string;
  /** The instant `today` was computed from (the injected clock's); past history rows end before it. */
  now: Date;
}

interface Resolved {
  today: string;
  seed: number;
  years: number;
  volume: number;
  historyRows: number;
  personId: string;
  nowMs: number;
}

function resolve(o: DemoOptions): Resolved {
  if (!isIsoDate(o.today)) throw new Error(`demo data: today must be a date YYYY-MM-DD, got ${JSON.stringify(o.today)}`);
  const years = o.years ?? 2;
  const volume = o.volume ?? 1;
  const historyRows = o.historyRows ?? DEFAULT_HISTORY_ROWS;
  if (!(years > 0 && years <= 15)) throw new Error(`demo data: years must be in (0, 15], got ${years}`);
  if (!(volume > 0 && volume <= 100)) throw new Error(`demo data: volume must be in (0, 100], got ${volume}`);
  if (!(Number.isInteger(historyRows) && historyRows >= 0)) throw new Error(`demo data: historyRows must be a whole number ≥ 0, got ${historyRows}`);
  return { today: o.today, seed: o.seed ?? 42, years, volume, historyRows, personId: o.personId, nowMs: o.now.getTime() };
}

async function hasTransactions(pool: pg.Pool): Promise<boolean> {
  return (await pool.query('SELECT EXISTS (SELECT 1 FROM transactions) AS x')).rows[0].x as boolean;
}

async function seedTrainingIfEmpty(t: DemoTargets, o: Resolved): Promise<Record<string, number>> {
  return inLockedTransaction(t.training, 'digital-twin:demo:training', async (c) => {
    const { rows } = await c.query('SELECT EXISTS (SELECT 1 FROM measurements) OR EXISTS (SELECT 1 FROM workouts) AS x');
    return rows[0].x ? {} : seedTraining(c, o.seed, o.today, trainingStart(o.today, o.years));
  });
}

async function seedPantryIfEmpty(t: DemoTargets, o: Resolved): Promise<Record<string, number>> {
  return inLockedTransaction(t.pantry, 'digital-twin:demo:pantry', async (c) => {
    const { rows } = await c.query('SELECT EXISTS (SELECT 1 FROM pantry_inventory) AS x');
    return rows[0].x ? {} : seedPantry(c, o.today);
  });
}

async function seedHistoryIfEmpty(t: DemoTargets, o: Resolved): Promise<Record<string, number>> {
  return inLockedTransaction(t.twin, 'digital-twin:demo:history', async (c): Promise<Record<string, number>> => {
    const { rows } = await c.query('SELECT EXISTS (SELECT 1 FROM digital_twin_updates WHERE entity_id = $1) AS x', [o.personId]);
    if (rows[0].x) return {};
    const plan = { seed: o.seed, today: o.today, nowMs: o.nowMs, rows: o.historyRows, years: o.years, volume: o.volume };
    return { digital_twin_updates: await seedHistory(c, o.personId, plan) };
  });
}

/**
 * First start: fills all tables if the finance database has no transactions yet; returns what it inserted.
 * Idempotent: a second call inserts nothing. Each database is written in one transaction, and the
 * finance one (whose transactions decide "seeded") commits last, so an interrupted first start is
 * completed by the next one without duplicating what already committed.
 */
export async function seedDemoData(t: DemoTargets, o: DemoOptions): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  const r = resolve(o);
  if (await hasTransactions(t.finance)) return { seeded: false, counts: {} };
  const others = Promise.all([seedTrainingIfEmpty(t, r), seedPantryIfEmpty(t, r), seedHistoryIfEmpty(t, r)]);
  others.catch(() => {}); // awaited below; this only keeps an early failure from being reported as unhandled
  const run: FinanceRun = { seed: r.seed, today: r.today, volume: r.volume };
  const finance = await inLockedTransaction(t.finance, 'digital-twin:demo:finance', async (c) => {
    // Another bridge may have seeded while this one waited for the lock.
    if ((await c.query('SELECT EXISTS (SELECT 1 FROM transactions) AS x')).rows[0].x) {
      await others;
      return null;
    }
    const counts = await seedFinance(c, run, addDays(r.today, -Math.round(365.25 * r.years)));
    await others; // commit finance only once the other databases have committed
    return counts;
  });
  const counts = Object.assign({}, ...(await others), finance ?? {});
  return { seeded: finance !== null, counts };
}

/**
 * Later starts: keeps the demo alive. Generates the days after the newest demo transaction, measurement
 * and workout up to `today` (each day as a first start would), creates this month's budgets when they
 * are missing and moves the pantry's dates along. Cheap when nothing is missing. Does nothing at all
 * to a finance database without demo transactions (one that holds someone's real data).
 */
export async function topUpDemoData(t: DemoTargets, o: DemoOptions): Promise<{ counts: Record<string, number> }> {
  const r = resolve(o);
  const run: FinanceRun = { seed: r.seed, today: r.today, volume: r.volume };
  const finance = await inLockedTransaction(t.finance, 'digital-twin:demo:finance', (c) => topUpFinance(c, run));
  if (Object.keys(finance).length === 0) return { counts: {} };
  const [training, pantry] = await Promise.all([
    inLockedTransaction(t.training, 'digital-twin:demo:training', async (c) => {
      const { rows } = await c.query('SELECT EXISTS (SELECT 1 FROM measurements) OR EXISTS (SELECT 1 FROM workouts) AS x');
      return rows[0].x ? topUpTraining(c, r.seed, r.today) : seedTraining(c, r.seed, r.today, trainingStart(r.today, r.years));
    }),
    inLockedTransaction(t.pantry, 'digital-twin:demo:pantry', async (c) => {
      const { rows } = await c.query('SELECT EXISTS (SELECT 1 FROM pantry_inventory) AS x');
      return rows[0].x ? topUpPantry(c, r.today) : seedPantry(c, r.today);
    }),
  ]);
  return { counts: { ...finance, ...training, ...pantry } };
}
