// The HTTP stage: the express app over the engine, history and readiness probe, listening on the
// configured address; its teardown lets requests in flight finish before the databases go.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopback, reachedFromNetwork } from '../config/config';
import type { ReadyResponse } from '../contract/responses';
import { ping } from '../db/pools';
import { describeSourceError, withTimeout } from '../db/source-error';
import type { TwinEngine } from '../engine/twin-engine';
import type { InsightsService } from '../insights/insights-service';
import type { HistoryStore } from '../history/history-store';
import type { SyncTracker } from '../history/sync-tracker';
import { createApp } from '../http/app';
import { namesWithBoundHost } from '../http/host-check';
import { watchedLoginAttempts } from '../http/login-attempts';
import { requestLog } from '../http/request-log';
import { bridgeMcp } from '../mcp/bridge-mcp';
import packageJson from '../../package.json' with { type: 'json' };
import { STOP_LIMITS_MS, type StageContext } from './stage-context';
import type { Repositories } from './repositories-stage';
import type { BridgePools } from './start-options';

export interface HttpParts {
  engine: TwinEngine;
  insights: InsightsService;
  history: HistoryStore;
  sync: SyncTracker;
  repositories: Repositories;
  /** /health/ready: how each database answers now. */
  readiness: () => Promise<ReadyResponse['sources']>;
}

export interface Listening {
  url: string;
  port: number;
}

export async function startHttp(ctx: StageContext, parts: HttpParts): Promise<Listening> {
  const { config, log, metrics, clock } = ctx;
  // The Host check guards against DNS rebinding, which reaches only a bridge on loopback.
  const allowedHosts = isLoopback(config.host) ? namesWithBoundHost(config.host, config.allowedHosts) : null;
  const app = createApp({
    engine: parts.engine,
    insights: parts.insights,
    repositories: parts.repositories,
    clock: ctx.clock,
    timezone: config.timezone,
    currency: config.currency,
    personId: config.personId,
    history: parts.history,
    sync: parts.sync,
    readiness: parts.readiness,
    apiKey: config.apiKey,
    // Reached from the network, wrong keys are slowed down and then banned per client address.
    loginAttempts: reachedFromNetwork(config) ? watchedLoginAttempts(clock, log, metrics) : null,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    allowedHosts,
    log,
    before: [requestLog(log), metrics.middleware],
    extraRoutes: [metrics.router, ...(ctx.options.extraRoutes?.({ metrics }) ?? [])],
    onError: (err) => log.error({ err }, 'request failed'),
    mcp: config.mcp.enabled ? bridgeMcp({ config, log, metrics, version: packageJson.version, hostNames: allowedHosts }) : undefined,
  });
  const server = http.createServer(app);
  // n8n gives up after 10 s; nothing here should take that long, and idle sockets go away.
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  // Once closing, a request that finishes leaves its keep-alive socket idle: drop it at once rather
  // than holding the shutdown until the client or keepAliveTimeout lets go.
  server.on('request', (_req, res: http.ServerResponse) =>
    res.on('finish', () => {
      if (!server.listening) setImmediate(() => server.closeIdleConnections());
    }),
  );
  await listen(server, config.port, config.host);
  ctx.shutdown.push('HTTP server', () => closeGracefully(server, STOP_LIMITS_MS.http));
  const { port } = server.address() as AddressInfo;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { url: `http://${hostForUrl}:${port}`, port };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting, lets requests in flight finish, drops idle keep-alive sockets; cuts the rest after `graceMs`. */
async function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(force);
  }
}

/** The databases /health/ready reports on. */
export const PROBED_DATABASES = ['finance', 'training', 'pantry', 'twin'] as const;

/** /health/ready: one round trip per database, each within the source budget (2 s at most). */
export async function probeSources(pools: BridgePools, sourceTimeoutMs: number): Promise<ReadyResponse['sources']> {
  type Probe = ReadyResponse['sources'][string];
  const probe = async (name: keyof BridgePools): Promise<Probe> => {
    const t0 = performance.now();
    try {
      await withTimeout(ping(pools[name]), Math.min(sourceTimeoutMs, 2000), name);
      return { ok: true, error: null, latency_ms: Math.round((performance.now() - t0) * 10) / 10 };
    } catch (err) {
      return { ok: false, error: describeSourceError(name, err), latency_ms: null };
    }
  };
  const results = await Promise.all(PROBED_DATABASES.map(probe));
  return Object.fromEntries(PROBED_DATABASES.map((name, i): [string, Probe] => [name, results[i]]));
}
