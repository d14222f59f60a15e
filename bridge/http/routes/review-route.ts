// GET|POST /review/week?date=YYYY-MM-DD: a weekly review across the three domains (default: today).
import { Router } from 'express';
import { z } from 'zod';
import { n8nText } from '../../contract/n8n-responses';
import type { WeeklyReviewResponse } from '../../contract/weekly-review';
import { reviewText } from '../../review/review-text';
import { readWeeklyReview } from '../../review/weekly-review';
import { isoDate, localDate } from '../../time/local-date';
import type { RouteDeps } from '../route-deps';
import { TextParams, parseParams } from '../request-params';
import { fromSource, type ReadDeps } from './n8n-routes';

/** A day that exists, as YYYY-MM-DD, from 1901 to 9998 (a year ago and the week's Monday stay in range). */
function calendarDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  const exists = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  return exists && year > 1900 && year < 9999 ? isoDate(year, month, day) : null;
}

export const ReviewParams = TextParams.extend({
  date: z
    .string()
    .optional()
    .transform((v, ctx): string | null => {
      if (v === undefined || v.trim() === '') return null;
      const day = calendarDay(v.trim());
      if (day === null) {
        ctx.addIssue({ code: 'custom', message: `date must be a day that exists, as YYYY-MM-DD, e.g. 2026-12-02 (got ${JSON.stringify(v.slice(0, 40))})` });
        return z.NEVER;
      }
      return day;
    }),
});

export function reviewRoute(deps: RouteDeps & ReadDeps): Router {
  return Router().all('/review/week', async (req, res) => {
    const params = parseParams(ReviewParams, req);
    const now = deps.clock.now();
    const date = params.date ?? localDate(now, deps.timezone).date;
    const data = await fromSource('finance or training', () =>
      readWeeklyReview(deps.repositories, { date, personId: deps.personId, currency: deps.currency }),
    );
    res.json({ ...n8nText(reviewText(data)), computed_at: now.toISOString(), data } satisfies WeeklyReviewResponse);
  });
}
