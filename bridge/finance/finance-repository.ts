// autonomous_finance behind one door: every statement the bridge runs on the finance database, each
// answer typed where its rows enter (numeric text converted once). Whether a range of days is read
// from the summaries of closed months or live from the transactions is decided here, and nowhere else.
import { num, numOrNull, type Queryable } from '../db/pools';
import { databaseActivity, tableActivity } from '../db/table-activity-repository';
import { readClosedOrLive, type ClosedDays, type SplitStatement } from '../store/closed-or-live';
import type { DayRange } from '../time/day-range';
import type { FingerprintRow } from '../store/summaries-repository';
import type { LocalDate } from '../time/local-date';
import type { MonthExpense } from '../contract/month-details';
import type { BudgetFigures } from './budget-alerts';
import type { CategoryPaths } from './category-paths';
import { UNCATEGORISED } from './category-paths';
import { urgencyFrom, type ScheduledPayment, type UpcomingRead, type UpcomingSource } from './upcoming-payments';

/** Income, expense and net of one month (YYYY-MM); net subtracted in SQL, exactly. */
export interface MonthTotals {
  month: string;
  income: number;
  expense: number;
  net: number;
}

/** Expense of one category in one month up to a day of the month, and whether it was spent on by today. */
export interface CategoryMonth {
  month: string;
  category_id: number | null;
  to_day: number;
  spent: boolean;
}

export interface NetMonth {
  month: string;
  net: number;
  net_to_day: number;
}

export interface WeekSpending {
  /** Monday, YYYY-MM-DD */
  week: string;
  category_id: number | null;
  spent: number;
}

/** The daily outflow of a history range cut into every 30-day period: percentiles of their totals. */
export interface OutflowHistory {
  history_from: string | null;
  periods: number;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  last_30_days: number;
}

/** What the ledger keeps of one closed day, category and type. */
export interface FinanceDay {
  day: string;
  category_id: number | null;
  type: string;
  rows: number;
  /** exact numeric text */
  amount: string;
}

export interface FinanceRepository {
  /**
   * The per-budget figures of get_current_budget_alerts() at the end of `today`'s minute, over the
   * month's rows dated before `until` (the next month's first day counts the whole month, as the
   * function does; a past day's next day counts what it had seen).
   */
  budgetFigures(today: LocalDate, until: string): Promise<BudgetFigures[]>;
  /** Income, expense and net per month of the range (months with a transaction only). */
  monthTotals(range: DayRange): Promise<MonthTotals[]>;
  /** Expense per month and category, summed up to day of month `cutoffDay`; `spent`: any expense up to `today`. */
  categoryMonths(range: DayRange, cutoffDay: number, today: string): Promise<CategoryMonth[]>;
  /** Net per month, and up to day of month `cutoffDay`. */
  netMonths(range: DayRange, cutoffDay: number): Promise<NetMonth[]>;
  /** Expense per week (Monday) and category. */
  weeklySpending(range: DayRange): Promise<WeekSpending[]>;
  /** Income and expense over [first, last], both days included. */
  spanTotals(first: string, last: string): Promise<{ income: number; expense: number }>;
  /** The outflow of the days [from, to] as 30-day periods. */
  outflowHistory(from: string, to: string, horizonDays: number): Promise<OutflowHistory>;
  /** The oldest transaction's date; null without any. */
  firstDay(): Promise<string | null>;
  /** Display paths of the categories ("Lifestyle > Groceries"). */
  categoryPaths(): Promise<CategoryPaths>;

  // ---- month details (/finance/details) ----
  /** The `limit` largest expenses dated in [from, to): amount descending, then the later day, then transaction_id by code point. */
  topExpenses(from: string, to: string, limit: number): Promise<MonthExpense[]>;

  /**
   * The unpaid scheduled payments of `day` (YYYY-MM-DD) and the 30 days after it: on the database's
   * own today the rows of v_upcoming_expenses in its order; otherwise, or without the view, its rule
   * over expense_calendar with `day` in place of CURRENT_DATE; without that table, none.
   */
  upcoming(day: string): Promise<UpcomingRead>;
  /** The categories (name and subcategory) with an Expense dated in [first, last]. */
  spentCategories(first: string, last: string): Promise<SpentCategory[]>;
}

export interface SpentCategory {
  category: string;
  sub_category: string | null;
}

/** What the summaries of closed months read of the finance database (always live). */
export interface FinanceSummarySource {
  /** Per month before `open`: the row count and fingerprint of its transactions. */
  monthFingerprints(open: string): Promise<FingerprintRow[]>;
  /** Per day, category and type of [from, to): what the ledger keeps of a month. */
  days(from: string, to: string): Promise<FinanceDay[]>;
  /** A hash of the user's get_current_budget_alerts() definition; null when there is none. */
  alertsDefinition(): Promise<string | null>;
  /** A cheap word that moves when transactions or that function change (db/table-activity-repository.ts); null: cannot tell. */
  changeSignal(): Promise<string | null>;
}

// ---- statements ---------------------------------------------------------------------------------

// The figures of get_current_budget_alerts() for every budget in its scope, with "today" passed in
// rather than read from the server's clock. Rounding is PostgreSQL's (numeric, half away from zero).
const BUDGET_FIGURES_SQL = `
  WITH month_spend AS (
    -- One pass over the month's expenses (one partition, by date), not one per budget.
    SELECT t.category_id, sum(t.amount) AS actual
    FROM transactions t
    WHERE t.type = 'Expense' AND t.transaction_date >= $1::date AND t.transaction_date < $2::date
    GROUP BY t.category_id
  ), spent AS (
    SELECT b.budget_id, b.budget_amount, b.alert_threshold, b.priority, b.category_id,
           coalesce(ms.actual, 0) AS actual
    FROM budgets b
    LEFT JOIN month_spend ms ON ms.category_id = b.category_id
    WHERE b.is_active AND b.type = 'Expense' AND b.budget_amount > 0
      AND b.budget_year = $3 AND b.budget_month = $4
  ), measured AS (
    SELECT s.*, round(s.actual / s.budget_amount * 100, 2) AS util,
           round(s.actual / $5::int * $6::int, 2) AS projected,
           $6::int - $5::int AS days_left
    FROM spent s
  )
  SELECT m.budget_id,
         c.category_name || coalesce(' > ' || c.subcategory_name, '') AS category_path,
         m.priority, m.alert_threshold,
         to_char(m.budget_amount, 'FM999999999990.00') AS budget_amount,
         to_char(m.actual, 'FM999999999990.00') AS actual_amount,
         to_char(m.util, 'FM999999999990.00') AS utilization_pct,
         to_char(m.projected, 'FM999999999990.00') AS projected_month_end,
         m.days_left AS days_remaining,
         CASE WHEN m.days_left > 0 THEN to_char(round((m.budget_amount - m.actual) / m.days_left, 2), 'FM999999999990.00') END
           AS daily_limit_remaining,
         to_char(m.budget_amount - m.actual, 'FM999999999990.00') AS left_amount,
         to_char(m.actual - m.budget_amount, 'FM999999999990.00') AS over_amount,
         to_char(m.projected - m.budget_amount, 'FM999999999990.00') AS projected_over
  FROM measured m
  LEFT JOIN categories c ON c.category_id = m.category_id
  -- The function's order; the tie on budget_id follows the database's collation, which only SQL knows.
  ORDER BY CASE m.priority WHEN 'Critical' THEN 1 WHEN 'High' THEN 2 WHEN 'Medium' THEN 3 ELSE 4 END,
           m.util DESC, m.budget_id`;

/** A row of BUDGET_FIGURES_SQL: the amounts as to_char text, exact. */
interface BudgetFiguresRow {
  budget_id: string;
  /** null when the budget's category is missing */
  category_path: string | null;
  priority: string | null;
  alert_threshold: number | null;
  budget_amount: string;
  actual_amount: string;
  utilization_pct: string;
  projected_month_end: string;
  days_remaining: number;
  daily_limit_remaining: string | null;
  left_amount: string;
  over_amount: string;
  projected_over: string;
}

function figuresOf(r: BudgetFiguresRow): BudgetFigures {
  return {
    budget_id: r.budget_id,
    category_path: r.category_path ?? '(no category)',
    priority: r.priority,
    alert_threshold: r.alert_threshold,
    budget_amount: num(r.budget_amount),
    actual_amount: num(r.actual_amount),
    utilization_pct: num(r.utilization_pct),
    projected_month_end: num(r.projected_month_end),
    days_remaining: r.days_remaining,
    daily_limit_remaining: numOrNull(r.daily_limit_remaining),
    text: { left: r.left_amount, over: r.over_amount, projectedOver: r.projected_over, dailyLimit: r.daily_limit_remaining },
  };
}

/** The ledger's closed days: a relation with the transactions' columns, summed per day, category and type. */
const LEDGER_DAYS = 'digital_twin_ledger.finance_day';

/**
 * An aggregate written over the transactions' columns (transaction_date, type, amount, category_id)
 * reads the ledger's days unchanged: each figure is written once, over either relation.
 */
function overTransactions(over: (relation: string) => string): SplitStatement {
  return { kind: 'finance', closed: over(LEDGER_DAYS), live: over('transactions') };
}

// Transfers move money between the person's own accounts: net is income minus expense. A range of
// months keeps the scan to a few yearly partitions, read through idx_transactions_date.
const MONTH_TOTALS = overTransactions(
  (relation) => `
  SELECT to_char(transaction_date, 'YYYY-MM') AS month,
         coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0) AS income,
         coalesce(sum(amount) FILTER (WHERE type = 'Expense'), 0) AS expense,
         coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0)
           - coalesce(sum(amount) FILTER (WHERE type = 'Expense'), 0) AS net
  FROM ${relation}
  WHERE transaction_date >= $1::date AND transaction_date < $2::date
    AND type IN ('Income', 'Expense')
  GROUP BY 1`,
);

// "By the same day": transactions up to the day of month $3 (31 covers every month whole). The day
// is an aggregate's filter, not the scan's; `spent` finds the categories spent on up to $4.
// Grouped by category_id: the ledger's database may not hold the categories (see categoryPaths).
const CATEGORY_MONTHS = overTransactions(
  (relation) => `
  SELECT to_char(t.transaction_date, 'YYYY-MM') AS month, t.category_id,
         coalesce(sum(t.amount) FILTER (WHERE extract(day FROM t.transaction_date) <= $3), 0) AS to_day,
         bool_or(t.transaction_date <= $4::date) AS spent
  FROM ${relation} t
  WHERE t.type = 'Expense' AND t.transaction_date >= $1::date AND t.transaction_date < $2::date
  GROUP BY 1, 2`,
);

const NET_MONTHS = overTransactions(
  (relation) => `
  SELECT to_char(transaction_date, 'YYYY-MM') AS month,
         sum(CASE WHEN type = 'Income' THEN amount ELSE -amount END) AS net,
         coalesce(sum(CASE WHEN type = 'Income' THEN amount ELSE -amount END) FILTER (WHERE extract(day FROM transaction_date) <= $3), 0) AS net_to_day
  FROM ${relation}
  WHERE type IN ('Income', 'Expense') AND transaction_date >= $1::date AND transaction_date < $2::date
  GROUP BY 1`,
);

// date_trunc on a timestamp without zone: a date's week is its own, whatever the session zone.
const WEEKLY_SPENDING = overTransactions(
  (relation) => `
  SELECT to_char(date_trunc('week', t.transaction_date::timestamp), 'YYYY-MM-DD') AS week, t.category_id, sum(t.amount) AS spent
  FROM ${relation} t
  WHERE t.type = 'Expense' AND t.transaction_date >= $1::date AND t.transaction_date < $2::date
  GROUP BY 1, 2`,
);

const SPAN_SQL = `
  SELECT coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0) AS income,
         coalesce(sum(amount) FILTER (WHERE type = 'Expense'), 0) AS expense
  FROM transactions
  WHERE transaction_date BETWEEN $1::date AND $2::date AND type IN ('Income', 'Expense')`;

// Served by the index on transaction_date (and partition pruning); percentile_cont interpolates
// like the usual definition (type 7). Days without spending count as 0; the series starts no
// earlier than the first transaction on record. $3 is the period's length in days.
const OUTFLOW_SQL = `
  WITH bounds AS (
    -- No transaction at all: no series (greatest() would ignore the null).
    SELECT CASE WHEN min(transaction_date) IS NOT NULL THEN greatest($1::date, min(transaction_date)) END AS first_day,
           $2::date AS last_day
    FROM transactions
  ), spent AS (
    -- The parameters themselves, not the bounds: partitions are pruned when the statement is planned.
    SELECT transaction_date AS day, sum(amount) AS amount
    FROM transactions
    WHERE type = 'Expense' AND transaction_date BETWEEN $1::date AND $2::date
    GROUP BY transaction_date
  ), series AS (
    SELECT d::date AS day, coalesce(spent.amount, 0) AS amount
    FROM bounds, generate_series(bounds.first_day, bounds.last_day, interval '1 day') AS d
    LEFT JOIN spent ON spent.day = d::date
  ), periods AS (
    SELECT day, sum(amount) OVER w AS total, count(*) OVER w AS days
    FROM series
    WINDOW w AS (ORDER BY day ROWS BETWEEN $3::int - 1 PRECEDING AND CURRENT ROW)
  )
  SELECT (SELECT first_day FROM bounds) AS history_from,
         count(*)::int AS periods,
         percentile_cont(0.10) WITHIN GROUP (ORDER BY total::float8) AS p10,
         percentile_cont(0.25) WITHIN GROUP (ORDER BY total::float8) AS p25,
         percentile_cont(0.50) WITHIN GROUP (ORDER BY total::float8) AS median,
         percentile_cont(0.75) WITHIN GROUP (ORDER BY total::float8) AS p75,
         percentile_cont(0.90) WITHIN GROUP (ORDER BY total::float8) AS p90,
         (SELECT coalesce(sum(amount), 0) FROM series WHERE day > $2::date - $3::int) AS last_30_days
  FROM periods
  WHERE days = $3::int`;

// The oldest row, read from the front of idx_transactions_date.
const FIRST_DAY_SQL = `SELECT min(transaction_date) AS first FROM transactions`;

const PATHS_SQL = `
  SELECT category_id, coalesce(category_name || coalesce(' > ' || subcategory_name, ''), '${UNCATEGORISED}') AS path
  FROM categories`;

// Per month before $1; a date's month is its own, whatever the session zone. The sum of a hash of
// each row's key, date, type, amount, category and updated_at: a late insert, a backdated row, an
// edit or a delete all change it, and the user's rows are read, never changed.
const FINGERPRINTS_SQL = `
  SELECT to_char(date_trunc('month', t.transaction_date::timestamp), 'YYYY-MM-DD') AS month,
         count(*)::text AS rows,
         sum(hashtextextended(concat_ws('|', t.transaction_id, t.transaction_date, t.type, t.amount,
                                        t.category_id, t.updated_at), 0)::numeric)::text AS fingerprint
  FROM transactions t
  WHERE t.transaction_date < $1::date
  GROUP BY 1`;

const DAYS_SQL = `
  SELECT transaction_date AS day, category_id, type, count(*)::int AS rows, sum(amount)::text AS amount
  FROM transactions
  WHERE transaction_date >= $1::date AND transaction_date < $2::date
  GROUP BY 1, 2, 3`;

const ALERTS_FUNCTION_SQL = `
  SELECT md5(string_agg(pg_get_functiondef(p.oid), ';' ORDER BY p.oid)) AS definition
  FROM pg_proc p
  WHERE p.proname = 'get_current_budget_alerts' AND pg_function_is_visible(p.oid)`;

// ---- month details (/finance/details) ----------------------------------------------------------

// Always live: one month's rows through idx_transactions_date (one partition), the largest first.
// transaction_id in the C collation, so that ties come in one order whatever the database's locale.
const TOP_EXPENSES_SQL = `
  SELECT t.transaction_id, to_char(t.transaction_date, 'YYYY-MM-DD') AS date, t.amount::text AS amount,
         t.merchant_source AS merchant, t.description,
         coalesce(c.category_name || coalesce(' > ' || c.subcategory_name, ''), '${UNCATEGORISED}') AS category_path
  FROM transactions t
  LEFT JOIN categories c ON c.category_id = t.category_id
  WHERE t.type = 'Expense' AND t.transaction_date >= $1::date AND t.transaction_date < $2::date
  ORDER BY t.amount DESC, t.transaction_date DESC, t.transaction_id COLLATE "C"
  LIMIT $3`;

// Which relations answer for `day`, in one round trip and with no error on a missing one: to_regclass
// resolves the names through the search_path exactly as the reads below do. Asked on every read, so a
// view the person creates or drops later is followed at once; it is a catalogue lookup, not a scan.
const UPCOMING_PROBE_SQL = `
  SELECT $1::date = current_date AS today,
         to_regclass('v_upcoming_expenses') IS NOT NULL AS has_view,
         to_regclass('expense_calendar') IS NOT NULL AS has_table`;

// The view as it stands, its own order untouched.
const UPCOMING_VIEW_SQL = `
  SELECT id, name, amount::text AS amount, currency, category, sub_category, frequency,
         expense_date, days_until, urgency
  FROM v_upcoming_expenses`;

// v_upcoming_expenses' rule with $1 in place of CURRENT_DATE; ties on a date by id, for a stable answer.
const UPCOMING_RULE_SQL = `
  SELECT id, name, amount::text AS amount, currency, category, sub_category, frequency, expense_date,
         expense_date - $1::date AS days_until,
         CASE
           WHEN expense_date = $1::date THEN 'today'
           WHEN expense_date = $1::date + 1 THEN 'tomorrow'
           WHEN expense_date <= $1::date + 7 THEN 'this_week'
           ELSE 'later'
         END AS urgency
  FROM expense_calendar
  WHERE expense_date BETWEEN $1::date AND $1::date + 30 AND is_paid = false
  ORDER BY expense_date, id`;

interface ScheduledRow {
  id: number | string;
  name: string;
  amount: string | null;
  currency: string | null;
  category: string | null;
  sub_category: string | null;
  frequency: string | null;
  expense_date: string;
  days_until: number;
  urgency: unknown;
}

function scheduledOf(r: ScheduledRow): ScheduledPayment {
  return {
    id: Number(r.id),
    name: r.name,
    amount: num(r.amount),
    currency: r.currency,
    category: r.category,
    sub_category: r.sub_category,
    frequency: r.frequency,
    expense_date: r.expense_date,
    days_until: Number(r.days_until),
    urgency: urgencyFrom(r.urgency, Number(r.days_until)),
  };
}

const SPENT_CATEGORIES_SQL = `
  SELECT DISTINCT c.category_name AS category, c.subcategory_name AS sub_category
  FROM transactions t
  JOIN categories c ON c.category_id = t.category_id
  WHERE t.type = 'Expense' AND t.transaction_date BETWEEN $1::date AND $2::date`;

// ---- the repository -----------------------------------------------------------------------------

type Numeric = string | number | null;

export class PgFinanceRepository implements FinanceRepository, FinanceSummarySource {
  constructor(
    private readonly db: Queryable,
    /** The checked closed days; null reads every day live. */
    private readonly closed: ClosedDays | null = null,
  ) {}

  private split<Row extends object>(statement: SplitStatement, range: DayRange, params: unknown[] = []): Promise<Row[]> {
    return readClosedOrLive<Row>(this.db, this.closed, statement, range, params);
  }

  async budgetFigures(today: LocalDate, until: string): Promise<BudgetFigures[]> {
    const params = [today.monthStart, until < today.nextMonthStart ? until : today.nextMonthStart, today.year, today.month, today.day, today.daysInMonth];
    return (await this.db.query<BudgetFiguresRow>(BUDGET_FIGURES_SQL, params)).rows.map(figuresOf);
  }

  async monthTotals(range: DayRange): Promise<MonthTotals[]> {
    const rows = await this.split<{ month: string; income: string; expense: string; net: string }>(MONTH_TOTALS, range);
    return rows.map((r) => ({ month: r.month, income: num(r.income), expense: num(r.expense), net: num(r.net) }));
  }

  async categoryMonths(range: DayRange, cutoffDay: number, today: string): Promise<CategoryMonth[]> {
    const rows = await this.split<{ month: string; category_id: number | null; to_day: string; spent: boolean }>(CATEGORY_MONTHS, range, [cutoffDay, today]);
    return rows.map((r) => ({ ...r, to_day: num(r.to_day) }));
  }

  async netMonths(range: DayRange, cutoffDay: number): Promise<NetMonth[]> {
    const rows = await this.split<{ month: string; net: string; net_to_day: string }>(NET_MONTHS, range, [cutoffDay]);
    return rows.map((r) => ({ month: r.month, net: num(r.net), net_to_day: num(r.net_to_day) }));
  }

  async weeklySpending(range: DayRange): Promise<WeekSpending[]> {
    const rows = await this.split<{ week: string; category_id: number | null; spent: string }>(WEEKLY_SPENDING, range);
    return rows.map((r) => ({ ...r, spent: num(r.spent) }));
  }

  async spanTotals(first: string, last: string): Promise<{ income: number; expense: number }> {
    const r = (await this.db.query<{ income: string; expense: string }>(SPAN_SQL, [first, last])).rows[0];
    return { income: num(r.income), expense: num(r.expense) };
  }

  async outflowHistory(from: string, to: string, horizonDays: number): Promise<OutflowHistory> {
    type Row = Omit<OutflowHistory, 'last_30_days'> & { last_30_days: Numeric };
    const r = (await this.db.query<Row>(OUTFLOW_SQL, [from, to, horizonDays])).rows[0];
    return { ...r, last_30_days: numOrNull(r.last_30_days) ?? 0 };
  }

  async firstDay(): Promise<string | null> {
    return (await this.db.query<{ first: string | null }>(FIRST_DAY_SQL)).rows[0]?.first ?? null;
  }

  async categoryPaths(): Promise<CategoryPaths> {
    const { rows } = await this.db.query<{ category_id: number; path: string }>(PATHS_SQL);
    const paths = new Map(rows.map((r) => [r.category_id, r.path]));
    return (id) => (id === null ? UNCATEGORISED : (paths.get(id) ?? UNCATEGORISED));
  }

  // ---- month details (/finance/details) ----

  async topExpenses(from: string, to: string, limit: number): Promise<MonthExpense[]> {
    const { rows } = await this.db.query<Omit<MonthExpense, 'amount'> & { amount: string }>(TOP_EXPENSES_SQL, [from, to, limit]);
    return rows.map((r) => ({ ...r, amount: num(r.amount) }));
  }

  async upcoming(day: string): Promise<UpcomingRead> {
    type Probe = { today: boolean; has_view: boolean; has_table: boolean };
    const probe = (await this.db.query<Probe>(UPCOMING_PROBE_SQL, [day])).rows[0];
    if (probe.today && probe.has_view) {
      return { source: 'view', rows: (await this.db.query<ScheduledRow>(UPCOMING_VIEW_SQL)).rows.map(scheduledOf) };
    }
    if (!probe.has_table) return { source: 'no_table', rows: [] };
    const source: UpcomingSource = probe.today ? 'table_without_view' : 'table_for_day';
    return { source, rows: (await this.db.query<ScheduledRow>(UPCOMING_RULE_SQL, [day])).rows.map(scheduledOf) };
  }

  async spentCategories(first: string, last: string): Promise<SpentCategory[]> {
    return (await this.db.query<SpentCategory>(SPENT_CATEGORIES_SQL, [first, last])).rows;
  }

  async monthFingerprints(open: string): Promise<FingerprintRow[]> {
    return (await this.db.query<FingerprintRow>(FINGERPRINTS_SQL, [open])).rows;
  }

  async days(from: string, to: string): Promise<FinanceDay[]> {
    return (await this.db.query<FinanceDay>(DAYS_SQL, [from, to])).rows;
  }

  async alertsDefinition(): Promise<string | null> {
    return (await this.db.query<{ definition: string | null }>(ALERTS_FUNCTION_SQL)).rows[0]?.definition ?? null;
  }

  changeSignal(): Promise<string | null> {
    return tableActivity(this.db, { tables: ['transactions'], functions: ['get_current_budget_alerts'] });
  }

  /** A cheap word that moves when any table of this database is written (db/table-activity-repository.ts). */
  stateSignal(): Promise<string | null> {
    return databaseActivity(this.db);
  }
}
