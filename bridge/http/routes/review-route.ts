// GET|POST /review/week?date=YYYY-MM-DD: a weekly review across the three domains (default: today).
import { Router } from 'express';
import { n8nText } from '../../contract/n8n-responses';
import type { WeeklyReviewResponse } from '../../contract/weekly-review';
import { reviewText } from '../../review/review-text';
import { readWeeklyReview } from '../../review/weekly-review';
import { localDate } from '../../time/local-date';
import type { RouteDeps } from '../route-deps';
import { DayParams, parseParams } from '../request-params';
import { fromSource, type ReadDeps } from './n8n-routes';

export function reviewRoute(deps: RouteDeps & ReadDeps): Router {
  return Router().all('/review/week', async (req, res) => {
    const params = parseParams(DayParams, req);
    const now = deps.clock.now();
    const date = params.date ?? localDate(now, deps.timezone).date;
    const data = await fromSource('finance or training', () =>
      readWeeklyReview(deps.repositories, { date, personId: deps.personId, currency: deps.currency }),
    );
    res.json({ ...n8nText(reviewText(data)), computed_at: now.toISOString(), data } satisfies WeeklyReviewResponse);
  });
}
