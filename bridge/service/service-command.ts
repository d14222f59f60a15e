// `digital-twin service install | uninstall | status [--dry-run]`: the plans of service-plan.ts
// carried out with this machine's files and tools. The tools' executables are options, so that tests
// point them at a recording stub.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isRunning, statusPlan, type Tool } from './service-plan';
import { bridgeUrl, readSettings, seedEnvText } from './service-settings';
import { bridgeArgs, servicePlaces, type ServiceInputs, type ServicePlatform } from './service-inputs';
import { runInstall, runUninstall, type ServiceIo, type ToolRunner } from './service-steps';

export type { ServiceIo } from './service-steps';

export interface ServiceOptions {
  platform?: ServicePlatform;
  home?: string;
  env?: Record<string, string | undefined>;
  /** Executable of each tool; the tool's own name (found on PATH) by default. */
  tools?: Partial<Record<Tool, string>>;
  /** Builds the bridge bundle the service runs; the esbuild step of `npm start` by default. */
  buildBundle?: (repoDir: string) => void;
}

// The same paths as BRIDGE_BUNDLE and PACKAGE_BUNDLE in esbuild.config.mjs, which builds them.
const BUNDLE = ['node_modules', '.cache', 'digital-twin', 'bridge.mjs'];
const SHIPPED_BUNDLE = ['dist', 'bridge.mjs'];

/** True for the published package: its prebuilt bundle and no source to build one from (and no esbuild). */
function shipsBundle(repoDir: string): boolean {
  return fs.existsSync(path.join(repoDir, ...SHIPPED_BUNDLE)) && !fs.existsSync(path.join(repoDir, 'esbuild.config.mjs'));
}

const USAGE = `Usage: digital-twin service install | uninstall | status [--dry-run]
  install     write the service definition and the env file (kept if present), enable and (re)start it
  uninstall   stop and remove the service definition; the env file and the data folder are kept
  status      installed or not, running or not, the URL and the last lines of its log
  --dry-run   print what would be written and run, change nothing
`;

/** The installation this code belongs to: the folder of the package.json named digital-twin. */
export function findRepoDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && /"name":\s*"digital-twin"/.test(fs.readFileSync(file, 'utf8'))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`no digital-twin package.json above ${from}`);
  }
}

function defaultBuild(repoDir: string): void {
  if (shipsBundle(repoDir)) return;
  const r = spawnSync(process.execPath, ['esbuild.config.mjs', 'bridge'], { cwd: repoDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the bridge bundle failed: ${r.stderr || r.error?.message || 'no output'}`);
}

function systemdVersion(run: ToolRunner): number | null {
  const r = run({ tool: 'systemctl', args: ['--version'], mayFail: true });
  const m = /^systemd (\d+)/m.exec(r.stdout);
  return m ? Number(m[1]) : null;
}

function gatherInputs(platform: ServicePlatform, o: ServiceOptions, run: ToolRunner): ServiceInputs {
  const env = o.env ?? process.env;
  const home = o.home ?? os.homedir();
  const repoDir = findRepoDir();
  const join = (...parts: string[]) => (platform === 'win32' ? path.win32.join(...parts) : path.posix.join(...parts));
  return {
    platform,
    nodePath: process.execPath,
    bundlePath: join(repoDir, ...(shipsBundle(repoDir) ? SHIPPED_BUNDLE : BUNDLE)),
    repoDir,
    ...servicePlaces({ platform, home, env }),
    uid: process.getuid?.() ?? 0,
    user: platform === 'win32' ? `${env.USERDOMAIN ?? os.hostname()}\\${env.USERNAME ?? os.userInfo().username}` : os.userInfo().username,
    systemdVersion: platform === 'linux' ? systemdVersion(run) : null,
  };
}

function toolRunner(o: ServiceOptions): ToolRunner {
  return (call) => {
    const r = spawnSync(o.tools?.[call.tool] ?? call.tool, call.args, { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr || r.error?.message || '' };
  };
}

function tailOfFile(file: string | null, lines: number): string[] {
  if (file === null || !fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean).slice(-lines);
}

function status(i: ServiceInputs, run: ToolRunner, io: ServiceIo): number {
  const installed = fs.existsSync(i.definitionFile);
  const plan = statusPlan(i);
  const probe = run(plan.probe);
  const running = installed && isRunning(i.platform, probe.code, probe.stdout);
  const settings = fs.existsSync(i.envFile) ? readSettings(fs.readFileSync(i.envFile, 'utf8')) : null;
  const logLines = plan.log ? run(plan.log).stdout.split('\n').filter(Boolean).slice(-15) : tailOfFile(i.logFile, 15);
  io.out.write(
    [
      `installed: ${installed ? `yes (${i.definitionFile})` : 'no'}`,
      `running:   ${running ? 'yes' : 'no'}`,
      `url:       ${settings?.ok ? bridgeUrl(settings.config) : '(unknown: see the env file)'}`,
      `settings:  ${i.envFile}${settings ? '' : ' (missing)'}`,
      `command:   ${[i.nodePath, ...bridgeArgs(i)].join(' ')}`,
      `log:       ${i.logFile ?? `journalctl --user -u ${path.basename(i.definitionFile)}`}`,
      ...logLines.map((l) => `  ${l}`),
      '',
    ].join('\n'),
  );
  return running ? 0 : 3;
}

export async function runServiceCommand(argv: string[], io: ServiceIo, o: ServiceOptions = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    io.err.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [action, ...extra] = parsed.positionals;
  if (parsed.values.help || action === undefined) {
    io.out.write(USAGE);
    return action === undefined && !parsed.values.help ? 2 : 0;
  }
  if (extra.length > 0 || !['install', 'uninstall', 'status'].includes(action)) {
    io.err.write(`Unknown service command "${[action, ...extra].join(' ')}".\n${USAGE}`);
    return 2;
  }
  const platform = o.platform ?? process.platform;
  if (platform !== 'linux' && platform !== 'darwin' && platform !== 'win32') {
    io.err.write(`No service support on ${platform}: run \`npm start\` under your own supervisor, or the container image.\n`);
    return 2;
  }
  const run = toolRunner(o);
  const inputs = gatherInputs(platform, o, run);
  const dryRun = parsed.values['dry-run'] === true;
  if (action === 'status') return status(inputs, run, io);
  if (action === 'uninstall') return runUninstall(inputs, run, io, dryRun);
  const envText = fs.existsSync(inputs.envFile) ? fs.readFileSync(inputs.envFile, 'utf8') : seedEnvText(inputs.repoDir);
  return runInstall(inputs, envText, run, io, { dryRun, build: o.buildBundle ?? defaultBuild });
}
