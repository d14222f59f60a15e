// The ledger's tables, in a schema of the bridge's own in the history database: nothing of the
// user's tables, views or functions is changed. Per closed day, category and type of the
// transactions the count and the exact numeric sum; per closed month the row count and fingerprint
// they were built from; the same for the pantry's expired count in the twin's history; and the key
// the summaries were built under. A new layout is a new migration here; the ledger itself only
// rebuilds the contents when its key (zone, the user's definitions) changes.
import type { Migration, MigrationClient } from './migration';

const LEDGER_TABLES = String.raw`
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

-- What the summaries were built under; a different key rebuilds the contents.
CREATE TABLE IF NOT EXISTS digital_twin_ledger.meta (
  name text PRIMARY KEY,
  value text NOT NULL
);

-- The pantry's expired count per closed local day of the twin's own history, per person.
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

// Before migrations the ledger carried its layout in its key, {"version":"5",…}: layout 5 is the
// one above, so it is adopted as it is and its key loses the version; an older layout is replaced.
const LAYOUT_5_KEY = '{"version":"5",';
const LAYOUT_IN_KEY = '{"version":"';

async function storedKey(c: MigrationClient): Promise<string | null> {
  const { rows } = await c.query<{ present: boolean }>(`SELECT to_regclass('digital_twin_ledger.meta') IS NOT NULL AS present`);
  if (!rows[0]?.present) return null;
  const key = await c.query<{ value: string }>(`SELECT value FROM digital_twin_ledger.meta WHERE name = 'key'`);
  return key.rows[0]?.value ?? null;
}

async function ledgerTables(c: MigrationClient): Promise<void> {
  const key = await storedKey(c);
  const older = key !== null && key.startsWith(LAYOUT_IN_KEY) && !key.startsWith(LAYOUT_5_KEY);
  // Its contents are summaries of the user's rows: nothing is lost that the next check does not build again.
  if (older) await c.query('DROP SCHEMA digital_twin_ledger CASCADE');
  await c.query(LEDGER_TABLES);
  if (key?.startsWith(LAYOUT_5_KEY)) {
    await c.query(`UPDATE digital_twin_ledger.meta SET value = '{' || substr(value, $1::int) WHERE name = 'key'`, [LAYOUT_5_KEY.length + 1]);
  }
}

export const LEDGER_MIGRATIONS: readonly Migration[] = [
  {
    id: '0006-ledger-tables',
    part: 'ledger',
    description: 'schema digital_twin_ledger and its tables (a ledger of layout 5 adopted as it is)',
    up: ledgerTables,
  },
];
