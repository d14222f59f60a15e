// The last stage: a computation on a fixed beat (transitions are recorded when nobody asks), skipped
// while no source was written on the same day, and the history retention on the same beat.
import { describeSourceError } from '../db/source-error';
import type { TwinEngine } from '../engine/twin-engine';
import { PgFinanceRepository } from '../finance/finance-repository';
import { startPeriodicSync } from '../history/periodic-sync';
import type { SyncTracker } from '../history/sync-tracker';
import { retentionTask } from '../history/retention';
import { PgPantryRepository } from '../pantry/pantry-repository';
import type { TwinStore } from '../store/twin-store';
import { localDate } from '../time/local-date';
import { PgTrainingRepository } from '../training/training-repository';
import type { StageContext } from './stage-context';
import type { BridgePools } from './start-options';

export function startHousekeeping(ctx: StageContext, engine: TwinEngine, store: TwinStore, pools: BridgePools, sync: SyncTracker): void {
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
  const sources = [new PgFinanceRepository(pools.finance), new PgTrainingRepository(pools.training), new PgPantryRepository(pools.pantry)];
  const quietKey = async () => {
    const signals = await Promise.all(sources.map((s) => s.stateSignal()));
    // The state moves with the day too (days since a workout, expiry, the month's projection).
    return signals.includes(null) ? null : [localDate(clock.now(), config.timezone).date, ...signals].join('|');
  };
  const periodic = startPeriodicSync(engine, config.syncIntervalSeconds, { housekeeping: retention, quietKey, onUnchanged: () => sync.confirmUnchanged() });
  ctx.shutdown.push('periodic sync', () => periodic.stop());
}
