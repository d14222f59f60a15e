// Records the transitions of every computed state and keeps what /status shows about it: when the
// last sync succeeded, when history was last written, and the last error. Writes run in the
// background (a failed write never fails a request) but are awaited on shutdown.
import type { SyncInfo } from '../contract/responses';
import type { DomainName, TwinState } from '../contract/twin-state';
import type { Clock } from '../time/clock';
import type { HistoryStore } from './history-store';

export interface SyncEvents {
  onWritten?: (domains: DomainName[], at: Date) => void;
  onFailed?: (error: unknown) => void;
  onSucceeded?: (at: Date) => void;
}

export class SyncTracker {
  private lastSuccess: Date | null = null;
  private lastAttempt: Date | null = null;
  private lastError: string | null = null;
  private lastWrite: Date | null = null;
  private readonly pending = new Set<Promise<void>>();
  // One write at a time, in order: a newer state never lands before an older one.
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: HistoryStore,
    private readonly clock: Clock,
    private readonly intervalSeconds: number,
    private readonly events: SyncEvents = {},
  ) {}

  async loadLastWrite(): Promise<void> {
    this.lastWrite = await this.store.lastWriteAt();
  }

  /** Queues the state's transitions for writing; resolves when they are written (or failed). */
  record(state: TwinState): Promise<void> {
    const run = this.chain.then(() => this.write(state));
    this.chain = run;
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
    return run;
  }

  private async write(state: TwinState): Promise<void> {
    this.lastAttempt = this.clock.now();
    try {
      const { written, at } = await this.store.record(state);
      if (at) {
        this.lastWrite = new Date(at);
        this.events.onWritten?.(written, this.lastWrite);
      }
      const allOk = state.health.status === 'ok' && state.finance.status === 'ok' && state.pantry.status === 'ok';
      if (allOk) {
        this.lastSuccess = this.clock.now();
        this.lastError = null;
        this.events.onSucceeded?.(this.lastSuccess);
      } else {
        const down = (['health', 'finance', 'pantry'] as const).filter((d) => state[d].status !== 'ok');
        this.lastError = `not recorded (degraded): ${down.join(', ')}`;
      }
    } catch (err) {
      this.lastError = `history write failed: ${(err as Error).message}`;
      this.events.onFailed?.(err);
    }
  }

  /** Waits for every queued write: nothing acknowledged is lost on shutdown. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  info(): SyncInfo {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      last_success_at: iso(this.lastSuccess),
      last_attempt_at: iso(this.lastAttempt),
      last_error: this.lastError,
      last_history_write_at: iso(this.lastWrite),
      interval_seconds: this.intervalSeconds,
    };
  }
}
