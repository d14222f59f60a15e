// GET|POST /insights: trends, progress, baselines and links between domains, with their text;
// `date=` asks for them as they stood at a past day's end.
import { Router } from 'express';
import type { InsightsResponse } from '../../contract/insights';
import { n8nText } from '../../contract/n8n-responses';
import { insightsText } from '../../insights/insights-text';
import type { RouteDeps } from '../route-deps';
import { askedDay } from '../asked-day';
import { bodyOnce, withDate } from '../serialised-bodies';
import { DayParams, parseParams } from '../request-params';

export function insightsRoute(deps: RouteDeps): Router {
  return Router().all('/insights', async (req, res) => {
    const day = askedDay(parseParams(DayParams, req).date, deps);
    const insights = day?.past ? await deps.insights.insightsOn(day.date) : await deps.insights.get();
    const body = bodyOnce(insights, 'insights', (): InsightsResponse => ({ ...insights, ...n8nText(insightsText(insights)), data: insights }));
    res.type('application/json').send(withDate(body, day));
  });
}
