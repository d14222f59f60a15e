// The history snapshot: what of each domain counts as its state for history, the figures a person
// would call a change, without values that move every minute (alert ids, computation times). The
// bridge writes exactly these shapes into digital_twin_updates.update_data. Other systems and older
// versions write that table too, so what is read back goes through the lenient readers of
// transition.ts, never trusted to have this shape.
import { z } from 'zod';
import { AlertSeverity, TrainingSuggestionCode, WeightTrend, type DomainName, type TwinState } from './twin-state';

export const HealthSnapshot = z.object({
  bodyweight_kg: z.number().nullable(),
  bodyfat_pct: z.number().nullable(),
  weight_trend: WeightTrend.nullable(),
  last_workout_date: z.string().nullable().describe('YYYY-MM-DD'),
  days_since_workout: z.number().int().nullable(),
  workouts_this_week: z.number().int().nullable(),
  suggestion: TrainingSuggestionCode.nullable(),
});

/** A budget alert as history keeps it: which budget, the name a person knows it by, how bad. */
export const AlertSnapshot = z.object({
  budget_id: z.string(),
  category: z.string(),
  severity: AlertSeverity,
});

export const FinanceSnapshot = z.object({
  month: z.string().nullable().describe('YYYY-MM, in the configured time zone'),
  currency: z.string(),
  mtd_net: z.number().nullable(),
  mtd_income: z.number().nullable(),
  mtd_expense: z.number().nullable(),
  active_budget_alerts: z.number().int().nullable(),
  alerts: z.array(AlertSnapshot),
});

export const PantrySnapshot = z.object({
  low_stock_count: z.number().int().nullable(),
  low_stock_items: z.array(z.string()),
  expired_count: z.number().int().nullable(),
  expiring_count: z.number().int().nullable(),
});

export const SNAPSHOT_SCHEMAS = { health: HealthSnapshot, finance: FinanceSnapshot, pantry: PantrySnapshot } as const;

export type HealthSnapshot = z.infer<typeof HealthSnapshot>;
export type AlertSnapshot = z.infer<typeof AlertSnapshot>;
export type FinanceSnapshot = z.infer<typeof FinanceSnapshot>;
export type PantrySnapshot = z.infer<typeof PantrySnapshot>;
export interface Snapshots {
  health: HealthSnapshot;
  finance: FinanceSnapshot;
  pantry: PantrySnapshot;
}

// A degraded domain has no snapshot: history records states, not outages (those go to the webhook
// as domain_status events).
const BUILDERS: { [D in DomainName]: (state: TwinState) => Snapshots[D] | null } = {
  health: ({ health: h }) =>
    h.status !== 'ok'
      ? null
      : {
          bodyweight_kg: h.bodyweight_kg,
          bodyfat_pct: h.bodyfat_pct,
          weight_trend: h.weight_trend,
          last_workout_date: h.last_workout?.date ?? null,
          days_since_workout: h.days_since_workout,
          workouts_this_week: h.workouts_this_week,
          suggestion: h.training_suggestion?.code ?? null,
        },
  finance: ({ finance: f }) =>
    f.status !== 'ok'
      ? null
      : {
          month: f.month,
          currency: f.currency,
          mtd_net: f.mtd_net,
          mtd_income: f.mtd_income,
          mtd_expense: f.mtd_expense,
          active_budget_alerts: f.active_budget_alerts,
          alerts: f.alerts.map((a) => ({ budget_id: a.budget_id, category: a.category_path, severity: a.alert_severity })),
        },
  pantry: ({ pantry: p }) =>
    p.status !== 'ok'
      ? null
      : {
          low_stock_count: p.low_stock_count,
          low_stock_items: p.low_stock_items,
          expired_count: p.expired_count,
          expiring_count: p.expiring_count,
        },
};

/** The domain's snapshot in this state; null when the domain is degraded. */
export function snapshotOf<D extends DomainName>(state: TwinState, domain: D): Snapshots[D] | null {
  return BUILDERS[domain](state);
}
