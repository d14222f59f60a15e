// GET|POST /status: the whole twin and the briefing.
import { Router } from 'express';
import { briefing } from '../../briefing/briefing';
import type { StatusResponse } from '../../contract/responses';
import { DOMAIN_NAMES, type TwinState } from '../../contract/twin-state';
import type { RouteDeps } from '../route-deps';
import { TextParams, parseParams } from '../request-params';

// One briefing per computed state, however many requests are served from it.
const briefings = new WeakMap<TwinState, string>();

function briefingOf(state: TwinState): string {
  let text = briefings.get(state);
  if (text === undefined) {
    text = briefing(state);
    briefings.set(state, text);
  }
  return text;
}

export function statusRoute(deps: RouteDeps): Router {
  return Router().all('/status', async (req, res) => {
    parseParams(TextParams, req);
    const state = await deps.engine.getState();
    const text = briefingOf(state);
    const body: StatusResponse = {
      summary: text,
      report: text,
      response_text: text,
      content: text,
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
      sync: deps.sync.info(),
    };
    res.json(body);
  });
}
