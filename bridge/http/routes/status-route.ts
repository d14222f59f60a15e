// GET|POST /status: the whole twin and the briefing.
import type { RequestHandler } from 'express';
import { briefing } from '../../briefing/briefing';
import { n8nStatusText } from '../../contract/n8n-responses';
import type { StatusResponse } from '../../contract/responses';
import { DOMAIN_NAMES, type TwinState } from '../../contract/twin-state';
import type { RouteDeps } from '../route-deps';
import { LastBody, bodyOnce, sendJson, withDate } from '../serialised-bodies';
import { askedDay } from '../asked-day';
import { DayParams, parseParams } from '../request-params';
import { VERSIONS } from '../versions';

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

/** The answer to GET|POST /status, mounted by the app as a route of its own (it is asked most often). */
export function statusAnswer(deps: RouteDeps): RequestHandler {
  const last = new LastBody();
  return async (req, res) => {
    const day = askedDay(parseParams(DayParams, req).date, deps);
    const state = day?.past ? await deps.engine.stateOn(day.date) : await deps.engine.getState();
    // Only the small, changing `sync` part (and the day asked) is serialised per request.
    const head = bodyOnce(state, 'status', () => statusBody(state));
    const sync = JSON.stringify(deps.sync.info());
    sendJson(res, last.of([head, sync, day?.date ?? ''], () => withDate(`${head.slice(0, -1)},"sync":${sync}}`, day)));
  };
}
