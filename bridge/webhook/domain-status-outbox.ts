// A domain that becomes degraded (its source database down or too slow) or comes back is news for
// the webhook, but history does not record degraded states. This table keeps, per domain, the
// status last seen and the status last delivered; a domain whose two differ has an event pending.
// Another bridge, or a restart, picks it up from here.
import { DOMAIN_NAMES, type DomainName, type DomainStatus, type TwinState } from '../contract/twin-state';
import type { Queryable } from '../db/pools';
import { utcMicrosText } from '../history/exact-time';

export const DOMAIN_STATUS_TABLE = `
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

// A new event only when the status really changed: two bridges that see the same outage write one.
const OBSERVE_SQL = `
  INSERT INTO digital_twin_webhook_domains (entity_id, domain, status, error, changed_at, event_id)
  VALUES ($1::uuid, $2, $3, $4, clock_timestamp(), gen_random_uuid())
  ON CONFLICT (entity_id, domain) DO UPDATE
    SET status = EXCLUDED.status, error = EXCLUDED.error, changed_at = EXCLUDED.changed_at, event_id = EXCLUDED.event_id
    WHERE digital_twin_webhook_domains.status <> EXCLUDED.status`;

export const NEXT_DOMAIN_EVENT_SQL = `
  SELECT domain, status, error, changed_at, event_id,
         ${utcMicrosText('changed_at')} AS changed_exact
  FROM digital_twin_webhook_domains
  WHERE entity_id = $1::uuid AND status <> delivered_status
  ORDER BY changed_at, domain
  LIMIT 1`;

export const PENDING_DOMAIN_EVENTS_SQL = `SELECT count(*)::int AS n FROM digital_twin_webhook_domains WHERE entity_id = $1::uuid AND status <> delivered_status`;

// Marked by event id: when the status flipped again during the POST, the newer event stays pending.
export const MARK_DOMAIN_EVENT_SQL = `UPDATE digital_twin_webhook_domains SET delivered_status = status WHERE entity_id = $1::uuid AND domain = $2 AND event_id = $3::uuid`;

/** Computations in a row a domain must fail before it is news: one slow query does not wake anyone. */
export const DEGRADED_AFTER_FAILURES = 2;

export type SettledStatuses = Partial<Record<DomainName, { status: DomainStatus; error: string | null }>>;

/**
 * The domains whose status is settled in this state: every ok domain, and a degraded one once it
 * has failed DEGRADED_AFTER_FAILURES computations in a row. A domain left out keeps the status last
 * recorded, so a single failure neither raises an alarm nor, after a restart, a false "back".
 */
export function settledStatuses(state: TwinState, failuresInRow: (domain: DomainName) => number): SettledStatuses {
  const out: SettledStatuses = {};
  for (const domain of DOMAIN_NAMES) {
    const { status, error } = state[domain];
    if (status === 'degraded' && failuresInRow(domain) < DEGRADED_AFTER_FAILURES) continue;
    out[domain] = { status, error };
  }
  return out;
}

export interface DomainEvent {
  domain: DomainName;
  status: DomainStatus;
  error: string | null;
  changed_at: string;
  /** Exact (microseconds) for ordering against history rows. */
  changed_exact: string;
  event_id: string;
}

/** A pending event as NEXT_DOMAIN_EVENT_SQL reads it. */
export interface DomainEventRow extends Omit<DomainEvent, 'changed_at'> {
  changed_at: Date;
}

/** Writes the domains whose status differs from the one last written by this bridge. */
export class DomainStatusRecorder {
  private known = new Map<DomainName, DomainStatus>();
  private busy: Promise<boolean> | null = null;
  private waiting: SettledStatuses | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly personId: string,
  ) {}

  /**
   * Records settled domain statuses in the background; resolves true when an event was written.
   * Only the newest waiting statuses are kept: statuses are levels, not a log.
   */
  observe(statuses: SettledStatuses): Promise<boolean> {
    if (this.busy) {
      this.waiting = statuses;
      return this.busy;
    }
    this.busy = this.write(statuses).finally(() => {
      this.busy = null;
      const next = this.waiting;
      this.waiting = null;
      if (next) void this.observe(next);
    });
    return this.busy;
  }

  private async write(statuses: SettledStatuses): Promise<boolean> {
    let wrote = false;
    for (const domain of DOMAIN_NAMES) {
      const d = statuses[domain];
      if (!d || this.known.get(domain) === d.status) continue;
      // When the database holding this table is the one that is down, the write fails and is
      // tried again with the next state (the status is then forgotten if it came back meanwhile).
      try {
        const res = await this.db.query(OBSERVE_SQL, [this.personId, domain, d.status, d.error]);
        this.known.set(domain, d.status);
        if (res.rowCount) wrote = true;
      } catch {
        break;
      }
    }
    return wrote;
  }
}
