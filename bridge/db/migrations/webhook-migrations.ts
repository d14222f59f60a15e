// The webhook's outbox: when the webhook was first configured for a person (rows recorded before it
// are not pushed; a table of its own because digital_twin_updates is never altered), the domain
// statuses last seen and last delivered, and the index that finds the rows still to push.
import { BRIDGE_SOURCE_SYSTEM } from '../../contract/source-system';
import { indexMigration, relationExists, type Migration } from './migration';

const OUTBOX_TABLES = `
  CREATE TABLE IF NOT EXISTS digital_twin_webhook_state (
    entity_id uuid PRIMARY KEY,
    enabled_since timestamptz NOT NULL DEFAULT clock_timestamp()
  );

  CREATE TABLE IF NOT EXISTS digital_twin_webhook_domains (
    entity_id uuid NOT NULL,
    domain varchar(50) NOT NULL,
    status varchar(20) NOT NULL,
    error text,
    changed_at timestamptz NOT NULL,
    event_id uuid NOT NULL,
    delivered_status varchar(20) NOT NULL DEFAULT 'ok',
    PRIMARY KEY (entity_id, domain)
  )`;

export const WEBHOOK_MIGRATIONS: readonly Migration[] = [
  {
    id: '0004-webhook-tables',
    part: 'webhook',
    description: 'tables digital_twin_webhook_state and digital_twin_webhook_domains',
    present: async (c) => (await relationExists(c, 'digital_twin_webhook_state')) && (await relationExists(c, 'digital_twin_webhook_domains')),
    up: OUTBOX_TABLES,
  },
  // An index predicate cannot take a parameter; the source system is the bridge's own constant.
  indexMigration(
    '0005-webhook-pending-index',
    'webhook',
    'digital_twin_updates_webhook_pending_idx',
    `CREATE INDEX IF NOT EXISTS digital_twin_updates_webhook_pending_idx ON digital_twin_updates (entity_id, created_at, id) WHERE processed_at IS NULL AND source_system = '${BRIDGE_SOURCE_SYSTEM}'`,
  ),
];
