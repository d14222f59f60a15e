// digital_twin_updates: transitions are written only when an entity's state differs from its last
// row, under an advisory lock per entity so that concurrent requests, or two bridges sharing one
// database, never write the same transition twice.
import type pg from 'pg';
import { TWIN_UPDATES_TABLE } from '../db/schema/twin-updates';
import { inTransaction } from '../db/transaction';
import { TWIN_UPDATES_INDEXES } from '../db/schema/twin-updates-indexes';
import { describeSourceError } from '../db/source-error';
import type { HistoryEntity, HistoryEntry } from '../contract/responses';
import { DOMAIN_NAMES, type DomainName, type TwinState } from '../contract/twin-state';
import { BRIDGE_SOURCE_SYSTEM, BRIDGE_UPDATE_TYPE } from '../contract/source-system';
import { snapshotOf } from '../contract/snapshot';
import { utcMicrosText } from './exact-time';
import { encodeCursor, type CursorPosition } from './history-cursor';

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

// Keyset paging on (created_at, id), newest first, read from the indexes of db/schema/twin-updates-indexes.ts;
// since (inclusive) and until (exclusive) bound the same index range.
const TIME_RANGE = `AND ($5::timestamptz IS NULL OR created_at >= $5::timestamptz) AND ($6::timestamptz IS NULL OR created_at < $6::timestamptz)`;
const PAGE_SQL = {
  all: `
    SELECT id, entity_type, entity_id, update_data, source_system, update_type, created_at,
           ${utcMicrosText('created_at')} AS created_exact
    FROM digital_twin_updates
    WHERE entity_id = $1::uuid AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid)) ${TIME_RANGE}
    ORDER BY created_at DESC, id DESC
    LIMIT $4`,
  entity: `
    SELECT id, entity_type, entity_id, update_data, source_system, update_type, created_at,
           ${utcMicrosText('created_at')} AS created_exact
    FROM digital_twin_updates
    WHERE entity_type = $7 AND entity_id = $1::uuid AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid)) ${TIME_RANGE}
    ORDER BY created_at DESC, id DESC
    LIMIT $4`,
};


/** The history table cannot be used now (its database is down, or the table cannot be created). */
/**
 * A row of digital_twin_updates as the pages read it: entity_type is held to HistoryEntity by the
 * table's CHECK constraint; update_data is whatever its writer stored, read by the contract's readers.
 */
interface HistoryRow {
  id: string;
  entity_type: HistoryEntity;
  entity_id: string;
  update_data: unknown;
  source_system: string;
  update_type: string;
  // Nullable in the user's schema (a default, not NOT NULL): another system may write null.
  created_at: Date | null;
  created_exact: string | null;
}

export class HistoryUnavailableError extends Error {}

const RETRY_MS = 5000;

export interface PageQuery {
  limit: number;
  entity: HistoryEntity | null;
  cursor: CursorPosition | null;
  /** ISO timestamps: rows created at or after `since` and before `until`. */
  since?: string | null;
  until?: string | null;
}

export interface HistoryPage {
  items: HistoryEntry[];
  nextCursor: string | null;
}

export class HistoryStore {
  // First pages (no cursor) are what dashboards poll; they are served again for `firstPageCacheMs`,
  // and forgotten as soon as this bridge writes a row.
  private readonly firstPages = new Map<string, { atMs: number; page: HistoryPage }>();

  constructor(
    private readonly db: pg.Pool,
    private readonly personId: string,
    private readonly firstPageCacheMs = 0,
  ) {}

  // Whether the table is known to be there; until it is, every use looks again (at most every few
  // seconds), so history comes back by itself when its database does.
  private ready: Promise<void> | null = null;
  private lastFailure: { atMs: number; error: HistoryUnavailableError } | null = null;

  /** Creates the table when it is missing; a table that exists is never altered. */
  async ensureSchema(): Promise<void> {
    const { rows } = await this.db.query<{ present: boolean }>(`SELECT to_regclass('digital_twin_updates') IS NOT NULL AS present`);
    if (!rows[0]?.present) await this.db.query(TWIN_UPDATES_TABLE);
  }

  private ensureReady(): Promise<void> {
    const nowMs = Date.now();
    if (this.lastFailure && nowMs - this.lastFailure.atMs < RETRY_MS) return Promise.reject(this.lastFailure.error);
    this.ready ??= this.ensureSchema().catch((err) => {
      this.ready = null;
      const error = new HistoryUnavailableError(describeSourceError('history', err));
      this.lastFailure = { atMs: Date.now(), error };
      throw error;
    });
    return this.ready;
  }

  /**
   * Adds the paging indexes that are missing. Creating an index needs the table's owner; without it
   * history still works (more slowly on a long table), so failures are reported, not thrown.
   */
  async addMissingIndexes(): Promise<string[]> {
    const { rows } = await this.db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'digital_twin_updates' AND schemaname = current_schema()`,
    );
    const present = new Set(rows.map((r) => r.indexname));
    const problems: string[] = [];
    for (const index of TWIN_UPDATES_INDEXES) {
      if (present.has(index.name)) continue;
      try {
        await this.db.query(index.sql);
      } catch (err) {
        problems.push(`index ${index.name} is missing and could not be created (${(err as Error).message}); the table's owner can run: ${index.sql}`);
      }
    }
    return problems;
  }

  /** Writes a row for each ok domain whose state changed; returns those written and when. */
  async record(state: TwinState): Promise<{ written: DomainName[]; at: Date | null }> {
    await this.ensureReady();
    const pending = DOMAIN_NAMES.map((d) => [d, snapshotOf(state, d)] as const).filter(([, s]) => s !== null);
    if (pending.length === 0) return { written: [], at: null };
    const written: DomainName[] = [];
    let at: Date | null = null;
    await inTransaction(this.db, async (client) => {
      for (const [domain, snapshot] of pending) {
        // Lock order is the fixed domain order, so two writers cannot deadlock.
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('digital_twin_updates'), hashtext($1 || ':' || $2))`, [
          domain,
          this.personId,
        ]);
        const res = await client.query<{ created_at: Date }>(INSERT_IF_CHANGED_SQL, [domain, this.personId, JSON.stringify(snapshot), BRIDGE_SOURCE_SYSTEM, BRIDGE_UPDATE_TYPE]);
        const row = res.rows[0];
        if (row) {
          this.firstPages.clear();
          written.push(domain);
          at = row.created_at;
        }
      }
    });
    return { written, at };
  }

  async page(o: PageQuery): Promise<HistoryPage> {
    await this.ensureReady();
    // Only the plain first pages that dashboards poll are cached; a time range is read as asked.
    const ranged = (o.since ?? null) !== null || (o.until ?? null) !== null;
    if (o.cursor !== null || ranged || this.firstPageCacheMs <= 0) return this.readPage(o);
    const key = `${o.limit}:${o.entity ?? ''}`;
    const hit = this.firstPages.get(key);
    if (hit && Date.now() - hit.atMs <= this.firstPageCacheMs) return hit.page;
    const page = await this.readPage(o);
    this.firstPages.set(key, { atMs: Date.now(), page });
    return page;
  }

  private async readPage(o: PageQuery): Promise<HistoryPage> {
    const params: unknown[] = [this.personId, o.cursor?.createdAt ?? null, o.cursor?.id ?? null, o.limit + 1, o.since ?? null, o.until ?? null];
    if (o.entity) params.push(o.entity);
    const { rows } = await this.db.query<HistoryRow>(o.entity ? PAGE_SQL.entity : PAGE_SQL.all, params);
    const more = rows.length > o.limit;
    const items: HistoryEntry[] = rows.slice(0, o.limit).map((r) => ({
      id: r.id,
      entity_type: r.entity_type,
      entity_id: r.entity_id,
      update_data: r.update_data,
      source_system: r.source_system,
      update_type: r.update_type,
      created_at: (r.created_at ?? new Date(0)).toISOString(),
    }));
    // created_at keeps microseconds; the cursor carries them too, or paging would skip or
    // repeat rows written within one millisecond.
    const last = more ? rows[o.limit - 1] : null;
    return { items, nextCursor: last ? encodeCursor({ createdAt: last.created_exact ?? new Date(0).toISOString(), id: last.id }) : null };
  }

  /** Newest row of this person, by anyone; null when there is none. */
  async lastWriteAt(): Promise<Date | null> {
    const { rows } = await this.db.query<{ created_at: Date | null }>(
      `SELECT created_at FROM digital_twin_updates WHERE entity_id = $1::uuid ORDER BY created_at DESC, id DESC LIMIT 1`,
      [this.personId],
    );
    return rows[0]?.created_at ?? null;
  }
}
