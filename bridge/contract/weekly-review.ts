// GET|POST /review/week?date=YYYY-MM-DD: the week of `date` (Monday to that day) against the same
// days of the week before and of the same week a year earlier (52 weeks back, the same weekdays).
import { z } from 'zod';
import { TextKeys } from './responses';

const isoDay = () => z.string().describe('YYYY-MM-DD in the configured time zone');

export const ReviewPeriodName = z.enum(['this_week', 'last_week', 'year_ago']);

export const ReviewPeriod = z.object({
  name: ReviewPeriodName,
  first_day: isoDay(),
  last_day: isoDay(),
  training: z.object({
    workouts: z.number().int(),
    minutes: z.number().int(),
    mean_recovery: z.number().nullable(),
    mean_mood: z.number().nullable(),
    mean_weight_kg: z.number().nullable().describe('mean of the measurements in the period'),
  }),
  money: z.object({
    income: z.number(),
    expense: z.number().describe('a positive amount'),
    net: z.number().describe('income − expense; transfers excluded'),
  }),
  pantry: z
    .object({ low_stock_count: z.number().int().nullable(), expired_count: z.number().int().nullable() })
    .nullable()
    .describe("the twin's last pantry snapshot by the period's end; null when history does not reach back"),
});

export const WeeklyReview = z.object({
  date: isoDay(),
  currency: z.string(),
  periods: z.array(ReviewPeriod).describe('this_week, last_week, year_ago'),
});

export const WeeklyReviewResponse = TextKeys.extend({
  computed_at: z.string(),
  data: WeeklyReview,
});

export type ReviewPeriodName = z.infer<typeof ReviewPeriodName>;
export type ReviewPeriod = z.infer<typeof ReviewPeriod>;
export type WeeklyReview = z.infer<typeof WeeklyReview>;
export type WeeklyReviewResponse = z.infer<typeof WeeklyReviewResponse>;
