// History retention: the rows this bridge wrote (source_system g04_engine, this person) that are
// older than the configured number of days are deleted in small batches, so no long lock or
// transaction competes with the writes of requests. Rows of other systems are never touched, and
// each entity's newest row is kept whatever its age: it is what the next state is compared with,
// and without it an unchanged state would be recorded again as a transition.
import type pg from 'pg';
import { HistoryEntity } from '../contract/responses';
import { BRIDGE_SOURCE_SYSTEM } from '../contract/source-system';

export const RETENTION_BATCH_SIZE = 500;

// The newest row of each entity type, by anyone: one index probe per type (entity_created index).
const NEWEST_SQL = `
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

export interface RetentionOptions {
  personId: string;
  days: number;
  now: Date;
  batchSize?: number;
}

/** The instant before which rows are old enough to delete. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/** Deletes expired rows batch by batch; returns how many were deleted. */
export async function deleteExpiredHistory(db: pg.Pool, o: RetentionOptions): Promise<number> {
  const batchSize = o.batchSize ?? RETENTION_BATCH_SIZE;
  const cutoff = retentionCutoff(o.now, o.days).toISOString();
  // A row written meanwhile is newer than these, so keeping them stays right for the whole run.
  const newest = await db.query<{ id: string }>(NEWEST_SQL, [o.personId, HistoryEntity.options]);
  const keep = newest.rows.map((r) => r.id);
  let deleted = 0;
  for (;;) {
    // Each batch is its own statement (autocommit): locks are held for one batch only.
    const res = await db.query(DELETE_BATCH_SQL, [o.personId, BRIDGE_SOURCE_SYSTEM, cutoff, batchSize, keep]);
    deleted += res.rowCount ?? 0;
    if ((res.rowCount ?? 0) < batchSize) return deleted;
  }
}

/** The housekeeping step of the periodic sync: never throws; failures are logged and retried next time. */
export function retentionTask(o: {
  db: pg.Pool;
  personId: string;
  days: number;
  now: () => Date;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  describeError: (err: unknown) => string;
}): () => Promise<void> {
  return async () => {
    try {
      const deleted = await deleteExpiredHistory(o.db, { personId: o.personId, days: o.days, now: o.now() });
      if (deleted > 0) o.log.info({ deleted, days: o.days }, 'history rows past the retention deleted');
    } catch (err) {
      o.log.warn({ err: o.describeError(err) }, 'history retention failed; it runs again with the next sync');
    }
  };
}
