// Shared helpers of the bridge source tests: pools as the bridge makes them (session TimeZone set)
// and crafted rows inserted with plain SQL.
import type pg from 'pg';
import { createPool } from '../../bridge/db/pools';
import { fixedClock } from '../../bridge/time/clock';
import { localDate, type LocalDate } from '../../bridge/time/local-date';

export const ZONE = 'Europe/Warsaw';

/** Connecting gets a generous limit of its own: a loaded test machine must not turn into a failure. */
export function sourcePool(url: string, name = 'test', statementTimeoutMs = 5000, connectTimeoutMs = 5000): pg.Pool {
  return createPool(url, { name, timezone: ZONE, max: 4, statementTimeoutMs, connectTimeoutMs });
}

/** "Today" of an instant given as an ISO string with its offset, in Europe/Warsaw. */
export function todayAt(iso: string): LocalDate {
  return localDate(fixedClock(iso).now(), ZONE);
}

/** Whole cents as numeric(12,2) text: 123456 → '1234.56'. */
export function moneyText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export interface TxRow {
  id?: string;
  date: string;
  type: 'Income' | 'Expense' | 'Transfer';
  amount: string | number;
  category_id?: number | null;
  /** merchant_source; 'test' when not given */
  merchant?: string;
  description?: string | null;
}

let txSeq = 0;
export async function insertTransactions(db: pg.Pool, rows: readonly TxRow[]): Promise<void> {
  for (const r of rows) {
    await db.query(
      `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source, category_id, description)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.id ?? `TX-${++txSeq}`, r.date, r.type, r.amount, r.merchant ?? 'test', r.category_id ?? null, r.description ?? null],
    );
  }
}

export async function insertCategory(db: pg.Pool, name: string, sub: string | null, type = 'Expense'): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO categories (category_name, subcategory_name, category_type) VALUES ($1, $2, $3) RETURNING category_id`,
    [name, sub, type],
  );
  return rows[0].category_id;
}

export interface BudgetRow {
  budget_id: string;
  year: number;
  month: number;
  category_id: number | null;
  amount: string | number;
  /** undefined = the column default (100); null = no threshold */
  threshold?: number | null;
  priority?: string | null;
  type?: string;
  is_active?: boolean;
}

export async function insertBudgets(db: pg.Pool, rows: readonly BudgetRow[]): Promise<void> {
  for (const b of rows) {
    await db.query(
      `INSERT INTO budgets (budget_id, budget_year, budget_month, type, category_id, budget_amount, alert_threshold, priority, is_active)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::boolean THEN 100 ELSE $8::int END, $9, $10)`,
      [
        b.budget_id,
        b.year,
        b.month,
        b.type ?? 'Expense',
        b.category_id,
        b.amount,
        b.threshold === undefined,
        b.threshold ?? null,
        b.priority ?? null,
        b.is_active ?? true,
      ],
    );
  }
}

/** Categories under ids of their own (the serial sequence moved past them), as a fixture and the SQL both hold them. */
export async function insertCategoriesWithIds(db: pg.Pool, rows: readonly { id: number; name: string; subcategory: string | null }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO categories (category_id, category_name, subcategory_name, category_type)
     SELECT id, name, sub, 'Expense' FROM unnest($1::int[], $2::text[], $3::text[]) AS u(id, name, sub)`,
    [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.subcategory)],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('categories', 'category_id'), (SELECT max(category_id) FROM categories))`);
}

/** Many transactions in one statement, for property tests. */
export async function insertTransactionsBulk(db: pg.Pool, rows: readonly TxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source, category_id, description)
     SELECT id, d, t, a, m, c, e FROM unnest($1::text[], $2::date[], $3::text[], $4::numeric[], $5::text[], $6::int[], $7::text[]) AS u(id, d, t, a, m, c, e)`,
    [
      rows.map((r) => r.id ?? `TX-${++txSeq}`),
      rows.map((r) => r.date),
      rows.map((r) => r.type),
      rows.map((r) => r.amount),
      rows.map((r) => r.merchant ?? 'test'),
      rows.map((r) => r.category_id ?? null),
      rows.map((r) => r.description ?? null),
    ],
  );
}

/** Many budgets in one statement, for property tests; an undefined threshold is the column default, as in insertBudgets(). */
export async function insertBudgetsBulk(db: pg.Pool, rows: readonly BudgetRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO budgets (budget_id, budget_year, budget_month, type, category_id, budget_amount, alert_threshold, priority, is_active)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[], $6::numeric[], $7::int[], $8::text[], $9::bool[])`,
    [
      rows.map((r) => r.budget_id),
      rows.map((r) => r.year),
      rows.map((r) => r.month),
      rows.map((r) => r.type ?? 'Expense'),
      rows.map((r) => r.category_id),
      rows.map((r) => r.amount),
      rows.map((r) => (r.threshold === undefined ? 100 : r.threshold)),
      rows.map((r) => r.priority ?? null),
      rows.map((r) => r.is_active ?? true),
    ],
  );
}
