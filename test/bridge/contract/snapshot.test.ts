// The history snapshot: built from a state in the published shape, absent for a degraded domain,
// and read back unchanged by the lenient readers the transition (and so the plugin) uses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { severityRank } from '../../../bridge/contract/alert-order';
import { FinanceSnapshot, HealthSnapshot, PantrySnapshot, SNAPSHOT_SCHEMAS, snapshotOf } from '../../../bridge/contract/snapshot';
import { readFinance, readHealth, readPantry } from '../../../bridge/contract/transition';
import { DOMAIN_NAMES } from '../../../bridge/contract/twin-state';
import { alert, twinState } from '../state-fixture';

const READERS = { health: readHealth, finance: readFinance, pantry: readPantry };

/** A value as JSON storage gives it back (-0 comes back as 0). */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('snapshotOf', () => {
  it('builds each domain in its published shape, without values that move every minute', () => {
    const state = twinState({ finance: { alerts: [alert(), alert({ budget_id: 'B-2', alert_severity: 'MEDIUM', category_path: 'Transport > Fuel' })], active_budget_alerts: 2 } });
    for (const domain of DOMAIN_NAMES) {
      const snapshot = snapshotOf(state, domain);
      expect(SNAPSHOT_SCHEMAS[domain].strict().parse(snapshot)).toEqual(snapshot);
      expect(READERS[domain](stored(snapshot))).toEqual(snapshot);
    }
    expect(snapshotOf(state, 'finance')?.alerts).toEqual([
      { budget_id: 'B-1', category: 'Lifestyle > Groceries', severity: 'CRITICAL' },
      { budget_id: 'B-2', category: 'Transport > Fuel', severity: 'MEDIUM' },
    ]);
    expect(JSON.stringify(snapshotOf(state, 'finance'))).not.toMatch(/alert_id|computed_at|as_of/);
  });

  it('has none for a degraded domain: history records states, not outages', () => {
    const state = twinState({ health: { status: 'degraded', error: 'down' }, pantry: { status: 'degraded', error: 'down' } });
    expect(DOMAIN_NAMES.map((d) => snapshotOf(state, d) === null)).toEqual([true, false, true]);
  });
});

const text = fc.string({ maxLength: 12 });
const nat = fc.option(fc.nat({ max: 500 }), { nil: null });
const real = fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { nil: null });
const severity = fc.constantFrom('CRITICAL' as const, 'HIGH' as const, 'MEDIUM' as const);

describe('the readers', () => {
  it('give back every snapshot of the published shape as it was written', () => {
    const health = fc.record({
      bodyweight_kg: real, bodyfat_pct: real, weight_trend: fc.option(fc.constantFrom('GAINING' as const, 'LOSING' as const, 'STABLE' as const), { nil: null }),
      last_workout_date: fc.option(text, { nil: null }), days_since_workout: nat, workouts_this_week: nat,
      suggestion: fc.option(fc.constantFrom('done_today' as const, 'rest_day' as const, 'training_day' as const, 'overdue' as const, 'no_workouts' as const), { nil: null }),
    });
    const finance = fc.record({
      month: fc.option(text, { nil: null }), currency: text, mtd_net: real, mtd_income: real, mtd_expense: real, active_budget_alerts: nat,
      alerts: fc.uniqueArray(fc.record({ budget_id: text, category: text, severity }), { selector: (a) => a.budget_id, maxLength: 6 }),
    });
    const pantry = fc.record({ low_stock_count: nat, low_stock_items: fc.array(text, { maxLength: 6 }), expired_count: nat, expiring_count: nat });
    fc.assert(fc.property(health, (h) => {
      expect(readHealth(stored(HealthSnapshot.parse(h)))).toEqual(stored(h));
    }));
    fc.assert(fc.property(pantry, (p) => {
      expect(readPantry(stored(PantrySnapshot.parse(p)))).toEqual(stored(p));
    }));
    fc.assert(
      fc.property(finance, (f) => {
        // Alerts are read worst first, in the recorded order within a severity.
        const worstFirst = [...f.alerts].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
        expect(readFinance(stored(FinanceSnapshot.parse(f)))).toEqual(stored({ ...f, alerts: worstFirst }));
      }),
    );
  });
});
