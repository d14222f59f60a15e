// `digital-twin service` for real on Linux against a temporary home: systemctl, journalctl and
// loginctl are a recording stub (no systemd runs here), everything else is real: the files, their
// modes, the bundle, and the bridge started with the unit's own command line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServiceCommand, type ServiceOptions } from '../../../bridge/service/service-command';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { freePort } from '../../fixtures/free-port';
import { BIN } from '../embedded/bridge-process';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-service-home-'));
const stubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-service-stub-'));
const calls = path.join(stubDir, 'calls');
const unitFile = path.join(home, '.config/systemd/user/digital-twin.service');
const envFile = path.join(home, '.config/digital-twin/env');

// Records every call; answers like systemd 252 with a unit that runs once restarted.
const STUB = `#!/bin/sh
echo "$(basename "$0") $*" >> "${calls}"
case "$*" in
  --version) echo "systemd 252 (252.39-1~deb12u2)" ;;
  *restart*) touch "${stubDir}/running" ;;
  *disable*) rm -f "${stubDir}/running" ;;
  *is-active*) if [ -f "${stubDir}/running" ]; then echo active; else echo inactive; exit 3; fi ;;
  show-user*) echo no ;;
  -u*|--user\\ -u*) echo "bridge line one"; echo "digital twin bridge listening on http://127.0.0.1:5677" ;;
esac
`;
for (const tool of ['systemctl', 'journalctl', 'loginctl']) fs.writeFileSync(path.join(stubDir, tool), STUB, { mode: 0o755 });
const options: ServiceOptions = {
  platform: 'linux',
  home,
  env: {},
  tools: { systemctl: path.join(stubDir, 'systemctl'), journalctl: path.join(stubDir, 'journalctl'), loginctl: path.join(stubDir, 'loginctl') },
};

async function service(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runServiceCommand(argv, { out: { write: (t: string) => out.push(t) }, err: { write: (t: string) => err.push(t) } }, options);
  return { code, out: out.join(''), err: err.join('') };
}
const recorded = () => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n') : []);
const mode = (file: string) => fs.statSync(file).mode & 0o777;

let dbs: TestDatabases;
let port: number;
beforeAll(async () => {
  dbs = await freshDatabases();
  port = await freePort();
  // The user's settings, written before the first install: install keeps them.
  fs.mkdirSync(path.dirname(envFile), { recursive: true });
  fs.writeFileSync(
    envFile,
    `FINANCE_DATABASE_URL=${dbs.finance}\nTRAINING_DATABASE_URL=${dbs.training}\nPANTRY_DATABASE_URL=${dbs.pantry}\nTWIN_DATABASE_URL=${dbs.twin}\nPORT=${port}\nTWIN_TIMEZONE=Europe/Warsaw\nDIGITAL_TWIN_API_KEY=service-test-key\n`,
    { mode: 0o644 },
  );
});
afterAll(async () => {
  await dbs?.drop();
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(stubDir, { recursive: true, force: true });
});

describe('digital-twin service on Linux', () => {
  it('--dry-run prints the unit and the calls, and changes nothing', async () => {
    const r = await service('install', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`--- ${unitFile} (mode 644)`);
    expect(r.out).toContain(`--- ${envFile} (mode 600, kept as it is)`);
    expect(r.out).toMatch(/^systemctl --user enable digital-twin\.service$/m);
    expect(fs.existsSync(unitFile)).toBe(false);
    expect(recorded()).toEqual(['systemctl --version']);
  });

  it('install writes the unit, keeps the env file at mode 0600, enables and restarts, and says when lingering is needed', async () => {
    fs.rmSync(calls, { force: true });
    const r = await service('install');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(unitFile, 'utf8')).toMatch(/^Restart=on-failure$/m);
    expect(mode(envFile)).toBe(0o600);
    expect(fs.readFileSync(envFile, 'utf8')).toContain('service-test-key');
    expect(recorded()).toEqual([
      'systemctl --version',
      'systemctl --user daemon-reload',
      'systemctl --user enable digital-twin.service',
      'systemctl --user restart digital-twin.service',
      `loginctl show-user ${os.userInfo().username} --property=Linger --value`,
    ]);
    expect(r.out).toContain('loginctl enable-linger');
    expect(r.out).toContain(`http://127.0.0.1:${port}`);
  });

  it('the unit runs the bundled bridge with the settings of the env file', async () => {
    const exec = /^ExecStart=(.*)$/m.exec(fs.readFileSync(unitFile, 'utf8'))?.[1].split(' ') ?? [];
    expect(exec[0]).toBe(process.execPath);
    const child = spawn(exec[0], exec.slice(1), { cwd: path.dirname(envFile), env: { PATH: process.env.PATH, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('listening on')) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then(() => reject(new Error(`the service's command exited:\n${output}`)));
      });
      const res = await fetch(`http://127.0.0.1:${port}/status`, { headers: { 'x-api-key': 'service-test-key' } });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('status says installed, running, the URL and the last log lines', async () => {
    const r = await service('status');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`installed: yes (${unitFile})`);
    expect(r.out).toMatch(/^running: {3}yes$/m);
    expect(r.out).toContain(`url:       http://127.0.0.1:${port}`);
    expect(r.out).toContain('  digital twin bridge listening on');
  });

  it('a second install is harmless: same unit, the env file as the user left it', async () => {
    const unit = fs.readFileSync(unitFile, 'utf8');
    fs.appendFileSync(envFile, '# edited by hand\n');
    expect((await service('install')).code).toBe(0);
    expect(fs.readFileSync(unitFile, 'utf8')).toBe(unit);
    expect(fs.readFileSync(envFile, 'utf8')).toContain('# edited by hand');
  });

  it('refuses to install settings the bridge would refuse, naming the setting', async () => {
    const saved = fs.readFileSync(envFile, 'utf8');
    fs.writeFileSync(envFile, `${saved}HOST=0.0.0.0\nDIGITAL_TWIN_API_KEY=short-key-1\n`);
    try {
      const r = await service('install');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/nothing was installed[\s\S]*DIGITAL_TWIN_API_KEY/);
    } finally {
      fs.writeFileSync(envFile, saved);
    }
  });

  it('uninstall stops and removes the unit only, keeping the env file; status then says not installed', async () => {
    fs.rmSync(calls, { force: true });
    const r = await service('uninstall');
    expect(r.code).toBe(0);
    expect(fs.existsSync(unitFile)).toBe(false);
    expect(fs.existsSync(envFile)).toBe(true);
    expect(recorded()).toEqual(['systemctl --version', 'systemctl --user disable --now digital-twin.service', 'systemctl --user daemon-reload']);
    const s = await service('status');
    expect(s.code).toBe(3);
    expect(s.out).toMatch(/^installed: no$/m);
    expect(s.out).toMatch(/^running: {3}no$/m);
  });

  it('leaves a unit it did not write in place', async () => {
    fs.mkdirSync(path.dirname(unitFile), { recursive: true });
    fs.writeFileSync(unitFile, '[Service]\nExecStart=/bin/true\n');
    expect((await service('uninstall')).code).toBe(0);
    expect(fs.existsSync(unitFile)).toBe(true);
    fs.rmSync(unitFile);
  });

  it('npm run service -- install --dry-run, as the README says, prints the unit for this home and writes nothing', () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-service-npm-'));
    try {
      const r = spawnSync('npm', ['run', '-s', 'service', '--', 'install', '--dry-run'], { encoding: 'utf8', env: { ...process.env, HOME: fresh, XDG_CONFIG_HOME: '' } });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`--- ${fresh}/.config/digital-twin/env (mode 600, written only if missing)`);
      expect(r.stdout).toContain(`ExecStart=${process.execPath} --env-file=${fresh}/.config/digital-twin/env`);
      expect(fs.readdirSync(fresh)).toEqual([]);
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('is reachable from the command line, with usage on a wrong word', () => {
    const r = spawnSync(process.execPath, [BIN, 'service', 'restart'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Usage: digital-twin service install \| uninstall \| status/);
  });
});

describe('digital-twin service on a fresh home', () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-service-fresh-'));
  afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));
  const run = async (o: ServiceOptions, ...argv: string[]) => {
    const out: string[] = [];
    const code = await runServiceCommand(argv, { out: { write: (t: string) => out.push(t) }, err: { write: (t: string) => out.push(t) } }, o);
    return { code, out: out.join('') };
  };

  it('Linux: creates the env file from the template, readable by its owner only', async () => {
    const home = path.join(fresh, 'linux');
    const r = await run({ ...options, home, buildBundle: () => {} }, 'install');
    expect(r.code).toBe(0);
    const env = path.join(home, '.config/digital-twin/env');
    expect(mode(env)).toBe(0o600);
    expect(mode(path.dirname(env))).toBe(0o700);
    expect(fs.readFileSync(env, 'utf8')).toMatch(/^# DIGITAL_TWIN_API_KEY=/m);
    expect(r.out).toContain('http://127.0.0.1:5677');
  });

  it('macOS: writes the agent and its log folder, and loads it with launchctl bootstrap', async () => {
    const home = path.join(fresh, 'mac');
    const launchctl = path.join(stubDir, 'launchctl');
    fs.writeFileSync(launchctl, `#!/bin/sh\necho "launchctl $*" >> "${calls}"\ncase "$1" in bootout) exit 5 ;; print) echo "	state = running" ;; esac\n`, { mode: 0o755 });
    fs.rmSync(calls, { force: true });
    const mac: ServiceOptions = { platform: 'darwin', home, env: {}, tools: { launchctl }, buildBundle: () => {} };
    expect((await run(mac, 'install')).code).toBe(0);
    const plist = path.join(home, 'Library/LaunchAgents/io.github.digital-twin.bridge.plist');
    expect(fs.readFileSync(plist, 'utf8')).toContain('<key>RunAtLoad</key><true/>');
    expect(fs.existsSync(path.join(home, 'Library/Logs/digital-twin'))).toBe(true);
    const uid = process.getuid?.() ?? 0;
    expect(recorded()).toEqual([`launchctl bootout gui/${uid}/io.github.digital-twin.bridge`, `launchctl bootstrap gui/${uid} ${plist}`]);
    fs.writeFileSync(path.join(home, 'Library/Logs/digital-twin/bridge.log'), '{"msg":"one"}\n{"msg":"digital twin bridge listening"}\n');
    const s = await run(mac, 'status');
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/^running: {3}yes$/m);
    expect(s.out).toContain('  {"msg":"digital twin bridge listening"}');
    expect((await run(mac, 'uninstall')).code).toBe(0);
    expect(fs.existsSync(plist)).toBe(false);
  });
});
