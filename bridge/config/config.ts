// Configuration is parsed once, at the edge: defaults < .env file < environment < flags.
// Invalid values stop the start with a message naming the setting and what is allowed.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { z } from 'zod';
import { OBSIDIAN_ORIGINS, allowedHostList, corsOriginList } from './host-lists';
import { DEFAULT_PERSON_ID, SETTINGS, defaultDataDir, systemTimeZone } from './settings';

export class ConfigError extends Error {}

export type SourceName = 'finance' | 'training' | 'pantry';
export const SOURCE_NAMES: readonly SourceName[] = ['finance', 'training', 'pantry'];

const boolText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const intIn = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: `expected at least ${min}` }).max(max, { error: `expected at most ${max}` }));

const pgUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), { error: 'expected a postgres:// or postgresql:// URL' })
  .refine((v) => URL.canParse(v), { error: 'not a valid URL' });

// Only http and https: anything else (a typo, file:, ftp:) would fail every delivery silently.
const webhookUrl = z
  .string()
  .refine((v) => URL.canParse(v), { error: 'not a valid URL; expected http:// or https://' })
  .refine((v) => !URL.canParse(v) || ['http:', 'https:'].includes(new URL(v).protocol), { error: 'expected an http:// or https:// URL' });

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected an IANA time zone such as Europe/Warsaw or UTC' },
);

const RawConfig = z.object({
  PORT: intIn(0, 65535).default(5677),
  HOST: z.string().min(1).default('127.0.0.1'),
  DIGITAL_TWIN_API_KEY: z.string().min(8, { error: 'expected at least 8 characters' }).optional(),
  TWIN_ALLOW_INSECURE_BIND: boolText.default(false),
  TWIN_CORS_ORIGINS: corsOriginList.optional(),
  TWIN_ALLOWED_HOSTS: allowedHostList.optional(),
  FINANCE_DATABASE_URL: pgUrl.optional(),
  TRAINING_DATABASE_URL: pgUrl.optional(),
  PANTRY_DATABASE_URL: pgUrl.optional(),
  TWIN_DATABASE_URL: pgUrl.optional(),
  TWIN_DATA_DIR: z.string().min(1).optional(),
  TWIN_PG_PORT: intIn(1, 65535).default(54329),
  TWIN_DEMO_DATA: boolText.default(true),
  TWIN_TIMEZONE: timeZone.optional(),
  TWIN_CURRENCY: z.string().regex(/^[A-Z]{3}$/, { error: 'expected a three-letter ISO code such as PLN' }).default('PLN'),
  TWIN_PERSON_ID: z.uuid({ error: 'expected a uuid' }).default(DEFAULT_PERSON_ID),
  TWIN_HISTORY_RETENTION_DAYS: intIn(1, 36_500).optional(),
  TWIN_SYNC_INTERVAL_SECONDS: intIn(0, 86_400).default(900),
  TWIN_LEDGER_CHECK_SECONDS: intIn(0, 3600).default(20),
  TWIN_CACHE_MS: intIn(0, 3_600_000).default(2000),
  // n8n gives up after 10 s: a source's budget must leave room for the rest of the answer.
  TWIN_SOURCE_TIMEOUT_MS: intIn(100, 8000).default(3000),
  TWIN_POOL_SIZE: intIn(1, 100).default(4),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TWIN_LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default('auto'),
  TWIN_WEBHOOK_URL: webhookUrl.optional(),
  TWIN_WEBHOOK_SECRET: z.string().min(16, { error: 'expected at least 16 characters' }).optional(),
  TWIN_WEBHOOK_TIMEOUT_MS: intIn(500, 60_000).default(10_000),
});

export interface EmbeddedConfig {
  dataDir: string;
  port: number;
  demoData: boolean;
}

export interface Config {
  port: number;
  host: string;
  apiKey: string | null;
  allowInsecureBind: boolean;
  /** Origins whose pages may read the bridge (CORS); empty for none. */
  corsOrigins: string[];
  /** Host names accepted besides the loopback ones while listening on loopback. */
  allowedHosts: string[];
  /** Connection URLs of the three sources and of the history table; null in embedded mode. */
  databases: { finance: string; training: string; pantry: string; twin: string } | null;
  embedded: EmbeddedConfig;
  timezone: string;
  currency: string;
  personId: string;
  /** Days the bridge's own history rows are kept; null keeps everything. */
  historyRetentionDays: number | null;
  syncIntervalSeconds: number;
  /** How often the ledger of closed months is checked; 0 runs without one. */
  ledgerCheckSeconds: number;
  cacheMs: number;
  sourceTimeoutMs: number;
  poolSize: number;
  logLevel: string;
  logFormat: 'json' | 'pretty' | 'auto';
  /** Where recorded transitions are pushed; null when no webhook is configured. */
  webhook: { url: string; secret: string | null; timeoutMs: number } | null;
}

export interface ConfigInputs {
  argv?: string[];
  env?: NodeJS.ProcessEnv;
  /** Folder whose `.env` is read; null to read none. */
  envFileDir?: string | null;
}

/** Shortest API key accepted while listening beyond loopback (8 stays enough on loopback). */
export const NETWORK_KEY_MIN_LENGTH = 16;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

function readFlags(argv: string[]): Record<string, string> {
  const options = Object.fromEntries(
    SETTINGS.map((s) => [s.flag, { type: s.boolean ? ('boolean' as const) : ('string' as const) }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}. Run with --help for the list of flags.`);
  }
  const out: Record<string, string> = {};
  for (const s of SETTINGS) {
    const v = parsed.values[s.flag];
    if (v !== undefined) out[s.env] = String(v);
  }
  return out;
}

function readEnvFile(dir: string | null): Record<string, string> {
  if (dir === null) return {};
  const file = path.join(dir, '.env');
  if (!fs.existsSync(file)) return {};
  return parseEnv(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

function parseLayers(inputs: ConfigInputs): RawValues {
  const env = inputs.env ?? process.env;
  const known = new Set(SETTINGS.map((s) => s.env));
  const merged: Record<string, string> = {};
  const layers = [readEnvFile(inputs.envFileDir === undefined ? process.cwd() : inputs.envFileDir), env, readFlags(inputs.argv ?? [])];
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) {
      if (known.has(k) && v !== undefined && v !== '') merged[k] = v;
    }
  }
  const result = RawConfig.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const key = String(i.path[0]);
      const spec = SETTINGS.find((s) => s.env === key);
      const shown = spec?.secret ? '(hidden)' : JSON.stringify(merged[key]);
      return `  ${key} (--${spec?.flag}) = ${shown}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

function configuredDatabases(raw: RawValues): Config['databases'] {
  const urls = { finance: raw.FINANCE_DATABASE_URL, training: raw.TRAINING_DATABASE_URL, pantry: raw.PANTRY_DATABASE_URL };
  const given = SOURCE_NAMES.filter((n) => urls[n]);
  if (given.length > 0) {
    const missing = SOURCE_NAMES.filter((n) => !urls[n]).map((n) => `${n.toUpperCase()}_DATABASE_URL`);
    if (missing.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n  ${missing.join(', ')}: missing. Set all three source URLs, or none to use the embedded database.`,
      );
    }
    return {
      finance: urls.finance!,
      training: urls.training!,
      pantry: urls.pantry!,
      twin: raw.TWIN_DATABASE_URL ?? urls.finance!,
    };
  }
  if (raw.TWIN_DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  TWIN_DATABASE_URL: set without the three source URLs; the embedded database keeps its own history.',
    );
  }
  return null;
}

function checkCombinations(raw: RawValues): void {
  if (raw.TWIN_WEBHOOK_SECRET && !raw.TWIN_WEBHOOK_URL) {
    throw new ConfigError('Invalid configuration:\n  TWIN_WEBHOOK_SECRET (--webhook-secret): set without TWIN_WEBHOOK_URL; nothing would be signed.');
  }

  if (!isLoopback(raw.HOST) && !raw.DIGITAL_TWIN_API_KEY && !raw.TWIN_ALLOW_INSECURE_BIND) {
    throw new ConfigError(
      `Invalid configuration:\n  HOST (--host) = "${raw.HOST}": listening beyond this machine needs DIGITAL_TWIN_API_KEY ` +
        `(\`digital-twin key\` prints one), or TWIN_ALLOW_INSECURE_BIND=true on a network you trust (anyone who reaches the port then reads your finances).`,
    );
  }
  // A key that others can try over a network must survive guessing: 16 characters at least.
  if (!isLoopback(raw.HOST) && raw.DIGITAL_TWIN_API_KEY && raw.DIGITAL_TWIN_API_KEY.length < NETWORK_KEY_MIN_LENGTH) {
    throw new ConfigError(
      `Invalid configuration:\n  DIGITAL_TWIN_API_KEY (--api-key) = (hidden): listening on "${raw.HOST}", beyond this machine, needs a key of ` +
        `at least ${NETWORK_KEY_MIN_LENGTH} characters; \`digital-twin key\` prints a fresh random one.`,
    );
  }
}

type RawValues = z.infer<typeof RawConfig>;

export function loadConfig(inputs: ConfigInputs = {}): Config {
  const raw = parseLayers(inputs);
  const databases = configuredDatabases(raw);
  checkCombinations(raw);
  return {
    port: raw.PORT,
    host: raw.HOST,
    apiKey: raw.DIGITAL_TWIN_API_KEY ?? null,
    allowInsecureBind: raw.TWIN_ALLOW_INSECURE_BIND,
    corsOrigins: raw.TWIN_CORS_ORIGINS ?? [...OBSIDIAN_ORIGINS],
    allowedHosts: raw.TWIN_ALLOWED_HOSTS ?? [],
    databases,
    embedded: { dataDir: path.resolve(raw.TWIN_DATA_DIR ?? defaultDataDir()), port: raw.TWIN_PG_PORT, demoData: raw.TWIN_DEMO_DATA },
    timezone: raw.TWIN_TIMEZONE ?? systemTimeZone(),
    currency: raw.TWIN_CURRENCY,
    personId: raw.TWIN_PERSON_ID,
    historyRetentionDays: raw.TWIN_HISTORY_RETENTION_DAYS ?? null,
    syncIntervalSeconds: raw.TWIN_SYNC_INTERVAL_SECONDS,
    ledgerCheckSeconds: raw.TWIN_LEDGER_CHECK_SECONDS,
    cacheMs: raw.TWIN_CACHE_MS,
    sourceTimeoutMs: raw.TWIN_SOURCE_TIMEOUT_MS,
    poolSize: raw.TWIN_POOL_SIZE,
    logLevel: raw.LOG_LEVEL,
    logFormat: raw.TWIN_LOG_FORMAT,
    webhook: raw.TWIN_WEBHOOK_URL
      ? { url: raw.TWIN_WEBHOOK_URL, secret: raw.TWIN_WEBHOOK_SECRET ?? null, timeoutMs: raw.TWIN_WEBHOOK_TIMEOUT_MS }
      : null,
  };
}
