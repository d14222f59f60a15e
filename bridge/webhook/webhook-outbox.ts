// Which transitions still have to be pushed, known from the database so that a restart or a crash
// loses none: the bridge's own rows (source_system g04_engine, this person) with processed_at
// null, recorded since the webhook was first configured, and the domains whose status changed
// (domain-status-outbox.ts). One bridge delivers at a time (an advisory lock), oldest first, so
// that order per entity holds when several share the database.
import type pg from 'pg';
import type { HistoryEntity } from '../contract/responses';
import { BRIDGE_SOURCE_SYSTEM } from '../contract/source-system';
import { inTransaction } from '../db/transaction';
import { utcMicrosText } from '../history/exact-time';
import {
  DOMAIN_STATUS_TABLE,
  MARK_DOMAIN_EVENT_SQL,
  NEXT_DOMAIN_EVENT_SQL,
  PENDING_DOMAIN_EVENTS_SQL,
  type DomainEvent,
  type DomainEventRow,
} from './domain-status-outbox';
import type { PreviousRow, TransitionRow } from './transition-payload';

// When the webhook was first configured for this person: rows recorded before it are not pushed,
// so a new receiver is not flooded with years of history. A table of its own because
// digital_twin_updates is never altered.
const STATE_TABLE = `
  CREATE TABLE IF NOT EXISTS digital_twin_webhook_state (
    entity_id uuid PRIMARY KEY,
    enabled_since timestamptz NOT NULL DEFAULT clock_timestamp()
  )`;

// An index predicate cannot take a parameter; the source system is the bridge's own constant.
export const PENDING_INDEX = {
  name: 'digital_twin_updates_webhook_pending_idx',
  sql: `CREATE INDEX IF NOT EXISTS digital_twin_updates_webhook_pending_idx ON digital_twin_updates (entity_id, created_at, id)
        WHERE processed_at IS NULL AND source_system = '${BRIDGE_SOURCE_SYSTEM}'`,
};

const PENDING_WHERE = `entity_id = $1::uuid AND source_system = $2 AND processed_at IS NULL AND created_at >= $3::timestamptz`;

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

// created_at of a pending row is not null: only rows recorded since a time are pending.
interface PendingRow {
  id: string;
  entity_type: HistoryEntity;
  entity_id: string;
  update_data: unknown;
  update_type: string;
  created_at: Date;
  created_exact: string;
}

interface PreviousDbRow {
  id: string;
  update_data: unknown;
  created_at: Date | null;
}

export type DeliveryOutcome = 'delivered' | 'empty' | 'busy';

export type Delivery = { kind: 'row'; row: TransitionRow; previous: PreviousRow | null } | { kind: 'domain'; event: DomainEvent };

export class WebhookOutbox {
  private enabledSince: string | null = null;

  constructor(
    private readonly db: pg.Pool,
    private readonly personId: string,
  ) {}

  /** Creates the state table, notes when the webhook was first configured, adds the index; returns problems worth a warning. */
  async prepare(): Promise<string[]> {
    await this.db.query(STATE_TABLE);
    await this.db.query(DOMAIN_STATUS_TABLE);
    await this.db.query(`INSERT INTO digital_twin_webhook_state (entity_id) VALUES ($1::uuid) ON CONFLICT (entity_id) DO NOTHING`, [this.personId]);
    const { rows } = await this.db.query<{ since: string }>(
      `SELECT ${utcMicrosText('enabled_since')} AS since FROM digital_twin_webhook_state WHERE entity_id = $1::uuid`,
      [this.personId],
    );
    this.enabledSince = rows[0].since;
    try {
      await this.db.query(PENDING_INDEX.sql);
      return [];
    } catch (err) {
      // Creating an index needs the table's owner; without it delivery works, reading more rows.
      return [`index ${PENDING_INDEX.name} is missing and could not be created (${(err as Error).message}); the table's owner can run: ${PENDING_INDEX.sql}`];
    }
  }

  private since(): string {
    if (this.enabledSince === null) throw new Error('webhook outbox used before prepare()');
    return this.enabledSince;
  }

  async pendingCount(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM digital_twin_updates WHERE ${PENDING_WHERE}`, [
      this.personId,
      BRIDGE_SOURCE_SYSTEM,
      this.since(),
    ]);
    const domains = await this.db.query<{ n: number }>(PENDING_DOMAIN_EVENTS_SQL, [this.personId]);
    return rows[0].n + domains.rows[0].n;
  }

  /**
   * Hands the oldest pending transition to `send` and marks it delivered when `send` resolves. The
   * lock is held meanwhile; when `send` throws, nothing is marked and it is tried again later.
   */
  async deliverNext(send: (delivery: Delivery) => Promise<void>): Promise<DeliveryOutcome> {
    const since = this.since();
    return inTransaction(this.db, async (client): Promise<DeliveryOutcome> => {
      const lock = await client.query<{ got: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext('digital_twin_webhook'), hashtext($1)) AS got`, [this.personId]);
      if (!lock.rows[0].got) return 'busy';
      const next = await client.query<PendingRow>(NEXT_SQL, [this.personId, BRIDGE_SOURCE_SYSTEM, since]);
      const nextDomain = await client.query<DomainEventRow>(NEXT_DOMAIN_EVENT_SQL, [this.personId]);
      const r = next.rows[0];
      const e = nextDomain.rows[0];
      if (!r && !e) return 'empty';
      // Both carry microsecond UTC text of one format, so comparing the strings compares the times.
      if (e && (!r || e.changed_exact < r.created_exact)) {
        await send({
          kind: 'domain',
          event: {
            domain: e.domain,
            status: e.status,
            error: e.error,
            changed_at: e.changed_at.toISOString(),
            changed_exact: e.changed_exact,
            event_id: e.event_id,
          },
        });
        await client.query(MARK_DOMAIN_EVENT_SQL, [this.personId, e.domain, e.event_id]);
      } else {
        const prev = await client.query<PreviousDbRow>(PREVIOUS_SQL, [r.entity_type, r.entity_id, BRIDGE_SOURCE_SYSTEM, r.created_exact, r.id]);
        const p = prev.rows[0];
        await send({
          kind: 'row',
          row: {
            id: r.id,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            created_at: r.created_at.toISOString(),
            update_type: r.update_type,
            update_data: r.update_data,
          },
          previous: p ? { id: p.id, created_at: (p.created_at ?? new Date(0)).toISOString(), update_data: p.update_data } : null,
        });
        await client.query(`UPDATE digital_twin_updates SET processed_at = clock_timestamp() WHERE id = $1::uuid`, [r.id]);
      }
      return 'delivered';
    });
  }
}
