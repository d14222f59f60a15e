// The webhook's outbox over digital_twin_updates: the bridge's own rows (source_system g04_engine,
// this person) with processed_at null, recorded since the webhook was first configured
// (digital_twin_webhook_state). Every statement of it; which row goes next, and when, is the
// outbox's business (webhook/webhook-outbox.ts).
import type pg from 'pg';
import type { HistoryEntity } from '../contract/responses';
import { BRIDGE_SOURCE_SYSTEM } from '../contract/source-system';
import { inTransaction } from '../db/transaction';
import { DomainStatusRepository } from './domain-status-repository';
import { utcMicrosText } from './exact-time';

const ENABLE_SQL = `INSERT INTO digital_twin_webhook_state (entity_id) VALUES ($1::uuid) ON CONFLICT (entity_id) DO NOTHING`;
const ENABLED_SINCE_SQL = `SELECT ${utcMicrosText('enabled_since')} AS since FROM digital_twin_webhook_state WHERE entity_id = $1::uuid`;

// Along the pending index (db/migrations/webhook-migrations.ts).
const PENDING_WHERE = `entity_id = $1::uuid AND source_system = $2 AND processed_at IS NULL AND created_at >= $3::timestamptz`;
const PENDING_COUNT_SQL = `SELECT count(*)::int AS n FROM digital_twin_updates WHERE ${PENDING_WHERE}`;

// One bridge delivers at a time per person, so that order per entity holds when several share the database.
const DELIVERY_LOCK_SQL = `SELECT pg_try_advisory_xact_lock(hashtext('digital_twin_webhook'), hashtext($1)) AS got`;

const NEXT_SQL = `
  SELECT id, entity_type, entity_id, update_data, update_type, created_at, ${utcMicrosText('created_at')} AS created_exact
  FROM digital_twin_updates
  WHERE ${PENDING_WHERE}
  ORDER BY created_at, id
  LIMIT 1
  FOR UPDATE`;

const PREVIOUS_SQL = `
  SELECT id, update_data, created_at
  FROM digital_twin_updates
  WHERE entity_type = $1 AND entity_id = $2::uuid AND source_system = $3 AND (created_at, id) < ($4::timestamptz, $5::uuid)
  ORDER BY created_at DESC, id DESC
  LIMIT 1`;

const MARK_SQL = `UPDATE digital_twin_updates SET processed_at = clock_timestamp() WHERE id = $1::uuid`;

/** A pending row; its created_at is not null (only rows recorded since a time are pending). */
export interface PendingRow {
  id: string;
  entity_type: HistoryEntity;
  entity_id: string;
  update_data: unknown;
  update_type: string;
  created_at: Date;
  /** created_at as microsecond UTC text. */
  created_exact: string;
}

/** The bridge's row of the same entity before a pending one. */
export interface EarlierRow {
  id: string;
  update_data: unknown;
  created_at: Date | null;
}

/** The statements of one delivery, on its transaction's connection, while it holds the person's lock. */
export class DeliveryTransaction {
  readonly domains: DomainStatusRepository;

  constructor(private readonly client: pg.PoolClient) {
    this.domains = new DomainStatusRepository(client);
  }

  /** The oldest pending row recorded since `since`, locked until the transaction ends. */
  async nextRow(personId: string, since: string): Promise<PendingRow | null> {
    return (await this.client.query<PendingRow>(NEXT_SQL, [personId, BRIDGE_SOURCE_SYSTEM, since])).rows[0] ?? null;
  }

  async rowBefore(row: PendingRow): Promise<EarlierRow | null> {
    const params = [row.entity_type, row.entity_id, BRIDGE_SOURCE_SYSTEM, row.created_exact, row.id];
    return (await this.client.query<EarlierRow>(PREVIOUS_SQL, params)).rows[0] ?? null;
  }

  async markDelivered(id: string): Promise<void> {
    await this.client.query(MARK_SQL, [id]);
  }
}

export class OutboxRepository {
  constructor(private readonly db: pg.Pool) {}

  /** When the webhook was first configured for this person (noted now if never), as microsecond UTC text. */
  async enabledSince(personId: string): Promise<string> {
    await this.db.query(ENABLE_SQL, [personId]);
    return (await this.db.query<{ since: string }>(ENABLED_SINCE_SQL, [personId])).rows[0].since;
  }

  async pendingRowCount(personId: string, since: string): Promise<number> {
    return (await this.db.query<{ n: number }>(PENDING_COUNT_SQL, [personId, BRIDGE_SOURCE_SYSTEM, since])).rows[0].n;
  }

  /**
   * Runs `work` in one transaction holding this person's delivery lock; null, without running it,
   * when another delivery holds the lock. What `work` marked is committed only when it resolves.
   */
  async whileDelivering<T>(personId: string, work: (tx: DeliveryTransaction) => Promise<T>): Promise<T | null> {
    return inTransaction(this.db, async (client) => {
      const lock = await client.query<{ got: boolean }>(DELIVERY_LOCK_SQL, [personId]);
      return lock.rows[0].got ? work(new DeliveryTransaction(client)) : null;
    });
  }
}
