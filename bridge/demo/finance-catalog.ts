// The demo's reference rows in autonomous_finance: accounts and categories as the user keeps them
// (English-structured category paths). The merchants are those the generators use.

export interface DemoAccount {
  name: string;
  type: 'Checking' | 'Savings' | 'Investment' | 'Cash' | 'Credit' | 'Historical';
  institution: string;
}

export const ACCOUNTS: readonly DemoAccount[] = [
  { name: 'mBank Checking', type: 'Checking', institution: 'mBank' },
  { name: 'mBank Savings', type: 'Savings', institution: 'mBank' },
  { name: 'Cash', type: 'Cash', institution: 'Portfel' },
  { name: 'Santander Credit Card', type: 'Credit', institution: 'Santander Bank Polska' },
  { name: 'XTB Investment', type: 'Investment', institution: 'XTB' },
  { name: 'PKO Historical', type: 'Historical', institution: 'PKO BP' },
];

export type CategoryType = 'Income' | 'Expense' | 'Transfer';

export interface DemoCategory {
  /** Short stable key used by the generator and in budget ids. */
  key: string;
  name: string;
  sub: string;
  type: CategoryType;
}

export const CATEGORIES: readonly DemoCategory[] = [
  { key: 'SALARY', name: 'Income', sub: 'Salary', type: 'Income' },
  { key: 'BONUS', name: 'Income', sub: 'Bonus', type: 'Income' },
  { key: 'INTEREST', name: 'Income', sub: 'Interest', type: 'Income' },
  { key: 'REFUNDS', name: 'Income', sub: 'Refunds', type: 'Income' },
  { key: 'RENT', name: 'Housing', sub: 'Rent', type: 'Expense' },
  { key: 'UTILITIES', name: 'Housing', sub: 'Utilities', type: 'Expense' },
  { key: 'INTERNET', name: 'Housing', sub: 'Internet & Phone', type: 'Expense' },
  { key: 'GROCERIES', name: 'Lifestyle', sub: 'Groceries', type: 'Expense' },
  { key: 'RESTAURANTS', name: 'Food', sub: 'Restaurants', type: 'Expense' },
  { key: 'COFFEE', name: 'Food', sub: 'Coffee', type: 'Expense' },
  { key: 'FUEL', name: 'Transport', sub: 'Fuel', type: 'Expense' },
  { key: 'PUBLIC-TRANSPORT', name: 'Transport', sub: 'Public Transport', type: 'Expense' },
  { key: 'TRAIN', name: 'Transport', sub: 'Train', type: 'Expense' },
  { key: 'ONLINE-SHOPPING', name: 'Shopping', sub: 'Online', type: 'Expense' },
  { key: 'ELECTRONICS', name: 'Shopping', sub: 'Electronics', type: 'Expense' },
  { key: 'CLOTHING', name: 'Shopping', sub: 'Clothing', type: 'Expense' },
  { key: 'PHARMACY', name: 'Health', sub: 'Pharmacy', type: 'Expense' },
  { key: 'GYM', name: 'Health', sub: 'Gym', type: 'Expense' },
  { key: 'SUBSCRIPTIONS', name: 'Entertainment', sub: 'Subscriptions', type: 'Expense' },
  { key: 'CINEMA', name: 'Entertainment', sub: 'Cinema', type: 'Expense' },
  { key: 'HOLIDAYS', name: 'Travel', sub: 'Holidays', type: 'Expense' },
  { key: 'GIFTS', name: 'Lifestyle', sub: 'Gifts', type: 'Expense' },
  { key: 'SAVINGS', name: 'Transfers', sub: 'Savings', type: 'Transfer' },
  { key: 'CARD-PAYMENT', name: 'Transfers', sub: 'Credit Card Payment', type: 'Transfer' },
];

export type CategoryKey = (typeof CATEGORIES)[number]['key'];

const PATHS = new Map(CATEGORIES.map((c) => [c.key, `${c.name} > ${c.sub}`]));

/** Path as the user displays it: `Lifestyle > Groceries`. */
export function categoryPath(key: string): string {
  const path = PATHS.get(key);
  if (path === undefined) throw new Error(`unknown demo category ${key}`);
  return path;
}

/** One demo transaction, as the seed writes it. */
export interface DemoTransaction {
  id: string;
  date: string;
  type: CategoryType;
  /** Always > 0; the direction comes from `type`. */
  amountCents: number;
  merchant: string;
  description: string;
  account: string;
  category: string;
  /** 'YYYY-MM-DD HH:MM:SS' (the column is timestamp without time zone). */
  createdAt: string;
}
