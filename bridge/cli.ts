// The bridge's command line: `start` (the default), `doctor`, `key`, `pair`, `mcp`, `service`, `--help`, `--version`.
import { z } from 'zod';
import packageJson from '../package.json' with { type: 'json' };
import { ConfigError, loadConfig } from './config/config';
import { randomApiKey } from './config/random-api-key';
import { SETTINGS } from './config/settings';
import { openApiDocument } from './contract/openapi';
import { createLogger } from './log/logger';
import { StartAborted, StartError, startBridge, type Bridge } from './server';

const USAGE = `digital-twin: the Digital Twin bridge (HTTP on port 5677 over your finance, training and pantry databases)

Usage:
  digital-twin [start] [flags]   start the bridge (the embedded PostgreSQL with demo data when no URL is set)
  digital-twin doctor [flags]    check every source and the history table, print a table, exit 1 on problems
  digital-twin key               print a fresh random API key (for DIGITAL_TWIN_API_KEY)
  digital-twin pair [--url URL]  print the link and QR code that give Obsidian on a phone the bridge's URL and key
                                 (without --url: this machine's network address, when the bridge listens there)
  digital-twin mcp [flags]       the agent tools over stdio (Model Context Protocol), asking the bridge at TWIN_URL
  digital-twin service install|uninstall|status [--dry-run]
                                 run the bridge as a service of your desktop session (systemd, launchd, Task Scheduler)
  digital-twin --version         the version of this bridge
  digital-twin --help            this text

Every setting is a flag, an environment variable, or a line in ./.env (flags win, then the
environment, then .env):
`;

// Served beside the paths the OpenAPI document describes: the document itself, the agents' tools, and the metrics.
const UNDOCUMENTED: [methods: string, path: string, summary: string][] = [
  ['GET POST', '/openapi.json', 'This API as an OpenAPI 3.1 document'],
  ['POST', '/mcp', 'The answers as read-only tools for agents (Model Context Protocol, Streamable HTTP)'],
  ['GET POST', '/metrics', 'Prometheus metrics'],
];

const Operation = z.object({
  summary: z.string(),
  parameters: z.array(z.object({ name: z.string(), in: z.string(), schema: z.object({ enum: z.array(z.string()).optional() }).optional() })).optional(),
});
const DocumentedPaths = z.object({ paths: z.record(z.string(), z.object({ get: Operation.optional(), post: Operation.optional() })) });

/** Every endpoint, read from the OpenAPI document so that the list cannot drift from the API. */
function endpointRows(): string[] {
  const { paths } = DocumentedPaths.parse(openApiDocument(packageJson.version));
  const documented = Object.entries(paths).map(([path, ops]): [string, string, string] => {
    const methods = (['get', 'post'] as const).filter((m) => ops[m]).map((m) => m.toUpperCase());
    const op = (ops.get ?? ops.post)!;
    const choices = (op.parameters ?? []).filter((p) => p.in === 'path' && p.schema?.enum).map((p) => ` ({${p.name}}: ${p.schema!.enum!.join(', ')})`);
    return [methods.join(' '), path, op.summary + choices.join('')];
  });
  return [...documented, ...UNDOCUMENTED].map(([methods, path, summary]) => `  ${methods.padEnd(9)} ${path.padEnd(22)} ${summary}`);
}

export function helpText(): string {
  const rows = SETTINGS.map((s) => {
    const flag = `--${s.flag}${s.boolean ? '' : ' <value>'}`;
    return `  ${flag.padEnd(32)} ${s.env.padEnd(28)} default: ${s.defaultText}\n  ${''.padEnd(32)} ${s.help}`;
  });
  const endpoints = 'Once it runs (the API key, when set, is needed everywhere but /health/live):';
  return `${USAGE}\n${rows.join('\n')}\n\n${endpoints}\n${endpointRows().join('\n')}\n`;
}

async function start(argv: string[]): Promise<void> {
  const config = loadConfig({ argv });
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  let bridge: Bridge | null = null;
  let stopping = false;
  const aborter = new AbortController();
  const finish = (b: Bridge) =>
    b.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  // Installed before starting: a signal during start-up must still stop the embedded PostgreSQL.
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: finishing requests and stopping`);
    if (bridge) void finish(bridge);
    // Still starting: give up before the next stage (a first start with seeding outlasts Docker's 10 s).
    else aborter.abort();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    bridge = await startBridge(config, { logger, signal: aborter.signal });
  } catch (err) {
    if (!(err instanceof StartAborted)) throw err;
    logger.info('stopped during start-up');
    process.exit(0);
  }
  if (stopping) void finish(bridge);
}

async function main(args: string[]): Promise<number> {
  const [first, ...rest] = args;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  const command = first === undefined || first.startsWith('-') ? 'start' : first;
  const argv = command === first ? rest : args;
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(helpText());
    return 0;
  }
  // Also after a command: `npm start -- --version` runs `start --version`.
  if (first === 'version' || argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  if (command === 'start') {
    await start(argv);
    return -1; // keeps running
  }
  if (command === 'key') {
    process.stdout.write(`${randomApiKey()}\n`);
    return 0;
  }
  if (command === 'pair') {
    const { runPair } = await import('./pair/pair-command');
    return runPair(argv, { out: process.stdout, err: process.stderr, env: process.env });
  }
  if (command === 'service') {
    const { runServiceCommand } = await import('./service/service-command');
    return runServiceCommand(argv, { out: process.stdout, err: process.stderr });
  }
  if (command === 'mcp') {
    const { runMcpStdio } = await import('./mcp/stdio-command');
    await runMcpStdio(loadConfig({ argv }), packageJson.version);
    return -1; // serves until the agent closes stdin
  }
  if (command === 'doctor') {
    const { runDoctor } = await import('./doctor/doctor');
    return runDoctor(loadConfig({ argv }), process.stdout);
  }
  process.stderr.write(`Unknown command "${command}". Commands: start, doctor, key, pair, mcp, service. See --help.\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError || err instanceof StartError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`The bridge could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
