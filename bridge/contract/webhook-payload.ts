// The JSON body POSTed to TWIN_WEBHOOK_URL for every recorded transition. Documented in the OpenAPI
// document's `webhooks` from this schema, so that the receiver side has one definition to read.
import { z } from 'zod';
import { HistoryEntity } from './responses';
import { TransitionChange } from './transition-change';
import { AlertSeverity } from './twin-state';

export const TransitionPayload = z.object({
  event: z.enum(['transition', 'domain_status']).describe('transition: a history row; domain_status: a domain became degraded (two computations in a row failed) or came back'),
  id: z.string().describe('the history row id (or the status event id): the same transition delivered twice carries the same id, deduplicate by it'),
  entity_type: HistoryEntity,
  entity_id: z.string(),
  created_at: z.string().describe('when the transition was recorded, ISO 8601'),
  update_type: z.string(),
  snapshot: z.unknown().describe('the row\'s update_data: a history snapshot of the entity (rows written by older versions may lack fields); for domain_status, {status, error}'),
  previous: z
    .object({ id: z.string(), created_at: z.string(), snapshot: z.unknown() })
    .nullable()
    .describe('the row of the same entity before this one; null for the first'),
  changes: z.array(TransitionChange),
  alert_severity: AlertSeverity.nullable().describe('worst budget alert that appeared or got worse in this transition'),
  notify: z.boolean().describe('true when a CRITICAL or HIGH budget alert appeared or got worse, or a domain became degraded: worth a message now'),
  text: z.string().describe('human text, ready for Telegram (under 4096 characters)'),
  sent_at: z.string().describe('time of this attempt, ISO 8601; covered by the signature, so receivers can refuse old replays'),
});

export type TransitionPayload = z.infer<typeof TransitionPayload>;
