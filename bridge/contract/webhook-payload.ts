// The JSON body POSTed to TWIN_WEBHOOK_URL for every recorded transition. Documented in the OpenAPI
// document's `webhooks` from this schema, so that the receiver side has one definition to read.
import { z } from 'zod';
import { HistoryEntity } from './responses';

const Severity = z.enum(['CRITICAL', 'HIGH', 'MEDIUM']);

export const TransitionChange = z
  .object({
    kind: z
      .enum([
        'first_snapshot',
        'alert_new',
        'alert_escalated',
        'alert_eased',
        'alert_cleared',
        'new_month',
        'mtd_net_changed',
        'low_stock_new',
        'low_stock_cleared',
        'expired_changed',
        'expiring_changed',
        'workout_logged',
        'suggestion_changed',
        'bodyweight_changed',
        'bodyfat_changed',
        'domain_degraded',
        'domain_back',
      ])
      .describe('what changed; the other fields depend on it'),
    severity: Severity.optional(),
    previous_severity: Severity.optional(),
    budget_id: z.string().optional(),
    category: z.string().optional(),
    product: z.string().optional(),
    date: z.string().optional(),
    month: z.string().optional(),
    previous_month: z.string().nullable().optional(),
    value: z.union([z.number(), z.string()]).nullable().optional(),
    previous: z.union([z.number(), z.string()]).nullable().optional(),
    error: z.string().nullable().optional().describe('domain_degraded: why'),
  })
  .loose();

export const TransitionPayload = z.object({
  event: z.enum(['transition', 'domain_status']).describe('transition: a history row; domain_status: a domain became degraded (two computations in a row failed) or came back'),
  id: z.string().describe('the history row id (or the status event id): the same transition delivered twice carries the same id, deduplicate by it'),
  entity_type: HistoryEntity,
  entity_id: z.string(),
  created_at: z.string().describe('when the transition was recorded, ISO 8601'),
  update_type: z.string(),
  snapshot: z.unknown().describe('the row\'s update_data'),
  previous: z
    .object({ id: z.string(), created_at: z.string(), snapshot: z.unknown() })
    .nullable()
    .describe('the row of the same entity before this one; null for the first'),
  changes: z.array(TransitionChange),
  alert_severity: Severity.nullable().describe('worst budget alert that appeared or got worse in this transition'),
  notify: z.boolean().describe('true when a CRITICAL or HIGH budget alert appeared or got worse, or a domain became degraded: worth a message now'),
  text: z.string().describe('human text, ready for Telegram (under 4096 characters)'),
  sent_at: z.string().describe('time of this attempt, ISO 8601; covered by the signature, so receivers can refuse old replays'),
});

export type TransitionPayload = z.infer<typeof TransitionPayload>;
