// The bridge assembled from its start stages (bridge/lifecycle/), in order. Each stage pushes its
// own teardown onto one shutdown stack as it succeeds; a failed start and close() both unwind it.
// A new stage is a function (ctx, what it needs) => what it makes, which pushes its own teardown
// and, to hear of computed states or history writes, adds itself to ctx.hooks; then one line here.
import type { Config } from './config/config';
import { checkPort, loadDemoData, openPools, startDatabases } from './lifecycle/database-stages';
import { startHousekeeping } from './lifecycle/housekeeping-stage';
import { probeSources, startHttp } from './lifecycle/http-stage';
import { startInsights } from './lifecycle/insights-stage';
import { startLedger } from './lifecycle/ledger-stage';
import { openRepositories } from './lifecycle/repositories-stage';
import { createStageContext, type StageContext } from './lifecycle/stage-context';
import { StartAborted, type Bridge, type StartOptions } from './lifecycle/start-options';
import { openHistory, openStore, startEngine, startSync, startWebhookDelivery } from './lifecycle/twin-stages';

export { StartAborted, StartError, type Bridge, type StartOptions } from './lifecycle/start-options';

export async function startBridge(config: Config, options: StartOptions = {}): Promise<Bridge> {
  const started = performance.now();
  const ctx = createStageContext(config, options);
  const { log } = ctx;
  try {
    await checkPort(ctx);
    const { embedded, urls } = await startDatabases(ctx);
    const pools = openPools(ctx, urls);
    const store = await openStore(ctx, pools.twin);
    stopIfAsked(options);
    await loadDemoData(ctx, pools, embedded);
    const history = openHistory(ctx, store.historyTable());
    stopIfAsked(options);
    const sync = await startSync(ctx, history);
    const webhook = startWebhookDelivery(ctx, store, sync);
    const ledger = startLedger(ctx, pools, urls, store, sync);
    const repositories = openRepositories(pools, ledger);
    const engine = startEngine(ctx, repositories);
    const insights = startInsights(ctx, repositories);
    const { url, port } = await startHttp(ctx, { engine, history, sync, repositories, insights, readiness: () => probeSources(pools, config.sourceTimeoutMs) });
    // A first state before announcing readiness: the first request is fast and history is current.
    // It cannot hang the start: each source has its time budget.
    stopIfAsked(options);
    await engine.getState(0);
    startHousekeeping(ctx, engine, store, pools, sync);
    log.info({ url, embedded: embedded !== null, ms: Math.round(performance.now() - started) }, `digital twin bridge listening on ${url}`);
    const close = once(() => closeBridge(ctx));
    return { url, port, config, engine, sync, history, embedded, pools, metrics: ctx.metrics, webhook, ledger, close };
  } catch (err) {
    await ctx.shutdown.unwind();
    throw err;
  }
}

async function closeBridge({ shutdown, log }: StageContext): Promise<void> {
  await shutdown.close();
  log.info('bridge stopped');
}

function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= run());
}

/** A stop asked for during start-up is honoured between the slow stages (databases, demo, history). */
function stopIfAsked(options: StartOptions): void {
  if (options.signal?.aborted) throw new StartAborted('stopped during start-up');
}
