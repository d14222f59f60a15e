// History retention: the rows this bridge wrote (source_system g04_engine, this person) that are
// older than the configured number of days are deleted in small batches, so no long lock or
// transaction competes with the writes of requests. Rows of other systems are never touched, and
// each entity's newest row is kept whatever its age: it is what the next state is compared with,
// and without it an unchanged state would be recorded again as a transition.
import { HistoryEntity } from '../contract/responses';
import type { HistoryRepository } from '../store/history-repository';

export const RETENTION_BATCH_SIZE = 500;

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
export async function deleteExpiredHistory(history: HistoryRepository, o: RetentionOptions): Promise<number> {
  const limit = o.batchSize ?? RETENTION_BATCH_SIZE;
  const before = retentionCutoff(o.now, o.days);
  // A row written meanwhile is newer than these, so keeping them stays right for the whole run.
  const keep = await history.newestIds(o.personId, HistoryEntity.options);
  let deleted = 0;
  for (;;) {
    const n = await history.deleteBridgeRowsBefore({ personId: o.personId, before, limit, keep });
    deleted += n;
    if (n < limit) return deleted;
  }
}

/** The housekeeping step of the periodic sync: never throws; failures are logged and retried next time. */
export function retentionTask(o: {
  history: HistoryRepository;
  personId: string;
  days: number;
  now: () => Date;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  describeError: (err: unknown) => string;
}): () => Promise<void> {
  return async () => {
    try {
      const deleted = await deleteExpiredHistory(o.history, { personId: o.personId, days: o.days, now: o.now() });
      if (deleted > 0) o.log.info({ deleted, days: o.days }, 'history rows past the retention deleted');
    } catch (err) {
      o.log.warn({ err: o.describeError(err) }, 'history retention failed; it runs again with the next sync');
    }
  };
}
