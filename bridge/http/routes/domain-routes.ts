// GET|POST /health and /finance: one domain each, its figures at the top level as the user's
// dashboards read them, and its lines of the briefing as text. `date=` asks for a past day's end.
import { Router, type Request } from 'express';
import { dayLines } from '../../briefing/day-line';
import { financeLines, healthLines } from '../../briefing/domain-lines';
import { n8nText } from '../../contract/n8n-responses';
import type { FinanceResponse, HealthResponse } from '../../contract/responses';
import type { TwinState } from '../../contract/twin-state';
import { askedDay, type AskedDay } from '../asked-day';
import type { RouteDeps } from '../route-deps';
import { bodyOnce, withDate } from '../serialised-bodies';
import { DayParams, parseParams } from '../request-params';

/** The state a request asks for: today's (cached), or a past day's end. */
export async function askedState(deps: RouteDeps, req: Request): Promise<{ state: TwinState; day: AskedDay | null }> {
  const day = askedDay(parseParams(DayParams, req).date, deps);
  return { state: day?.past ? await deps.engine.stateOn(day.date) : await deps.engine.getState(), day };
}

export function domainRoutes(deps: RouteDeps): Router {
  const router = Router();
  router.all('/health', async (req, res) => {
    const { state, day } = await askedState(deps, req);
    const body = bodyOnce(state, 'health', (): HealthResponse => {
      const text = ['💪 HEALTH', ...dayLines(state), '', ...healthLines(state.health)].join('\n');
      return { ...state.health, ...n8nText(text), computed_at: state.computed_at, data: state.health };
    });
    res.type('application/json').send(withDate(body, day));
  });
  router.all('/finance', async (req, res) => {
    const { state, day } = await askedState(deps, req);
    const body = bodyOnce(state, 'finance', (): FinanceResponse => {
      const text = ['💰 FINANCE', ...dayLines(state), '', ...financeLines(state.finance)].join('\n');
      return { ...state.finance, ...n8nText(text), computed_at: state.computed_at, data: state.finance };
    });
    res.type('application/json').send(withDate(body, day));
  });
  return router;
}
