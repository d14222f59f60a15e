// The last answer to one bridge request and how the last attempt to get it went, for the views that
// draw it and the callers that want it now. One request at a time: callers that ask while a refresh
// is running share it. The answer is kept under its own name (`status`, `insights`) beside the request's
// state, and is kept when later requests fail, so a view can show what it had with the reason it is old.
import type { BridgeFailure, BridgeResult } from './bridge-client';
import type { Clock } from '../time/clock';

/** How the most recent request went. */
export interface RequestState {
  /** When the answer shown was received. */
  fetchedAt: Date | null;
  loading: boolean;
  /** Why the most recent request failed; null when it succeeded. */
  error: BridgeFailure | null;
  errorAt: Date | null;
}

/** Before the first request. */
export const NO_REQUEST: RequestState = { fetchedAt: null, loading: false, error: null, errorAt: null };

export interface BridgeStoreOptions<T, S extends RequestState> {
  request: () => Promise<BridgeResult<T>>;
  clock: Clock;
  /** The snapshot before the first answer. */
  initial: S;
  /** Where an answer goes in the snapshot. */
  keep: (answer: T) => Partial<S>;
}

export class BridgeStore<T, S extends RequestState> {
  private current: S;
  private inFlight: Promise<BridgeResult<T>> | null = null;
  /** When refreshIfStale last asked, so that a bridge without the endpoint is not asked on every render. */
  private lastAttemptAt: Date | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: BridgeStoreOptions<T, S>) {
    this.current = options.initial;
  }

  get snapshot(): S {
    return this.current;
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  refresh(): Promise<BridgeResult<T>> {
    if (this.inFlight === null) {
      this.set({ ...this.current, loading: true });
      this.inFlight = this.options.request().then((result) => {
        this.inFlight = null;
        const now = this.options.clock.now();
        if (result.ok) this.set({ ...this.current, ...this.options.keep(result.data), fetchedAt: now, loading: false, error: null, errorAt: null });
        else this.set({ ...this.current, loading: false, error: result, errorAt: now });
        return result;
      });
    }
    return this.inFlight;
  }

  /** Refreshes when nothing was fetched yet or what was is older than `maxAgeMs`; a failed try waits as long. */
  refreshIfStale(maxAgeMs: number): void {
    if (this.inFlight !== null) return;
    const now = this.options.clock.now();
    const recent = (at: Date | null) => at !== null && now.getTime() - at.getTime() < maxAgeMs;
    if (recent(this.current.fetchedAt) || recent(this.lastAttemptAt)) return;
    this.lastAttemptAt = now;
    void this.refresh();
  }

  /** Changes what the snapshot holds beside the answer (for stores that keep more than the answer). */
  protected update(change: Partial<S>): void {
    this.set({ ...this.current, ...change });
  }

  private set(next: S): void {
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}
