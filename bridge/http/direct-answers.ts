// The answers the MCP tools ask most, made by the route's own answer function without a pass through
// express (a request and a response made up, the router walked, the body turned into a Buffer and
// back): the same text the route sends for the same parameters.
import type { RouteDeps } from './route-deps';
import { DayParams } from './request-params';
import { financeAnswer, healthAnswer } from './routes/domain-routes';
import { statusAnswer } from './routes/status-route';

/**
 * A path's answer text for its query parameters, or null where the route alone should answer:
 * parameters it refuses, and whatever else it says with an error (its error handler has the words).
 */
export type DirectAnswer = (query: Readonly<Record<string, string>>) => Promise<string | null>;

export type DirectAnswers = ReadonlyMap<string, DirectAnswer>;

/** `answer` over the parameters `schema` accepts; null for the rest, and for any error it throws. */
function direct<Q>(schema: { safeParse(v: unknown): { success: true; data: Q } | { success: false } }, answer: (q: Q) => Promise<string>): DirectAnswer {
  return async (query) => {
    const parsed = schema.safeParse(query);
    if (!parsed.success) return null;
    return answer(parsed.data).catch(() => null);
  };
}

export function directAnswers(deps: RouteDeps): DirectAnswers {
  return new Map([
    ['/status', direct(DayParams, statusAnswer(deps))],
    ['/health', direct(DayParams, healthAnswer(deps))],
    ['/finance', direct(DayParams, financeAnswer(deps))],
  ]);
}
