// Configuration is parsed once, at the edge: defaults < .env file < environment < flags.
// Invalid values stop the start with a message naming the setting and what is allowed.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { z } from 'zod';
import { placeValues, type ListedSetting, type TableValues } from './setting';
import { SETTINGS, SETTINGS_BY_KEY } from './settings';

export class ConfigError extends Error {}

export type SourceName = 'finance' | 'training' | 'pantry';
export const SOURCE_NAMES: readonly SourceName[] = ['finance', 'training', 'pantry'];

/** Each setting's value as its declaration parses it, before the rules that join them below. */
export type SettingsValues = TableValues<typeof SETTINGS_BY_KEY>;

export type Config = Omit<SettingsValues, 'databases' | 'webhook'> & {
  /** Connection URLs of the three sources and of the history table; null in embedded mode. */
  databases: ReturnType<typeof configuredDatabases>;
  /** Where recorded transitions are pushed; null when no webhook is configured. */
  webhook: ReturnType<typeof configuredWebhook>;
};

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

const S = SETTINGS_BY_KEY;
const named = (s: { env: string; flag: string }) => `${s.env} (--${s.flag})`;
const refused = (...lines: string[]) => new ConfigError(`Invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);

const SettingsSchema = z.object(Object.fromEntries(SETTINGS.map((s) => [s.env, s.field])));

function readFlags(argv: string[]): Record<string, string> {
  const options = Object.fromEntries(SETTINGS.map((s) => [s.flag, { type: s.boolean ? ('boolean' as const) : ('string' as const) }]));
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

/** Every setting's value from the layers, or its default; refuses every bad one at once. */
export function parseSettings(inputs: ConfigInputs = {}): SettingsValues {
  const known = new Map<string, ListedSetting>(SETTINGS.map((s) => [s.env, s]));
  const merged: Record<string, string> = {};
  const layers = [readEnvFile(inputs.envFileDir === undefined ? process.cwd() : inputs.envFileDir), inputs.env ?? process.env, readFlags(inputs.argv ?? [])];
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) {
      if (known.has(k) && v !== undefined && v !== '') merged[k] = v;
    }
  }
  const result = SettingsSchema.safeParse(merged);
  if (!result.success) {
    throw refused(
      ...result.error.issues.map((i) => {
        const s = known.get(String(i.path[0]))!;
        return `${named(s)} = ${s.secret ? '(hidden)' : JSON.stringify(merged[s.env])}: ${i.message}`;
      }),
    );
  }
  return placeValues(SETTINGS_BY_KEY, result.data);
}

function configuredDatabases(urls: SettingsValues['databases']) {
  const { finance, training, pantry, twin } = urls;
  if (finance && training && pantry) return { finance, training, pantry, twin: twin ?? finance };
  if (SOURCE_NAMES.some((n) => urls[n])) {
    const missing = SOURCE_NAMES.filter((n) => !urls[n]).map((n) => S.databases[n].env);
    throw refused(`${missing.join(', ')}: missing. Set all three source URLs, or none to use the embedded database.`);
  }
  if (twin) throw refused(`${S.databases.twin.env}: set without the three source URLs; the embedded database keeps its own history.`);
  return null;
}

function configuredWebhook({ url, secret, timeoutMs }: SettingsValues['webhook']) {
  if (secret && !url) throw refused(`${named(S.webhook.secret)}: set without ${S.webhook.url.env}; nothing would be signed.`);
  return url ? { url, secret, timeoutMs } : null;
}

/** True when others reach the bridge: it listens beyond loopback, or behind a reverse proxy it trusts. */
export function reachedFromNetwork({ host, trustProxy }: Pick<SettingsValues, 'host' | 'trustProxy'>): boolean {
  return !isLoopback(host) || trustProxy.length > 0;
}

function checkListening(values: SettingsValues): void {
  const { host, apiKey, allowInsecureBind } = values;
  if (!reachedFromNetwork(values)) return;
  const where = isLoopback(host) ? `behind the proxies of ${S.trustProxy.env}` : 'beyond this machine';
  if (!apiKey && !allowInsecureBind) {
    throw refused(
      `${isLoopback(host) ? named(S.trustProxy) : `${named(S.host)} = "${host}"`}: listening ${where} needs ${S.apiKey.env} ` +
        `(\`digital-twin key\` prints one), or ${S.allowInsecureBind.env}=true on a network you trust (anyone who reaches the port then reads your finances).`,
    );
  }
  // A key that others can try over a network must survive guessing: 16 characters at least.
  if (apiKey && apiKey.length < NETWORK_KEY_MIN_LENGTH) {
    throw refused(
      `${named(S.apiKey)} = (hidden): listening ${where}, needs a key of ` +
        `at least ${NETWORK_KEY_MIN_LENGTH} characters; \`digital-twin key\` prints a fresh random one.`,
    );
  }
}

export function loadConfig(inputs: ConfigInputs = {}): Config {
  const values = parseSettings(inputs);
  const databases = configuredDatabases(values.databases);
  const webhook = configuredWebhook(values.webhook);
  checkListening(values);
  return { ...values, databases, webhook };
}
