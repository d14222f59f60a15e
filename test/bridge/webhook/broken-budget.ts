// A budget broken today (spent over the budget in the current month, in the user's zone): the
// finance state gains a CRITICAL alert, the transition the webhook exists for.
import { adminQuery } from '../../fixtures/databases';

export async function breakBudgetToday(
  financeDb: string,
  o: { budgetId: string; subcategory: string; budget: number; spent: number; transactionId: string },
): Promise<void> {
  const today = `(now() AT TIME ZONE 'Europe/Warsaw')::date`;
  await adminQuery(
    `WITH c AS (INSERT INTO categories (category_name, subcategory_name, category_type) VALUES ('Lifestyle', $1::varchar, 'Expense') RETURNING category_id),
          b AS (INSERT INTO budgets (budget_id, budget_year, budget_month, type, category_id, budget_amount)
                SELECT $2::varchar, extract(year FROM ${today})::int, extract(month FROM ${today})::int, 'Expense', category_id, $3::numeric FROM c)
     INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source, category_id)
     SELECT $4::varchar, ${today}, 'Expense', $5::numeric, 'Test', category_id FROM c`,
    [o.subcategory, o.budgetId, o.budget, o.transactionId, o.spent],
    financeDb,
  );
}
