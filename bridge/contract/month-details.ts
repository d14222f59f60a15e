// GET|POST /finance/details?month=M&year=Y: one calendar month of money, as the user's API registry
// names it (the top 5 expenses and the budget breaches of a month), with its income, expense and net
// and the budgets and alerts of that month. The plugin imports the types only.
import { z } from 'zod';
import { AlertRow } from './n8n-responses';
import { TextKeys } from './responses';
import { BudgetLine } from './twin-state';

const isoDay = () => z.string().describe('YYYY-MM-DD in the configured time zone');

/** One expense of the month, as its transaction records it. */
export const MonthExpense = z.object({
  transaction_id: z.string(),
  date: isoDay(),
  amount: z.number().describe('a positive amount'),
  merchant: z.string().describe("the transaction's merchant_source"),
  description: z.string().nullable(),
  category_path: z.string().describe('"Category > Sub"; Uncategorised without a category'),
});

export const BudgetBreach = BudgetLine.extend({
  over_amount: z.number().describe('actual − budget, a positive amount'),
});

export const MonthDetails = z.object({
  month: z.string().describe('YYYY-MM'),
  currency: z.string(),
  first_day: isoDay(),
  last_day: isoDay(),
  closed: z.boolean().describe('the month is over; false for the current month'),
  as_of: isoDay().describe('the day the budgets and alerts are read on: the last day of a closed month, today for the current one'),
  has_data: z.boolean().describe('false when the month has neither an income or expense nor a budget'),
  income: z.number(),
  expense: z.number().describe('a positive amount'),
  net: z.number().describe("income − expense, transfers excluded: the month's net_savings in v_monthly_pnl"),
  top_expenses: z.array(MonthExpense).describe('the 5 largest expenses of the month, largest first (ties: the later day first, then by transaction_id)'),
  budgets: z.array(BudgetLine).describe('every budget of the month in the scope of get_current_budget_alerts(), as of as_of, worst first'),
  breaches: z.array(BudgetBreach).describe('the budgets at or over 100 % utilization, worst first'),
  alerts: z.array(AlertRow).describe('the rows get_current_budget_alerts() returns on as_of (at 23:59 for a closed month), in its order'),
});

export const MonthDetailsResponse = TextKeys.extend({
  computed_at: z.string(),
  month: z.string().describe('YYYY-MM, the month described'),
  data: MonthDetails,
});

export type MonthExpense = z.infer<typeof MonthExpense>;
export type BudgetBreach = z.infer<typeof BudgetBreach>;
export type MonthDetails = z.infer<typeof MonthDetails>;
export type MonthDetailsResponse = z.infer<typeof MonthDetailsResponse>;
