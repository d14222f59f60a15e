// GET|POST /insights: trends, progress, baselines and links between domains, with their text.
import { Router } from 'express';
import type { InsightsResponse } from '../../contract/insights';
import { n8nText } from '../../contract/n8n-responses';
import { insightsText } from '../../insights/insights-text';
import type { RouteDeps } from '../route-deps';
import { bodyOnce } from '../serialised-bodies';
import { TextParams, parseParams } from '../request-params';

export function insightsRoute(deps: RouteDeps): Router {
  return Router().all('/insights', async (req, res) => {
    parseParams(TextParams, req);
    const insights = await deps.insights.get();
    res.type('application/json').send(
      bodyOnce(insights, 'insights', (): InsightsResponse => ({ ...insights, ...n8nText(insightsText(insights)), data: insights })),
    );
  });
}
