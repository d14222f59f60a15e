// digital_twin_updates as the twin's history: transitions are written only when an entity's state
// differs from its last row (store/history-repository.ts holds the statements and the per-entity
// lock that keeps concurrent requests, or two bridges sharing one database, from writing one
// transition twice); pages of it for /history, the first ones briefly cached.
import type { HistoryEntity, HistoryEntry } from '../contract/responses';
import { snapshotOf } from '../contract/snapshot';
import { DOMAIN_NAMES, type DomainName, type TwinState } from '../contract/twin-state';
import { describeSourceError } from '../db/source-error';
import type { HistoryRow, HistoryTable } from '../store/history-repository';
import { systemClock, type Clock } from '../time/clock';
import { encodeCursor, type CursorPosition } from './history-cursor';

/** The history table cannot be used now (its database is down, or the table cannot be created). */
export class HistoryUnavailableError extends Error {}

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

export interface HistoryStoreOptions {
  clock?: Clock;
  /** How long a first page (no cursor, no range) is served again; 0 reads every time. */
  firstPageCacheMs?: number;
}

const entryOf = (r: HistoryRow): HistoryEntry => ({
  id: r.id,
  entity_type: r.entity_type,
  entity_id: r.entity_id,
  update_data: r.update_data,
  source_system: r.source_system,
  update_type: r.update_type,
  created_at: (r.created_at ?? new Date(0)).toISOString(),
});

export class HistoryStore {
  // First pages (no cursor) are what dashboards poll; they are served again for `firstPageCacheMs`,
  // and forgotten as soon as this bridge writes a row.
  private readonly firstPages = new Map<string, { atMs: number; page: HistoryPage }>();
  private readonly clock: Clock;

  constructor(
    private readonly table: HistoryTable,
    private readonly personId: string,
    private readonly o: HistoryStoreOptions = {},
  ) {
    this.clock = o.clock ?? systemClock;
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  // The table's migrations are applied at start; until they are (its database was down), every use
  // asks again, at most every few seconds, so history comes back by itself when its database does.
  private async ensureReady(): Promise<void> {
    try {
      await this.table.ready();
    } catch (err) {
      throw new HistoryUnavailableError(describeSourceError('history', err));
    }
  }

  /** Writes a row for each ok domain whose state changed; returns those written and when. */
  async record(state: TwinState): Promise<{ written: DomainName[]; at: Date | null }> {
    await this.ensureReady();
    const pending = DOMAIN_NAMES.flatMap((entity) => {
      const data = snapshotOf(state, entity);
      return data === null ? [] : [{ entity, data }];
    });
    if (pending.length === 0) return { written: [], at: null };
    const rows = await this.table.history.insertChanged(this.personId, pending);
    if (rows.length > 0) this.firstPages.clear();
    return { written: rows.map((r) => r.entity), at: rows.at(-1)?.createdAt ?? null };
  }

  async page(o: PageQuery): Promise<HistoryPage> {
    await this.ensureReady();
    // Only the plain first pages that dashboards poll are cached; a time range is read as asked.
    const ranged = (o.since ?? null) !== null || (o.until ?? null) !== null;
    const cacheMs = this.o.firstPageCacheMs ?? 0;
    if (o.cursor !== null || ranged || cacheMs <= 0) return this.readPage(o);
    const key = `${o.limit}:${o.entity ?? ''}`;
    const hit = this.firstPages.get(key);
    if (hit && this.nowMs() - hit.atMs <= cacheMs) return hit.page;
    const page = await this.readPage(o);
    this.firstPages.set(key, { atMs: this.nowMs(), page });
    return page;
  }

  private async readPage(o: PageQuery): Promise<HistoryPage> {
    const rows = await this.table.history.page({
      personId: this.personId,
      entity: o.entity,
      before: o.cursor,
      limit: o.limit + 1,
      since: o.since ?? null,
      until: o.until ?? null,
    });
    const more = rows.length > o.limit;
    // created_at keeps microseconds; the cursor carries them too, or paging would skip or
    // repeat rows written within one millisecond.
    const last = more ? rows[o.limit - 1] : null;
    return {
      items: rows.slice(0, o.limit).map(entryOf),
      nextCursor: last ? encodeCursor({ createdAt: last.created_exact ?? new Date(0).toISOString(), id: last.id }) : null,
    };
  }

  /** Newest row of this person, by anyone; null when there is none. */
  lastWriteAt(): Promise<Date | null> {
    return this.table.history.newestAt(this.personId);
  }
}
