// The last insights the bridge gave and how the last request went, for the panel's Insights section.
// Insights move slowly (the bridge recomputes them every few minutes), so they are asked for when the
// panel opens, on its refresh button, and when what is shown is older than `maxAgeMs`.
import type { InsightsResponse } from '../../bridge/contract/insights';
import type { BridgeFailure, BridgeResult } from '../bridge-client/bridge-client';
import type { Clock } from '../time/clock';

export interface InsightsSnapshot {
  insights: InsightsResponse | null;
  fetchedAt: Date | null;
  loading: boolean;
  /** Why the most recent request failed; null when it succeeded. */
  error: BridgeFailure | null;
}

export const EMPTY_INSIGHTS: InsightsSnapshot = { insights: null, fetchedAt: null, loading: false, error: null };

export const INSIGHTS_MAX_AGE_MS = 15 * 60_000;

export class InsightsStore {
  private current: InsightsSnapshot = EMPTY_INSIGHTS;
  private inFlight: Promise<void> | null = null;
  /** When refreshIfStale last asked, so that a bridge without /insights is not asked on every render. */
  private lastAttemptAt: Date | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly fetchInsights: () => Promise<BridgeResult<InsightsResponse>>,
    private readonly clock: Clock,
  ) {}

  get snapshot(): InsightsSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  refresh(): Promise<void> {
    if (this.inFlight === null) {
      this.update({ loading: true });
      this.inFlight = this.fetchInsights().then((result) => {
        this.inFlight = null;
        if (result.ok) this.update({ insights: result.data, fetchedAt: this.clock.now(), loading: false, error: null });
        else this.update({ loading: false, error: result });
      });
    }
    return this.inFlight;
  }

  /** Refreshes when nothing was fetched yet or what was is older than `maxAgeMs`; a failed try waits as long. */
  refreshIfStale(maxAgeMs = INSIGHTS_MAX_AGE_MS): void {
    if (this.inFlight !== null) return;
    const nowMs = this.clock.now().getTime();
    const recent = (at: Date | null) => at !== null && nowMs - at.getTime() < maxAgeMs;
    if (recent(this.current.fetchedAt) || recent(this.lastAttemptAt)) return;
    this.lastAttemptAt = this.clock.now();
    void this.refresh();
  }

  private update(change: Partial<InsightsSnapshot>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener();
  }
}
