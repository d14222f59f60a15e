// GET|POST /status: the whole twin and the briefing.
import type { RequestHandler } from 'express';
import { briefing } from '../../briefing/briefing';
import { n8nStatusText } from '../../contract/n8n-responses';
import type { StatusResponse } from '../../contract/responses';
import { DOMAIN_NAMES, type TwinState } from '../../contract/twin-state';
import type { RouteDeps } from '../route-deps';
import { LastBody, bodyOnce, sendJson, withDate } from '../serialised-bodies';
import { DayParams, parseParams, type DayQuery } from '../request-params';
import { VERSIONS } from '../versions';
import { stateFor } from './domain-routes';

function statusBody(state: TwinState): Omit<StatusResponse, 'sync'> {
  return {
    ...n8nStatusText(briefing(state)),
    state,
    data: {
      mtd_net: state.finance.mtd_net,
      active_budget_alerts: state.finance.active_budget_alerts,
      bodyfat_pct: state.health.bodyfat_pct,
      days_since_workout: state.health.days_since_workout,
      low_stock_count: state.pantry.low_stock_count,
      degraded: DOMAIN_NAMES.filter((d) => state[d].status !== 'ok'),
    },
    computed_at: state.computed_at,
    ...VERSIONS,
  };
}

/** What a /status body is made of: the state's cached part, the `sync` figures and the day asked. */
async function statusParts(deps: RouteDeps, params: DayQuery) {
  const { state, day } = await stateFor(deps, params);
  // Only the small, changing `sync` part (and the day asked) is serialised per request.
  return { day, head: bodyOnce(state, 'status', () => statusBody(state)), sync: JSON.stringify(deps.sync.info()) };
}

function joined(p: Awaited<ReturnType<typeof statusParts>>): string {
  return withDate(`${p.head.slice(0, -1)},"sync":${p.sync}}`, p.day);
}

/** The /status body for parsed parameters, as text: what an MCP tool asks in process. */
export function statusAnswer(deps: RouteDeps): (params: DayQuery) => Promise<string> {
  const last = new LastBody();
  return async (params) => {
    const p = await statusParts(deps, params);
    return last.text([p.head, p.sync, p.day?.date ?? ''], () => joined(p));
  };
}

/** The answer to GET|POST /status, mounted by the app as a route of its own (it is asked most often). */
export function statusHandler(deps: RouteDeps): RequestHandler {
  const last = new LastBody();
  return async (req, res) => {
    const p = await statusParts(deps, parseParams(DayParams, req));
    sendJson(res, last.of([p.head, p.sync, p.day?.date ?? ''], () => joined(p)));
  };
}
