// One change between two history snapshots, as published in the webhook payload's `changes` and
// read by the plugin's history view: a receiver filters on `kind` (n8n: "a new CRITICAL alert").
// The changes themselves are computed by transition.ts.
import { z } from 'zod';
import { AlertSeverity } from './twin-state';

const figure = <K extends string>(kind: K, what: string) =>
  z.object({ kind: z.literal(kind), value: z.number().nullable(), previous: z.number().nullable() }).describe(`${what} moved (null: not known)`);

const word = <K extends string>(kind: K, what: string) =>
  z.object({ kind: z.literal(kind), value: z.string().nullable(), previous: z.string().nullable() }).describe(`${what} changed`);

const alert = { budget_id: z.string(), category: z.string().describe('category path, the name a person knows the budget by') };

export const TransitionChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('first_snapshot') }).describe("the entity's first row: every figure in it is new"),
  z
    .object({ kind: z.literal('new_month'), month: z.string(), previous_month: z.string().nullable() })
    .describe("a new calendar month: its net and its alerts start again and are compared with an empty month, last month's alerts are not reported as cleared"),
  figure('mtd_net_changed', 'month-to-date net'),
  figure('alert_count_changed', 'number of active budget alerts'),
  z.object({ kind: z.literal('alert_new'), ...alert, severity: AlertSeverity }),
  z.object({ kind: z.literal('alert_escalated'), ...alert, severity: AlertSeverity, previous_severity: AlertSeverity }),
  z.object({ kind: z.literal('alert_eased'), ...alert, severity: AlertSeverity, previous_severity: AlertSeverity }),
  z.object({ kind: z.literal('alert_cleared'), ...alert, previous_severity: AlertSeverity }),
  figure('bodyweight_changed', 'body weight (kg)'),
  figure('bodyfat_changed', 'body fat (%)'),
  word('weight_trend_changed', 'weight trend (GAINING, LOSING, STABLE)'),
  z.object({ kind: z.literal('workout_logged'), date: z.string(), previous: z.string().nullable() }).describe('a newer last workout date'),
  figure('days_since_workout_changed', 'days since the last workout'),
  figure('workouts_this_week_changed', 'workouts this week'),
  word('suggestion_changed', "today's training suggestion code"),
  figure('low_stock_count_changed', 'number of products low in stock'),
  z.object({ kind: z.literal('low_stock_new'), product: z.string() }),
  z.object({ kind: z.literal('low_stock_cleared'), product: z.string() }),
  figure('expired_changed', 'number of expired products'),
  figure('expiring_changed', 'number of products expiring soon'),
  z.object({ kind: z.literal('domain_degraded'), error: z.string().nullable().describe('why') }).describe('domain_status events only'),
  z.object({ kind: z.literal('domain_back') }).describe('domain_status events only'),
]);

export type TransitionChange = z.infer<typeof TransitionChange>;
export type TransitionChangeKind = TransitionChange['kind'];
