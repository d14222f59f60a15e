// Prometheus metrics at /metrics: process defaults, request durations by route and status, source
// query durations, degraded domains, and the times of the last sync and history write (so that
// "history stopped being written" shows on a dashboard), and wrong API keys with the bans they earn.
import { Router, type RequestHandler } from 'express';
import client from 'prom-client';

export interface Metrics {
  registry: client.Registry;
  requestDuration: client.Histogram<'route' | 'method' | 'status'>;
  sourceDuration: client.Histogram<'source' | 'outcome'>;
  degraded: client.Gauge<'domain'>;
  lastSync: client.Gauge;
  lastHistoryWrite: client.Gauge;
  webhookPending: client.Gauge;
  webhookLastDelivery: client.Gauge;
  webhookLastError: client.Gauge;
  webhookAttempts: client.Counter<'outcome'>;
  wrongApiKeys: client.Counter;
  /** MCP tool calls by tool and outcome (ok, tool_error, refused). */
  mcpToolCalls: client.Counter<'tool' | 'outcome'>;
  clientBans: client.Counter;
  /** Reports the count of currently banned client addresses at each scrape. */
  watchBannedClients(count: () => number): void;
  middleware: RequestHandler;
  router: Router;
}

const KNOWN_ROUTES = new Set([
  '/status',
  '/health',
  '/finance',
  '/history',
  '/insights',
  '/workout',
  '/forecast',
  '/pantry',
  '/finance/alerts',
  '/review/week',
  '/health/domain/health',
  '/health/domain/finance',
  '/health/domain/pantry',
  '/health/live',
  '/health/ready',
  '/metrics',
  '/mcp',
  '/openapi.json',
  '/docs',
]);

export function createMetrics(): Metrics {
  // A registry per bridge: tests and benchmarks run several bridges in one process.
  const registry = new client.Registry();
  // The event-loop delay is sampled once a second, not prom-client's 100 times: at 10 ms its timer
  // alone kept an idle bridge at 0.3 % of a core. A stall still shows as one late sample.
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 1000 });
  const requestDuration = new client.Histogram({
    name: 'twin_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const sourceDuration = new client.Histogram({
    name: 'twin_source_query_duration_seconds',
    help: 'Time to read one source database, by outcome',
    labelNames: ['source', 'outcome'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const degraded = new client.Gauge({
    name: 'twin_domain_degraded',
    help: '1 when the domain could not be read at the last computation',
    labelNames: ['domain'] as const,
    registers: [registry],
  });
  // The unlabelled gauges: a count and times of the last event.
  const gauge = (name: string, help: string) => new client.Gauge({ name, help, registers: [registry] });
  const lastSync = gauge(
    'twin_last_sync_success_timestamp_seconds',
    'Unix time of the last state computed with every domain ok and its transitions recorded',
  );
  const lastHistoryWrite = gauge(
    'twin_last_history_write_timestamp_seconds',
    'Unix time of the newest history row of this person known to the bridge (read at start, then each row it writes)',
  );

  // Pushing transitions to TWIN_WEBHOOK_URL: a pending count that only grows means the receiver is down.
  const webhookPending = gauge('twin_webhook_pending', 'Transitions recorded and not yet delivered to the webhook');
  const webhookLastDelivery = gauge('twin_webhook_last_delivery_timestamp_seconds', 'Unix time of the last transition delivered to the webhook by this bridge');
  const webhookLastError = gauge('twin_webhook_last_error_timestamp_seconds', 'Unix time of the last failed webhook delivery attempt');
  const webhookAttempts = new client.Counter({
    name: 'twin_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome (delivered or failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });

  const auth = keyGuessMetrics(registry);
  const mcpToolCalls = new client.Counter({
    name: 'twin_mcp_tool_calls_total',
    help: 'MCP tool calls by tool and outcome: ok, tool_error (a bad argument, a source down) or refused (not a tool, or not allowed)',
    labelNames: ['tool', 'outcome'] as const,
    registers: [registry],
  });

  return {
    registry,
    ...auth,
    requestDuration,
    sourceDuration,
    degraded,
    lastSync,
    lastHistoryWrite,
    webhookPending,
    webhookLastDelivery,
    webhookLastError,
    webhookAttempts,
    mcpToolCalls,
    middleware: timeRequests(requestDuration),
    router: Router().all('/metrics', async (_req, res) => {
      res.set('Content-Type', registry.contentType).send(await registry.metrics());
    }),
  };
}

function timeRequests(requestDuration: Metrics['requestDuration']): RequestHandler {
  // A child per label set, made once: labelling each observation anew copied and checked the labels.
  const children = new Map<string, ReturnType<typeof requestDuration.labels>>();
  const child = (route: string, method: string, status: string) => {
    const key = `${route} ${method} ${status}`;
    let found = children.get(key);
    if (!found) {
      found = requestDuration.labels(route, method, status);
      children.set(key, found);
    }
    return found;
  };
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      // Unknown paths share one label, so that scanning the API cannot blow up the series count.
      const route = KNOWN_ROUTES.has(req.path) ? req.path : 'other';
      child(route, req.method, String(res.statusCode)).observe((performance.now() - started) / 1000);
    });
    next();
  };
}

// Guessing the key from a network: wrong keys and the addresses refused for them.
function keyGuessMetrics(registry: client.Registry): Pick<Metrics, 'wrongApiKeys' | 'clientBans' | 'watchBannedClients'> {
  const wrongApiKeys = new client.Counter({ name: 'twin_api_key_failures_total', help: 'Requests refused for a wrong API key', registers: [registry] });
  const clientBans = new client.Counter({ name: 'twin_client_bans_total', help: 'Client addresses banned for repeated wrong API keys', registers: [registry] });
  let bannedNow: () => number = () => 0;
  new client.Gauge({
    name: 'twin_banned_clients',
    help: 'Client addresses refused right now for repeated wrong API keys',
    registers: [registry],
    collect() {
      this.set(bannedNow());
    },
  });
  return {
    wrongApiKeys,
    clientBans,
    watchBannedClients: (count) => {
      bannedNow = count;
    },
  };
}
