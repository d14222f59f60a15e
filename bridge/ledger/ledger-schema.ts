// The ledger's tables, in a schema of the bridge's own in the twin database: nothing of the user's
// tables, views or functions is changed. Per closed day, category and type of the transactions the
// count and the exact numeric sum; per closed month the row count and fingerprint they were built
// from; and the same for the pantry's expired count in the twin's history.

export const FINANCE_TABLES = String.raw`
CREATE SCHEMA IF NOT EXISTS digital_twin_ledger;

-- Named as in transactions, so that an aggregate written over the transactions reads it unchanged.
CREATE TABLE IF NOT EXISTS digital_twin_ledger.finance_day (
  transaction_date date NOT NULL,
  category_id int,
  type varchar(20) NOT NULL,
  rows int NOT NULL,
  amount numeric NOT NULL
);
CREATE INDEX IF NOT EXISTS finance_day_day_idx ON digital_twin_ledger.finance_day (transaction_date);

CREATE TABLE IF NOT EXISTS digital_twin_ledger.finance_month (
  month date PRIMARY KEY,
  rows bigint NOT NULL,
  fingerprint numeric NOT NULL
);

-- What the summaries were built under (zone, the user's SQL definitions, fingerprints of what is
-- not summarised per month); a different key rebuilds everything.
CREATE TABLE IF NOT EXISTS digital_twin_ledger.meta (
  name text PRIMARY KEY,
  value text NOT NULL
);
`;

// The pantry's expired count per closed local day of the twin's own history (see
// history/expired-days.ts), per person, with each month's fingerprint.
export const PANTRY_TABLES = String.raw`
CREATE TABLE IF NOT EXISTS digital_twin_ledger.pantry_day (
  entity_id uuid NOT NULL,
  day date NOT NULL,
  first_value numeric NOT NULL,
  last_value numeric NOT NULL,
  inner_rises numeric NOT NULL,
  PRIMARY KEY (entity_id, day)
);

CREATE TABLE IF NOT EXISTS digital_twin_ledger.pantry_month (
  entity_id uuid NOT NULL,
  month date NOT NULL,
  rows bigint NOT NULL,
  fingerprint numeric NOT NULL,
  PRIMARY KEY (entity_id, month)
);
`;

export const LEDGER_TABLES = FINANCE_TABLES + PANTRY_TABLES;
