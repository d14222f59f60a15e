// The delivery loop: pushes pending transitions one by one, oldest first, and waits between tries
// with a capped back-off while the receiver is down. It runs beside the bridge, so neither a request
// nor the recording of history ever waits for it; a new row wakes it at once.
import type { WebhookStatus } from '../contract/responses';
import type { Logger } from '../log/logger';
import type { TwinStore } from '../store/twin-store';
import type { DomainName, TwinState } from '../contract/twin-state';
import type { Clock } from '../time/clock';
import { DomainStatusRecorder, settledStatuses, type SettledStatuses } from './domain-status-outbox';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './retry-delay';
import { domainStatusPayload, transitionPayload } from './transition-payload';
import { WebhookOutbox, type Delivery } from './webhook-outbox';
import { postTransition, type PostTarget } from './webhook-post';

export interface DelivererEvents {
  onDelivered?: (at: Date) => void;
  onFailed?: (at: Date) => void;
  onPending?: (count: number) => void;
}

export interface DelivererOptions {
  store: TwinStore;
  personId: string;
  target: PostTarget;
  clock: Clock;
  log: Logger;
  retry?: RetryPolicy;
  /** How often the table is looked at without a wake-up (rows written by another bridge). */
  pollMs?: number;
  events?: DelivererEvents;
}

export class WebhookDeliverer {
  private readonly outbox: WebhookOutbox;
  private readonly domains: DomainStatusRecorder;
  // The newest statuses seen before the tables were ready; recorded once they are.
  private earlyState: SettledStatuses | null = null;
  private readonly stopper = new AbortController();
  private prepared = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private wakeable = true;
  // Set by notify(): a row recorded while the loop was busy is looked for before it sleeps.
  private nudged = false;
  private failures = 0;
  private pending: number | null = null;
  private lastDeliveryAt: Date | null = null;
  private lastDeliveredId: string | null = null;
  private lastError: string | null = null;
  private lastErrorAt: Date | null = null;
  private nextRetryAt: Date | null = null;

  constructor(private readonly o: DelivererOptions) {
    this.outbox = new WebhookOutbox(o.store, o.personId);
    this.domains = new DomainStatusRecorder(o.store.domainStatus, o.personId);
  }

  /**
   * A state was computed: a domain that became degraded (failed computations in a row, counted by
   * the engine) or came back is an event to push.
   */
  observe(state: TwinState, failuresInRow: (domain: DomainName) => number): void {
    const statuses = settledStatuses(state, failuresInRow);
    if (!this.prepared) {
      this.earlyState = statuses;
      return;
    }
    void this.domains.observe(statuses).then((wrote) => {
      if (wrote) this.notify();
    });
  }

  start(): void {
    this.running ??= this.run();
  }

  /** A row was recorded: look now, unless waiting out a back-off (a down receiver is not hammered). */
  notify(): void {
    this.nudged = true;
    if (this.wakeable) this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    this.wake?.();
    await this.running;
  }

  info(): WebhookStatus {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      pending: this.pending,
      last_delivery_at: iso(this.lastDeliveryAt),
      last_delivered_id: this.lastDeliveredId,
      last_error: this.lastError,
      last_error_at: iso(this.lastErrorAt),
      consecutive_failures: this.failures,
      next_retry_at: iso(this.nextRetryAt),
    };
  }

  private get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  private async run(): Promise<void> {
    const pollMs = this.o.pollMs ?? 10_000;
    while (!this.stopped) {
      this.nudged = false;
      let waitMs = pollMs;
      try {
        if (!this.prepared) {
          await this.outbox.prepare();
          this.prepared = true;
          const early = this.earlyState;
          this.earlyState = null;
          if (early) await this.domains.observe(early);
        }
        const outcome = await this.outbox.deliverNext((delivery) => this.send(delivery));
        if (outcome === 'delivered') {
          this.failures = 0;
          this.nextRetryAt = null;
          this.lastDeliveryAt = this.o.clock.now();
          this.o.events?.onDelivered?.(this.lastDeliveryAt);
          waitMs = 0;
        }
        await this.refreshPending();
      } catch (err) {
        if (this.stopped) break;
        this.failures += 1;
        this.lastError = (err as Error).message;
        this.lastErrorAt = this.o.clock.now();
        waitMs = retryDelayMs(this.failures, this.o.retry ?? DEFAULT_RETRY);
        this.nextRetryAt = new Date(this.lastErrorAt.getTime() + waitMs);
        this.o.events?.onFailed?.(this.lastErrorAt);
        this.o.log.warn({ err: this.lastError, failures: this.failures, retry_in_ms: waitMs }, 'webhook delivery failed; retrying later');
        await this.refreshPending().catch(() => {});
      }
      const backingOff = this.failures > 0;
      if (waitMs > 0 && (backingOff || !this.nudged)) await this.sleep(waitMs, !backingOff);
    }
  }

  private async send(delivery: Delivery): Promise<void> {
    const now = this.o.clock.now();
    const body = delivery.kind === 'row' ? transitionPayload(delivery.row, delivery.previous, now) : domainStatusPayload(delivery.event, this.o.personId, now);
    await postTransition(this.o.target, JSON.stringify(body), body.id, body.event, this.stopper.signal);
    this.lastDeliveredId = body.id;
  }

  private async refreshPending(): Promise<void> {
    this.pending = await this.outbox.pendingCount();
    this.o.events?.onPending?.(this.pending);
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.wakeable = true;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wakeable = wakeable;
      this.wake = done;
    });
  }
}
