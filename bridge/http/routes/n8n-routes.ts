// GET|POST /workout, /forecast, /pantry and /finance/alerts: the endpoints the user's n8n router
// and Telegram commands call beside /status, each with the n8n text keys and `data`.
import { Router, type Request } from 'express';
import { alertsText, forecastText, pantryText, workoutText } from '../../briefing/n8n-texts';
import type { Insights } from '../../contract/insights';
import { n8nText, type FinanceAlertsResponse, type ForecastResponse, type PantryResponse, type WorkoutResponse } from '../../contract/n8n-responses';
import type { FinanceRepository } from '../../finance/finance-repository';
import type { PantryHistoryRepository } from '../../store/pantry-history-repository';
import { describeSourceError } from '../../db/source-error';
import { functionRow } from '../../finance/budget-alerts';
import { readOutflowForecast } from '../../finance/outflow-forecast';
import { readWorkoutLog } from '../../training/workout-log';
import type { TrainingRepository } from '../../training/training-repository';
import type { Clock } from '../../time/clock';
import { localDate } from '../../time/local-date';
import { HttpError } from '../http-error';
import type { RouteDeps } from '../route-deps';
import { bodyOnce, withDate } from '../serialised-bodies';
import { askedDay, type AskedDay } from '../asked-day';
import { DayParams, parseParams } from '../request-params';
import { askedState } from './domain-routes';

/** What the reads outside the twin's state need: the sources and the calendar. */
export interface ReadDeps {
  repositories: { finance: FinanceRepository; training: TrainingRepository; pantryHistory: PantryHistoryRepository };
  clock: Clock;
  timezone: string;
  currency: string;
  personId: string;
  /** The insights of the moment, for pantry run-out dates; absent where they are not computed. */
  insights?: { get(): Promise<Pick<Insights, 'pantry'>> };
}

/** The day asked, named first in the answer. */
const dateOf = (day: AskedDay | null) => (day ? { date: day.date } : {});

/** A source that fails answers 503 with a readable report, as n8n replies to Telegram with it. */
export async function fromSource<T>(source: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw new HttpError(503, 'source_unavailable', describeSourceError(source, err));
  }
}

async function pantryRunOut(deps: ReadDeps): Promise<PantryResponse['data']['run_out']> {
  if (!deps.insights) return null;
  const pantry = (await deps.insights.get()).pantry;
  return pantry.status === 'ok' && !pantry.insufficient_history ? pantry.products : null;
}

export function n8nRoutes(deps: RouteDeps & ReadDeps): Router {
  const router = Router();
  /** The day asked (`date=`), or today; whether it is a past one. */
  const dayOf = (req: Request) => {
    const day = askedDay(parseParams(DayParams, req).date, deps);
    return { day, date: day?.date ?? localDate(deps.clock.now(), deps.timezone).date, past: day?.past ?? false };
  };
  router.all('/workout', async (req, res) => {
    const { day, date, past } = dayOf(req);
    const data = await fromSource('training', () => readWorkoutLog(deps.repositories.training, date));
    res.json({ ...dateOf(day), ...n8nText(workoutText(data, past)), computed_at: deps.clock.now().toISOString(), data } satisfies WorkoutResponse);
  });
  router.all('/forecast', async (req, res) => {
    const { day, date, past } = dayOf(req);
    const data = await fromSource('finance', () => readOutflowForecast(deps.repositories.finance, { today: date, currency: deps.currency }));
    res.json({ ...dateOf(day), ...n8nText(forecastText(data, past ? date : null)), computed_at: deps.clock.now().toISOString(), data } satisfies ForecastResponse);
  });
  router.all('/pantry', async (req, res) => {
    const { state, day } = await askedState(deps, req);
    // How long the stock lasts is today's figure only.
    const runOut = day?.past ? null : await pantryRunOut(deps).catch(() => null);
    const p = state.pantry;
    const data = { status: p.status, error: p.error, as_of: p.as_of, low_stock: p.low_stock, expiring: p.expiring, run_out: runOut };
    res.json({ ...dateOf(day), ...n8nText(pantryText(p, runOut, state.today, state.past)), computed_at: state.computed_at, data } satisfies PantryResponse);
  });
  router.all('/finance/alerts', async (req, res) => {
    const { state, day } = await askedState(deps, req);
    const body = bodyOnce(state, 'finance/alerts', (): FinanceAlertsResponse => {
      const f = state.finance;
      const rows = f.alerts.map(functionRow);
      const text = alertsText(rows, { today: state.today, past: state.past, status: f.status, error: f.error, as_of: f.as_of });
      return { ...n8nText(text), computed_at: state.computed_at, status: f.status, as_of: f.as_of, count: rows.length, data: rows };
    });
    res.type('application/json').send(withDate(body, day));
  });
  return router;
}
