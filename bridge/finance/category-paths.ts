// Display paths of the expense categories ("Lifestyle > Groceries"), read once per computation, so
// that sums grouped by category_id (in the ledger's database or the user's) are named alike.
export const UNCATEGORISED = 'Uncategorised';

export type CategoryPaths = (categoryId: number | null) => string;
