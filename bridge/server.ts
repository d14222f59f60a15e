// The bridge assembled: database engine (embedded or configured), pools, twin engine, history,
// HTTP server, periodic sync, and an orderly shutdown of all of it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { isLoopback, type Config, type SourceName } from './config/config';
import type { ReadyResponse } from './contract/responses';
import { prepareEmbeddedDatabases } from './db/embedded-databases';
import { portFree, startEmbeddedPostgres, type EmbeddedServer } from './db/embedded-postgres';
import { createPool } from './db/pools';
import { seedDemoData, topUpDemoData } from './demo/seed-demo';
import { describeSourceError, withTimeout } from './engine/source-error';
import { TwinEngine } from './engine/twin-engine';
import { HistoryStore } from './history/history-store';
import { startPeriodicSync } from './history/periodic-sync';
import { retentionTask } from './history/retention';
import { SyncTracker } from './history/sync-tracker';
import { createApp } from './http/app';
import { namesWithBoundHost } from './http/host-check';
import { requestLog } from './http/request-log';
import { silentLogger, type Logger } from './log/logger';
import { createMetrics, type Metrics } from './metrics/metrics';
import { systemClock, type Clock } from './time/clock';
import { localDate } from './time/local-date';
import type { WebhookDeliverer } from './webhook/webhook-deliverer';
import { startWebhook, type WebhookTiming } from './webhook/start-webhook';
import type express from 'express';

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Durability off for throw-away clusters (tests, benchmarks). */
  embeddedFsync?: boolean;
  /** Extra routes mounted behind the API key. */
  extraRoutes?: (deps: { metrics: Metrics }) => express.Router[];
  /** Webhook retry and polling times (tests shorten them). */
  webhookTiming?: WebhookTiming;
}

export interface Bridge {
  url: string;
  port: number;
  config: Config;
  engine: TwinEngine;
  sync: SyncTracker;
  history: HistoryStore;
  embedded: EmbeddedServer | null;
  pools: Record<SourceName | 'twin', pg.Pool>;
  metrics: Metrics;
  /** Pushes transitions to TWIN_WEBHOOK_URL; null when none is set. */
  webhook: WebhookDeliverer | null;
  close(): Promise<void>;
}

export class StartError extends Error {}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startBridge(config: Config, o: StartOptions = {}): Promise<Bridge> {
  const clock = o.clock ?? systemClock;
  const log = o.logger ?? silentLogger;
  const started = performance.now();

  // Fail before touching any database when the port is taken (a stale bridge, most often).
  if (config.port !== 0 && !(await portFree(config.port, config.host))) {
    throw new StartError(
      `Port ${config.port} on ${config.host} is already in use, probably by another bridge still running ` +
        `(check with: lsof -i :${config.port}). Stop it, or set PORT to another port.`,
    );
  }

  let embedded: EmbeddedServer | null = null;
  let urls: Record<SourceName | 'twin', string>;
  if (config.databases) {
    urls = config.databases;
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: config.embedded.dataDir,
      port: config.embedded.port,
      fsync: o.embeddedFsync,
      log: (level, message) => log[level]({ component: 'postgres' }, message),
    });
    const dbs = await prepareEmbeddedDatabases(embedded);
    urls = { ...dbs, twin: dbs.finance };
  }

  // Whatever was started is stopped again when a later step fails.
  const cleanups: (() => Promise<unknown>)[] = [];
  if (embedded) cleanups.push(() => embedded.stop());
  try {
    const poolOptions = (name: string, max: number) => ({
      name,
      timezone: config.timezone,
      max,
      statementTimeoutMs: config.sourceTimeoutMs,
    });
    const pools = {
      finance: createPool(urls.finance, poolOptions('finance', config.poolSize)),
      training: createPool(urls.training, poolOptions('training', config.poolSize)),
      pantry: createPool(urls.pantry, poolOptions('pantry', config.poolSize)),
      twin: createPool(urls.twin, poolOptions('history', config.poolSize)),
    };
    cleanups.push(() => Promise.all(Object.values(pools).map((p) => p.end())));

    if (embedded && config.embedded.demoData) {
      const now = clock.now();
      const today = localDate(now, config.timezone).date;
      const targets = { finance: pools.finance, training: pools.training, pantry: pools.pantry, twin: pools.twin };
      const seeded = await seedDemoData(targets, { today, now, personId: config.personId });
      if (seeded.seeded) log.info({ counts: seeded.counts }, 'demo data created');
      else await topUpDemoData(targets, { today, now, personId: config.personId });
    }

    const history = new HistoryStore(pools.twin, config.personId, config.cacheMs);
    // The table is looked for (and created when missing) on first use and again after a failure,
    // so a history database that is down at start-up is picked up when it returns.
    await history.ensureSchema().catch((err) =>
      log.error({ err: describeSourceError('history', err) }, 'history table unavailable for now; retried on every sync'),
    );
    void history.addMissingIndexes().then(
      (problems) => problems.forEach((p) => log.warn(p)),
      () => {},
    );

    const metrics = createMetrics();
    let webhook: WebhookDeliverer | null = null;
    const sync = new SyncTracker(history, clock, config.syncIntervalSeconds, {
      onWritten: (domains, at) => {
        metrics.lastHistoryWrite.set(at.getTime() / 1000);
        webhook?.notify();
        log.debug({ domains }, 'history transitions written');
      },
      onSucceeded: (at) => metrics.lastSync.set(at.getTime() / 1000),
      onFailed: (err) => log.warn({ err: (err as Error).message }, 'history write failed'),
    }, Math.max(config.cacheMs, 1000));
    await sync.loadLastWrite().catch(() => {});
    const last = sync.info().last_history_write_at;
    if (last) metrics.lastHistoryWrite.set(Date.parse(last) / 1000);
    // Runs beside everything else: a slow or absent receiver never holds up a request or a write.
    webhook = startWebhook(config, { db: pools.twin, clock, log, metrics, sync }, o.webhookTiming);
    if (webhook) cleanups.push(() => webhook!.stop());

    const engine = new TwinEngine({
      databases: pools,
      clock,
      timezone: config.timezone,
      currency: config.currency,
      sourceTimeoutMs: config.sourceTimeoutMs,
      cacheMs: config.cacheMs,
      onComputed: (state) => {
        for (const d of ['health', 'finance', 'pantry'] as const) metrics.degraded.set({ domain: d }, state[d].status === 'ok' ? 0 : 1);
        void sync.record(state);
        webhook?.observe(state, (domain) => engine.domainRecord(domain).consecutive_failures);
      },
      onSourceTimed: (source, seconds, ok) => metrics.sourceDuration.observe({ source, outcome: ok ? 'ok' : 'error' }, seconds),
    });

    const readiness = async (): Promise<ReadyResponse['sources']> => {
      const names = ['finance', 'training', 'pantry', 'twin'] as const;
      const checks = await Promise.all(
        names.map(async (name) => {
          const t0 = performance.now();
          try {
            await withTimeout(pools[name].query('SELECT 1'), Math.min(config.sourceTimeoutMs, 2000), name);
            return [name, { ok: true, error: null, latency_ms: Math.round((performance.now() - t0) * 10) / 10 }] as const;
          } catch (err) {
            return [name, { ok: false, error: describeSourceError(name, err), latency_ms: null }] as const;
          }
        }),
      );
      return Object.fromEntries(checks);
    };

    const app = createApp({
      engine,
      history,
      sync,
      readiness,
      databases: pools, clock, timezone: config.timezone, currency: config.currency, personId: config.personId,
      apiKey: config.apiKey,
      corsOrigins: config.corsOrigins,
      // The Host check guards against DNS rebinding, which reaches only a bridge on loopback.
      allowedHosts: isLoopback(config.host) ? namesWithBoundHost(config.host, config.allowedHosts) : null,
      log,
      before: [requestLog(log), metrics.middleware],
      extraRoutes: [metrics.router, ...(o.extraRoutes?.({ metrics }) ?? [])],
      onError: (err) => log.error({ err }, 'request failed'),
    });
    const httpServer = http.createServer(app);
    // n8n gives up after 10 s; nothing here should take that long, and idle sockets go away.
    httpServer.requestTimeout = 15_000;
    httpServer.headersTimeout = 10_000;
    httpServer.keepAliveTimeout = 5_000;
    await listen(httpServer, config.port, config.host);
    cleanups.push(() => new Promise((resolve) => httpServer.close(resolve)));
    const port = (httpServer.address() as AddressInfo).port;
    const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${hostForUrl}:${port}`;

    // A first state before announcing readiness: the first request is fast and history is current.
    // It cannot hang the start: each source has its time budget.
    await engine.getState(0);
    const retention =
      config.historyRetentionDays === null
        ? undefined
        : retentionTask({
            db: pools.twin,
            personId: config.personId,
            days: config.historyRetentionDays,
            now: () => clock.now(),
            log,
            describeError: (err) => describeSourceError('history', err),
          });
    const periodic = startPeriodicSync(engine, config.syncIntervalSeconds, retention);
    log.info({ url, embedded: embedded !== null, ms: Math.round(performance.now() - started) }, `digital twin bridge listening on ${url}`);
    let closing: Promise<void> | null = null;
    return {
      url,
      port,
      config,
      engine,
      sync,
      history,
      embedded,
      pools,
      metrics,
      webhook,
      close() {
        closing ??= (async () => {
          periodic.stop();
          // Stop accepting, let in-flight requests finish, then drop idle keep-alive sockets.
          const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
          httpServer.closeIdleConnections();
          const force = setTimeout(() => httpServer.closeAllConnections(), 10_000);
          await closed;
          clearTimeout(force);
          await engine.idle();
          await sync.drain();
          await webhook?.stop();
          await Promise.all(Object.values(pools).map((p) => p.end().catch(() => {})));
          if (embedded) await embedded.stop();
          log.info('bridge stopped');
        })();
        return closing;
      },
    };
  } catch (err) {
    for (const undo of cleanups.reverse()) await undo().catch(() => {});
    throw err;
  }
}
