// Wrong API keys from one client address, for a bridge listening beyond loopback: each wrong key is
// answered later than the one before, and after `threshold` wrong keys within `windowMs` the address
// is refused altogether for `banMs` (Home Assistant's ip_ban with login_attempts_threshold, but the
// ban lifts by itself). A right key clears the address's count.
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import type { Clock } from '../time/clock';

export interface LoginPolicy {
  /** Wrong keys within the window that ban the address. */
  threshold: number;
  windowMs: number;
  banMs: number;
  /** Delay of the first wrong key's answer; it doubles with each further one, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Addresses remembered at most; the least recently seen are forgotten first. */
  maxTracked: number;
}

export const LOGIN_POLICY: LoginPolicy = {
  threshold: 10,
  windowMs: 15 * 60_000,
  banMs: 60 * 60_000,
  firstDelayMs: 250,
  maxDelayMs: 4_000,
  maxTracked: 10_000,
};

export interface LoginEvents {
  wrongKey(client: string, failures: number): void;
  banned(client: string, until: Date, failures: number): void;
}

interface ClientRecord {
  failures: number[];
  bannedUntil: number | null;
}

export interface WrongKeyOutcome {
  /** How long to hold the 401 answer. */
  delayMs: number;
  /** True when this wrong key banned the address. */
  banned: boolean;
}

/** The unit an address is counted by: IPv4 as is, IPv6 by its /64 (one household's prefix). */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export class LoginAttempts {
  private readonly clients = new Map<string, ClientRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly events: LoginEvents,
    readonly policy: LoginPolicy = LOGIN_POLICY,
  ) {}

  /** When the address's ban ends and the seconds until then, or null when it is not banned. */
  ban(address: string): { until: Date; seconds: number } | null {
    const record = this.clients.get(clientKey(address));
    if (!record?.bannedUntil) return null;
    const left = record.bannedUntil - this.clock.now().getTime();
    if (left > 0) return { until: new Date(record.bannedUntil), seconds: Math.ceil(left / 1000) };
    this.clients.delete(clientKey(address));
    return null;
  }

  wrongKey(address: string): WrongKeyOutcome {
    const key = clientKey(address);
    const now = this.clock.now().getTime();
    const record = this.touch(key);
    record.failures = [...record.failures.filter((t) => t > now - this.policy.windowMs), now];
    const count = record.failures.length;
    this.events.wrongKey(key, count);
    const delayMs = Math.min(this.policy.firstDelayMs * 2 ** (count - 1), this.policy.maxDelayMs);
    if (count < this.policy.threshold) return { delayMs, banned: false };
    record.bannedUntil = now + this.policy.banMs;
    this.events.banned(key, new Date(record.bannedUntil), count);
    return { delayMs, banned: true };
  }

  rightKey(address: string): void {
    const key = clientKey(address);
    if (!this.clients.get(key)?.bannedUntil) this.clients.delete(key);
  }

  /** Addresses currently banned. */
  bannedCount(): number {
    const now = this.clock.now().getTime();
    return [...this.clients.values()].filter((r) => r.bannedUntil !== null && r.bannedUntil > now).length;
  }

  private touch(key: string): ClientRecord {
    const record = this.clients.get(key) ?? { failures: [], bannedUntil: null };
    // Re-inserted so that the map's order is least recently seen first.
    this.clients.delete(key);
    this.clients.set(key, record);
    if (this.clients.size > this.policy.maxTracked) {
      const oldest = this.clients.keys().next();
      if (!oldest.done) this.clients.delete(oldest.value);
    }
    return record;
  }
}

/** The attempts of a bridge listening beyond loopback, logged and counted in /metrics. */
export function watchedLoginAttempts(clock: Clock, log: Logger, metrics: Metrics): LoginAttempts {
  const attempts = new LoginAttempts(clock, {
    wrongKey: (client, failures) => {
      metrics.wrongApiKeys.inc();
      log.warn({ client, failures }, 'wrong API key');
    },
    banned: (client, until, failures) => {
      metrics.clientBans.inc();
      log.warn({ client, failures, until: until.toISOString() }, `client ${client} banned until ${until.toISOString()} after ${failures} wrong API keys`);
    },
  });
  metrics.watchBannedClients(() => attempts.bannedCount());
  return attempts;
}
