// Display paths of the expense categories ("Lifestyle > Groceries"), read once per computation, so
// that sums grouped by category_id (in the ledger's database or the user's) are named alike.
import type { Queryable } from '../db/pools';

const PATHS_SQL = `
  SELECT category_id, coalesce(category_name || coalesce(' > ' || subcategory_name, ''), 'Uncategorised') AS path
  FROM categories`;

export const UNCATEGORISED = 'Uncategorised';

export type CategoryPaths = (categoryId: number | null) => string;

export async function readCategoryPaths(db: Queryable): Promise<CategoryPaths> {
  const { rows } = await db.query<{ category_id: number; path: string }>(PATHS_SQL);
  const paths = new Map(rows.map((r) => [r.category_id, r.path]));
  return (id) => (id === null ? UNCATEGORISED : (paths.get(id) ?? UNCATEGORISED));
}
