// The engine over the in-memory repositories (held to PostgreSQL by their contract tests): the three
// domains, sharing and caching, and a source that cannot be reached or never answers, which degrades
// its own domain alone. Faults that need a real database (a statement timeout, a source that goes
// down and comes back) are in twin-engine-faults.test.ts.
import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EngineOptions } from '../../../bridge/engine/twin-engine';
import { PgFinanceRepository } from '../../../bridge/finance/finance-repository';
import { PgTrainingRepository } from '../../../bridge/training/training-repository';
import { freePort } from '../../fixtures/free-port';
import { InMemoryFinanceRepository } from '../../fixtures/repositories/in-memory-finance';
import { InMemoryPantryRepository } from '../../fixtures/repositories/in-memory-pantry';
import { InMemoryTrainingRepository } from '../../fixtures/repositories/in-memory-training';
import { ZONE } from '../source-rows';
import { engineOver, faultyPools } from './engine-under-test';

const faulty = faultyPools();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
afterAll(async () => {
  await faulty.end();
});

function sources() {
  const finance = new InMemoryFinanceRepository();
  finance.addTransactions([
    { date: '2025-03-03', type: 'Income', amount: '3000.00' },
    { date: '2025-03-04', type: 'Expense', amount: '550.00' },
  ]);
  const training = new InMemoryTrainingRepository({ measurements: [{ measurement_date: '2025-03-10', bodyweight_kg: '80.5', bodyfat_pct: '18.2' }] });
  const pantry = new InMemoryPantryRepository([{ category: 'Mleko', location: 'Lodowka', current_quantity: '0', critical_threshold: '1', next_expiry: null, unit: null }]);
  return { finance, training, pantry };
}

function engine(over: Partial<Pick<EngineOptions, 'finance' | 'training' | 'pantry'>> = {}, o: Partial<EngineOptions> = {}) {
  return engineOver({ ...sources(), ...over }, o);
}

const pool = (url: string, statementTimeoutMs?: number) => faulty.pool(url, statementTimeoutMs);

describe('TwinEngine with all sources up', () => {
  it('computes the three domains ok with today in the configured zone', async () => {
    const { e } = engine();
    const s = await e.getState();
    expect([s.health.status, s.finance.status, s.pantry.status]).toEqual(['ok', 'ok', 'ok']);
    expect(s.today).toBe('2025-03-12');
    expect(s.timezone).toBe(ZONE);
    expect(s.finance).toMatchObject({ mtd_net: 2450, currency: 'PLN', error: null, as_of: s.computed_at });
    expect(s.health).toMatchObject({ bodyweight_kg: 80.5, bodyfat_pct: 18.2 });
    expect(s.pantry).toMatchObject({ low_stock_items: ['Mleko'] });
  });
});

describe('TwinEngine with a source unreachable or hung', () => {
  it('degrades only finance, with a readable reason, when its port is closed', async () => {
    const { e } = engine({ finance: new PgFinanceRepository(pool(`postgres://twin:x@127.0.0.1:${await freePort()}/autonomous_finance`)) });
    const s = await e.getState();
    expect(s.finance.status).toBe('degraded');
    expect(s.finance.error).toMatch(/^finance database unreachable \(connection refused at 127\.0\.0\.1:\d+\)$/);
    expect(s.finance).toMatchObject({ mtd_net: null, active_budget_alerts: null, alerts: [], as_of: null });
    expect([s.health.status, s.pantry.status]).toEqual(['ok', 'ok']);
    expect(s.health.bodyweight_kg).toBe(80.5);
  });

  it('degrades training when its server accepts connections and never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          for (const s of sockets) s.destroy();
          silent.close(() => r());
        }),
    );
    const url = `postgres://twin:x@127.0.0.1:${(silent.address() as net.AddressInfo).port}/autonomous_training`;
    const { e } = engine({ training: new PgTrainingRepository(pool(url, 5000)) }, { sourceTimeoutMs: 1500 });
    const s = await e.getState();
    expect(sockets.size).toBeGreaterThan(0); // the connection really reached the silent server
    expect(s.health.status).toBe('degraded');
    expect(s.health.error).toBe('training database did not answer within 1500 ms');
    expect([s.finance.status, s.pantry.status]).toEqual(['ok', 'ok']);
  });
});

describe('TwinEngine sharing and caching', () => {
  it('shares one computation between concurrent getState calls', async () => {
    const { e, computed } = engine();
    const states = await Promise.all(Array.from({ length: 8 }, () => e.getState()));
    expect(computed).toHaveLength(1);
    for (const s of states) expect(s).toBe(states[0]);
    await e.getState();
    expect(computed).toHaveLength(2); // cacheMs 0: the next call after it settled computes again
  });

  it('serves a computed state again for cacheMs, then computes a fresh one', async () => {
    const { e, computed, clock } = engine({}, { cacheMs: 1000 });
    const a = await e.getState();
    clock.advance(1000);
    expect(await e.getState()).toBe(a);
    clock.advance(1);
    const b = await e.getState();
    expect(b).not.toBe(a);
    expect(computed).toHaveLength(2);
    expect(await e.getState(0)).not.toBe(b); // maxAge 0 forces a fresh computation
    expect(computed).toHaveLength(3);
  });
});
