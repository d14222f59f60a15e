// The service definitions install writes, from the same inputs on every platform: the systemd unit
// passes systemd-analyze verify, the launchd plist parses with its keys, and the Task Scheduler task
// is registered with schtasks' documented /Create /XML form and runs the same command line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchdPlist } from '../../../bridge/service/launchd-plist';
import { LAUNCHD_LABEL, WINDOWS_TASK, WRITTEN_BY, bridgeArgs, servicePlaces, type ServiceInputs } from '../../../bridge/service/service-inputs';
import { installPlan } from '../../../bridge/service/service-plan';
import { systemdUnit, systemdWord } from '../../../bridge/service/systemd-unit';
import { windowsCommandLine, windowsTaskXml } from '../../../bridge/service/windows-task';
import { parsePlist } from './plist-parse';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-service-def-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function inputs(platform: ServiceInputs['platform'], home: string, over: Partial<ServiceInputs> = {}): ServiceInputs {
  const env = platform === 'win32' ? { APPDATA: `${home}\\AppData\\Roaming`, LOCALAPPDATA: `${home}\\AppData\\Local` } : {};
  const repo = platform === 'win32' ? 'C:\\Users\\Ann Lee\\digital-twin' : '/home/ann/digital twin';
  return {
    platform,
    nodePath: platform === 'win32' ? 'C:\\Program Files\\nodejs\\node.exe' : process.execPath,
    bundlePath: platform === 'win32' ? `${repo}\\node_modules\\.cache\\digital-twin\\bridge.mjs` : `${repo}/node_modules/.cache/digital-twin/bridge.mjs`,
    repoDir: repo,
    ...servicePlaces({ platform, home, env }),
    uid: 501,
    user: platform === 'win32' ? 'ANN-PC\\Ann Lee' : 'ann',
    systemdVersion: 252,
    ...over,
  };
}

describe('systemd user unit', () => {
  const verify = (unit: string) => {
    const file = path.join(tmp, 'digital-twin.service');
    fs.writeFileSync(file, unit);
    const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    return { code: r.status, output: `${r.stdout}${r.stderr}`.trim() };
  };
  const haveSystemd = spawnSync('systemd-analyze', ['--version']).status === 0;

  it.skipIf(!haveSystemd)('passes systemd-analyze verify without a warning, with a home holding spaces and % signs', () => {
    const i = inputs('linux', '/home/ann 100%');
    expect(i.envFile).toBe('/home/ann 100%/.config/digital-twin/env');
    expect(verify(systemdUnit(i))).toEqual({ code: 0, output: '' });
    // The check can fail: a key systemd does not know is reported.
    expect(verify(`${systemdUnit(i)}\n[Service]\nRestartEvery=1\n`).output).toMatch(/Unknown key/);
  });

  it('restarts on failure, never gives up, stops the bridge alone, and reads settings only from the env file', () => {
    const unit = systemdUnit(inputs('linux', '/home/ann', { systemdVersion: 252 }));
    expect(unit.split('\n')[0]).toBe(`# ${WRITTEN_BY}`);
    for (const line of ['Restart=on-failure', 'RestartSec=15s', 'StartLimitIntervalSec=0', 'KillMode=mixed', 'WantedBy=default.target', 'WorkingDirectory=/home/ann/.config/digital-twin'])
      expect(unit).toContain(line);
    expect(unit).toContain(`ExecStart=${process.execPath} --env-file=/home/ann/.config/digital-twin/env --enable-source-maps --max-semi-space-size=8 --max-old-space-size=256 "/home/ann/digital twin/node_modules/.cache/digital-twin/bridge.mjs" start`);
    expect(unit).not.toMatch(/API_KEY|DATABASE_URL|^Environment/m);
    // systemd 254 and later back off: 2 s growing to 5 min.
    const newer = systemdUnit(inputs('linux', '/home/ann', { systemdVersion: 256 }));
    expect(newer).toMatch(/RestartSec=2s\nRestartSteps=10\nRestartMaxDelaySec=5min/);
  });

  it('quotes ExecStart words as systemd reads them', () => {
    expect(systemdWord('/usr/bin/node')).toBe('/usr/bin/node');
    expect(systemdWord('/a b/c')).toBe('"/a b/c"');
    expect(systemdWord('/a%b$c')).toBe('/a%%b$$c');
    expect(systemdWord('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
  });
});

describe('launchd agent', () => {
  it('parses as a property list with the keys launchd needs', () => {
    const i = inputs('darwin', '/Users/ann & co');
    const plist = parsePlist(launchdPlist(i));
    expect(plist).toEqual({
      Label: LAUNCHD_LABEL,
      ProgramArguments: [i.nodePath, ...bridgeArgs(i)],
      WorkingDirectory: '/Users/ann & co/.config/digital-twin',
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      ThrottleInterval: 10,
      ExitTimeOut: 30,
      ProcessType: 'Background',
      StandardOutPath: '/Users/ann & co/Library/Logs/digital-twin/bridge.log',
      StandardErrorPath: '/Users/ann & co/Library/Logs/digital-twin/bridge.log',
    });
    expect(i.definitionFile).toBe(`/Users/ann & co/Library/LaunchAgents/${LAUNCHD_LABEL}.plist`);
    expect(bridgeArgs(i)[0]).toBe('--env-file=/Users/ann & co/.config/digital-twin/env');
    // The reader is strict: a broken plist is refused.
    expect(() => parsePlist(launchdPlist(i).replace('<true/>', '<true>'))).toThrow();
  });
});

/** The C runtime's reading of a command line: words split on blanks, "" inside quotes is a quote. */
function splitWindows(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"((?:[^"]|"")*)"|(\S+)/g)) words.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  return words;
}

describe('Task Scheduler task', () => {
  const i = inputs('win32', 'C:\\Users\\Ann Lee');

  it('is registered with the documented form: schtasks /Create /TN <name> /XML <file> /F', () => {
    const create = installPlan(i, 'PORT=5677\n').calls.find((c) => c.args[0] === '/Create');
    expect(create?.tool).toBe('schtasks');
    // schtasks /create /tn <taskname> /xml <xmlfile> [/ru {[<domain>\]<user> | system}] [/rp <password>] [/f]
    const documented = /^\/Create \/TN (?<name>[^/]+) \/XML (?<xml>\S.*?) \/F$/i;
    const m = documented.exec(create?.args.join(' ') ?? '');
    expect(m?.groups).toEqual({ name: WINDOWS_TASK, xml: 'C:\\Users\\Ann Lee\\AppData\\Local\\digital-twin\\task.xml' });
    expect(create?.args).toHaveLength(6);
  });

  it('starts at log-on, restarts on failure, has no run-time limit, and runs the bridge with its log file', () => {
    const xml = windowsTaskXml(i);
    expect(xml.split('\r\n')[0]).toBe('<?xml version="1.0" encoding="UTF-16"?>');
    for (const element of [
      '<LogonTrigger><Enabled>true</Enabled><UserId>ANN-PC\\Ann Lee</UserId></LogonTrigger>',
      '<RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>',
      '<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
      '<LogonType>InteractiveToken</LogonType>',
      '<Command>cmd.exe</Command>',
      '<WorkingDirectory>C:\\Users\\Ann Lee\\AppData\\Roaming\\digital-twin</WorkingDirectory>',
    ])
      expect(xml).toContain(element);
    // Balanced elements: every opening tag is closed in order.
    const stack: string[] = [];
    for (const [, close, tag, self] of xml.replace(/<\?xml[^>]*\?>|<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
      if (self) continue;
      if (close) expect(stack.pop()).toBe(tag);
      else stack.push(tag);
    }
    expect(stack).toEqual([]);
    // cmd.exe /d /s /c "<command>": /s removes the outer quotes; the rest reads as the bridge's argv.
    const args = /<Arguments>(.*)<\/Arguments>/.exec(xml)?.[1].replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&') ?? '';
    expect(args).toBe(windowsCommandLine(i));
    const inner = /^\/d \/s \/c "(.*)"$/.exec(args)?.[1] ?? '';
    expect(splitWindows(inner)).toEqual([i.nodePath, ...bridgeArgs(i), '>>', i.logFile, '2>&1']);
    expect(bridgeArgs(i)[0]).toBe('--env-file=C:\\Users\\Ann Lee\\AppData\\Roaming\\digital-twin\\env');
  });
});
