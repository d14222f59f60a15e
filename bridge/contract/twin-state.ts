// The twin's state: one schema per domain. The bridge builds these values, the HTTP layer
// serialises them, the OpenAPI document is generated from them and the plugin imports their
// types (type-only, so zod never reaches main.js).
import { z } from 'zod';

/** `ok`: computed just now. `degraded`: the source failed; fields hold the last known values (see `as_of`) or null. */
export const DomainStatus = z.enum(['ok', 'degraded']);

const domainMeta = {
  status: DomainStatus,
  /** Why the domain is degraded, readable by a person; null when ok. */
  error: z.string().nullable(),
  /** When the values were computed (ISO 8601); null when nothing was ever computed. */
  as_of: z.string().nullable(),
};

export const WeightTrend = z.enum(['GAINING', 'LOSING', 'STABLE']);

export const TrainingSuggestionCode = z.enum(['done_today', 'rest_day', 'training_day', 'overdue', 'no_workouts']);

export const LastWorkout = z.object({
  date: z.string().describe('YYYY-MM-DD'),
  template_id: z.string(),
  template_name: z.string().nullable(),
  workout_type: z.string().nullable(),
  location: z.string().nullable(),
  duration_min: z.number().nullable(),
});

/** One measurement for the weight and body-fat charts. */
export const BodyPoint = z.object({
  date: z.string().describe('YYYY-MM-DD'),
  bodyweight_kg: z.number().nullable(),
  bodyfat_pct: z.number().nullable(),
});

export const HealthDomain = z.object({
  ...domainMeta,
  measurement_date: z.string().nullable(),
  bodyweight_kg: z.number().nullable(),
  bodyfat_pct: z.number().nullable(),
  estimated_lean_mass: z.number().nullable(),
  weight_change: z.number().nullable(),
  bodyfat_change: z.number().nullable(),
  weight_trend: WeightTrend.nullable(),
  last_workout: LastWorkout.nullable(),
  days_since_workout: z.number().int().nullable(),
  workouts_this_week: z.number().int().nullable(),
  training_suggestion: z.object({ code: TrainingSuggestionCode, text: z.string() }).nullable(),
  body_series: z.array(BodyPoint).describe('one point per measurement over the last 90 days up to today, oldest first'),
});

export const AlertSeverity = z.enum(['CRITICAL', 'HIGH', 'MEDIUM']);

/** One row of the user's get_current_budget_alerts(), same names and values. */
export const BudgetAlert = z.object({
  alert_id: z.string(),
  budget_id: z.string(),
  alert_severity: AlertSeverity,
  category_path: z.string(),
  budget_amount: z.number(),
  actual_amount: z.number(),
  utilization_pct: z.number(),
  alert_threshold: z.number().int().nullable(),
  projected_month_end: z.number(),
  days_remaining: z.number().int(),
  daily_limit_remaining: z.number().nullable(),
  recommended_action: z.string(),
  priority: z.string().nullable(),
});

/** Every budget in the scope of get_current_budget_alerts(), alerting or not, for the budget bars. */
export const BudgetLine = z.object({
  budget_id: z.string(),
  category_path: z.string(),
  priority: z.string().nullable(),
  budget_amount: z.number(),
  actual_amount: z.number().describe('spent this month'),
  utilization_pct: z.number(),
  alert_threshold: z.number().int().nullable().describe('percent'),
  month_elapsed_pct: z.number().describe('share of the month gone, through today: where a budget spent evenly would be'),
  projected_month_end: z.number(),
  alert_severity: AlertSeverity.nullable().describe('as in alerts; null when the budget does not alert'),
});

/** Income, expense and net of one calendar month. */
export const MonthNet = z.object({
  month: z.string().describe('YYYY-MM'),
  income: z.number(),
  expense: z.number(),
  net: z.number(),
});

export const FinanceDomain = z.object({
  ...domainMeta,
  currency: z.string(),
  month: z.string().nullable().describe('YYYY-MM, in the configured time zone'),
  mtd_net: z.number().nullable(),
  mtd_income: z.number().nullable(),
  mtd_expense: z.number().nullable(),
  active_budget_alerts: z.number().int().nullable(),
  alerts: z.array(BudgetAlert),
  budgets: z.array(BudgetLine).describe('worst first: CRITICAL, HIGH, MEDIUM, then the rest, each by utilization descending'),
  monthly_net: z.array(MonthNet).describe('the last 12 calendar months including this one, oldest first; months without transactions are 0'),
});

export const PantryVariant = z.enum(['single', 'by_location']);

export const LowStockItem = z.object({
  product: z.string(),
  quantity: z.number(),
  unit: z.string().nullable(),
  critical_threshold: z.number(),
  locations: z.array(z.string()),
});

export const ExpiryLevel = z.enum(['expired', 'critical', 'warning']);

export const ExpiryItem = z.object({
  product: z.string(),
  location: z.string().nullable(),
  next_expiry: z.string().describe('YYYY-MM-DD'),
  days_left: z.number().int().describe('negative when already expired'),
  level: ExpiryLevel,
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
});

export const PantryDomain = z.object({
  ...domainMeta,
  variant: PantryVariant.nullable(),
  tracked_products: z.number().int().nullable(),
  low_stock_count: z.number().int().nullable(),
  low_stock_items: z.array(z.string()),
  low_stock: z.array(LowStockItem),
  expired_count: z.number().int().nullable(),
  expiring_count: z.number().int().nullable(),
  expiring: z.array(ExpiryItem).describe('expired first, then by date'),
});

export const TwinState = z.object({
  computed_at: z.string(),
  timezone: z.string(),
  today: z.string().describe('YYYY-MM-DD in the configured time zone'),
  past: z.literal(true).optional().describe('present when the state describes the end of a past day (`today`), from the rows dated up to it; absent for the live state'),
  health: HealthDomain,
  finance: FinanceDomain,
  pantry: PantryDomain,
});

export type DomainStatus = z.infer<typeof DomainStatus>;
export type WeightTrend = z.infer<typeof WeightTrend>;
export type TrainingSuggestionCode = z.infer<typeof TrainingSuggestionCode>;
export type LastWorkout = z.infer<typeof LastWorkout>;
export type HealthDomain = z.infer<typeof HealthDomain>;
export type AlertSeverity = z.infer<typeof AlertSeverity>;
export type BudgetAlert = z.infer<typeof BudgetAlert>;
export type BudgetLine = z.infer<typeof BudgetLine>;
export type MonthNet = z.infer<typeof MonthNet>;
export type BodyPoint = z.infer<typeof BodyPoint>;
export type FinanceDomain = z.infer<typeof FinanceDomain>;
export type PantryVariant = z.infer<typeof PantryVariant>;
export type LowStockItem = z.infer<typeof LowStockItem>;
export type ExpiryLevel = z.infer<typeof ExpiryLevel>;
export type ExpiryItem = z.infer<typeof ExpiryItem>;
export type PantryDomain = z.infer<typeof PantryDomain>;
export type TwinState = z.infer<typeof TwinState>;
export type DomainName = 'health' | 'finance' | 'pantry';
export const DOMAIN_NAMES: readonly DomainName[] = ['health', 'finance', 'pantry'];
