// The bodies of the endpoints the user's n8n router and Telegram commands call beside /status
// (their API registry v6.0): /workout, /forecast, /pantry, /finance/alerts and /review/week. Each
// carries the n8n text keys and `data` for the structured part. The plugin imports the types only.
// The text keys of every body, error bodies and /status included, are written here once.
import { z } from 'zod';
import { AskedDate, TextKeys as Texts, type StatusResponse } from './responses';
import { BudgetAlert, DomainStatus, ExpiryItem, LowStockItem } from './twin-state';
import { PantryProductUse } from './insights';

/** The same human text under each key n8n reads. */
export function n8nText(text: string): TextKeys {
  return { report: text, response_text: text, content: text };
}

/** /status also carries the text as `summary`. */
export function n8nStatusText(text: string): Pick<StatusResponse, 'summary' | keyof TextKeys> {
  return { summary: text, ...n8nText(text) };
}

const isoDay = () => z.string().describe('YYYY-MM-DD in the configured time zone');

export const WorkoutSession = z.object({
  date: isoDay(),
  template_id: z.string(),
  template_name: z.string().nullable(),
  workout_type: z.string().nullable(),
  location: z.string().nullable(),
  duration_min: z.number().int().nullable(),
  recovery_score: z.number().int().nullable(),
  mood_score: z.number().int().nullable(),
  exercises: z.number().int().describe('working sets logged in the session'),
});

export const ExerciseSet = z.object({ date: isoDay(), weight_kg: z.number().nullable(), tut_seconds: z.number().int().nullable() });

export const ExerciseTrend = z.enum(['up', 'flat', 'down', 'new']);

export const ExerciseProgression = z.object({
  exercise_id: z.string(),
  exercise_name: z.string(),
  sets: z.array(ExerciseSet).describe('its last sessions in the window (up to 5), newest first'),
  weight_change_kg: z.number().nullable().describe('newest − oldest of those sessions'),
  tut_change_seconds: z.number().int().nullable().describe('newest − oldest of those sessions'),
  trend: ExerciseTrend.describe("the exercise's status in /insights as an arrow: up progressing, down regressing, flat stalled (the same weight, time under tension within 5 s), new under 4 sessions"),
});

export const WorkoutData = z.object({
  today: isoDay(),
  window_weeks: z.number().int().describe('progression reads the sets of this many weeks'),
  sessions: z.array(WorkoutSession).describe('the last 5 sessions, newest first'),
  progression: z.array(ExerciseProgression).describe('one per exercise trained in the window, by name'),
});

export const ScheduledCounting = z.enum(['added', 'in_history', 'other_currency']);

/** An unpaid scheduled payment due in the forecast's days, and how the forecast counts it. */
export const ScheduledOutflow = z.object({
  name: z.string(),
  amount: z.number(),
  currency: z.string(),
  category: z.string().nullable(),
  sub_category: z.string().nullable(),
  frequency: z.string().nullable().describe('one-time, monthly, quarterly or annual, as expense_calendar holds it'),
  expense_date: isoDay(),
  counted: ScheduledCounting.describe(
    'added: on top of the usual outflow. in_history: a monthly payment whose category spent in the 35 days before today, already inside the percentiles. other_currency: listed, not summed',
  ),
});

export const OutflowForecast = z.object({
  currency: z.string(),
  horizon_days: z.number().int(),
  from: isoDay().describe('first day projected (tomorrow)'),
  to: isoDay(),
  history_from: isoDay().nullable().describe('first day of the daily expense series read'),
  history_to: isoDay().describe('last day read (yesterday: today is not complete)'),
  periods: z.number().int().describe('overlapping 30-day periods in the series; 0 means too little history'),
  median: z.number().nullable().describe('median outflow of those periods, a positive amount'),
  p10: z.number().nullable(),
  p25: z.number().nullable(),
  p75: z.number().nullable(),
  p90: z.number().nullable().describe('p10–p90 is the 80 % range, p25–p75 the interquartile range'),
  last_30_days: z.number().describe('outflow of the 30 days that end yesterday'),
  scheduled: z.array(ScheduledOutflow).describe("the unpaid scheduled payments due from `from` to `to` (v_upcoming_expenses' rows of those days), soonest first"),
  scheduled_added: z.number().describe('the sum of the scheduled payments counted `added`'),
  expected_with_scheduled: z.number().nullable().describe('median + scheduled_added; null without a median'),
  scheduled_note: z.string().nullable().describe("as the finance state's upcoming_note: how the payments were read, or why there are none"),
});

export const PantryReport = z.object({
  status: DomainStatus,
  error: z.string().nullable(),
  as_of: z.string().nullable(),
  low_stock: z.array(LowStockItem),
  expiring: z.array(ExpiryItem).describe('expired, and expiring within 30 days, soonest first'),
  run_out: z.array(PantryProductUse).nullable().describe('from the snapshot history; null when it is too short to say'),
});

/** One row of get_current_budget_alerts(), its columns in its order. */
export const AlertRow = BudgetAlert.omit({ budget_id: true });

export const WorkoutResponse = Texts.extend({ ...AskedDate.shape, computed_at: z.string(), data: WorkoutData });
export const ForecastResponse = Texts.extend({ ...AskedDate.shape, computed_at: z.string(), data: OutflowForecast });
export const PantryResponse = Texts.extend({ ...AskedDate.shape, computed_at: z.string(), data: PantryReport });
export const FinanceAlertsResponse = Texts.extend({
  ...AskedDate.shape,
  computed_at: z.string(),
  status: DomainStatus,
  as_of: z.string().nullable(),
  count: z.number().int(),
  data: z.array(AlertRow).describe('the rows of get_current_budget_alerts(), in its order'),
});

export type TextKeys = z.infer<typeof Texts>;
export type WorkoutSession = z.infer<typeof WorkoutSession>;
export type ExerciseSet = z.infer<typeof ExerciseSet>;
export type ExerciseTrend = z.infer<typeof ExerciseTrend>;
export type ExerciseProgression = z.infer<typeof ExerciseProgression>;
export type WorkoutData = z.infer<typeof WorkoutData>;
export type OutflowForecast = z.infer<typeof OutflowForecast>;
export type ScheduledOutflow = z.infer<typeof ScheduledOutflow>;
export type PantryReport = z.infer<typeof PantryReport>;
export type AlertRow = z.infer<typeof AlertRow>;
export type WorkoutResponse = z.infer<typeof WorkoutResponse>;
export type ForecastResponse = z.infer<typeof ForecastResponse>;
export type PantryResponse = z.infer<typeof PantryResponse>;
export type FinanceAlertsResponse = z.infer<typeof FinanceAlertsResponse>;
