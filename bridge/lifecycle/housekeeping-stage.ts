// The last stage: a computation on a fixed beat (transitions are recorded when nobody asks) and the
// history retention on the same beat.
import { describeSourceError } from '../db/source-error';
import type { TwinEngine } from '../engine/twin-engine';
import { startPeriodicSync } from '../history/periodic-sync';
import { retentionTask } from '../history/retention';
import type { TwinStore } from '../store/twin-store';
import type { StageContext } from './stage-context';

export function startHousekeeping(ctx: StageContext, engine: TwinEngine, store: TwinStore): void {
  const { config, clock, log } = ctx;
  const retention =
    config.historyRetentionDays === null
      ? undefined
      : retentionTask({
          history: store.history,
          personId: config.personId,
          days: config.historyRetentionDays,
          now: () => clock.now(),
          log,
          describeError: (err) => describeSourceError('history', err),
        });
  const periodic = startPeriodicSync(engine, config.syncIntervalSeconds, retention);
  ctx.shutdown.push('periodic sync', () => periodic.stop());
}
