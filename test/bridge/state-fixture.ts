// A complete, valid TwinState for tests of the pure parts (briefing, snapshots, history).
import { TwinState, type BudgetAlert, type FinanceDomain, type HealthDomain, type PantryDomain } from '../../bridge/contract/twin-state';

const AT = '2025-03-12T07:00:00.000Z';

export function healthDomain(over: Partial<HealthDomain> = {}): HealthDomain {
  return {
    status: 'ok',
    error: null,
    as_of: AT,
    measurement_date: '2025-03-10',
    bodyweight_kg: 80.5,
    bodyfat_pct: 18.2,
    estimated_lean_mass: 65.9,
    weight_change: -0.6,
    bodyfat_change: -0.3,
    weight_trend: 'LOSING',
    last_workout: { date: '2025-03-09', template_id: 'hit_upper_a', template_name: 'HIT Upper A', workout_type: 'HIT Upper', location: 'gym', duration_min: 30 },
    days_since_workout: 3,
    workouts_this_week: 2,
    training_suggestion: { code: 'training_day', text: '🏋️ Train Today' },
    body_series: [
      { date: '2025-03-03', bodyweight_kg: 81.1, bodyfat_pct: 18.5 },
      { date: '2025-03-10', bodyweight_kg: 80.5, bodyfat_pct: 18.2 },
    ],
    ...over,
  };
}

export function alert(over: Partial<BudgetAlert> = {}): BudgetAlert {
  return {
    alert_id: 'ALERT-B-1-202503120800',
    budget_id: 'B-1',
    alert_severity: 'CRITICAL',
    category_path: 'Lifestyle > Groceries',
    budget_amount: 1000,
    actual_amount: 1200.5,
    utilization_pct: 120.05,
    alert_threshold: 80,
    projected_month_end: 3101.29,
    days_remaining: 19,
    daily_limit_remaining: -10.55,
    recommended_action: '🚨 STOP SPENDING: Budget exceeded by 200.50 PLN',
    priority: 'High',
    ...over,
  };
}

export function financeDomain(over: Partial<FinanceDomain> = {}): FinanceDomain {
  return {
    status: 'ok',
    error: null,
    as_of: AT,
    currency: 'PLN',
    month: '2025-03',
    mtd_net: 2450,
    mtd_income: 8000,
    mtd_expense: 5550,
    active_budget_alerts: 1,
    alerts: [alert()],
    budgets: [
      {
        budget_id: 'B-1',
        category_path: 'Lifestyle > Groceries',
        priority: 'High',
        budget_amount: 1000,
        actual_amount: 1200.5,
        utilization_pct: 120.05,
        alert_threshold: 80,
        month_elapsed_pct: 38.71,
        projected_month_end: 3101.29,
        alert_severity: 'CRITICAL',
      },
    ],
    monthly_net: [
      { month: '2025-02', income: 8000, expense: 6100, net: 1900 },
      { month: '2025-03', income: 8000, expense: 5550, net: 2450 },
    ],
    upcoming: [],
    upcoming_note: null,
    ...over,
  };
}

export function pantryDomain(over: Partial<PantryDomain> = {}): PantryDomain {
  return {
    status: 'ok',
    error: null,
    as_of: AT,
    variant: 'by_location',
    tracked_products: 40,
    low_stock_count: 2,
    low_stock_items: ['Jajka', 'Mleko'],
    low_stock: [
      { product: 'Jajka', quantity: 2, unit: 'szt', critical_threshold: 6, locations: ['Lodowka'] },
      { product: 'Mleko', quantity: 0, unit: 'l', critical_threshold: 1, locations: ['Lodowka'] },
    ],
    expired_count: 1,
    expiring_count: 1,
    expiring: [
      { product: 'Jogurt', location: 'Lodowka', next_expiry: '2025-03-11', days_left: -1, level: 'expired', quantity: 1, unit: 'szt' },
      { product: 'Ser', location: 'Lodowka', next_expiry: '2025-03-15', days_left: 3, level: 'critical', quantity: 1, unit: 'szt' },
    ],
    ...over,
  };
}

export function twinState(over: { health?: Partial<HealthDomain>; finance?: Partial<FinanceDomain>; pantry?: Partial<PantryDomain>; computed_at?: string; today?: string } = {}): TwinState {
  const state: TwinState = {
    computed_at: over.computed_at ?? AT,
    timezone: 'Europe/Warsaw',
    today: over.today ?? '2025-03-12',
    health: healthDomain(over.health),
    finance: financeDomain(over.finance),
    pantry: pantryDomain(over.pantry),
  };
  // Every fixture is a state the bridge could really produce.
  return TwinState.parse(state);
}
