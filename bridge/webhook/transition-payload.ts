// One history row (and the row of the same entity before it) as the webhook body. Pure: the same
// rows and attempt time always give the same bytes, which is what the signature covers.
import { degradedLine } from '../briefing/domain-lines';
import type { HistoryEntry } from '../contract/responses';
import { newAlertSeverity, transitionChanges } from '../contract/transition';
import type { DomainName } from '../contract/twin-state';
import type { TransitionPayload } from '../contract/webhook-payload';
import type { DomainEvent } from './domain-status-outbox';
import { transitionText } from './transition-text';

/** A pending history row, as the outbox reads it (created_at as ISO 8601). */
export type TransitionRow = Pick<HistoryEntry, 'id' | 'entity_type' | 'entity_id' | 'created_at' | 'update_type' | 'update_data'>;

/** The row of the same entity before it. */
export type PreviousRow = Pick<HistoryEntry, 'id' | 'created_at' | 'update_data'>;

export function transitionPayload(row: TransitionRow, previous: PreviousRow | null, sentAt: Date): TransitionPayload {
  const changes = transitionChanges(row.entity_type, previous?.update_data ?? null, row.update_data);
  const severity = newAlertSeverity(changes);
  return {
    event: 'transition',
    id: row.id,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    created_at: row.created_at,
    update_type: row.update_type,
    snapshot: row.update_data,
    previous: previous ? { id: previous.id, created_at: previous.created_at, snapshot: previous.update_data } : null,
    changes,
    alert_severity: severity,
    notify: severity === 'CRITICAL' || severity === 'HIGH',
    text: transitionText(row.entity_type, row.update_data, changes),
    sent_at: sentAt.toISOString(),
  };
}

const DOMAIN_WORDS: Record<DomainName, [icon: string, name: string]> = {
  health: ['💪', 'Health'],
  finance: ['💰', 'Finance'],
  pantry: ['🛒', 'Pantry'],
};

/** A domain that became degraded (worth a message) or came back, in the same shape as a transition. */
export function domainStatusPayload(event: DomainEvent, personId: string, sentAt: Date): TransitionPayload {
  const degraded = event.status === 'degraded';
  const [icon, name] = DOMAIN_WORDS[event.domain];
  return {
    event: 'domain_status',
    id: event.event_id,
    entity_type: event.domain,
    entity_id: personId,
    created_at: event.changed_at,
    update_type: 'domain_status',
    snapshot: { status: event.status, error: event.error },
    previous: null,
    changes: [degraded ? { kind: 'domain_degraded', error: event.error } : { kind: 'domain_back' }],
    alert_severity: null,
    notify: degraded,
    text: degraded ? degradedLine(icon, name, { error: event.error, as_of: null }) : `✅ ${name}: back, its source answers again`,
    sent_at: sentAt.toISOString(),
  };
}
