// A domain that becomes degraded (its source database down or too slow) or comes back is news for
// the webhook, but history does not record degraded states. A table keeps, per domain, the status
// last seen and the status last delivered (store/domain-status-repository.ts); a domain whose two
// differ has an event pending. Another bridge, or a restart, picks it up from there.
import { DOMAIN_NAMES, type DomainName, type DomainStatus, type TwinState } from '../contract/twin-state';
import type { DomainStatusRepository } from '../store/domain-status-repository';

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

/** Writes the domains whose status differs from the one last written by this bridge. */
export class DomainStatusRecorder {
  private known = new Map<DomainName, DomainStatus>();
  private busy: Promise<boolean> | null = null;
  private waiting: SettledStatuses | null = null;

  constructor(
    private readonly domains: DomainStatusRepository,
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
        const changed = await this.domains.observe(this.personId, domain, d.status, d.error);
        this.known.set(domain, d.status);
        if (changed) wrote = true;
      } catch {
        break;
      }
    }
    return wrote;
  }
}
