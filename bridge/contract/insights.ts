// GET|POST /insights: where the person is heading, read from the whole history in the configured
// zone. One schema per domain; each domain degrades alone, as in /status. The plugin imports these
// types only (`import type`), so zod never reaches main.js.
import { z } from 'zod';
import { AskedDate, TextKeys } from './responses';
import { DomainStatus } from './twin-state';

const domainMeta = {
  status: DomainStatus,
  /** Why the domain is degraded, readable by a person; null when ok. */
  error: z.string().nullable(),
  /** When the figures were computed (ISO 8601); null when nothing was ever computed. */
  as_of: z.string().nullable(),
};

const isoDay = () => z.string().describe('YYYY-MM-DD in the configured time zone');

export const TargetDate = z.object({
  earliest: isoDay(),
  latest: isoDay(),
});

export const BodyInsights = z.object({
  ...domainMeta,
  weight_kg_per_week_7d: z.number().nullable().describe('Theil–Sen slope over the last 7 days; null with fewer than 3 measurements'),
  weight_kg_per_week_30d: z.number().nullable().describe('Theil–Sen slope over the last 30 days; null with fewer than 3 measurements'),
  bodyfat_pct_per_week_30d: z.number().nullable().describe('percentage points per week, Theil–Sen over the last 30 days; null with fewer than 3 measurements'),
  /** Body fat of the newest measurement that has one. */
  bodyfat_pct: z.number().nullable(),
  target_bodyfat_pct: z.number(),
  target_reached: z.boolean(),
  target_date: TargetDate.nullable().describe(
    'when the target is reached at the 30-day pace, from the 95 % range of that pace; null when moving away from the target, flat (the range includes 0) or already there',
  ),
});

export const ExerciseStatus = z.enum(['progressing', 'stalled', 'regressing', 'new']);

export const ExerciseProgress = z.object({
  exercise_id: z.string(),
  exercise_name: z.string(),
  sessions_12w: z.number().int(),
  last_weight_kg: z.number().nullable(),
  last_tut_seconds: z.number().nullable(),
  status: ExerciseStatus.describe(
    'over its last 4 sessions: stalled = no gain in weight, nor in time under tension at the same weight; new = fewer than 4 sessions',
  ),
});

/** A score's mean over the last 4 weeks against the 12 weeks before them; null without sessions. */
export const ScoreComparison = z.object({
  mean_4w: z.number().nullable(),
  mean_prior_12w: z.number().nullable(),
});

export const TrainingInsights = z.object({
  ...domainMeta,
  sessions_per_week_4w: z.number().nullable(),
  sessions_per_week_12w: z.number().nullable(),
  exercises: z.array(ExerciseProgress).describe('one per exercise trained in the last 12 weeks: stalled and regressing first, then by name'),
  recovery_score: ScoreComparison,
  mood_score: ScoreComparison,
});

export const BaselineStatus = z.enum(['below', 'typical', 'above']);

export const CategoryBaseline = z.object({
  category_path: z.string(),
  spent_to_date: z.number().describe('this month, through today'),
  baseline_p25: z.number(),
  baseline_median: z.number(),
  baseline_p75: z.number(),
  baseline_months: z.number().int().describe('earlier months in the baseline (up to 12; fewer for a short history)'),
  status: BaselineStatus.nullable().describe('null with fewer than 3 baseline months'),
});

export const NetByMonth = z.object({
  month: z.string().describe('YYYY-MM'),
  net: z.number(),
  year_earlier_net: z.number().describe('the same month a year earlier (to the same day for the current month)'),
  change: z.number().describe('net − year_earlier_net'),
  through_day: z.number().int().nullable().describe('for the current month: the day of month both figures run to; null for whole months'),
});

export const MoneyInsights = z.object({
  ...domainMeta,
  currency: z.string(),
  month: z.string().nullable().describe('YYYY-MM'),
  categories: z.array(CategoryBaseline).describe('every expense category with spending in the last 12 months: above first, then by spent_to_date'),
  net_by_month: z.array(NetByMonth).describe('the last 12 months and this one, oldest first'),
});

export const PantryProductUse = z.object({
  name: z.string(),
  unit: z.string().nullable(),
  quantity: z.number().describe('in stock now'),
  used_per_week: z.number(),
  runs_out_on: isoDay().nullable().describe('at that pace; null when nothing is in stock'),
});

export const ExpiredInMonth = z.object({
  month: z.string().describe('YYYY-MM'),
  items: z.number().int().describe('products whose expiry date passed that month while still in stock'),
});

export const PantryInsights = z.object({
  ...domainMeta,
  insufficient_history: z.boolean().describe('true when the snapshot history is too short to say (fewer than 14 days); products is then empty'),
  history_days: z.number().int().describe('days covered by the pantry snapshots read'),
  products: z.array(PantryProductUse).describe('products whose history shows consumption, soonest run-out first'),
  expired_per_month: z.array(ExpiredInMonth).describe('the last 6 months, this one included, oldest first'),
});

export const CorrelationSeries = z.enum([
  'workouts',
  'restaurant_spending',
  'mood_score',
  'discretionary_spending',
  'weight_change_kg',
  'grocery_spending',
  'items_expired',
  'recovery_score',
  'rest_days_before',
]);

export const Correlation = z.object({
  x: CorrelationSeries,
  y: CorrelationSeries,
  lag_weeks: z.number().int().describe('0: the same week; 1: x in one week, y in the next'),
  r: z.number().describe("Spearman's rank correlation"),
  n: z.number().int().describe('weeks with both values'),
  p_adjusted: z.number().describe('two-sided p-value, Benjamini–Hochberg adjusted over every test'),
  sentence: z.string().describe('plain words, never causal, with the size in the person’s units'),
});

export const CorrelationInsights = z.object({
  ...domainMeta,
  weeks: z.number().int().describe('whole weeks in the series (Monday to Sunday, configured zone)'),
  tested: z.number().int(),
  listed: z.array(Correlation).describe('n ≥ 12 and p_adjusted < 0.05, strongest first'),
});

export const InsightDomain = z.enum(['body', 'training', 'money', 'pantry', 'correlations']);

export const Headline = z.object({
  /** Stable for the same finding (not its figures), so a reader can tell whether it is new since yesterday. */
  id: z.string(),
  domain: InsightDomain,
  text: z.string(),
});

export const Insights = z.object({
  computed_at: z.string(),
  timezone: z.string(),
  today: isoDay(),
  past: z.literal(true).optional().describe('present when the insights describe the end of a past day (`today`), from the rows dated up to it'),
  headline: Headline.nullable().describe("the strongest insight of the day; null when there is nothing to say"),
  body: BodyInsights,
  training: TrainingInsights,
  money: MoneyInsights,
  pantry: PantryInsights,
  correlations: CorrelationInsights,
});

export const InsightsResponse = Insights.extend({ ...AskedDate.shape, ...TextKeys.shape, data: Insights });

export type TargetDate = z.infer<typeof TargetDate>;
export type BodyInsights = z.infer<typeof BodyInsights>;
export type ExerciseStatus = z.infer<typeof ExerciseStatus>;
export type ExerciseProgress = z.infer<typeof ExerciseProgress>;
export type ScoreComparison = z.infer<typeof ScoreComparison>;
export type TrainingInsights = z.infer<typeof TrainingInsights>;
export type BaselineStatus = z.infer<typeof BaselineStatus>;
export type CategoryBaseline = z.infer<typeof CategoryBaseline>;
export type NetByMonth = z.infer<typeof NetByMonth>;
export type MoneyInsights = z.infer<typeof MoneyInsights>;
export type PantryProductUse = z.infer<typeof PantryProductUse>;
export type ExpiredInMonth = z.infer<typeof ExpiredInMonth>;
export type PantryInsights = z.infer<typeof PantryInsights>;
export type CorrelationSeries = z.infer<typeof CorrelationSeries>;
export type Correlation = z.infer<typeof Correlation>;
export type CorrelationInsights = z.infer<typeof CorrelationInsights>;
export type InsightDomain = z.infer<typeof InsightDomain>;
export type Headline = z.infer<typeof Headline>;
export type Insights = z.infer<typeof Insights>;
export type InsightsResponse = z.infer<typeof InsightsResponse>;
export const INSIGHT_DOMAINS: readonly InsightDomain[] = ['body', 'training', 'money', 'pantry', 'correlations'];
