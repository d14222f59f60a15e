// The periodic check when nothing changed: on a real PostgreSQL, ticks with every source's change
// signal unmoved read no fingerprint at all; an edit the statistics see is fingerprinted at the next
// tick; and an edit they cannot see (made with track_counts off, so no counter moves) is still found
// by the fallback fingerprint within the period the ledger reports.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverActivity } from '../../../bridge/db/table-activity-repository';
import { Ledger, type LedgerOptions } from '../../../bridge/ledger/ledger';
import { PgFinanceRepository } from '../../../bridge/finance/finance-repository';
import { silentLogger } from '../../../bridge/log/logger';
import { fixedClock } from '../../../bridge/time/clock';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { insertCategory, sourcePool, ZONE } from '../source-rows';

let dbs: TestDatabases;
let finance: pg.Pool;
let training: pg.Pool;
let category: number;
const PERSON = '00000000-0000-4000-8000-000000000001';
const clock = fixedClock('2026-12-02T12:00:00Z');

beforeAll(async () => {
  dbs = await freshDatabases();
  finance = sourcePool(dbs.finance, 'finance');
  training = sourcePool(dbs.training, 'training');
  category = await insertCategory(finance, 'Lifestyle', 'Groceries');
});
afterAll(async () => {
  await finance?.end();
  await training?.end();
  await dbs?.drop();
});

/**
 * Statements on one connection whose statistics reach the shared view before this resolves:
 * forced to flush at its next idle moment, which comes before the answer (without it they may wait ~10 s).
 */
async function write(statements: readonly string[]): Promise<void> {
  const c = await finance.connect();
  try {
    for (const s of statements) await c.query(s);
    await c.query('SELECT pg_stat_force_next_flush()');
  } finally {
    c.release();
  }
}

const octoberNet = async (ledger: Ledger) => (await new PgFinanceRepository(finance, ledger).monthTotals({ from: '2026-10-01', to: '2026-11-01', open: '2026-12-01' }))[0]?.net;

async function checkedLedger(more: Partial<LedgerOptions> = {}): Promise<Ledger> {
  clock.set('2026-12-02T12:00:00Z');
  await write([
    'DELETE FROM transactions',
    `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source, category_id)
     VALUES ('Q-1', '2026-10-05', 'Expense', 100.00, 'quiet', ${category}), ('Q-2', '2026-11-07', 'Income', 900.00, 'quiet', ${category})`,
  ]);
  const ledger = new Ledger({ finance, training, twin: finance, clock, timezone: ZONE, personId: PERSON, log: silentLogger, intervalMs: 20_000, ...more });
  await ledger.tick();
  expect(ledger.status()).toMatchObject({ state: 'ready', fingerprints_total: 3, quiet_checks_total: 0, last_error: null });
  return ledger;
}

describe('the periodic check of closed months when nothing changed', () => {
  it('reads no fingerprint while the signals stay, and fingerprints the source whose signal moved at the next tick', async () => {
    const ledger = await checkedLedger();
    for (let i = 0; i < 6; i++) await ledger.tick();
    expect(ledger.status()).toMatchObject({ fingerprints_total: 3, quiet_checks_total: 6, months_rebuilt_total: 2 });

    await write([`UPDATE transactions SET amount = 150.00 WHERE transaction_id = 'Q-1'`]);
    await ledger.tick();
    // Only the finance database moved: one source fingerprinted, its month built again.
    expect(ledger.status()).toMatchObject({ fingerprints_total: 4, quiet_checks_total: 6, months_rebuilt_total: 3 });
    expect(await octoberNet(ledger)).toBe(-150);
    await ledger.tick();
    expect(ledger.status()).toMatchObject({ fingerprints_total: 4, quiet_checks_total: 7 });
  });

  it('finds an edit that leaves every statistic alone by the fallback fingerprint, within the period it reports', async () => {
    const ledger = await checkedLedger();
    const repository = new PgFinanceRepository(finance);
    const signal = await repository.changeSignal();
    expect(signal).not.toBeNull();
    const bound = ledger.status().fallback_seconds;
    expect(bound).toBeGreaterThanOrEqual(20);

    // A session that counts nothing: the signal cannot see this edit.
    await write(['SET track_counts = off', `UPDATE transactions SET amount = 175.00 WHERE transaction_id = 'Q-1'`, 'RESET track_counts']);
    expect(await repository.changeSignal()).toBe(signal);
    await ledger.tick();
    expect(ledger.status()).toMatchObject({ fingerprints_total: 3, quiet_checks_total: 1 });
    expect(await octoberNet(ledger)).toBe(-100);

    // Beats of the check interval until the fallback comes round: no later than the bound it reported.
    let waited = 0;
    while (ledger.status().months_rebuilt_total === 2 && waited < bound) {
      clock.advance(20_000);
      waited += 20;
      await ledger.tick();
    }
    expect(ledger.status().months_rebuilt_total).toBe(3);
    expect(waited).toBeLessThanOrEqual(bound);
    expect(await octoberNet(ledger)).toBe(-175);
  });

  it("asks no source again while the server's word for their databases stays, and finds an edit once it moves", async () => {
    // Every statement of the ledger on the finance and training databases, counted on their way to the real pools.
    let asked = 0;
    const counted = (pool: pg.Pool) => ({ query: ((...args: Parameters<pg.Pool['query']>) => (asked++, pool.query(...args))) as pg.Pool['query'] });
    const names = [dbs.names.finance, dbs.names.training];
    const ledger = await checkedLedger({ finance: counted(finance), training: counted(training), serverActivity: () => serverActivity(finance, names) });
    await ledger.tick();
    const settled = asked;
    for (let i = 0; i < 6; i++) await ledger.tick();
    expect(asked).toBe(settled);
    expect(ledger.status()).toMatchObject({ fingerprints_total: 3, months_rebuilt_total: 2 });

    await write([`UPDATE transactions SET amount = 125.00 WHERE transaction_id = 'Q-1'`]);
    await ledger.tick();
    expect(asked).toBeGreaterThan(settled);
    expect(ledger.status()).toMatchObject({ fingerprints_total: 4, months_rebuilt_total: 3 });
    expect(await octoberNet(ledger)).toBe(-125);
  });

  it("moves the server's word for a database with a write to any of its tables, and not for another database's", async () => {
    const word = () => serverActivity(finance, [dbs.names.finance]);
    const before = await word();
    expect(before).not.toBeNull();
    const c = await training.connect();
    try {
      await c.query(`INSERT INTO measurements (measurement_date, bodyweight_kg) VALUES ('2026-11-03', 80.5) ON CONFLICT (measurement_date) DO UPDATE SET bodyweight_kg = 80.6`);
      await c.query('SELECT pg_stat_force_next_flush()');
    } finally {
      c.release();
    }
    expect(await serverActivity(finance, [dbs.names.training])).not.toBeNull();
    expect(await word()).toBe(before);
    await write([`INSERT INTO categories (category_name, subcategory_name, category_type) VALUES ('Server', 'Word', 'Expense')`]);
    expect(await word()).not.toBe(before);
  });

  it("moves the whole database's word with a write to any table and with a replaced function", async () => {
    const repository = new PgFinanceRepository(finance);
    const before = await repository.stateSignal();
    await write([`INSERT INTO categories (category_name, subcategory_name, category_type) VALUES ('Quiet', 'Signal', 'Expense')`]);
    const written = await repository.stateSignal();
    expect(written).not.toBe(before);
    await write([`CREATE OR REPLACE FUNCTION quiet_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'`]);
    expect(await repository.stateSignal()).not.toBe(written);
  });

  it('fingerprints at every tick when the statistics say nothing', async () => {
    await checkedLedger();
    // As a server that counts nothing: the signal is unknown, so every source is fingerprinted.
    for (const db of [dbs.names.finance, dbs.names.training]) await finance.query(`ALTER DATABASE ${db} SET track_counts = off`);
    const blindFinance = sourcePool(dbs.finance, 'finance');
    const blindTraining = sourcePool(dbs.training, 'training');
    try {
      expect(await new PgFinanceRepository(blindFinance).changeSignal()).toBeNull();
      const blind = new Ledger({ finance: blindFinance, training: blindTraining, twin: blindFinance, clock, timezone: ZONE, personId: PERSON, log: silentLogger });
      await blind.tick();
      await blind.tick();
      expect(blind.status()).toMatchObject({ fingerprints_total: 6, quiet_checks_total: 0, last_error: null });
    } finally {
      await blindFinance.end();
      await blindTraining.end();
      for (const db of [dbs.names.finance, dbs.names.training]) await finance.query(`ALTER DATABASE ${db} RESET track_counts`);
    }
  });
});
