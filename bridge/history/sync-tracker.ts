// Records the transitions of every computed state and keeps what /status shows about it: when the
// last sync succeeded, when history was last written, and the last error. Writes run in the
// background (a failed write never fails a request) but are awaited on shutdown.
import type { LedgerStatus, SyncInfo, WebhookStatus } from '../contract/responses';
import { DOMAIN_NAMES, type DomainName, type TwinState } from '../contract/twin-state';
import type { Clock } from '../time/clock';
import { snapshotOf } from '../contract/snapshot';
import { HistoryUnavailableError, type HistoryStore } from './history-store';

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
  // One write at a time; while one runs, only the newest state waits (older ones are superseded),
  // so the queue stays bounded however fast states are computed.
  private writing: Promise<void> | null = null;
  private next: { state: TwinState; waiters: (() => void)[] } | null = null;
  // The snapshots last confirmed against the database, to spare identical writes for a moment.
  private confirmed: { key: string; atMs: number } | null = null;
  private webhook: (() => WebhookStatus) | null = null;
  private ledger: (() => LedgerStatus) | null = null;

  constructor(
    private readonly store: HistoryStore,
    private readonly clock: Clock,
    private readonly intervalSeconds: number,
    private readonly events: SyncEvents = {},
    /** How long an unchanged state needs no new look at the table (another bridge may write meanwhile). */
    private readonly reconfirmMs = 1000,
  ) {}

  async loadLastWrite(): Promise<void> {
    this.lastWrite = await this.store.lastWriteAt();
  }

  /** Queues the state's transitions for writing; resolves when they (or a newer state's) are written or failed. */
  record(state: TwinState): Promise<void> {
    return new Promise((resolve) => {
      if (this.next) {
        this.next.state = state;
        this.next.waiters.push(resolve);
      } else {
        this.next = { state, waiters: [resolve] };
      }
      if (!this.writing) this.pump();
    });
  }

  private pump(): void {
    const job = this.next;
    if (!job) return;
    this.next = null;
    this.writing = this.write(job.state).then(() => {
      for (const done of job.waiters) done();
      this.writing = null;
      this.pump();
    });
  }

  private async write(state: TwinState): Promise<void> {
    this.lastAttempt = this.clock.now();
    const key = JSON.stringify(DOMAIN_NAMES.map((d) => snapshotOf(state, d)));
    const nowMs = this.lastAttempt.getTime();
    try {
      const unchanged = this.confirmed && this.confirmed.key === key && nowMs - this.confirmed.atMs < this.reconfirmMs;
      const { written, at } = unchanged ? { written: [], at: null } : await this.store.record(state);
      if (!unchanged) this.confirmed = { key, atMs: nowMs };
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
      this.lastError = err instanceof HistoryUnavailableError ? `history unavailable: ${err.message}` : `history write failed: ${(err as Error).message}`;
      this.events.onFailed?.(err);
    }
  }

  /**
   * A periodic beat found every source unwritten since the last healthy computation on the same day:
   * the state is the one recorded, so the sync succeeded without a computation.
   */
  confirmUnchanged(): void {
    this.lastAttempt = this.clock.now();
    this.lastSuccess = this.lastAttempt;
    this.lastError = null;
    this.events.onSucceeded?.(this.lastSuccess);
  }

  /** Shows the webhook's delivery state in info() (and so in /status.sync). */
  showWebhook(status: () => WebhookStatus): void {
    this.webhook = status;
  }

  /** Shows the ledger's state in info() (and so in /status.sync). */
  showLedger(status: () => LedgerStatus): void {
    this.ledger = status;
  }

  /** Waits for every queued write: nothing acknowledged is lost on shutdown. */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }

  info(): SyncInfo {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      last_success_at: iso(this.lastSuccess),
      last_attempt_at: iso(this.lastAttempt),
      last_error: this.lastError,
      last_history_write_at: iso(this.lastWrite),
      interval_seconds: this.intervalSeconds,
      webhook: this.webhook?.() ?? null,
      ledger: this.ledger?.() ?? null,
    };
  }
}
