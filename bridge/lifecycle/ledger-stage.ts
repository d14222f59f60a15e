// The ledger stage: the summaries of closed months, built in the background on the first start
// (the state is served from direct reads meanwhile) and checked every TWIN_LEDGER_CHECK_SECONDS,
// quietly when no source changed (ledger/quiet-gate.ts).
import { databasesOnOneServer } from '../db/one-server';
import { createPool } from '../db/pools';
import { serverActivity } from '../db/table-activity-repository';
import type { SyncTracker } from '../history/sync-tracker';
import { Ledger } from '../ledger/ledger';
import type { TwinStore } from '../store/twin-store';
import type { Databases } from './database-stages';
import { STOP_LIMITS_MS, type StageContext } from './stage-context';
import type { BridgePools } from './start-options';

/**
 * When the sources' databases are on one server, one connection of its own asks it whether any of
 * them was written: at rest that is the only connection held open (the pools close theirs after 30 s
 * unused), and a new one only ever ran this query, so its server process stays small.
 */
function watchServer(ctx: StageContext, urls: Databases['urls']): (() => Promise<string | null>) | undefined {
  const databases = databasesOnOneServer([urls.finance, urls.training, urls.twin]);
  if (databases === null) return undefined;
  const { config } = ctx;
  const pool = createPool(urls.finance, { name: 'activity', timezone: config.timezone, max: 1, statementTimeoutMs: config.sourceTimeoutMs });
  ctx.shutdown.push('activity watch', () => pool.end(), { limitMs: STOP_LIMITS_MS.pools });
  return () => serverActivity(pool, databases);
}

export function startLedger(ctx: StageContext, pools: BridgePools, urls: Databases['urls'], store: TwinStore, sync: SyncTracker): Ledger | null {
  const { config, hooks } = ctx;
  if (config.ledgerCheckSeconds === 0) return null;
  const ledger = new Ledger({
    serverActivity: watchServer(ctx, urls),
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
