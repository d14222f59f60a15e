// GET|POST /health and /finance: one domain each, its figures at the top level as the user's
// dashboards read them, and its lines of the briefing as text.
import { Router } from 'express';
import { financeLines, healthLines } from '../../briefing/domain-lines';
import { n8nText } from '../../contract/n8n-responses';
import type { FinanceResponse, HealthResponse } from '../../contract/responses';
import type { RouteDeps } from '../route-deps';
import { bodyOnce } from '../serialised-bodies';
import { TextParams, parseParams } from '../request-params';

export function domainRoutes(deps: RouteDeps): Router {
  const router = Router();
  router.all('/health', async (req, res) => {
    parseParams(TextParams, req);
    const state = await deps.engine.getState();
    res.type('application/json').send(
      bodyOnce(state, 'health', (): HealthResponse => {
        const text = ['💪 HEALTH', `📅 ${state.today}`, '', ...healthLines(state.health)].join('\n');
        return { ...state.health, ...n8nText(text), computed_at: state.computed_at, data: state.health };
      }),
    );
  });
  router.all('/finance', async (req, res) => {
    parseParams(TextParams, req);
    const state = await deps.engine.getState();
    res.type('application/json').send(
      bodyOnce(state, 'finance', (): FinanceResponse => {
        const text = ['💰 FINANCE', `📅 ${state.today}`, '', ...financeLines(state.finance)].join('\n');
        return { ...state.finance, ...n8nText(text), computed_at: state.computed_at, data: state.finance };
      }),
    );
  });
  return router;
}
