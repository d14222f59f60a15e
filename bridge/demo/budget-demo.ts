// Monthly Expense budgets of the demo. Past months get plain amounts; the current month's amounts are
// tuned against the spending generated so far, so that get_current_budget_alerts() shows a CRITICAL,
// a HIGH and a MEDIUM alert next to budgets that are on track.
import { dayNumber } from './calendar';

export type BudgetState = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'ON_TRACK';

export interface BudgetSpec {
  category: string;
  priority: 'Critical' | 'High' | 'Medium' | 'Low';
  threshold: number;
  budgetType: 'Fixed' | 'Variable' | 'Flexible';
  /** Monthly amount in PLN at 2026 prices and volume 1. */
  base: number;
  /** The state the current month is tuned to show; the others are made comfortable. */
  role: BudgetState;
}

export const BUDGET_SPECS: readonly BudgetSpec[] = [
  { category: 'RESTAURANTS', priority: 'Medium', threshold: 80, budgetType: 'Flexible', base: 700, role: 'CRITICAL' },
  { category: 'GROCERIES', priority: 'High', threshold: 90, budgetType: 'Variable', base: 2300, role: 'HIGH' },
  { category: 'FUEL', priority: 'High', threshold: 100, budgetType: 'Variable', base: 900, role: 'MEDIUM' },
  { category: 'COFFEE', priority: 'Low', threshold: 80, budgetType: 'Flexible', base: 250, role: 'ON_TRACK' },
  { category: 'ONLINE-SHOPPING', priority: 'Medium', threshold: 90, budgetType: 'Flexible', base: 650, role: 'ON_TRACK' },
  { category: 'PHARMACY', priority: 'Critical', threshold: 100, budgetType: 'Variable', base: 250, role: 'ON_TRACK' },
  { category: 'CLOTHING', priority: 'Low', threshold: 80, budgetType: 'Flexible', base: 350, role: 'ON_TRACK' },
  { category: 'PUBLIC-TRANSPORT', priority: 'Low', threshold: 100, budgetType: 'Fixed', base: 120, role: 'ON_TRACK' },
];

export interface DemoBudget {
  id: string;
  year: number;
  month: number;
  category: string;
  amountCents: number;
  threshold: number;
  budgetType: BudgetSpec['budgetType'];
  priority: BudgetSpec['priority'];
  notes: string;
}

/** Integer division rounded half away from zero, as PostgreSQL's round(numeric, n) does (non-negative inputs). */
function roundDiv(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * The state get_current_budget_alerts() gives a budget, with its exact rounding:
 * utilization = round(actual / budget × 100, 2), projected = round(actual / day × days_in_month, 2).
 */
export function budgetState(actualCents: number, budgetCents: number, threshold: number, dom: number, dim: number): BudgetState {
  const utilHundredths = roundDiv(actualCents * 10_000, budgetCents);
  const projectedCents = roundDiv(actualCents * dim, dom);
  if (utilHundredths >= 10_000) return 'CRITICAL';
  if (utilHundredths >= threshold * 100) return 'HIGH';
  if (projectedCents > budgetCents) return 'MEDIUM';
  return 'ON_TRACK';
}

/** The smallest budget (in cents, rounded to a friendly step where possible) that gives `role`, or null. */
export function tuneBudget(role: BudgetState, actualCents: number, threshold: number, dom: number, dim: number, baseCents: number): number | null {
  const projected = (actualCents * dim) / dom;
  let target: number;
  switch (role) {
    case 'CRITICAL':
      target = actualCents * 0.88;
      break;
    case 'HIGH':
      target = actualCents / ((threshold + 100) / 200);
      break;
    case 'MEDIUM': {
      const low = (actualCents * 100) / threshold;
      if (projected <= low) return null; // last day of the month: a projection cannot exceed the budget without utilisation doing so
      target = Math.sqrt(low * projected);
      break;
    }
    case 'ON_TRACK':
      target = Math.max(baseCents, projected * 1.25, (actualCents * 100 * 1.25) / threshold);
      for (const step of [5000, 1000, 100, 1]) {
        const amount = Math.ceil(target / step) * step;
        if (budgetState(actualCents, amount, threshold, dom, dim) === 'ON_TRACK') return amount;
      }
      return null;
  }
  if (actualCents <= 0) return null;
  for (const step of [5000, 1000, 100, 1]) {
    const amount = Math.round(target / step) * step;
    if (amount > 0 && budgetState(actualCents, amount, threshold, dom, dim) === role) return amount;
  }
  return null;
}

function budgetId(year: number, month: number, category: string): string {
  return `BUD-${year}-${String(month).padStart(2, '0')}-${category}`;
}

function baseAmountCents(spec: BudgetSpec, monthStart: string, volume: number): number {
  const prices = Math.pow(1.035, (dayNumber(monthStart) - dayNumber('2026-01-01')) / 365.25);
  return Math.round(spec.base * prices * volume / 10) * 1000; // whole tens of złoty
}

/** Budgets of a past (or future) month: the plain amounts. */
export function plainMonthBudgets(monthStart: string, volume: number): DemoBudget[] {
  const year = Number(monthStart.slice(0, 4));
  const month = Number(monthStart.slice(5, 7));
  return BUDGET_SPECS.map((spec) => ({
    id: budgetId(year, month, spec.category),
    year,
    month,
    category: spec.category,
    amountCents: baseAmountCents(spec, monthStart, volume),
    threshold: spec.threshold,
    budgetType: spec.budgetType,
    priority: spec.priority,
    notes: 'Demo budget',
  }));
}

/**
 * The current month's budgets, tuned to the Expense spending of each category so far (`actualCents`)
 * on day `dom` of a month of `dim` days.
 */
export function tunedMonthBudgets(monthStart: string, volume: number, actualCents: ReadonlyMap<string, number>, dom: number, dim: number): DemoBudget[] {
  return plainMonthBudgets(monthStart, volume).map((b, i) => {
    const spec = BUDGET_SPECS[i];
    const actual = actualCents.get(spec.category) ?? 0;
    const tuned = tuneBudget(spec.role, actual, spec.threshold, dom, dim, b.amountCents) ??
      tuneBudget('ON_TRACK', actual, spec.threshold, dom, dim, b.amountCents) ?? b.amountCents;
    return { ...b, amountCents: tuned };
  });
}
