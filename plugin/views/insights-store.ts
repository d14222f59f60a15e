// The last insights the bridge gave and how the last request went, for the panel's Insights section.
// Insights move slowly (the bridge recomputes them every few minutes), so they are asked for when the
// panel opens, on its refresh button, and when what is shown is older than INSIGHTS_MAX_AGE_MS.
import type { InsightsResponse } from '../../bridge/contract/insights';
import type { BridgeResult } from '../bridge-client/bridge-client';
import { BridgeStore, NO_REQUEST } from '../bridge-client/bridge-store';
import type { RequestState } from '../bridge-client/bridge-store';
import type { Clock } from '../time/clock';

export interface InsightsSnapshot extends RequestState {
  insights: InsightsResponse | null;
}

export const EMPTY_INSIGHTS: InsightsSnapshot = { ...NO_REQUEST, insights: null };

export const INSIGHTS_MAX_AGE_MS = 15 * 60_000;

export type InsightsStore = BridgeStore<InsightsResponse, InsightsSnapshot>;

export function insightsStore(fetchInsights: () => Promise<BridgeResult<InsightsResponse>>, clock: Clock): InsightsStore {
  return new BridgeStore({ request: fetchInsights, clock, initial: EMPTY_INSIGHTS, keep: (insights) => ({ insights }) });
}
