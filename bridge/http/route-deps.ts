import type { ReadyResponse } from '../contract/responses';
import type { TwinEngine } from '../engine/twin-engine';
import type { HistoryStore } from '../history/history-store';
import type { InsightsService } from '../insights/insights-service';
import type { SyncTracker } from '../history/sync-tracker';
import type { Clock } from '../time/clock';

export interface RouteDeps {
  engine: Pick<TwinEngine, 'getState' | 'stateOn' | 'domainRecord'>;
  history: Pick<HistoryStore, 'page'>;
  sync: Pick<SyncTracker, 'info'>;
  readiness: () => Promise<ReadyResponse['sources']>;
  insights: Pick<InsightsService, 'get' | 'insightsOn'>;
  /** Today in the twin's zone comes from these (a `date=` after it is refused). */
  clock: Clock;
  timezone: string;
}
