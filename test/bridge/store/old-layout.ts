// The layout the bridge made in the history database before its store had migrations (main at
// 279aa94), in that code's own statements, kept as fixed text: it is what installations of that
// code hold, and what the migrations must adopt without loss. Never edit it to follow the code.
export const OLD_LAYOUT: readonly string[] = [
  // bridge/db/schema/twin-updates.ts (the user's table, made where it was missing)
  String.raw`
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE IF NOT EXISTS digital_twin_updates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_type varchar(50) NOT NULL CHECK (entity_type IN ('person','goal','health','training','finance','pantry')),
  entity_id uuid NOT NULL,
  update_data jsonb NOT NULL,
  source_system varchar(50) NOT NULL,
  update_type varchar(50) NOT NULL,
  created_at timestamptz DEFAULT now(),
  processed_at timestamptz
);
`,
  // bridge/db/schema/twin-updates-indexes.ts
  'CREATE INDEX IF NOT EXISTS digital_twin_updates_entity_created_idx ON digital_twin_updates (entity_type, entity_id, created_at DESC, id DESC)',
  'CREATE INDEX IF NOT EXISTS digital_twin_updates_person_created_idx ON digital_twin_updates (entity_id, created_at DESC, id DESC)',
  // bridge/webhook/webhook-outbox.ts
  `
  CREATE TABLE IF NOT EXISTS digital_twin_webhook_state (
    entity_id uuid PRIMARY KEY,
    enabled_since timestamptz NOT NULL DEFAULT clock_timestamp()
  )`,
  // bridge/webhook/domain-status-outbox.ts
  `
  CREATE TABLE IF NOT EXISTS digital_twin_webhook_domains (
    entity_id uuid NOT NULL,
    domain varchar(50) NOT NULL,
    status varchar(20) NOT NULL,
    error text,
    changed_at timestamptz NOT NULL,
    event_id uuid NOT NULL,
    delivered_status varchar(20) NOT NULL DEFAULT 'ok',
    PRIMARY KEY (entity_id, domain)
  )`,
  `CREATE INDEX IF NOT EXISTS digital_twin_updates_webhook_pending_idx ON digital_twin_updates (entity_id, created_at, id)
        WHERE processed_at IS NULL AND source_system = 'g04_engine'`,
  // bridge/ledger/ledger-schema.ts (LEDGER_TABLES, layout '5')
  String.raw`
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
` +
    String.raw`
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
`,
];

/** The ledger's key as that code wrote it: its layout's version first. */
export function oldLedgerKey(timezone: string, alerts: string | null, body: string | null): string {
  return JSON.stringify({ version: '5', timezone, alerts, body });
}

/** Every table that code made, for a snapshot of their rows. */
export const OLD_TABLES = [
  'digital_twin_updates',
  'digital_twin_webhook_state',
  'digital_twin_webhook_domains',
  'digital_twin_ledger.finance_day',
  'digital_twin_ledger.finance_month',
  'digital_twin_ledger.pantry_day',
  'digital_twin_ledger.pantry_month',
  'digital_twin_ledger.meta',
] as const;
