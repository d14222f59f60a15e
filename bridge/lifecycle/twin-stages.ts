// The stages around the twin itself: the history table, the recorder of transitions, the webhook
// that pushes them, and the engine whose computed states feed all three through the hooks.
import type pg from 'pg';
import { DOMAIN_NAMES } from '../contract/twin-state';
import { describeSourceError } from '../db/source-error';
import { TwinEngine } from '../engine/twin-engine';
import { HistoryStore } from '../history/history-store';
import { SyncTracker } from '../history/sync-tracker';
import type { WebhookDeliverer } from '../webhook/webhook-deliverer';
import { startWebhook } from '../webhook/start-webhook';
import { STOP_LIMITS_MS, type StageContext } from './stage-context';
import type { Repositories } from './repositories-stage';

export async function openHistory({ config, log }: StageContext, db: pg.Pool): Promise<HistoryStore> {
  const history = new HistoryStore(db, config.personId, config.cacheMs);
  // The table is looked for (and created when missing) on first use and again after a failure,
  // so a history database that is down at start-up is picked up when it returns.
  await history.ensureSchema().catch((err: unknown) =>
    log.error({ err: describeSourceError('history', err) }, 'history table unavailable for now; retried on every sync'),
  );
  void history.addMissingIndexes().then(
    (problems) => problems.forEach((p) => log.warn(p)),
    () => {},
  );
  return history;
}

/** Records the transitions of every computed state; pending writes land before the pools close. */
export async function startSync(ctx: StageContext, history: HistoryStore): Promise<SyncTracker> {
  const { config, metrics, log, hooks } = ctx;
  const sync = new SyncTracker(
    history,
    ctx.clock,
    config.syncIntervalSeconds,
    {
      onWritten: (domains, at) => {
        metrics.lastHistoryWrite.set(at.getTime() / 1000);
        for (const heard of hooks.historyWritten) heard();
        log.debug({ domains }, 'history transitions written');
      },
      onSucceeded: (at) => metrics.lastSync.set(at.getTime() / 1000),
      onFailed: (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'history write failed'),
    },
    Math.max(config.cacheMs, 1000),
  );
  await sync.loadLastWrite().catch(() => {});
  const last = sync.info().last_history_write_at;
  if (last) metrics.lastHistoryWrite.set(Date.parse(last) / 1000);
  hooks.computed.push((state) => void sync.record(state));
  ctx.shutdown.push('history writes', () => sync.drain(), { limitMs: STOP_LIMITS_MS.historyWrites });
  return sync;
}

/** Runs beside everything else: a slow or absent receiver never holds up a request or a write. */
export function startWebhookDelivery(ctx: StageContext, db: pg.Pool, sync: SyncTracker): WebhookDeliverer | null {
  const { config, clock, log, metrics } = ctx;
  const webhook = startWebhook(config, { db, clock, log, metrics, sync }, ctx.options.webhookTiming);
  if (!webhook) return null;
  ctx.hooks.historyWritten.push(() => webhook.notify());
  ctx.hooks.computed.push((state, engine) => webhook.observe(state, (domain) => engine.domainRecord(domain).consecutive_failures));
  ctx.shutdown.push('webhook', () => webhook.stop(), { limitMs: STOP_LIMITS_MS.webhook });
  return webhook;
}

export function startEngine(ctx: StageContext, repositories: Repositories): TwinEngine {
  const { config, metrics, hooks } = ctx;
  hooks.computed.push((state) => {
    for (const d of DOMAIN_NAMES) metrics.degraded.set({ domain: d }, state[d].status === 'ok' ? 0 : 1);
  });
  const engine: TwinEngine = new TwinEngine({
    finance: repositories.finance,
    training: repositories.training,
    pantry: repositories.pantry,
    clock: ctx.clock,
    timezone: config.timezone,
    currency: config.currency,
    sourceTimeoutMs: config.sourceTimeoutMs,
    cacheMs: config.cacheMs,
    onComputed: (state) => {
      for (const heard of hooks.computed) heard(state, engine);
    },
    onSourceTimed: (source, seconds, ok) => metrics.sourceDuration.observe({ source, outcome: ok ? 'ok' : 'error' }, seconds),
  });
  // Computations still running (a request's or the periodic one) hand their state to the recorder.
  ctx.shutdown.push('engine', () => engine.idle(), { limitMs: STOP_LIMITS_MS.engine });
  return engine;
}
