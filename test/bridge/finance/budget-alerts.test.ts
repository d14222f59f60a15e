// Budget alerts and the budget bars: the twin's rules (readFinance) over the in-memory repository,
// held to the PostgreSQL one by finance-repository.contract.test.ts. The same scenarios are checked
// against the user's own get_current_budget_alerts() in user-sql.test.ts.
import { describe, expect, it } from 'vitest';
import type { BudgetAlert } from '../../../bridge/contract/twin-state';
import { readFinance, type FinanceData } from '../../../bridge/finance/finance-domain';
import { InMemoryFinanceRepository } from '../../fixtures/repositories/in-memory-finance';
import { todayAt } from '../source-rows';
import { MID_MARCH, SCENARIOS, scenarioRepository, type Scenario } from './finance-scenarios';

function read(s: Scenario): Promise<FinanceData> {
  return readFinance(scenarioRepository(s), { today: todayAt(s.at), currency: 'PLN' });
}

async function alertsIn(s: Scenario): Promise<BudgetAlert[]> {
  return (await read(s)).alerts;
}

describe('budget alert rules', () => {
  it('gives CRITICAL, HIGH and MEDIUM rows with the figures and texts of the rules', async () => {
    const alerts = await alertsIn(SCENARIOS.severities);
    expect(alerts).toEqual([
      {
        alert_id: 'ALERT-B-EXACT-202503101200',
        budget_id: 'B-EXACT',
        alert_severity: 'CRITICAL', // utilization exactly 100
        category_path: 'Housing',
        budget_amount: 2000,
        actual_amount: 2000,
        utilization_pct: 100,
        alert_threshold: 100,
        projected_month_end: 6200, // 2000 / 10 × 31
        days_remaining: 21,
        daily_limit_remaining: 0,
        recommended_action: '🚨 STOP SPENDING: Budget exceeded by 0.00 PLN',
        priority: 'Critical',
      },
      {
        alert_id: 'ALERT-B-CRIT-202503101200',
        budget_id: 'B-CRIT',
        alert_severity: 'CRITICAL',
        category_path: 'Lifestyle > Groceries',
        budget_amount: 1000,
        actual_amount: 1200.5,
        utilization_pct: 120.05,
        alert_threshold: 80,
        projected_month_end: 3721.55, // 1200.50 / 10 × 31
        days_remaining: 21,
        daily_limit_remaining: -9.55, // −200.50 / 21
        recommended_action: '🚨 STOP SPENDING: Budget exceeded by 200.50 PLN',
        priority: 'Medium',
      },
      {
        alert_id: 'ALERT-B-HIGH-202503101200',
        budget_id: 'B-HIGH',
        alert_severity: 'HIGH', // utilization 85 = threshold 85
        category_path: 'Transport > Fuel',
        budget_amount: 1000,
        actual_amount: 850,
        utilization_pct: 85,
        alert_threshold: 85,
        projected_month_end: 2635,
        days_remaining: 21,
        daily_limit_remaining: 7.14, // 150 / 21 = 7.142…
        recommended_action: '⚠️ SLOW DOWN: 150.00 PLN left for 21 days (max 7.14 PLN/day)',
        priority: 'Medium',
      },
      {
        alert_id: 'ALERT-B-MED-202503101200',
        budget_id: 'B-MED',
        alert_severity: 'MEDIUM',
        category_path: 'Entertainment > Cinema',
        budget_amount: 1000,
        actual_amount: 400,
        utilization_pct: 40,
        alert_threshold: 100,
        projected_month_end: 1240,
        days_remaining: 21,
        daily_limit_remaining: 28.57, // 600 / 21 = 28.571…
        recommended_action: '📊 PROJECTED OVERSPEND: Current rate suggests 240.00 PLN overage',
        priority: 'Medium',
      },
    ]);
  });

  it('excludes inactive, non-Expense, zero-amount and other-month budgets, and non-Expense or other-month spending', async () => {
    const alerts = await alertsIn(SCENARIOS.scope);
    expect(alerts.map((a) => [a.budget_id, a.alert_severity, a.utilization_pct])).toEqual([['CONTROL', 'HIGH', 24.01]]);
    expect(alerts[0].projected_month_end).toBe(1116.47); // 360.15 / 10 × 31 = 1116.465, rounded half away from zero
    expect(alerts[0].recommended_action).toBe('⚠️ SLOW DOWN: 1139.85 PLN left for 21 days (max 54.28 PLN/day)');
  });

  it('returns no row for a budget under its threshold and not projected over', async () => {
    expect(await alertsIn(SCENARIOS.calm)).toEqual([]);
    const [a] = await alertsIn(SCENARIOS.overByProjection);
    expect([a.alert_severity, a.projected_month_end]).toEqual(['MEDIUM', 1000.03]);
    expect(a.recommended_action).toBe('📊 PROJECTED OVERSPEND: Current rate suggests 0.03 PLN overage');
  });

  it('orders by priority Critical, High, Medium, then the rest, and by utilization descending within', async () => {
    const alerts = await alertsIn(SCENARIOS.order);
    expect(alerts.map((a) => [a.budget_id, a.utilization_pct])).toEqual([
      ['C-500', 240.1],
      ['C-1000', 120.05],
      ['H-800', 150.06],
      ['M-1100', 109.14],
      ['N-200', 600.25],
      ['L-1000', 120.05],
    ]);
  });

  it('stamps alert_id with the local minute in Europe/Warsaw, summer time included', async () => {
    const [a] = await alertsIn(SCENARIOS.summerTime);
    expect(a.alert_id).toBe('ALERT-2025-07-Groceries-202507160105');
  });

  it('treats a null alert_threshold as "only overspending and projections alert"', async () => {
    const alerts = await alertsIn(SCENARIOS.nullThreshold);
    expect(alerts.map((a) => [a.budget_id, a.alert_severity, a.utilization_pct, a.alert_threshold])).toEqual([
      ['N-CRIT', 'CRITICAL', 120.05, null],
      ['N-MED', 'MEDIUM', 92.35, null], // 92 % used is no HIGH without a threshold; 3721.55 projected > 1300
    ]);
  });

  it('alerts HIGH at threshold 0 even with nothing spent', async () => {
    const [a] = await alertsIn(SCENARIOS.zeroThreshold);
    expect(a).toMatchObject({
      alert_severity: 'HIGH',
      actual_amount: 0,
      utilization_pct: 0,
      projected_month_end: 0,
      daily_limit_remaining: 23.81,
      recommended_action: '⚠️ SLOW DOWN: 500.00 PLN left for 21 days (max 23.81 PLN/day)',
    });
  });

  it('on the last day of the month: days_remaining 0, daily_limit_remaining null, projection equals spending', async () => {
    const alerts = await alertsIn(SCENARIOS.lastDay);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      budget_id: 'LAST-HIGH',
      alert_severity: 'HIGH',
      utilization_pct: 90,
      projected_month_end: 900,
      days_remaining: 0,
      daily_limit_remaining: null,
      recommended_action: '⚠️ SLOW DOWN: 100.00 PLN left for 0 days (max 100.00 PLN/day)',
    });
  });

  it('counts days in a leap February', async () => {
    const [a] = await alertsIn(SCENARIOS.leapFebruary);
    // 99 / 28 × 29 = 102.54 > 100: projected overspend with one day left.
    expect([a.alert_severity, a.days_remaining, a.projected_month_end, a.daily_limit_remaining]).toEqual(['MEDIUM', 1, 102.54, 1]);
  });
});

describe('budgets: every budget of the month, for the bars', () => {
  it('lists quiet budgets too, worst first, with the share of the month gone', async () => {
    const f = await read(SCENARIOS.bars);
    // The alerts keep the function's order (priority first); the bars read worst first.
    expect(f.alerts.map((a) => a.budget_id)).toEqual(['B-MED', 'B-HIGH', 'B-CRIT']);
    expect(f.budgets.map((b) => [b.budget_id, b.alert_severity, b.utilization_pct])).toEqual([
      ['B-CRIT', 'CRITICAL', 120.05],
      ['B-HIGH', 'HIGH', 85],
      ['B-MED', 'MEDIUM', 40],
      ['B-QUIET', null, 30],
      ['B-UNUSED', null, 0],
    ]);
    expect(f.budgets[3]).toEqual({
      budget_id: 'B-QUIET',
      category_path: 'Health > Pharmacy',
      priority: 'Critical',
      budget_amount: 1000,
      actual_amount: 300,
      utilization_pct: 30,
      alert_threshold: 80,
      month_elapsed_pct: 32.26, // day 10 of 31
      projected_month_end: 930,
      alert_severity: null,
    });
  });

  it('is empty with no budgets this month, and the month is all gone on its last day', async () => {
    expect((await readFinance(new InMemoryFinanceRepository(), { today: todayAt(MID_MARCH), currency: 'PLN' })).budgets).toEqual([]);
    const [bar] = (await read(SCENARIOS.lastDayUnspent)).budgets;
    expect([bar.month_elapsed_pct, bar.alert_severity, bar.actual_amount]).toEqual([100, null, 0]);
  });
});
