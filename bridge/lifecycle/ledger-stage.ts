// The ledger stage: the summaries of closed months, built in the background on the first start
// (the state is served from direct reads meanwhile) and checked every TWIN_LEDGER_CHECK_SECONDS,
// quietly when no source changed (ledger/quiet-gate.ts).
import type { SyncTracker } from '../history/sync-tracker';
import { Ledger } from '../ledger/ledger';
import type { TwinStore } from '../store/twin-store';
import { STOP_LIMITS_MS, type StageContext } from './stage-context';
import type { BridgePools } from './start-options';

export function startLedger(ctx: StageContext, pools: BridgePools, store: TwinStore, sync: SyncTracker): Ledger | null {
  const { config, hooks } = ctx;
  if (config.ledgerCheckSeconds === 0) return null;
  const ledger = new Ledger({
    finance: pools.finance,
    training: pools.training,
    twin: pools.twin,
    clock: ctx.clock,
    timezone: config.timezone,
    personId: config.personId,
    log: ctx.log,
    migrations: store.migrations,
    intervalMs: config.ledgerCheckSeconds * 1000,
    onChanged: () => {
      for (const heard of hooks.ledgerChanged) heard();
    },
  });
  sync.showLedger(() => ledger.status());
  void ledger.tick();
  // Each beat asks the sources' statistics first; fingerprints are read only when they moved or the fallback is due.
  const timer = setInterval(() => void ledger.tick(), config.ledgerCheckSeconds * 1000);
  timer.unref();
  ctx.shutdown.push(
    'ledger',
    async () => {
      clearInterval(timer);
      await ledger.idle();
    },
    { limitMs: STOP_LIMITS_MS.ledger },
  );
  return ledger;
}
