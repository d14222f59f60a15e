// The pantry's past, from the twin's own history (digital_twin_updates, entity 'pantry'): the user's
// pantry database keeps no past, so what was in stock and what expired is what the twin recorded.
// Snapshots are JSONB that older versions and other systems write too: they are returned as stored
// and parsed by their readers. Closed days come from the summaries where the ledger has them.
import type { Queryable } from '../db/pools';
import { tableActivity } from '../db/table-activity-repository';
import type { DayRange } from '../time/day-range';
import { readClosedOrLive, type ClosedDays, type SplitStatement } from './closed-or-live';
import { CLOSED_EXPIRED_DAYS_SQL, type ExpiredDayRow, type FingerprintRow } from './summaries-repository';

/** A pantry snapshot as stored, with its local day (the session's zone). */
export interface StoredSnapshot {
  day: string;
  update_data: unknown;
}

export interface PantryHistoryRepository {
  /** The expired count per local day of the range: first and last value, and the rises within the day. */
  expiredDays(personId: string, range: DayRange): Promise<ExpiredDayRow[]>;
  /** The last expired count recorded before `day`; null when there is none. */
  expiredBefore(personId: string, day: string): Promise<number | null>;
  /** The local day of the first pantry snapshot; null without any. */
  firstDay(personId: string): Promise<string | null>;
  /** Snapshots that carry quantities per product, oldest first. */
  stockSnapshots(personId: string, range: DayRange): Promise<StoredSnapshot[]>;
  /** The last snapshot recorded before the end of local day `day`; null without any. */
  snapshotAt(personId: string, day: string): Promise<unknown>;
}

/** Days of [$1, $2) for person $3. The (entity_type, entity_id, created_at DESC, id DESC) index serves it. */
const EXPIRED_DAYS_SQL = `
  WITH counts AS (
    SELECT to_char(created_at, 'YYYY-MM-DD') AS day, created_at, id, (update_data->>'expired_count')::numeric AS v
    FROM digital_twin_updates
    WHERE entity_type = 'pantry' AND entity_id = $3::uuid AND created_at >= $1::date AND created_at < $2::date
      AND jsonb_typeof(update_data->'expired_count') = 'number'
  ), steps AS (
    SELECT day, created_at, id, v, v - lag(v) OVER (PARTITION BY day ORDER BY created_at, id) AS step FROM counts
  )
  SELECT day,
         (array_agg(v ORDER BY created_at, id))[1]::text AS first_value,
         (array_agg(v ORDER BY created_at DESC, id DESC))[1]::text AS last_value,
         coalesce(sum(step) FILTER (WHERE step > 0), 0)::text AS inner_rises
  FROM steps
  GROUP BY day`;

const EXPIRED_DAYS: SplitStatement = { kind: 'pantry', closed: CLOSED_EXPIRED_DAYS_SQL, live: EXPIRED_DAYS_SQL };

const EXPIRED_BEFORE_SQL = `
  SELECT (update_data->>'expired_count')::numeric::text AS v
  FROM digital_twin_updates
  WHERE entity_type = 'pantry' AND entity_id = $1::uuid AND created_at < $2::date
    AND jsonb_typeof(update_data->'expired_count') = 'number'
  ORDER BY created_at DESC, id DESC
  LIMIT 1`;

// Closed days are read once per ledger generation (no table of their own), the rest live.
const STOCK: SplitStatement = {
  kind: 'pantry',
  closed: null,
  live: `
  SELECT update_data, to_char(created_at, 'YYYY-MM-DD') AS day
  FROM digital_twin_updates
  WHERE entity_type = 'pantry' AND entity_id = $3::uuid AND created_at >= $1::date AND created_at < $2::date AND update_data ? 'stock'
  ORDER BY created_at, id`,
};

const FIRST_DAY_SQL = `
  SELECT to_char(created_at, 'YYYY-MM-DD') AS day
  FROM digital_twin_updates
  WHERE entity_type = 'pantry' AND entity_id = $1::uuid
  ORDER BY created_at, id LIMIT 1`;

// The state at the end of the day is the last transition recorded before the next local midnight
// (the session's TimeZone is the configured zone).
const SNAPSHOT_AT_SQL = `
  SELECT update_data FROM digital_twin_updates
  WHERE entity_type = 'pantry' AND entity_id = $1::uuid AND created_at < ($2::date + 1)::timestamptz
  ORDER BY created_at DESC, id DESC
  LIMIT 1`;

// History rows are written once and deleted (retention), never edited: a month's rows and their
// (id, created_at) tell every change, read from the paging index alone without the JSON.
const FINGERPRINTS_SQL = `
  SELECT to_char(date_trunc('month', created_at), 'YYYY-MM-DD') AS month, count(*)::text AS rows,
         sum(hashtextextended(id::text, (extract(epoch FROM created_at) * 1000000)::bigint)::numeric)::text AS fingerprint
  FROM digital_twin_updates
  WHERE entity_type = 'pantry' AND entity_id = $3::uuid AND created_at >= $1::date AND created_at < $2::date
  GROUP BY 1`;

export class PgPantryHistoryRepository implements PantryHistoryRepository {
  constructor(
    private readonly twin: Queryable,
    /** The checked closed days; null reads every day live. */
    private readonly closed: ClosedDays | null = null,
  ) {}

  expiredDays(personId: string, range: DayRange): Promise<ExpiredDayRow[]> {
    return readClosedOrLive<ExpiredDayRow>(this.twin, this.closed, EXPIRED_DAYS, range, [personId]);
  }

  /** The live days only: what the ledger builds a closed month from. */
  async liveExpiredDays(personId: string, from: string, to: string): Promise<ExpiredDayRow[]> {
    return (await this.twin.query<ExpiredDayRow>(EXPIRED_DAYS_SQL, [from, to, personId])).rows;
  }

  async expiredBefore(personId: string, day: string): Promise<number | null> {
    const v = (await this.twin.query<{ v: string }>(EXPIRED_BEFORE_SQL, [personId, day])).rows[0]?.v;
    return v === undefined ? null : Number(v);
  }

  async firstDay(personId: string): Promise<string | null> {
    return (await this.twin.query<{ day: string }>(FIRST_DAY_SQL, [personId])).rows[0]?.day ?? null;
  }

  stockSnapshots(personId: string, range: DayRange): Promise<StoredSnapshot[]> {
    return readClosedOrLive<StoredSnapshot>(this.twin, this.closed, STOCK, range, [personId]);
  }

  async snapshotAt(personId: string, day: string): Promise<unknown> {
    return (await this.twin.query<{ update_data: unknown }>(SNAPSHOT_AT_SQL, [personId, day])).rows[0]?.update_data ?? null;
  }

  /** Per month of [from, open): the row count and fingerprint of the pantry's snapshots (for the summaries). */
  async monthFingerprints(personId: string, from: string, open: string): Promise<FingerprintRow[]> {
    return (await this.twin.query<FingerprintRow>(FINGERPRINTS_SQL, [from, open, personId])).rows;
  }

  /** A cheap word that moves when the history table is written (db/table-activity-repository.ts). */
  changeSignal(): Promise<string | null> {
    return tableActivity(this.twin, { tables: ['digital_twin_updates'] });
  }
}
