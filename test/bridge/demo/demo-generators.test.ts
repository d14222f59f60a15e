// The pure parts of the demo generator: each day is a function of (seed, date), the budget tuning
// reaches the states it promises on every day of a month, and the history rows have the engine's shapes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetState, tuneBudget } from '../../../bridge/demo/budget-demo';
import { addDays, eachDay } from '../../../bridge/demo/calendar';
import { generateFinanceDay } from '../../../bridge/demo/finance-demo';
import { historyBatches, type HistoryRow } from '../../../bridge/demo/history-demo';
import { measurementFor, workoutDays, workoutFor } from '../../../bridge/demo/training-demo';
import { snapshotOf } from '../../../bridge/history/snapshots';
import { twinState } from '../state-fixture';

describe('finance days', () => {
  it('come out the same for the same seed and date, and differ for another seed', () => {
    expect(generateFinanceDay(42, '2026-03-14', 1)).toEqual(generateFinanceDay(42, '2026-03-14', 1));
    expect(generateFinanceDay(7, '2026-03-14', 1)).not.toEqual(generateFinanceDay(42, '2026-03-14', 1));
  });

  it('have positive two-decimal amounts, unique ids, salary on the 10th and a savings transfer every month', () => {
    const days = [...eachDay('2025-01-01', '2026-12-31')];
    const all = days.flatMap((d) => generateFinanceDay(42, d, 1));
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    expect(all.every((t) => Number.isInteger(t.amountCents) && t.amountCents > 0)).toBe(true);
    const salaries = all.filter((t) => t.category === 'SALARY');
    expect(salaries).toHaveLength(24);
    expect(salaries.every((t) => t.date.endsWith('-10') && t.type === 'Income' && t.amountCents > 1_000_000)).toBe(true);
    const savings = all.filter((t) => t.category === 'SAVINGS');
    expect(savings).toHaveLength(24);
    expect(savings.every((t) => t.type === 'Transfer')).toBe(true);
  });

  it('always spend in the tuned budget categories on the first of a month', () => {
    for (let m = 0; m < 36; m++) {
      const first = new Date(Date.UTC(2024, m, 1)).toISOString().slice(0, 10);
      const cats = new Set(generateFinanceDay(42, first, 1).filter((t) => t.type === 'Expense').map((t) => t.category));
      for (const c of ['RESTAURANTS', 'GROCERIES', 'FUEL']) expect(cats, first).toContain(c);
    }
  });

  it('multiply the small expenses with the volume', () => {
    const count = (volume: number) => [...eachDay('2026-01-01', '2026-03-31')].reduce((n, d) => n + generateFinanceDay(1, d, volume).length, 0);
    expect(count(10)).toBeGreaterThan(count(1) * 6);
  });
});

describe('budget tuning', () => {
  const dims = [28, 29, 30, 31];

  it('reaches CRITICAL and HIGH (threshold below 100 %) on every day of a month, MEDIUM on every day but the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 5_000_000 }), fc.constantFrom(...dims), fc.integer({ min: 1, max: 31 }), fc.constantFrom(50, 80, 90, 100, 120),
        (actual, dim, day, threshold) => {
          const dom = Math.min(day, dim);
          for (const role of ['CRITICAL', 'HIGH', 'ON_TRACK'] as const) {
            const b = tuneBudget(role, actual, threshold, dom, dim, 50_000);
            // At a threshold of 100 % or more, utilisation past the threshold is already CRITICAL.
            if (role === 'HIGH' && threshold >= 100) {
              expect(b).toBeNull();
              continue;
            }
            expect(b, role).not.toBeNull();
            expect(budgetState(actual, b!, threshold, dom, dim)).toBe(role);
          }
          const medium = tuneBudget('MEDIUM', actual, 100, dom, dim, 50_000);
          if (dom < dim) expect(budgetState(actual, medium!, 100, dom, dim)).toBe('MEDIUM');
          else expect(medium).toBeNull();
        }),
    );
  });

  it('mirrors the rounding of get_current_budget_alerts()', () => {
    // 99.995 % rounds to 100.00 in SQL: CRITICAL although actual < budget.
    expect(budgetState(1_999_900, 2_000_000, 80, 10, 30)).toBe('CRITICAL');
    expect(budgetState(1_999_800, 2_000_000, 80, 10, 30)).toBe('HIGH');
    // projected = round(actual / day × days, 2) must exceed the budget strictly
    expect(budgetState(1000, 3000, 100, 10, 30)).toBe('ON_TRACK');
    expect(budgetState(1001, 3000, 100, 10, 30)).toBe('MEDIUM');
  });
});

describe('training days', () => {
  it('keep 2–3 days between workouts, so the last one before any day is 1–3 days earlier', () => {
    const days = workoutDays(42, '2025-01-01', '2027-01-01');
    for (let i = 1; i < days.length; i++) {
      expect(days[i].index).toBe(days[i - 1].index + 1);
      expect([2, 3]).toContain((Date.parse(days[i].date) - Date.parse(days[i - 1].date)) / 86_400_000);
    }
    for (const today of eachDay('2026-01-01', '2026-12-31')) {
      const before = workoutDays(42, addDays(today, -7), today);
      const since = (Date.parse(today) - Date.parse(before[before.length - 1].date)) / 86_400_000;
      expect(since).toBeGreaterThanOrEqual(1);
      expect(since).toBeLessThanOrEqual(3);
    }
  });

  it('does not depend on the range asked for', () => {
    const wide = workoutDays(42, '2025-01-01', '2026-12-31').filter((d) => d.date >= '2026-06-01' && d.date < '2026-07-01');
    expect(workoutDays(42, '2026-06-01', '2026-07-01')).toEqual(wide);
    expect(workoutFor(42, wide[0])).toEqual(workoutFor(42, wide[0]));
  });

  it('weighs in on most days within the schema limits, sometimes without body fat', () => {
    const ms = [...eachDay('2025-11-27', '2026-11-27')].map((d) => measurementFor(42, d));
    const present = ms.filter((m) => m !== null);
    expect(present.length).toBeGreaterThan(280);
    expect(present.length).toBeLessThan(345);
    expect(present.some((m) => m!.bodyfatPct === null)).toBe(true);
    expect(present.every((m) => m!.bodyweightKg >= 40 && m!.bodyweightKg <= 200)).toBe(true);
  });
});

describe('history rows', () => {
  const plan = { seed: 42, today: '2026-11-27', nowMs: Date.parse('2026-11-27T10:00:00Z'), rows: 300, years: 2, volume: 1 };
  const rows: HistoryRow[] = [...historyBatches(plan, 64)].flat();

  it('are as many as asked, all in the past ninety days', () => {
    expect(rows).toHaveLength(300);
    expect(Math.max(...rows.map((r) => r.createdAtMs))).toBeLessThan(plan.nowMs);
    expect(Math.min(...rows.map((r) => r.createdAtMs))).toBeGreaterThanOrEqual(plan.nowMs - 91 * 86_400_000);
  });

  it('have exactly the engine’s update_data keys and differ from the row before of the same entity', () => {
    // The keys the engine itself records (bridge/history/snapshots.ts), so the two cannot drift apart.
    const state = twinState();
    const keys = {
      health: Object.keys(snapshotOf(state, 'health')!),
      finance: Object.keys(snapshotOf(state, 'finance')!),
      pantry: Object.keys(snapshotOf(state, 'pantry')!),
    };
    for (const entity of ['health', 'finance', 'pantry'] as const) {
      const own = rows.filter((r) => r.entityType === entity).sort((a, b) => a.createdAtMs - b.createdAtMs);
      expect(own.length).toBe(100);
      for (let i = 0; i < own.length; i++) {
        const data = JSON.parse(own[i].data);
        expect(Object.keys(data).sort()).toEqual([...keys[entity]].sort());
        if (i > 0) expect(own[i].data).not.toBe(own[i - 1].data);
        if (entity === 'finance') {
          expect(data.active_budget_alerts).toBe(data.alerts.length);
          expect(data.mtd_net).toBeCloseTo(data.mtd_income - data.mtd_expense, 2);
          for (const a of data.alerts) {
            expect(a.budget_id).toMatch(new RegExp(`^BUD-${data.month}-`));
            expect(Object.keys(a).sort()).toEqual(['budget_id', 'category', 'severity']);
          }
        }
        if (entity === 'pantry') expect(data.low_stock_count).toBe(data.low_stock_items.length);
        if (entity === 'health') expect(['done_today', 'rest_day', 'training_day', 'overdue', 'no_workouts']).toContain(data.suggestion);
      }
    }
  });
});
