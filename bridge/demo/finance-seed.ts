// Writes the finance demo: reference rows, the transactions of every day in a range, and budgets.
import type pg from 'pg';
import { addDays, calendarDate, monthStartAfter } from '../time/local-date';
import { monthBudgets, type DemoBudget } from './budget-demo';
import { scheduledPayments } from './calendar-demo';
import { BulkInsert, centsToNumeric } from './demo-sql';
import { ACCOUNTS, CATEGORIES, categoryPath } from './finance-catalog';
import { dataSourceFor, demoMerchants, generateFinanceDay, historicalBefore } from './finance-demo';

export interface FinanceRun {
  seed: number;
  today: string;
  volume: number;
}

interface Ids {
  account: Map<string, number>;
  category: Map<string, number>;
  merchant: Map<string, number>;
}

async function ensureReferenceRows(client: pg.PoolClient): Promise<{ ids: Ids; counts: Record<string, number> }> {
  const accounts = new BulkInsert(client, 'accounts', [['account_name', 'text'], ['account_type', 'text'], ['institution_name', 'text'], ['currency', 'text']]);
  for (const a of ACCOUNTS) await accounts.add(a.name, a.type, a.institution, 'PLN');
  const categories = new BulkInsert(client, 'categories', [['category_name', 'text'], ['subcategory_name', 'text'], ['category_type', 'text'], ['display_order', 'int']]);
  for (const [i, c] of CATEGORIES.entries()) await categories.add(c.name, c.sub, c.type, i + 1);
  const counts = { accounts: await accounts.flush(), categories: await categories.flush() };
  const ids = await readIds(client);
  const merchants = new BulkInsert(client, 'merchants', [['merchant_name', 'text'], ['default_category_id', 'int'], ['data_type', 'text']]);
  for (const m of demoMerchants()) await merchants.add(m.name, ids.category.get(m.category) ?? null, 'Atomic');
  const inserted = { ...counts, merchants: await merchants.flush() };
  return { ids: await readIds(client), counts: inserted };
}

async function readIds(client: pg.PoolClient): Promise<Ids> {
  // One client runs one query at a time: these are read one after the other.
  const accounts = await client.query<{ id: number; name: string }>('SELECT account_id AS id, account_name AS name FROM accounts');
  const merchants = await client.query<{ id: number; name: string }>('SELECT merchant_id AS id, merchant_name AS name FROM merchants');
  const categories = await client.query<{ id: number; name: string }>(
    `SELECT category_id AS id, category_name || ' > ' || subcategory_name AS name FROM categories`,
  );
  const byPath = new Map(categories.rows.map((r) => [r.name, r.id]));
  const category = new Map(CATEGORIES.flatMap((c) => {
    const id = byPath.get(categoryPath(c.key));
    return id === undefined ? [] : [[c.key, id] as const];
  }));
  return { account: new Map(accounts.rows.map((r) => [r.name, r.id])), category, merchant: new Map(merchants.rows.map((r) => [r.name, r.id])) };
}

async function insertDays(client: pg.PoolClient, ids: Ids, run: FinanceRun, from: string, to: string): Promise<number> {
  const bulk = new BulkInsert(client, 'transactions', [
    ['transaction_id', 'text'], ['transaction_date', 'date'], ['type', 'text'], ['amount', 'numeric'], ['currency', 'text'],
    ['merchant_source', 'text'], ['description', 'text'], ['account_id', 'int'], ['category_id', 'int'], ['merchant_id', 'int'],
    ['data_source', 'text'], ['created_at', 'timestamp'], ['updated_at', 'timestamp'],
  ]);
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const source = dataSourceFor(date, run.today);
    for (const t of generateFinanceDay(run.seed, date, run.volume)) {
      await bulk.add(t.id, t.date, t.type, centsToNumeric(t.amountCents), 'PLN', t.merchant, t.description,
        ids.account.get(t.account) ?? null, ids.category.get(t.category) ?? null, ids.merchant.get(t.merchant) ?? null,
        source, t.createdAt, t.createdAt);
    }
  }
  return bulk.flush();
}

async function insertBudgets(client: pg.PoolClient, ids: Ids, budgets: DemoBudget[]): Promise<number> {
  const bulk = new BulkInsert(client, 'budgets', [
    ['budget_id', 'text'], ['budget_year', 'int'], ['budget_month', 'int'], ['type', 'text'], ['category_id', 'int'],
    ['budget_amount', 'numeric'], ['alert_threshold', 'int'], ['notes', 'text'], ['budget_type', 'text'], ['priority', 'text'],
  ], 20_000, 'ON CONFLICT (budget_id) DO NOTHING');
  for (const b of budgets) {
    await bulk.add(b.id, b.year, b.month, 'Expense', ids.category.get(b.category) ?? null, centsToNumeric(b.amountCents),
      b.threshold, b.notes, b.budgetType, b.priority);
  }
  return bulk.flush();
}

/** The plan of every month from `fromMonth` (a first day) up to today's month, both included. */
function budgetsThrough(fromMonth: string, today: string, volume: number): DemoBudget[] {
  const out: DemoBudget[] = [];
  for (let m = fromMonth; m <= today; m = monthStartAfter(m, 1)) out.push(...monthBudgets(m, volume));
  return out;
}

/** The calendar reaches this many days back on a first start, and this many ahead of today always. */
const CALENDAR_BACK_DAYS = 90;
const CALENDAR_AHEAD_DAYS = 60;

/**
 * The scheduled payments of [from, to] that expense_calendar does not hold yet (by name and date),
 * then those the plan has paid by today marked paid where they are not, with the paying transaction:
 * the rows a first start today would write.
 */
async function fillCalendar(client: pg.PoolClient, run: FinanceRun, from: string, to: string): Promise<Record<string, number>> {
  const bulk = new BulkInsert(client, 'expense_calendar', [
    ['transaction_id', 'text'], ['name', 'text'], ['amount', 'numeric'], ['currency', 'text'], ['category', 'text'], ['sub_category', 'text'],
    ['frequency', 'text'], ['expense_date', 'date'], ['month', 'int'], ['day', 'int'], ['description', 'text'], ['is_paid', 'bool'],
  ], 20_000, `AS u (transaction_id, name, amount, currency, category, sub_category, frequency, expense_date, month, day, description, is_paid)
    WHERE NOT EXISTS (SELECT 1 FROM expense_calendar e WHERE e.name = u.name AND e.expense_date = u.expense_date)`);
  const plan = scheduledPayments(run.seed, from, to, run.today, run.volume);
  for (const p of plan) {
    const { month, day } = calendarDate(p.date);
    await bulk.add(p.transactionId, p.name, centsToNumeric(p.amountCents), 'PLN', p.category, p.subCategory, p.frequency, p.date, month, day, p.description, p.paid);
  }
  const scheduled = await bulk.flush();
  const settled = plan.filter((p) => p.paid);
  const paid = await client.query(
    `UPDATE expense_calendar e SET is_paid = true, transaction_id = coalesce(e.transaction_id, u.transaction_id), updated_at = now()
     FROM unnest($1::text[], $2::date[], $3::text[]) AS u (name, expense_date, transaction_id)
     WHERE e.name = u.name AND e.expense_date = u.expense_date AND e.is_paid = false`,
    [settled.map((p) => p.name), settled.map((p) => p.date), settled.map((p) => p.transactionId)],
  );
  return { expense_calendar: scheduled, paid: paid.rowCount ?? 0 };
}

/** The first start: everything from `from` to today. The caller checked that there are no transactions. */
export async function seedFinance(client: pg.PoolClient, run: FinanceRun, from: string): Promise<Record<string, number>> {
  const { ids, counts } = await ensureReferenceRows(client);
  const transactions = await insertDays(client, ids, run, from, run.today);
  const budgets = await insertBudgets(client, ids, budgetsThrough(calendarDate(from).monthStart, run.today, run.volume));
  const calendarFrom = [from, addDays(run.today, -CALENDAR_BACK_DAYS)].sort()[1];
  const { expense_calendar } = await fillCalendar(client, run, calendarFrom, addDays(run.today, CALENDAR_AHEAD_DAYS));
  return { ...counts, transactions, budgets, expense_calendar };
}

/** Later starts: the days after the newest demo transaction, the ageing of data_source, this month's budgets. */
export async function topUpFinance(client: pg.PoolClient, run: FinanceRun): Promise<Record<string, number>> {
  // The newest demo row; the date index makes this a short backward scan.
  const newest = (
    await client.query<{ d: string }>(
      `SELECT transaction_date::text AS d FROM transactions WHERE transaction_id LIKE 'DEMO-%' ORDER BY transaction_date DESC LIMIT 1`,
    )
  ).rows.at(0)?.d;
  if (!newest) return {};
  const counts: Record<string, number> = { transactions: 0, budgets: 0, aged: 0 };
  let ids: Ids | null = null;
  if (newest < run.today) {
    ids = await readIds(client);
    counts.transactions = await insertDays(client, ids, run, addDays(newest, 1), run.today);
    // A day older than the cut-over is imported history: the same rule a first start today would apply.
    const aged = await client.query(
      `UPDATE transactions SET data_source = 'Historical'
       WHERE transaction_date >= $1::date AND transaction_date < $2::date AND transaction_id LIKE 'DEMO-%' AND data_source <> 'Historical'`,
      [historicalBefore(newest), historicalBefore(run.today)],
    );
    counts.aged = aged.rowCount ?? 0;
  }
  const present = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM budgets WHERE budget_year = $1 AND budget_month = $2`,
    [calendarDate(run.today).year, calendarDate(run.today).month],
  );
  if (present.rows[0].n === 0) {
    ids ??= await readIds(client);
    counts.budgets = await insertBudgets(client, ids, budgetsThrough(monthStartAfter(newest, 1), run.today, run.volume));
  }
  // From the newest transaction's day, the last start's today: what was due then is settled now. An
  // installation seeded before the calendar existed gets the payments from then on, not a made-up past.
  const calendar = await fillCalendar(client, run, newest < run.today ? newest : run.today, addDays(run.today, CALENDAR_AHEAD_DAYS));
  return { ...counts, ...calendar };
}
