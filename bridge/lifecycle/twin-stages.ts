// The stages around the twin itself: its own store (migrated once at start), the recorder of
// transitions, the webhook that pushes them, and the engine whose computed states feed all three
// through the hooks.
import type pg from 'pg';
import { STORE_PARTS } from '../db/migrations/migration';
import { blockingProblem, type MigrationReport } from '../db/migrations/run-migrations';
import { DOMAIN_NAMES } from '../contract/twin-state';
import { describeSourceError } from '../db/source-error';
import { TwinEngine } from '../engine/twin-engine';
import { HistoryStore } from '../history/history-store';
import type { Logger } from '../log/logger';
import type { HistoryTable } from '../store/history-repository';
import { TwinStore } from '../store/twin-store';
import { SyncTracker } from '../history/sync-tracker';
import type { WebhookDeliverer } from '../webhook/webhook-deliverer';
import { startWebhook } from '../webhook/start-webhook';
import { STOP_LIMITS_MS, type StageContext } from './stage-context';
import type { Repositories } from './repositories-stage';

/** The store in the history database, its pending migrations applied; a database that is down is migrated when it returns. */
export async function openStore({ clock, log }: StageContext, db: pg.Pool): Promise<TwinStore> {
  const store = new TwinStore(db, { clock });
  await store.migrations.run().then(
    (report) => logMigrations(log, report),
    (err: unknown) => log.error({ err: describeSourceError('history', err) }, 'history database unavailable for now; its migrations are retried on use'),
  );
  return store;
}

function logMigrations(log: Logger, report: MigrationReport): void {
  if (report.applied.length > 0) log.info({ applied: report.applied }, 'store migrations applied');
  if (!report.recorded) log.warn({ reason: report.unrecorded }, 'store migrations cannot be recorded; they are checked again at every start');
  // Optional ones (indexes on the user's table) say what the owner can run; the bridge works without them.
  for (const p of report.pending) log.warn({ migration: p.id, optional: p.optional }, p.problem);
  const blocked = STORE_PARTS.filter((part) => blockingProblem(report, part) !== null);
  if (blocked.length > 0) log.warn({ parts: blocked }, 'parts of the store are not ready; they are retried when used');
}

export function openHistory({ config, clock }: StageContext, table: HistoryTable): HistoryStore {
  return new HistoryStore(table, config.personId, { clock, firstPageCacheMs: config.cacheMs });
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
export function startWebhookDelivery(ctx: StageContext, store: TwinStore, sync: SyncTracker): WebhookDeliverer | null {
  const { config, clock, log, metrics } = ctx;
  const webhook = startWebhook(config, { store, clock, log, metrics, sync }, ctx.options.webhookTiming);
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
    pantryHistory: repositories.pantryHistory,
    personId: config.personId,
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
