// digital_twin_webhook_domains: per person and domain, the status last seen and the status last
// delivered; a domain whose two differ has an event pending. Every statement on that table.
import type { DomainName, DomainStatus } from '../contract/twin-state';
import type { Queryable } from '../db/pools';
import { utcMicrosText } from './exact-time';

// A new event only when the status really changed: two bridges that see the same outage write one.
const OBSERVE_SQL = `
  INSERT INTO digital_twin_webhook_domains (entity_id, domain, status, error, changed_at, event_id)
  VALUES ($1::uuid, $2, $3, $4, clock_timestamp(), gen_random_uuid())
  ON CONFLICT (entity_id, domain) DO UPDATE
    SET status = EXCLUDED.status, error = EXCLUDED.error, changed_at = EXCLUDED.changed_at, event_id = EXCLUDED.event_id
    WHERE digital_twin_webhook_domains.status <> EXCLUDED.status`;

const NEXT_SQL = `
  SELECT domain, status, error, changed_at, event_id,
         ${utcMicrosText('changed_at')} AS changed_exact
  FROM digital_twin_webhook_domains
  WHERE entity_id = $1::uuid AND status <> delivered_status
  ORDER BY changed_at, domain
  LIMIT 1`;

const PENDING_COUNT_SQL = `SELECT count(*)::int AS n FROM digital_twin_webhook_domains WHERE entity_id = $1::uuid AND status <> delivered_status`;

// Marked by event id: when the status flipped again during the POST, the newer event stays pending.
const MARK_SQL = `UPDATE digital_twin_webhook_domains SET delivered_status = status WHERE entity_id = $1::uuid AND domain = $2 AND event_id = $3::uuid`;

/** A pending event; domain and status hold what this bridge wrote. */
export interface DomainEventRow {
  domain: DomainName;
  status: DomainStatus;
  error: string | null;
  changed_at: Date;
  /** changed_at as microsecond UTC text, to order it against history rows. */
  changed_exact: string;
  event_id: string;
}

export class DomainStatusRepository {
  /** On a pool, or on the connection of a delivery's transaction. */
  constructor(private readonly db: Queryable) {}

  /** Records the domain's status; true when it differs from the one recorded, which makes an event. */
  async observe(personId: string, domain: DomainName, status: DomainStatus, error: string | null): Promise<boolean> {
    const res = await this.db.query(OBSERVE_SQL, [personId, domain, status, error]);
    return (res.rowCount ?? 0) > 0;
  }

  /** The oldest pending event of this person. */
  async next(personId: string): Promise<DomainEventRow | null> {
    return (await this.db.query<DomainEventRow>(NEXT_SQL, [personId])).rows[0] ?? null;
  }

  async pendingCount(personId: string): Promise<number> {
    return (await this.db.query<{ n: number }>(PENDING_COUNT_SQL, [personId])).rows[0].n;
  }

  async markDelivered(personId: string, event: Pick<DomainEventRow, 'domain' | 'event_id'>): Promise<void> {
    await this.db.query(MARK_SQL, [personId, event.domain, event.event_id]);
  }
}
