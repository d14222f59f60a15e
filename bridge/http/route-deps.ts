import type { ReadyResponse } from '../contract/responses';
import type { TwinEngine } from '../engine/twin-engine';
import type { HistoryStore } from '../history/history-store';
import type { InsightsService } from '../insights/insights-service';
import type { SyncTracker } from '../history/sync-tracker';

export interface RouteDeps {
  engine: Pick<TwinEngine, 'getState' | 'domainRecord'>;
  history: Pick<HistoryStore, 'page'>;
  sync: Pick<SyncTracker, 'info'>;
  readiness: () => Promise<ReadyResponse['sources']>;
  insights: Pick<InsightsService, 'get'>;
}
