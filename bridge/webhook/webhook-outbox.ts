// Which transitions still have to be pushed, known from the database so that a restart or a crash
// loses none: the bridge's own rows (source_system g04_engine, this person) with processed_at
// null, recorded since the webhook was first configured, and the domains whose status changed
// (domain-status-outbox.ts). One bridge delivers at a time, oldest first, so that order per entity
// holds when several share the database. The statements are in store/outbox-repository.ts.
import type { DomainEventRow } from '../store/domain-status-repository';
import type { DeliveryTransaction, PendingRow } from '../store/outbox-repository';
import type { TwinStore } from '../store/twin-store';
import type { DomainEvent } from './domain-status-outbox';
import type { PreviousRow, TransitionRow } from './transition-payload';

export type DeliveryOutcome = 'delivered' | 'empty' | 'busy';

export type Delivery = { kind: 'row'; row: TransitionRow; previous: PreviousRow | null } | { kind: 'domain'; event: DomainEvent };

const domainEventOf = (e: DomainEventRow): DomainEvent => ({
  domain: e.domain,
  status: e.status,
  error: e.error,
  changed_at: e.changed_at.toISOString(),
  changed_exact: e.changed_exact,
  event_id: e.event_id,
});

const transitionRowOf = (r: PendingRow): TransitionRow => ({
  id: r.id,
  entity_type: r.entity_type,
  entity_id: r.entity_id,
  created_at: r.created_at.toISOString(),
  update_type: r.update_type,
  update_data: r.update_data,
});

export class WebhookOutbox {
  private enabledSince: string | null = null;

  constructor(
    private readonly store: TwinStore,
    private readonly personId: string,
  ) {}

  /** Waits for the outbox's tables (their migrations) and notes when the webhook was first configured. */
  async prepare(): Promise<void> {
    await this.store.migrations.ready('webhook');
    this.enabledSince = await this.store.outbox.enabledSince(this.personId);
  }

  private since(): string {
    if (this.enabledSince === null) throw new Error('webhook outbox used before prepare()');
    return this.enabledSince;
  }

  async pendingCount(): Promise<number> {
    const [rows, domains] = await Promise.all([this.store.outbox.pendingRowCount(this.personId, this.since()), this.store.domainStatus.pendingCount(this.personId)]);
    return rows + domains;
  }

  /**
   * Hands the oldest pending transition to `send` and marks it delivered when `send` resolves. The
   * lock is held meanwhile; when `send` throws, nothing is marked and it is tried again later.
   */
  async deliverNext(send: (delivery: Delivery) => Promise<void>): Promise<DeliveryOutcome> {
    const since = this.since();
    const outcome = await this.store.outbox.whileDelivering(this.personId, (tx) => this.deliverOldest(tx, since, send));
    return outcome ?? 'busy';
  }

  private async deliverOldest(tx: DeliveryTransaction, since: string, send: (delivery: Delivery) => Promise<void>): Promise<DeliveryOutcome> {
    const r = await tx.nextRow(this.personId, since);
    const e = await tx.domains.next(this.personId);
    if (!r && !e) return 'empty';
    // Both carry microsecond UTC text of one format, so comparing the strings compares the times.
    if (e && (!r || e.changed_exact < r.created_exact)) {
      await send({ kind: 'domain', event: domainEventOf(e) });
      await tx.domains.markDelivered(this.personId, e);
    } else if (r) {
      const p = await tx.rowBefore(r);
      const previous = p ? { id: p.id, created_at: (p.created_at ?? new Date(0)).toISOString(), update_data: p.update_data } : null;
      await send({ kind: 'row', row: transitionRowOf(r), previous });
      await tx.markDelivered(r.id);
    }
    return 'delivered';
  }
}
