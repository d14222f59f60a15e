// The pure parts of the demo generator: each day is a function of (seed, date), the budget plan
// gives the alert states it promises on the days of a month, and the history rows have the engine's shapes.
import { eachDayOfInterval, format, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { budgetState, monthBudgets, type BudgetState } from '../../../bridge/demo/budget-demo';
import { scheduledPayments } from '../../../bridge/demo/calendar-demo';
import { generateFinanceDay } from '../../../bridge/demo/finance-demo';
import { historyBatches, type HistoryRow } from '../../../bridge/demo/history-demo';
import { measurementFor, workoutDays, workoutFor } from '../../../bridge/demo/training-demo';
import { snapshotOf } from '../../../bridge/contract/snapshot';
import { twinState } from '../state-fixture';
import { addDays, calendarDate } from '../../../bridge/time/local-date';

/** Every date from `from` to `to`, both included. */
const eachDay = (from: string, to: string) => eachDayOfInterval({ start: parseISO(from), end: parseISO(to) }).map((d) => format(d, 'yyyy-MM-dd'));

describe('finance days', () => {
  it('come out the same for the same seed and date, and differ for another seed', () => {
    expect(generateFinanceDay(42, '2026-03-14', 1)).toEqual(generateFinanceDay(42, '2026-03-14', 1));
    expect(generateFinanceDay(7, '2026-03-14', 1)).not.toEqual(generateFinanceDay(42, '2026-03-14', 1));
  });

  it('do not depend on which day was generated before (a month is drawn whole, then kept)', () => {
    const alone = generateFinanceDay(42, '2026-03-14', 1);
    generateFinanceDay(42, '2026-04-02', 1);
    generateFinanceDay(42, '2026-03-14', 3);
    generateFinanceDay(7, '2026-03-14', 1);
    expect(generateFinanceDay(42, '2026-03-14', 1)).toEqual(alone);
  });

  it('have positive two-decimal amounts, unique ids, salary on the 10th and a savings transfer every month', () => {
    const days = eachDay('2025-01-01', '2026-12-31');
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

  it('pay the rent and the sports card on every 1st, at one price all year', () => {
    for (let m = 0; m < 36; m++) {
      const first = new Date(Date.UTC(2025, m, 1)).toISOString().slice(0, 10);
      const fixed = generateFinanceDay(42, first, 1).filter((t) => t.category === 'RENT' || t.category === 'GYM');
      expect(fixed.map((t) => t.category).sort(), first).toEqual(['GYM', 'RENT']);
      const january = generateFinanceDay(42, `${first.slice(0, 4)}-01-01`, 1);
      for (const t of fixed) expect(t.amountCents).toBe(january.find((j) => j.category === t.category)!.amountCents);
    }
  });

  it('multiply the small expenses with the volume', () => {
    const count = (volume: number) => eachDay('2026-01-01', '2026-03-31').reduce((n, d) => n + generateFinanceDay(1, d, volume).length, 0);
    expect(count(10)).toBeGreaterThan(count(1) * 6);
  });
});

/** The state of every budget on every day from `from` to `to`, from the generated spending and the plan. */
function planStates(from: string, to: string, volume = 1) {
  const spent = new Map<string, number>();
  const out: { date: string; last: boolean; states: BudgetState[] }[] = [];
  for (const date of eachDay(from, to)) {
    if (calendarDate(date).day === 1) spent.clear();
    for (const t of generateFinanceDay(42, date, volume)) if (t.type === 'Expense') spent.set(t.category, (spent.get(t.category) ?? 0) + t.amountCents);
    const dom = calendarDate(date).day;
    const dim = calendarDate(date).daysInMonth;
    out.push({ date, last: dom === dim, states: monthBudgets(calendarDate(date).monthStart, volume).map((b) => budgetState(spent.get(b.category) ?? 0, b, dom, dim)) });
  }
  return out;
}

describe('the budget plan', () => {
  it('is a plausible monthly plan for one person in PLN, moving little from one month to the next', () => {
    const months = eachDay('2025-01-01', '2028-12-31').filter((d) => d.endsWith('-01'));
    for (let i = 0; i < months.length; i++) {
      const plan = new Map(monthBudgets(months[i], 1).map((b) => [b.category, b.amountCents / 100]));
      expect(plan.get('RENT')).toBeGreaterThan(2_000);
      expect(plan.get('RENT')).toBeLessThan(3_500);
      expect(plan.get('GROCERIES')).toBeGreaterThan(1_500);
      expect(plan.get('GROCERIES')).toBeLessThan(3_500);
      expect(plan.get('FUEL')).toBeLessThan(1_000);
      expect(plan.get('RESTAURANTS')).toBeLessThan(800);
      expect([...plan.values()].every((v) => v > 0 && Number.isInteger(v / 10))).toBe(true);
      if (i === 0) continue;
      const before = new Map(monthBudgets(months[i - 1], 1).map((b) => [b.category, b.amountCents / 100]));
      let changed = 0;
      for (const [category, amount] of plan) {
        const ratio = amount / before.get(category)!;
        if (Math.abs(ratio - 1) > 0.1) changed++;
        expect(ratio, `${months[i]} ${category}`).toBeGreaterThan(0.45);
        expect(ratio, `${months[i]} ${category}`).toBeLessThan(2.05);
      }
      expect(changed, months[i]).toBeLessThanOrEqual(4); // seasonal lines only: December has three, and November ends
    }
  });

  it('shows a CRITICAL and a HIGH alert every day, a MEDIUM one on most days, and budgets on track beside them', () => {
    for (const volume of [1, 3]) {
      const days = planStates('2025-01-01', '2028-12-31', volume);
      let allThree = 0;
      for (const { date, last, states } of days) {
        expect(states, date).toContain('CRITICAL');
        expect(states, date).toContain('HIGH');
        // On the last day the projection is the spending itself: only an overspend is over the budget.
        if (last) expect(states, date).not.toContain('MEDIUM');
        if (states.includes('MEDIUM') || last) allThree++;
        expect(states.filter((s) => s === 'ON_TRACK').length, date).toBeGreaterThanOrEqual(2);
      }
      expect(allThree / days.length).toBeGreaterThan(0.75);
    }
  });

  it('ends most months with most lines between 70 % and 100 %, one or two over and few past their threshold', () => {
    for (const volume of [1, 3]) {
      const spent = new Map<string, number>();
      const lasts: { date: string; critical: number; high: number; inRange: number }[] = [];
      for (const date of eachDay('2025-01-01', '2028-12-31')) {
        if (calendarDate(date).day === 1) spent.clear();
        for (const t of generateFinanceDay(42, date, volume)) if (t.type === 'Expense') spent.set(t.category, (spent.get(t.category) ?? 0) + t.amountCents);
        if (calendarDate(date).day !== calendarDate(date).daysInMonth) continue;
        const dim = calendarDate(date).daysInMonth;
        const budgets = monthBudgets(calendarDate(date).monthStart, volume);
        const states = budgets.map((b) => budgetState(spent.get(b.category) ?? 0, b, dim, dim));
        const inRange = budgets.filter((b) => {
          const used = (spent.get(b.category) ?? 0) / b.amountCents;
          return used >= 0.7 && used <= 1;
        }).length;
        lasts.push({ date, critical: states.filter((s) => s === 'CRITICAL').length, high: states.filter((s) => s === 'HIGH').length, inRange });
      }
      expect(lasts).toHaveLength(48);
      for (const l of lasts) expect(l.inRange, l.date).toBeGreaterThanOrEqual(7);
      const share = (f: (l: (typeof lasts)[number]) => boolean) => lasts.filter(f).length / lasts.length;
      const mean = (f: (l: (typeof lasts)[number]) => number) => lasts.reduce((s, l) => s + f(l), 0) / lasts.length;
      expect(share((l) => l.inRange >= 9), `volume ${volume}`).toBeGreaterThan(0.75);
      expect(share((l) => l.critical >= 1 && l.critical <= 2), `volume ${volume}`).toBeGreaterThan(0.75);
      expect(share((l) => l.high >= 1 && l.high <= 2), `volume ${volume}`).toBeGreaterThan(0.75);
      expect(mean((l) => l.critical), `volume ${volume}`).toBeLessThan(2);
    }
  });

  it('gives the early days of a month projected overspends from the few days gone', () => {
    const firsts = planStates('2025-01-01', '2028-12-31').filter((d) => d.date.endsWith('-01'));
    expect(firsts.every((d) => d.states.includes('MEDIUM'))).toBe(true);
  });

  it('mirrors the rounding of get_current_budget_alerts()', () => {
    const [line] = monthBudgets('2026-03-01', 1);
    // 99.995 % rounds to 100.00 in SQL: CRITICAL although actual < budget.
    expect(budgetState(1_999_900, { ...line, amountCents: 2_000_000, threshold: 80 }, 10, 30)).toBe('CRITICAL');
    expect(budgetState(1_999_800, { ...line, amountCents: 2_000_000, threshold: 80 }, 10, 30)).toBe('HIGH');
    // projected = round(actual / day × days, 2) must exceed the budget strictly
    expect(budgetState(1000, { ...line, amountCents: 3000, threshold: 100 }, 10, 30)).toBe('ON_TRACK');
    expect(budgetState(1001, { ...line, amountCents: 3000, threshold: 100 }, 10, 30)).toBe('MEDIUM');
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
    const ms = eachDay('2025-11-27', '2026-11-27').map((d) => measurementFor(42, d));
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

  it('follow the month-to-date of the demo transactions and the alerts of the month’s budget plan', () => {
    const finance = rows.filter((r) => r.entityType === 'finance');
    for (const r of finance) {
      const date = new Date(r.createdAtMs).toISOString().slice(0, 10);
      const { day, daysInMonth, monthStart } = calendarDate(date);
      let income = 0;
      let expense = 0;
      const spent = new Map<string, number>();
      for (const d of eachDay(monthStart, date)) {
        for (const t of generateFinanceDay(42, d, 1)) {
          if (Date.parse(`${t.createdAt.replace(' ', 'T')}Z`) > r.createdAtMs) continue;
          if (t.type === 'Income') income += t.amountCents;
          if (t.type === 'Expense') {
            expense += t.amountCents;
            spent.set(t.category, (spent.get(t.category) ?? 0) + t.amountCents);
          }
        }
      }
      const data = JSON.parse(r.data) as { month: string; mtd_income: number; mtd_expense: number; alerts: { budget_id: string; severity: string }[] };
      expect(data.month).toBe(monthStart.slice(0, 7));
      expect(data.mtd_income).toBeCloseTo(income / 100, 2);
      expect(data.mtd_expense).toBeCloseTo(expense / 100, 2);
      const expected = monthBudgets(monthStart, 1)
        .map((b) => [b.id, budgetState(spent.get(b.category) ?? 0, b, day, daysInMonth)] as const)
        .filter(([, state]) => state !== 'ON_TRACK');
      expect(Object.fromEntries(data.alerts.map((a) => [a.budget_id, a.severity]))).toEqual(Object.fromEntries(expected));
    }
  });

  it('have exactly the engine’s update_data keys and differ from the row before of the same entity', () => {
    // The keys the engine itself records (bridge/contract/snapshot.ts), so the two cannot drift apart.
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

describe('demo scheduled payments', () => {
  it('give, on every day of a leap year, an unpaid payment within 7 days and an unpaid one-off within 30, the same on every call', () => {
    for (let day = '2028-01-01'; day <= '2028-12-31'; day = addDays(day, 1)) {
      const plan = scheduledPayments(42, day, addDays(day, 30), day);
      const unpaid = plan.filter((p) => !p.paid);
      expect(unpaid.some((p) => p.date <= addDays(day, 7)), day).toBe(true);
      expect(unpaid.some((p) => p.frequency === 'one-time'), day).toBe(true);
      expect(plan.every((p) => p.date >= day && p.date <= addDays(day, 30))).toBe(true);
    }
    expect(scheduledPayments(7, '2027-01-01', '2027-12-31', '2027-06-15')).toEqual(scheduledPayments(7, '2027-01-01', '2027-12-31', '2027-06-15'));
  });

  it('settle a bill the demo books with that transaction, at its amount, once its day has passed', () => {
    const plan = scheduledPayments(42, '2027-03-01', '2027-03-31', '2027-03-10');
    const rent = plan.find((p) => p.name === 'Czynsz');
    const booked = generateFinanceDay(42, '2027-03-01').find((t) => t.category === 'RENT');
    expect(rent).toMatchObject({ paid: true, transactionId: booked?.id, amountCents: booked?.amountCents });
    expect(plan.filter((p) => p.date >= '2027-03-10' && p.frequency === 'monthly').every((p) => !p.paid && p.transactionId === null)).toBe(true);
  });
});
