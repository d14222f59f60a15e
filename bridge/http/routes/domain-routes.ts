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
import { DayParams, parseParams, type DayQuery } from '../request-params';

/** The state a request asks for: today's (cached), or a past day's end. */
export async function askedState(deps: RouteDeps, req: Request): Promise<{ state: TwinState; day: AskedDay | null }> {
  return stateFor(deps, parseParams(DayParams, req));
}

/** The state parsed parameters ask for: today's (cached), or a past day's end. */
export async function stateFor(deps: RouteDeps, params: DayQuery): Promise<{ state: TwinState; day: AskedDay | null }> {
  const day = askedDay(params.date, deps);
  return { state: day?.past ? await deps.engine.stateOn(day.date) : await deps.engine.getState(), day };
}

/** The /health body for parsed parameters: what the route sends, and what an MCP tool asks in process. */
export function healthAnswer(deps: RouteDeps): (params: DayQuery) => Promise<string> {
  return async (params) => {
    const { state, day } = await stateFor(deps, params);
    const body = bodyOnce(state, 'health', (): HealthResponse => {
      const text = ['💪 HEALTH', ...dayLines(state), '', ...healthLines(state.health)].join('\n');
      return { ...state.health, ...n8nText(text), computed_at: state.computed_at, data: state.health };
    });
    return withDate(body, day);
  };
}

/** The /finance body for parsed parameters, as healthAnswer. */
export function financeAnswer(deps: RouteDeps): (params: DayQuery) => Promise<string> {
  return async (params) => {
    const { state, day } = await stateFor(deps, params);
    const body = bodyOnce(state, 'finance', (): FinanceResponse => {
      const text = ['💰 FINANCE', ...dayLines(state), '', ...financeLines(state.finance)].join('\n');
      return { ...state.finance, ...n8nText(text), computed_at: state.computed_at, data: state.finance };
    });
    return withDate(body, day);
  };
}

export function domainRoutes(deps: RouteDeps): Router {
  const router = Router();
  for (const [path, answer] of [['/health', healthAnswer(deps)], ['/finance', financeAnswer(deps)]] as const) {
    router.all(path, async (req, res) => {
      res.type('application/json').send(await answer(parseParams(DayParams, req)));
    });
  }
  return router;
}
