// The insights stage: the cached computation over the whole history, told of every history write
// (a new transition makes its figures stale); its teardown waits for a computation in flight.
import { InsightsService, insightsCacheMs } from '../insights/insights-service';
import { STOP_LIMITS_MS, type StageContext } from './stage-context';
import type { Repositories } from './repositories-stage';

export function startInsights(ctx: StageContext, repositories: Repositories): InsightsService {
  const { config } = ctx;
  const insights = new InsightsService({
    sources: repositories,
    clock: ctx.clock,
    timezone: config.timezone,
    currency: config.currency,
    personId: config.personId,
    timeoutMs: config.sourceTimeoutMs,
    cacheMs: insightsCacheMs(config.cacheMs),
  });
  ctx.hooks.historyWritten.push(() => insights.markStale());
  ctx.hooks.ledgerChanged.push(() => insights.markStale());
  ctx.shutdown.push('insights', () => insights.idle(), { limitMs: STOP_LIMITS_MS.engine });
  return insights;
}
