// The service's env file: its first content, and the settings it gives the bridge, checked with the
// bridge's own configuration rules before anything is installed (a wrong value would otherwise show
// only as a service that keeps failing).
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config/config';

const TEMPLATE = `# Settings of the Digital Twin bridge run as a service: one NAME=value a line.
# \`npx digital-twin --help\` lists every setting. After a change, run \`npm run service -- install\`
# again: it restarts the service with them. Only you can read this file (mode 0600), so the key and
# the database passwords never appear on a command line.
#
# DIGITAL_TWIN_API_KEY=           (\`npm run key\` prints one; the plugin needs the same key)
# FINANCE_DATABASE_URL=postgres://user:password@localhost:5432/autonomous_finance
# TRAINING_DATABASE_URL=postgres://user:password@localhost:5432/autonomous_training
# PANTRY_DATABASE_URL=postgres://user:password@localhost:5432/autonomous_pantry
# TWIN_TIMEZONE=Europe/Warsaw
PORT=5677
`;

/** The first env file: this installation's .env when it has one (the settings `npm start` used), else a template. */
export function seedEnvText(repoDir: string): string {
  const dotEnv = path.join(repoDir, '.env');
  return fs.existsSync(dotEnv) ? fs.readFileSync(dotEnv, 'utf8') : TEMPLATE;
}

export type SettingsCheck = { ok: true; config: Config } | { ok: false; message: string };

export function readSettings(envText: string): SettingsCheck {
  try {
    const env: NodeJS.ProcessEnv = parseEnv(envText);
    return { ok: true, config: loadConfig({ env, envFileDir: null }) };
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, message: err.message };
    throw err;
  }
}

/** Where the plugin and a browser on this machine reach the bridge. */
export function bridgeUrl(config: Config): string {
  const anyAddress = config.host === '0.0.0.0' || config.host === '::';
  const host = anyAddress ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}
