// What the troubleshooting runbook asks of one domain (GET /health/domain/:name): beyond its current
// status, when it last succeeded and how many computations in a row have failed since.
import type { DomainName } from '../contract/twin-state';

export interface DomainRecord {
  last_success_at: string | null;
  last_failure_at: string | null;
  consecutive_failures: number;
}

export class DomainTracker<K extends string = DomainName> {
  private readonly records = new Map<K, DomainRecord>();

  succeeded(domain: K, at: string): void {
    this.records.set(domain, { ...this.get(domain), last_success_at: at, consecutive_failures: 0 });
  }

  failed(domain: K, at: string): void {
    const r = this.get(domain);
    this.records.set(domain, { ...r, last_failure_at: at, consecutive_failures: r.consecutive_failures + 1 });
  }

  get(domain: K): DomainRecord {
    return this.records.get(domain) ?? { last_success_at: null, last_failure_at: null, consecutive_failures: 0 };
  }
}
