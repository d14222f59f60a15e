// The twin's store: the last /status answer (a BridgeStore), and beside it what the daily note's
// briefing could not do, which the panel shows with the state.
import type { StatusResponse } from '../../bridge/contract/responses';
import type { BridgeResult } from '../bridge-client/bridge-client';
import { BridgeStore, NO_REQUEST } from '../bridge-client/bridge-store';
import type { RequestState } from '../bridge-client/bridge-store';
import type { Clock } from '../time/clock';

export interface TwinSnapshot extends RequestState {
  /** The last status the bridge returned, kept when later requests fail. */
  status: StatusResponse | null;
  /** Why today's briefing could not be written into the note (for the panel); null when nothing is wrong. */
  briefingIssue?: string | null;
}

export const EMPTY_SNAPSHOT: TwinSnapshot = { ...NO_REQUEST, status: null, briefingIssue: null };

export class TwinStore extends BridgeStore<StatusResponse, TwinSnapshot> {
  constructor(fetchStatus: () => Promise<BridgeResult<StatusResponse>>, clock: Clock) {
    super({ request: fetchStatus, clock, initial: EMPTY_SNAPSHOT, keep: (status) => ({ status }) });
  }

  /** Records (or clears) a problem with today's note that the user has to fix. */
  setBriefingIssue(issue: string | null): void {
    if ((this.snapshot.briefingIssue ?? null) !== issue) this.update({ briefingIssue: issue });
  }
}
