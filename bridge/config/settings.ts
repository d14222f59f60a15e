// Every setting of the bridge, once: its environment variable, its command-line flag, the parse of
// its text, its default, what it means, and the configuration key it fills. The configuration's type
// and parse (config.ts), `--help` and the table of docs/configuration.md all come from this table.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { OBSIDIAN_ORIGINS, allowedHostList, corsOriginList, trustedProxyList } from './host-lists';
import { described, listSettings, setting, unset } from './setting';
import { MCP_TOOL_NAMES } from './mcp-tool-names';
import { boolText, currencyCode, folder, intIn, minLength, nameList, pgUrl, timeZone, uuid, webhookUrl } from './setting-parsers';

export const DEFAULT_PERSON_ID = '00000000-0000-4000-8000-000000000001';

export function defaultDataDir(): string {
  // PostgreSQL runs as the `postgres` user when the bridge runs as root, and that user cannot
  // enter /root; a system folder keeps the default working there.
  if (process.getuid?.() === 0) return '/var/lib/digital-twin';
  return path.join(os.homedir(), '.digital-twin');
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const sourceUrl = (env: string, flag: string, database: string) =>
  setting({ env, flag, parse: pgUrl, default: unset('(embedded)'), secret: true, help: `\`postgres://\` URL of \`${database}\`` });

export const SETTINGS_BY_KEY = {
  port: setting({ env: 'PORT', flag: 'port', parse: intIn(0, 65535), default: '5677', help: 'HTTP port of the bridge' }),
  host: setting({
    env: 'HOST',
    flag: 'host',
    parse: z.string().min(1),
    default: '127.0.0.1',
    help: 'address to listen on; anything but loopback needs `DIGITAL_TWIN_API_KEY` (or `TWIN_ALLOW_INSECURE_BIND`)',
  }),
  apiKey: setting({
    env: 'DIGITAL_TWIN_API_KEY',
    flag: 'api-key',
    parse: minLength(8),
    default: unset('(none)'),
    secret: true,
    help: 'when set, every endpoint but `/health/live` requires it, as `X-API-KEY` or `Authorization: Bearer` (at least 8 characters)',
  }),
  allowInsecureBind: setting({
    env: 'TWIN_ALLOW_INSECURE_BIND',
    flag: 'allow-insecure-bind',
    parse: boolText,
    default: 'false',
    help: 'listen beyond loopback without an API key, on trusted networks only (see [security](security.md#where-it-listens))',
  }),
  corsOrigins: setting({
    env: 'TWIN_CORS_ORIGINS',
    flag: 'cors-origins',
    parse: corsOriginList,
    default: OBSIDIAN_ORIGINS.join(','),
    help:
      'comma-separated origins whose pages may read the bridge from a browser (Obsidian on desktop, iOS, Android); ' +
      'a value replaces the list, `none` allows no browser reads; `*` is refused',
  }),
  allowedHosts: setting({
    env: 'TWIN_ALLOWED_HOSTS',
    flag: 'allowed-hosts',
    parse: allowedHostList,
    default: described('(none)', (): string[] => []),
    help:
      'comma-separated host names (no port) accepted in the `Host` header besides `localhost`, `127.0.0.1` and `[::1]` ' +
      'while the bridge listens on loopback, e.g. `digital-twin-api,twin.lan`',
  }),
  trustProxy: setting({
    env: 'TWIN_TRUST_PROXY',
    flag: 'trust-proxy',
    parse: trustedProxyList,
    default: described('(none)', (): string[] => []),
    help:
      'comma-separated addresses or subnets of reverse proxies in front of the bridge, e.g. `127.0.0.1` or `172.16.0.0/12`; ' +
      'a request from one of them is counted by the client address in its `X-Forwarded-For` (wrong-key bans, logs), and the API key is required. ' +
      'Unset, `X-Forwarded-For` is ignored (see [security](security.md#behind-a-reverse-proxy))',
  }),
  // All three sources, or none for the embedded server (config.ts holds them to that).
  databases: {
    finance: sourceUrl('FINANCE_DATABASE_URL', 'finance-database-url', 'autonomous_finance'),
    training: sourceUrl('TRAINING_DATABASE_URL', 'training-database-url', 'autonomous_training'),
    pantry: sourceUrl('PANTRY_DATABASE_URL', 'pantry-database-url', 'autonomous_pantry'),
    // Unset, config.ts puts the history in the finance database.
    twin: setting({
      env: 'TWIN_DATABASE_URL',
      flag: 'twin-database-url',
      parse: pgUrl,
      default: unset('`FINANCE_DATABASE_URL`'),
      secret: true,
      help: 'where `digital_twin_updates` lives (created if missing, never altered)',
    }),
  },
  embedded: {
    dataDir: setting({
      env: 'TWIN_DATA_DIR',
      flag: 'data-dir',
      parse: folder,
      default: described('`~/.digital-twin` (as root: `/var/lib/digital-twin`)', defaultDataDir),
      help: 'folder of the embedded PostgreSQL and its password',
    }),
    port: setting({
      env: 'TWIN_PG_PORT',
      flag: 'pg-port',
      parse: intIn(1, 65535),
      default: '54329',
      help: 'loopback port of the embedded PostgreSQL (not 5432, so a system PostgreSQL is left alone)',
    }),
    demoData: setting({
      env: 'TWIN_DEMO_DATA',
      flag: 'demo-data',
      parse: boolText,
      default: 'true',
      help: 'fill the embedded databases with demo data on first start, and add the days since on later starts',
    }),
  },
  timezone: setting({
    env: 'TWIN_TIMEZONE',
    flag: 'timezone',
    parse: timeZone,
    default: described('(system zone)', systemTimeZone),
    help: 'IANA zone for day and month boundaries, e.g. `Europe/Warsaw`',
  }),
  currency: setting({ env: 'TWIN_CURRENCY', flag: 'currency', parse: currencyCode, default: 'PLN', help: 'currency shown in texts' }),
  personId: setting({
    env: 'TWIN_PERSON_ID',
    flag: 'person-id',
    parse: uuid,
    default: DEFAULT_PERSON_ID,
    help: 'uuid written as `entity_id` of history rows, and whose rows `/history` shows',
  }),
  historyRetentionDays: setting({
    env: 'TWIN_HISTORY_RETENTION_DAYS',
    flag: 'history-retention-days',
    parse: intIn(1, 36_500),
    default: unset('(keep everything)'),
    help:
      "delete the bridge's own history rows (`source_system = 'g04_engine'`, this person) older than this many days, " +
      '1 to 36500, with each periodic sync; rows of other systems are never touched',
  }),
  syncIntervalSeconds: setting({
    env: 'TWIN_SYNC_INTERVAL_SECONDS',
    flag: 'sync-interval-seconds',
    parse: intIn(0, 86_400),
    default: '900',
    help: 'how often the state is computed and its transitions recorded when nobody asks, skipped while no table of the three databases was written that day (`0`: never)',
  }),
  ledgerCheckSeconds: setting({
    env: 'TWIN_LEDGER_CHECK_SECONDS',
    flag: 'ledger-check-seconds',
    parse: intIn(0, 3600),
    default: '20',
    help:
      'how often the summaries of closed months are checked against your rows, 1 to 3600 s ' +
      '(`0`: no summaries, every figure read directly); see [the ledger](ledger.md)',
  }),
  cacheMs: setting({
    env: 'TWIN_CACHE_MS',
    flag: 'cache-ms',
    parse: intIn(0, 3_600_000),
    default: '2000',
    help: 'how long a computed state is served again (`0`: compute on every request)',
  }),
  // n8n gives up after 10 s: a source's budget must leave room for the rest of the answer.
  sourceTimeoutMs: setting({
    env: 'TWIN_SOURCE_TIMEOUT_MS',
    flag: 'source-timeout-ms',
    parse: intIn(100, 8000),
    default: '3000',
    help: 'time budget of one source, 100 to 8000 ms (n8n waits 10 s); past it that domain is answered degraded',
  }),
  poolSize: setting({ env: 'TWIN_POOL_SIZE', flag: 'pool-size', parse: intIn(1, 100), default: '4', help: 'PostgreSQL connections per source at most' }),
  // Without a URL there is no webhook (config.ts); the secret alone is refused.
  webhook: {
    url: setting({
      env: 'TWIN_WEBHOOK_URL',
      flag: 'webhook-url',
      parse: webhookUrl,
      default: unset('(none)'),
      secret: true,
      help:
        '`http://` or `https://` URL that receives every recorded transition as a JSON `POST`, an n8n Webhook node for example ' +
        '(see [the webhook](webhook.md)); any other scheme stops the start; treated as a secret (never printed), since its path or query may hold a token',
    }),
    secret: setting({
      env: 'TWIN_WEBHOOK_SECRET',
      flag: 'webhook-secret',
      parse: minLength(16),
      default: unset('(none)'),
      secret: true,
      help: 'at least 16 characters; signs each body: `X-Twin-Signature: sha256=<hex HMAC-SHA256 of the raw body>`',
    }),
    timeoutMs: setting({
      env: 'TWIN_WEBHOOK_TIMEOUT_MS',
      flag: 'webhook-timeout-ms',
      parse: intIn(500, 60_000),
      default: '10000',
      help: 'time the receiver has to answer one `POST`, 500 to 60000 ms; past it the delivery is retried',
    }),
  },
  mcp: {
    enabled: setting({
      env: 'TWIN_MCP',
      flag: 'mcp',
      parse: boolText,
      default: 'true',
      help: 'serve the read-only agent tools over the Model Context Protocol at `/mcp`, behind the API key (see [agents](agents.md))',
    }),
    tools: setting({
      env: 'TWIN_MCP_TOOLS',
      flag: 'mcp-tools',
      parse: nameList(MCP_TOOL_NAMES),
      default: described('`all`', (): string[] | null => null),
      help: `comma-separated tools an agent may see and call, at \`/mcp\` and in \`digital-twin mcp\`: ${MCP_TOOL_NAMES.map((n) => `\`${n}\``).join(', ')}`,
    }),
    bridgeUrl: setting({
      env: 'TWIN_URL',
      flag: 'url',
      parse: webhookUrl,
      default: 'http://127.0.0.1:5677',
      help: '`digital-twin mcp` only: the running bridge it asks (with `DIGITAL_TWIN_API_KEY`)',
    }),
  },
  logLevel: setting({
    env: 'LOG_LEVEL',
    flag: 'log-level',
    parse: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    help: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`',
  }),
  logFormat: setting({
    env: 'TWIN_LOG_FORMAT',
    flag: 'log-format',
    parse: z.enum(['json', 'pretty', 'auto']),
    default: 'auto',
    help: '`json`, `pretty`, or `auto` (pretty in a terminal, JSON lines otherwise)',
  }),
};

/** Every setting in the order --help and the docs list them. */
export const SETTINGS = listSettings(SETTINGS_BY_KEY);
