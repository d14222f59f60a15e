// The insights stage: the cached computation over the whole history, told of every history write
// (a new transition makes its figures stale); its teardown waits for a computation in flight.
import { InsightsService, insightsCacheMs } from '../insights/insights-service';
import type { Ledger } from '../ledger/ledger';
import { STOP_LIMITS_MS, type StageContext } from './stage-context';
import type { Repositories } from './repositories-stage';
import type { BridgePools } from './start-options';

export function startInsights(ctx: StageContext, pools: BridgePools, ledger: Ledger | null, repositories: Repositories): InsightsService {
  const { config } = ctx;
  const insights = new InsightsService({
    databases: pools,
    sources: { finance: repositories.finance, pantryHistory: repositories.pantryHistory },
    ledger,
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
