// One computation shared by concurrent callers, and its result served again for a while: callers
// under load never start a computation each, nor all wait on one expired value.
import type { Clock } from '../time/clock';

export interface SharedComputationOptions<T> {
  clock: Clock;
  /** Computes a fresh value as of `now`. */
  compute: (now: Date) => Promise<T>;
  /** Starts the next computation in the background in the last quarter of the window. */
  refreshAhead?: boolean;
}

export class SharedComputation<T> {
  private cached: { value: T; atMs: number } | null = null;
  private inflight: Promise<T> | null = null;
  private stale = false;

  constructor(private readonly o: SharedComputationOptions<T>) {}

  /** A value computed at most `maxAgeMs` ago and not marked stale since, or the one being computed, or a new one. */
  get(maxAgeMs: number): Promise<T> {
    const cached = this.cached;
    const age = cached ? this.o.clock.now().getTime() - cached.atMs : Infinity;
    if (cached && !this.stale && maxAgeMs > 0 && age <= maxAgeMs) {
      if (this.o.refreshAhead && !this.inflight && age >= maxAgeMs * 0.75) void this.shared().catch(() => {});
      return Promise.resolve(cached.value);
    }
    return this.shared();
  }

  /** Computes now, beside any computation under way, and keeps the result from the moment it started. */
  async compute(): Promise<T> {
    const now = this.o.clock.now();
    // Changes marked from here on are not in this value.
    this.stale = false;
    const value = await this.o.compute(now);
    this.cached = { value, atMs: now.getTime() };
    return value;
  }

  /** What the value is computed from has changed: the next call computes again. */
  markStale(): void {
    this.stale = true;
  }

  /** Resolves when no computation is under way (for an orderly shutdown). */
  async idle(): Promise<void> {
    while (this.inflight) await this.inflight.catch(() => {});
  }

  private shared(): Promise<T> {
    this.inflight ??= this.compute().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }
}
