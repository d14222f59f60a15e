// digital_twin_updates, the twin's history: every statement the bridge runs on it to record
// transitions, page through them, find the newest, and delete what retention lets go. Rows are
// typed here; the rules (what a snapshot is, when a row is old enough) stay with the callers.
import type pg from 'pg';
import type { HistoryEntity } from '../contract/responses';
import { BRIDGE_SOURCE_SYSTEM, BRIDGE_UPDATE_TYPE } from '../contract/source-system';
import type { DomainName } from '../contract/twin-state';
import { inTransaction } from '../db/transaction';
import { utcMicrosText } from './exact-time';

// Two writers of one entity (concurrent requests, or two bridges sharing the database) take turns.
const ENTITY_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('digital_twin_updates'), hashtext($1 || ':' || $2))`;

// created_at is the time of writing (clock_timestamp(), read once the lock is held), not the
// transaction's start (now()): a writer that waited for the lock must not land behind the row it
// waited for, or "the last row" would be the wrong one.
const INSERT_IF_CHANGED_SQL = `
  INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at)
  SELECT $1::varchar, $2::uuid, $3::jsonb, $4::varchar, $5::varchar, clock_timestamp()
  WHERE NOT EXISTS (
    SELECT 1 FROM (
      SELECT update_data FROM digital_twin_updates
      WHERE entity_type = $1::varchar AND entity_id = $2::uuid
      ORDER BY created_at DESC, id DESC
      LIMIT 1
    ) last
    WHERE last.update_data = $3::jsonb
  )
  RETURNING created_at`;

// Keyset paging on (created_at, id), newest first, along the indexes of db/migrations/history-migrations.ts;
// since (inclusive) and until (exclusive) bound the same index range. One statement per shape, so
// each is planned on its own index.
const PAGE_COLUMNS = `id, entity_type, entity_id, update_data, source_system, update_type, created_at, ${utcMicrosText('created_at')} AS created_exact`;
const PAGE_RANGE = `($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
    AND ($5::timestamptz IS NULL OR created_at >= $5::timestamptz) AND ($6::timestamptz IS NULL OR created_at < $6::timestamptz)`;
const PAGE_SQL = {
  all: `
    SELECT ${PAGE_COLUMNS} FROM digital_twin_updates
    WHERE entity_id = $1::uuid AND ${PAGE_RANGE}
    ORDER BY created_at DESC, id DESC
    LIMIT $4`,
  entity: `
    SELECT ${PAGE_COLUMNS} FROM digital_twin_updates
    WHERE entity_type = $7 AND entity_id = $1::uuid AND ${PAGE_RANGE}
    ORDER BY created_at DESC, id DESC
    LIMIT $4`,
};

const NEWEST_AT_SQL = `SELECT created_at FROM digital_twin_updates WHERE entity_id = $1::uuid ORDER BY created_at DESC, id DESC LIMIT 1`;

// The newest row of each entity type, by anyone: one index probe per type (entity_created index).
const NEWEST_IDS_SQL = `
  SELECT newest.id FROM unnest($2::varchar[]) AS e(entity_type)
  CROSS JOIN LATERAL (
    SELECT id FROM digital_twin_updates
    WHERE entity_type = e.entity_type AND entity_id = $1::uuid
    ORDER BY created_at DESC, id DESC
    LIMIT 1
  ) newest`;

// Oldest first along the person index, so each batch reads only rows it deletes.
const DELETE_BATCH_SQL = `
  DELETE FROM digital_twin_updates
  WHERE id IN (
    SELECT id FROM digital_twin_updates
    WHERE entity_id = $1::uuid AND source_system = $2 AND created_at < $3::timestamptz AND id <> ALL($5::uuid[])
    ORDER BY created_at, id
    LIMIT $4
  )`;

/**
 * A row as the pages read it: entity_type is held to HistoryEntity by the table's CHECK constraint;
 * update_data is whatever its writer stored, read by the contract's readers.
 */
export interface HistoryRow {
  id: string;
  entity_type: HistoryEntity;
  entity_id: string;
  update_data: unknown;
  source_system: string;
  update_type: string;
  // Nullable in the user's schema (a default, not NOT NULL): another system may write null.
  created_at: Date | null;
  /** created_at as microsecond UTC text: a Date keeps milliseconds only. */
  created_exact: string | null;
}

export interface PageRequest {
  personId: string;
  entity: HistoryEntity | null;
  /** Rows strictly before this (created_at as microsecond text, id), newest first. */
  before: { createdAt: string; id: string } | null;
  limit: number;
  /** ISO timestamps: rows created at or after `since` and before `until`. */
  since: string | null;
  until: string | null;
}

export interface HistoryRepository {
  /**
   * Writes the bridge's row for each entity whose data differs (as jsonb compares) from that entity's
   * last row (by anyone), at the time of writing. Returns the entities written and when.
   */
  insertChanged(personId: string, entries: readonly { entity: DomainName; data: unknown }[]): Promise<{ entity: DomainName; createdAt: Date }[]>;
  /** The person's rows newest first on (created_at, id), within the request's bounds. */
  page(q: PageRequest): Promise<HistoryRow[]>;
  /** When the newest row of this person was written, by anyone; null when there is none. */
  newestAt(personId: string): Promise<Date | null>;
  /** The newest row of each of these entity types, by anyone. */
  newestIds(personId: string, entityTypes: readonly string[]): Promise<string[]>;
  /** Deletes up to `limit` of the bridge's rows created before `before`, oldest first, but `keep`; returns how many. */
  deleteBridgeRowsBefore(o: { personId: string; before: Date; limit: number; keep: readonly string[] }): Promise<number>;
}

/** The history table as HistoryStore uses it: its repository, and a wait until the table can be used (its migrations). */
export interface HistoryTable {
  history: HistoryRepository;
  ready(): Promise<void>;
}

export class PgHistoryRepository implements HistoryRepository {
  constructor(private readonly db: pg.Pool) {}

  /**
   * In one transaction, each entity under its lock taken in the order given (a fixed order, so two
   * writers cannot deadlock).
   */
  async insertChanged(personId: string, entries: readonly { entity: DomainName; data: unknown }[]): Promise<{ entity: DomainName; createdAt: Date }[]> {
    return inTransaction(this.db, async (client) => {
      const written: { entity: DomainName; createdAt: Date }[] = [];
      for (const { entity, data } of entries) {
        await client.query(ENTITY_LOCK_SQL, [entity, personId]);
        const res = await client.query<{ created_at: Date }>(INSERT_IF_CHANGED_SQL, [entity, personId, JSON.stringify(data), BRIDGE_SOURCE_SYSTEM, BRIDGE_UPDATE_TYPE]);
        if (res.rows[0]) written.push({ entity, createdAt: res.rows[0].created_at });
      }
      return written;
    });
  }

  async page(q: PageRequest): Promise<HistoryRow[]> {
    const params: unknown[] = [q.personId, q.before?.createdAt ?? null, q.before?.id ?? null, q.limit, q.since, q.until];
    if (q.entity) params.push(q.entity);
    return (await this.db.query<HistoryRow>(q.entity ? PAGE_SQL.entity : PAGE_SQL.all, params)).rows;
  }

  async newestAt(personId: string): Promise<Date | null> {
    return (await this.db.query<{ created_at: Date | null }>(NEWEST_AT_SQL, [personId])).rows[0]?.created_at ?? null;
  }

  async newestIds(personId: string, entityTypes: readonly string[]): Promise<string[]> {
    return (await this.db.query<{ id: string }>(NEWEST_IDS_SQL, [personId, entityTypes])).rows.map((r) => r.id);
  }

  async deleteBridgeRowsBefore(o: { personId: string; before: Date; limit: number; keep: readonly string[] }): Promise<number> {
    // One statement (autocommit): its locks are held for this batch only.
    const res = await this.db.query(DELETE_BATCH_SQL, [o.personId, BRIDGE_SOURCE_SYSTEM, o.before.toISOString(), o.limit, o.keep]);
    return res.rowCount ?? 0;
  }
}
