// The last known twin state and how the last attempt to get it went. One request at a time: callers
// that ask while a refresh is running share it.
import type { StatusResponse } from '../../bridge/contract/responses';
import type { BridgeFailure, BridgeResult } from '../bridge-client/bridge-client';
import type { Clock } from '../time/clock';

export interface TwinSnapshot {
  /** The last status the bridge returned, kept when later requests fail. */
  status: StatusResponse | null;
  /** When `status` was received. */
  fetchedAt: Date | null;
  loading: boolean;
  /** Why the most recent request failed; null when it succeeded. */
  error: BridgeFailure | null;
  errorAt: Date | null;
  /** Why today's briefing could not be written into the note (for the panel); null when nothing is wrong. */
  briefingIssue?: string | null;
}

export const EMPTY_SNAPSHOT: TwinSnapshot = { status: null, fetchedAt: null, loading: false, error: null, errorAt: null, briefingIssue: null };

export class TwinStore {
  private current: TwinSnapshot = EMPTY_SNAPSHOT;
  private inFlight: Promise<BridgeResult<StatusResponse>> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly fetchStatus: () => Promise<BridgeResult<StatusResponse>>,
    private readonly clock: Clock,
  ) {}

  get snapshot(): TwinSnapshot {
    return this.current;
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  refresh(): Promise<BridgeResult<StatusResponse>> {
    if (this.inFlight === null) {
      this.update({ loading: true });
      this.inFlight = this.fetchStatus().then((result) => {
        this.inFlight = null;
        const now = this.clock.now();
        if (result.ok) this.update({ status: result.data, fetchedAt: now, loading: false, error: null, errorAt: null });
        else this.update({ loading: false, error: result, errorAt: now });
        return result;
      });
    }
    return this.inFlight;
  }

  /** Records (or clears) a problem with today's note that the user has to fix. */
  setBriefingIssue(issue: string | null): void {
    if ((this.current.briefingIssue ?? null) !== issue) this.update({ briefingIssue: issue });
  }

  private update(change: Partial<TwinSnapshot>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener();
  }
}
