// The ledger's tables, in a schema of the bridge's own in the twin database: nothing of the user's
// tables, views or functions is changed. Per closed day, category and type the count and the exact
// numeric sum; per closed month the same in total with the fingerprint it was built from.
export const LEDGER_SCHEMA = 'twin_ledger';

export const LEDGER_TABLES = String.raw`
CREATE SCHEMA IF NOT EXISTS twin_ledger;

-- Named as in transactions, so that an aggregate written over the transactions reads it unchanged.
CREATE TABLE IF NOT EXISTS twin_ledger.finance_day (
  transaction_date date NOT NULL,
  category_id int,
  type varchar(20) NOT NULL,
  rows int NOT NULL,
  amount numeric NOT NULL
);
CREATE INDEX IF NOT EXISTS finance_day_day_idx ON twin_ledger.finance_day (transaction_date);

CREATE TABLE IF NOT EXISTS twin_ledger.finance_month (
  month date PRIMARY KEY,
  rows bigint NOT NULL,
  income numeric NOT NULL,
  expense numeric NOT NULL,
  fingerprint numeric NOT NULL
);

-- What the summaries were built under (zone, the user's SQL definitions, fingerprints of what is
-- not summarised per month); a different key rebuilds everything.
CREATE TABLE IF NOT EXISTS twin_ledger.meta (
  name text PRIMARY KEY,
  value text NOT NULL
);
`;
