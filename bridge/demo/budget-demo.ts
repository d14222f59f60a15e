// The demo person's monthly budget plan: one person in Poland, amounts in PLN. The plan is written
// before the month starts and never looks at what was spent, so it reads the same on the 1st and on
// the 31st; get_current_budget_alerts() then reports on spending against it. Amounts move little
// from month to month: a yearly price index in January and a few seasonal lines.
import { severityOf, type BudgetFigures } from '../finance/budget-alerts';
import { calendarDate } from '../time/local-date';
import { centsToNumeric } from './demo-sql';
import { categoryPath } from './finance-catalog';
import { gymCardCents, rentCents } from './prices';

export type BudgetState = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'ON_TRACK';

export interface PlanLine {
  category: string;
  priority: 'Critical' | 'High' | 'Medium' | 'Low';
  /** alert_threshold, percent */
  threshold: number;
  budgetType: 'Fixed' | 'Variable' | 'Flexible';
  /** The month's amount in cents; `month` is 1–12. */
  amount: (year: number, month: number, volume: number) => number;
}

const tens = (cents: number) => Math.round(cents / 1000) * 1000;

/** Everyday lines are planned at 2026 prices and moved by inflation once a year, in January. */
function planned(zloty: number, seasonal: Partial<Record<number, number>> = {}) {
  return (year: number, month: number, volume: number) =>
    tens(zloty * 100 * volume * Math.pow(1.035, year - 2026) * (seasonal[month] ?? 1));
}

const firstOfMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

export const BUDGET_PLAN: readonly PlanLine[] = [
  // The rent line keeps a small cushion over the rent itself, which is paid in full on the 1st.
  { category: 'RENT', priority: 'Critical', threshold: 95, budgetType: 'Fixed',
    amount: (y, m) => Math.ceil((rentCents(firstOfMonth(y, m)) * 1.04) / 1000) * 1000 },
  // Still planned at the old price of the sports card, a few złoty below what it costs now.
  { category: 'GYM', priority: 'Medium', threshold: 80, budgetType: 'Fixed',
    amount: (y, m) => Math.floor((gymCardCents(firstOfMonth(y, m)) - 100) / 1000) * 1000 },
  { category: 'GROCERIES', priority: 'High', threshold: 90, budgetType: 'Variable', amount: planned(2_400, { 12: 1.1 }) },
  { category: 'RESTAURANTS', priority: 'Medium', threshold: 80, budgetType: 'Flexible', amount: planned(450, { 12: 1.2 }) },
  { category: 'FUEL', priority: 'High', threshold: 100, budgetType: 'Variable', amount: planned(700, { 7: 1.15, 8: 1.15 }) },
  { category: 'COFFEE', priority: 'Low', threshold: 80, budgetType: 'Flexible', amount: planned(220) },
  { category: 'ONLINE-SHOPPING', priority: 'Medium', threshold: 90, budgetType: 'Flexible', amount: planned(700, { 11: 1.15 }) },
  { category: 'PHARMACY', priority: 'Critical', threshold: 100, budgetType: 'Variable', amount: planned(140) },
  { category: 'CLOTHING', priority: 'Low', threshold: 80, budgetType: 'Flexible', amount: planned(300) },
  { category: 'PUBLIC-TRANSPORT', priority: 'Low', threshold: 100, budgetType: 'Fixed', amount: planned(50) },
  { category: 'TRAIN', priority: 'Low', threshold: 100, budgetType: 'Variable', amount: planned(200) },
  { category: 'CINEMA', priority: 'Low', threshold: 80, budgetType: 'Flexible', amount: planned(120) },
  { category: 'GIFTS', priority: 'Low', threshold: 90, budgetType: 'Flexible', amount: planned(250, { 12: 2 }) },
];

export interface DemoBudget extends Omit<PlanLine, 'amount'> {
  id: string;
  year: number;
  month: number;
  amountCents: number;
  notes: string;
}

/** Integer division rounded half away from zero, as PostgreSQL's round(numeric, n) does. */
function roundDiv(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator);
  return sign * Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
}

/**
 * The figures the finance source reads for a budget (bridge/sources/finance-source.ts), from cents and
 * with its SQL's rounding: utilization = round(actual / budget × 100, 2), projected = round(actual / day × days, 2).
 */
export function budgetFigures(b: DemoBudget, actualCents: number, day: number, daysInMonth: number): BudgetFigures {
  const projected = roundDiv(actualCents * daysInMonth, day);
  const left = daysInMonth - day;
  const dailyLimit = left > 0 ? roundDiv(b.amountCents - actualCents, left) : null;
  return {
    budget_id: b.id,
    category_path: categoryPath(b.category),
    priority: b.priority,
    alert_threshold: b.threshold,
    budget_amount: b.amountCents / 100,
    actual_amount: actualCents / 100,
    utilization_pct: roundDiv(actualCents * 10_000, b.amountCents) / 100,
    projected_month_end: projected / 100,
    days_remaining: left,
    daily_limit_remaining: dailyLimit === null ? null : dailyLimit / 100,
    text: {
      left: centsToNumeric(b.amountCents - actualCents),
      over: centsToNumeric(actualCents - b.amountCents),
      projectedOver: centsToNumeric(projected - b.amountCents),
      dailyLimit: dailyLimit === null ? null : centsToNumeric(dailyLimit),
    },
  };
}

/** The state get_current_budget_alerts() gives a budget: the bridge's own rule over those figures. */
export function budgetState(actualCents: number, budget: DemoBudget, day: number, daysInMonth: number): BudgetState {
  return severityOf(budgetFigures(budget, actualCents, day, daysInMonth)) ?? 'ON_TRACK';
}

/** The plan of one month (`monthStart` is its first day). */
export function monthBudgets(monthStart: string, volume: number): DemoBudget[] {
  const { year, month } = calendarDate(monthStart);
  return BUDGET_PLAN.map(({ amount, ...line }) => ({
    ...line,
    id: `BUD-${monthStart.slice(0, 7)}-${line.category}`,
    year,
    month,
    amountCents: amount(year, month, volume),
    notes: 'Demo budget',
  }));
}
