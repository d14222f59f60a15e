// The JSON bodies of every endpoint. n8n reads `report`, `response_text` and `content` (the same
// human text) and optionally `data`; dashboards read the top-level figures.
import { z } from 'zod';
import { BudgetAlert, FinanceDomain, HealthDomain, TwinState } from './twin-state';

const text = {
  report: z.string().describe('human text (Markdown), the same in response_text and content'),
  response_text: z.string(),
  content: z.string(),
};

/** The three text keys every body carries for n8n. */
export const TextKeys = z.object(text);

/** Which bridge answers: its release (package.json) and the version of this contract (api-version.ts). */
export const Versions = z.object({
  version: z.string().describe("the bridge's release, e.g. 1.0.0"),
  api_version: z.string().describe('the version of this API contract (semver; it only grows: a new field or endpoint raises the minor number)'),
});

/** `date` of a request that asked for a day (`date=YYYY-MM-DD`), named at the top of its answer. */
export const AskedDate = z.object({
  date: z.string().optional().describe('the day asked for with date=YYYY-MM-DD (a past day is answered as it stood at its end); absent when none was asked'),
});

/** Pushing recorded transitions to TWIN_WEBHOOK_URL, as this bridge last saw it. */
export const WebhookStatus = z.object({
  /** Transitions recorded and not yet delivered (read from the database); null before the first look. */
  pending: z.number().int().nullable(),
  last_delivery_at: z.string().nullable(),
  /** History row id of the last transition this bridge delivered. */
  last_delivered_id: z.string().nullable(),
  /** Why the last failed attempt failed (kept after later successes; compare last_error_at with last_delivery_at). */
  last_error: z.string().nullable(),
  last_error_at: z.string().nullable(),
  consecutive_failures: z.number().int(),
  /** When the next try is due while backing off; null when not backing off. */
  next_retry_at: z.string().nullable(),
});

export const LedgerStatus = z.object({
  /** building until the first complete check (figures are read directly meanwhile), then ready; failed if that check failed. */
  state: z.enum(['building', 'ready', 'failed']),
  /** Months before this first day are served from the ledger; null until the first complete check. */
  covered_until: z.string().nullable(),
  months: z.number().int(),
  /** Rows kept: one per day, category and type with transactions. */
  day_rows: z.number().int(),
  last_check_at: z.string().nullable(),
  /** How long the first complete check took (the build, on an empty ledger), in milliseconds. */
  first_check_ms: z.number().int().nullable(),
  /** Closed months built since the start: every month on a first build, then each whose rows changed at the source. */
  months_rebuilt_total: z.number().int(),
  /** Periodic checks that found every source's change signal unmoved and read no fingerprint. */
  quiet_checks_total: z.number().int(),
  /** Sources fingerprinted since the start (finance, training and pantry count one each per check). */
  fingerprints_total: z.number().int(),
  /** Within how many seconds an edit that no statistic shows is found: the fallback fingerprint's current period. */
  fallback_seconds: z.number().int(),
  last_error: z.string().nullable(),
});

export const SyncInfo = z.object({
  /** Last time a state was computed and its transitions recorded, ISO 8601; null before the first. */
  last_success_at: z.string().nullable(),
  last_attempt_at: z.string().nullable(),
  last_error: z.string().nullable(),
  /** Newest history row of this person known to this bridge: read at start, then each row it writes. Shows whether history is still being written. */
  last_history_write_at: z.string().nullable(),
  interval_seconds: z.number().int(),
  /** Delivery of transitions to the webhook; null when TWIN_WEBHOOK_URL is not set. */
  webhook: WebhookStatus.nullable(),
  /** The summaries of closed months; null with TWIN_LEDGER_CHECK_SECONDS=0. */
  ledger: LedgerStatus.nullable(),
});

export const StatusResponse = z.object({
  ...AskedDate.shape,
  ...text,
  summary: z.string(),
  state: TwinState,
  data: z.object({
    mtd_net: z.number().nullable(),
    active_budget_alerts: z.number().int().nullable(),
    bodyfat_pct: z.number().nullable(),
    days_since_workout: z.number().int().nullable(),
    low_stock_count: z.number().int().nullable(),
    degraded: z.array(z.enum(['health', 'finance', 'pantry'])),
  }),
  computed_at: z.string(),
  ...Versions.shape,
  sync: SyncInfo,
});

export const HealthResponse = HealthDomain.extend({
  ...AskedDate.shape,
  ...text,
  computed_at: z.string(),
  data: HealthDomain,
});

export const FinanceResponse = FinanceDomain.extend({
  ...AskedDate.shape,
  ...text,
  computed_at: z.string(),
  data: FinanceDomain,
});

export const HistoryEntity = z.enum(['person', 'goal', 'health', 'training', 'finance', 'pantry']);

export const HistoryEntry = z.object({
  id: z.string(),
  entity_type: HistoryEntity,
  entity_id: z.string(),
  update_data: z.unknown(),
  source_system: z.string(),
  update_type: z.string(),
  created_at: z.string(),
});

export const HistoryResponse = z.object({
  ...text,
  items: z.array(HistoryEntry),
  count: z.number().int(),
  limit: z.number().int(),
  entity: HistoryEntity.nullable(),
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  next_cursor: z.string().nullable(),
  /** The time range asked for, as UTC timestamps; null when open. */
  since: z.string().nullable().optional(),
  until: z.string().nullable().optional(),
});

export const LiveResponse = z.object({ status: z.literal('live'), uptime_seconds: z.number(), ...Versions.shape });

export const ReadyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  sources: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().nullable(), latency_ms: z.number().nullable() })),
  down: z.array(z.string()),
});

export const DomainHealthResponse = z.object({
  ...text,
  domain: z.enum(['health', 'finance', 'pantry']),
  status: z.enum(['ok', 'degraded']),
  error: z.string().nullable().describe('why the domain is degraded; null when ok'),
  as_of: z.string().nullable().describe('when the figures served were computed'),
  last_success_at: z.string().nullable().describe('last computation in which the domain answered; null since start when it never did'),
  last_failure_at: z.string().nullable(),
  consecutive_failures: z.number().int().describe('computations in a row that failed since the last success (0 when ok)'),
  computed_at: z.string(),
});

export const ErrorResponse = z.object({
  ...text,
  error: z.object({ code: z.string(), message: z.string() }),
});

export type WebhookStatus = z.infer<typeof WebhookStatus>;
export type SyncInfo = z.infer<typeof SyncInfo>;
export type LedgerStatus = z.infer<typeof LedgerStatus>;
export type StatusResponse = z.infer<typeof StatusResponse>;
export type HealthResponse = z.infer<typeof HealthResponse>;
export type FinanceResponse = z.infer<typeof FinanceResponse>;
export type HistoryEntity = z.infer<typeof HistoryEntity>;
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export type HistoryResponse = z.infer<typeof HistoryResponse>;
export type LiveResponse = z.infer<typeof LiveResponse>;
export type Versions = z.infer<typeof Versions>;
export type ReadyResponse = z.infer<typeof ReadyResponse>;
export type ErrorResponse = z.infer<typeof ErrorResponse>;
export type DomainHealthResponse = z.infer<typeof DomainHealthResponse>;
export type { BudgetAlert };
