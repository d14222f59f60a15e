// `digital-twin pair [--url URL]`: the link and QR code that give Obsidian on a phone the bridge's
// URL and key, from the settings the bridge itself reads (flags, the environment, ./.env, or the env
// file of the bridge installed as a service) and this machine's network addresses.
import fs from 'node:fs';
import os from 'node:os';
import { loadConfig, type Config } from '../config/config';
import { servicePlaces } from '../service/service-inputs';
import { readSettings } from '../service/service-settings';
import { lanAddresses } from './lan-addresses';
import { pairingLink, parsePairingUrl } from './pairing-link';
import { pairingPlan } from './pairing-plan';
import { terminalQr } from './terminal-qr';

export interface PairIo {
  out: { write(text: string): unknown; isTTY?: boolean };
  err: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}

/** `--url` is pair's own; every other flag is a setting of the bridge, as for `start`. */
function takeUrl(argv: string[]): { url: string | null; rest: string[] } {
  const rest: string[] = [];
  let url: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--url') url = argv[++i] ?? '';
    else if (arg.startsWith('--url=')) url = arg.slice('--url='.length);
    else rest.push(arg);
  }
  return { url, rest };
}

/** This folder's settings; when they name no key, those of the bridge installed as a service, which is the one left running. */
function bridgeSettings(argv: string[], env: PairIo['env']): { config: Config; file: string | null } {
  const config = loadConfig({ argv, env });
  if (config.apiKey) return { config, file: null };
  const running = os.platform();
  const platform = running === 'win32' || running === 'darwin' ? running : 'linux';
  const { envFile } = servicePlaces({ platform, home: os.homedir(), env });
  if (!fs.existsSync(envFile)) return { config, file: null };
  const service = readSettings(fs.readFileSync(envFile, 'utf8'));
  return service.ok && service.config.apiKey ? { config: service.config, file: envFile } : { config, file: null };
}

export function runPair(argv: string[], io: PairIo): number {
  const { url, rest } = takeUrl(argv);
  const given = url === null ? null : parsePairingUrl(url);
  if (given && !given.ok) {
    io.err.write(`${given.message}\n`);
    return 2;
  }
  const { config, file } = bridgeSettings(rest, io.env);
  const plan = pairingPlan({
    givenUrl: given?.url ?? null,
    addresses: lanAddresses(os.networkInterfaces()),
    host: config.host,
    port: config.port,
    trustProxy: config.trustProxy,
    allowedHosts: config.allowedHosts,
    key: config.apiKey,
    settingsFile: file,
    // The files Docker and podman put in every container.
    inContainer: fs.existsSync('/.dockerenv') || fs.existsSync('/run/.containerenv'),
  });
  if (plan.url === null) {
    io.err.write([...plan.notes, ...plan.problems, ''].join('\n'));
    return 1;
  }
  const link = pairingLink(plan.url, config.apiKey);
  const colour = io.out.isTTY === true && !io.env.NO_COLOR;
  const lines = [
    `Bridge URL for the phone: ${plan.url}`,
    '',
    'Scan this with the phone (its camera app opens Obsidian), or open the link there; Obsidian shows what it will set and asks first:',
    '',
    ...terminalQr(link, colour),
    '',
    link,
    '',
    ...plan.notes,
    '',
  ];
  io.out.write(lines.join('\n'));
  return 0;
}
