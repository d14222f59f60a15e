// Every setting of the bridge, once: its environment variable, its command-line flag, its default
// and what it means. Parsing and `--help` read this list; a test holds docs/configuration.md to it.
import os from 'node:os';
import path from 'node:path';

export interface SettingSpec {
  env: string;
  flag: string;
  /** Shown in --help; the actual default is applied by the zod schema in config.ts. */
  defaultText: string;
  help: string;
  boolean?: boolean;
  secret?: boolean;
}

export const SETTINGS: readonly SettingSpec[] = [
  { env: 'PORT', flag: 'port', defaultText: '5677', help: 'HTTP port of the bridge' },
  { env: 'HOST', flag: 'host', defaultText: '127.0.0.1', help: 'address to listen on; anything but loopback needs DIGITAL_TWIN_API_KEY (or TWIN_ALLOW_INSECURE_BIND)' },
  { env: 'DIGITAL_TWIN_API_KEY', flag: 'api-key', defaultText: '(none)', help: 'when set, every endpoint but /health/live requires it as X-API-KEY or Authorization: Bearer', secret: true },
  { env: 'TWIN_ALLOW_INSECURE_BIND', flag: 'allow-insecure-bind', defaultText: 'false', help: 'listen on a non-loopback address without an API key (trusted networks only)', boolean: true },
  { env: 'TWIN_CORS_ORIGINS', flag: 'cors-origins', defaultText: 'app://obsidian.md,capacitor://localhost,http://localhost', help: "comma-separated origins whose pages may read the bridge from a browser (Obsidian's own by default); none for no browser reads" },
  { env: 'TWIN_ALLOWED_HOSTS', flag: 'allowed-hosts', defaultText: '(none)', help: 'comma-separated host names accepted in the Host header besides localhost, 127.0.0.1 and [::1] while listening on loopback' },
  { env: 'FINANCE_DATABASE_URL', flag: 'finance-database-url', defaultText: '(embedded)', help: 'postgres:// URL of autonomous_finance', secret: true },
  { env: 'TRAINING_DATABASE_URL', flag: 'training-database-url', defaultText: '(embedded)', help: 'postgres:// URL of autonomous_training', secret: true },
  { env: 'PANTRY_DATABASE_URL', flag: 'pantry-database-url', defaultText: '(embedded)', help: 'postgres:// URL of autonomous_pantry', secret: true },
  { env: 'TWIN_DATABASE_URL', flag: 'twin-database-url', defaultText: 'FINANCE_DATABASE_URL', help: 'where digital_twin_updates lives (created if missing, never altered)', secret: true },
  { env: 'TWIN_DATA_DIR', flag: 'data-dir', defaultText: '~/.digital-twin (root: /var/lib/digital-twin)', help: 'folder of the embedded PostgreSQL and its password' },
  { env: 'TWIN_PG_PORT', flag: 'pg-port', defaultText: '54329', help: 'loopback port of the embedded PostgreSQL' },
  { env: 'TWIN_DEMO_DATA', flag: 'demo-data', defaultText: 'true', help: 'fill the embedded databases with demo data on first start and keep it current', boolean: true },
  { env: 'TWIN_TIMEZONE', flag: 'timezone', defaultText: '(system zone)', help: 'IANA zone for day and month boundaries, e.g. Europe/Warsaw' },
  { env: 'TWIN_CURRENCY', flag: 'currency', defaultText: 'PLN', help: 'currency shown in texts' },
  { env: 'TWIN_PERSON_ID', flag: 'person-id', defaultText: '00000000-0000-4000-8000-000000000001', help: 'uuid written as entity_id of history rows' },
  { env: 'TWIN_HISTORY_RETENTION_DAYS', flag: 'history-retention-days', defaultText: '(keep everything)', help: "delete the bridge's own history rows older than this many days, with each periodic sync" },
  { env: 'TWIN_SYNC_INTERVAL_SECONDS', flag: 'sync-interval-seconds', defaultText: '900', help: 'how often the state is computed and transitions recorded when nobody asks (0 = never)' },
  { env: 'TWIN_LEDGER_CHECK_SECONDS', flag: 'ledger-check-seconds', defaultText: '20', help: 'how often the summaries of closed months are checked against the source rows, 1 to 3600 (0 = no summaries: every figure read directly)' },
  { env: 'TWIN_CACHE_MS', flag: 'cache-ms', defaultText: '2000', help: 'how long a computed state is served again (0 = compute on every request)' },
  { env: 'TWIN_SOURCE_TIMEOUT_MS', flag: 'source-timeout-ms', defaultText: '3000', help: 'time budget of one source, 100 to 8000 (n8n waits 10 s); past it the domain is degraded' },
  { env: 'TWIN_POOL_SIZE', flag: 'pool-size', defaultText: '4', help: 'PostgreSQL connections per source at most' },
  { env: 'TWIN_WEBHOOK_URL', flag: 'webhook-url', defaultText: '(none)', help: 'http(s) URL that receives every recorded transition as a JSON POST (n8n Webhook node, for example)', secret: true },
  { env: 'TWIN_WEBHOOK_SECRET', flag: 'webhook-secret', defaultText: '(none)', help: 'signs each webhook body: X-Twin-Signature: sha256=<HMAC-SHA256 of the raw body, hex>', secret: true },
  { env: 'TWIN_WEBHOOK_TIMEOUT_MS', flag: 'webhook-timeout-ms', defaultText: '10000', help: 'time the webhook receiver has to answer one POST, 500 to 60000; past it the delivery is retried' },
  { env: 'LOG_LEVEL', flag: 'log-level', defaultText: 'info', help: 'fatal, error, warn, info, debug, trace or silent' },
  { env: 'TWIN_LOG_FORMAT', flag: 'log-format', defaultText: 'auto', help: 'json, pretty, or auto (pretty in a terminal)' },
];

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
