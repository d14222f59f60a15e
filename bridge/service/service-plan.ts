// What install, uninstall and status do on each platform, as data: the folders and files to write
// and the calls to systemctl, launchctl or schtasks. Pure; service-command.ts carries it out (or
// prints it with --dry-run).
import path from 'node:path';
import { launchdPlist } from './launchd-plist';
import { LAUNCHD_LABEL, SERVICE_NAME, type ServiceInputs } from './service-inputs';
import { systemdUnit } from './systemd-unit';
import { schtasks, windowsTaskXml } from './windows-task';

export type Tool = 'systemctl' | 'journalctl' | 'loginctl' | 'launchctl' | 'schtasks';

export interface ToolCall {
  tool: Tool;
  args: string[];
  /** Expected to fail at times (nothing loaded yet, already stopped); its failure is not an error. */
  mayFail?: boolean;
}

export interface ServiceFile {
  path: string;
  text: string;
  mode: number;
  /** The user's settings: written only when missing, never replaced. */
  keep?: boolean;
  /** Task Scheduler reads its XML as UTF-16. */
  utf16?: boolean;
}

export interface InstallPlan {
  dirs: string[];
  files: ServiceFile[];
  calls: ToolCall[];
}

export interface UninstallPlan {
  /** Stop the service and forget it. */
  calls: ToolCall[];
  /** Removed when they carry the WRITTEN_BY line; the env file and the data folder are kept. */
  files: string[];
  /** Once the files are gone (systemd reloads its units). */
  after: ToolCall[];
}

export interface StatusPlan {
  /** Its result says whether the service runs (see isRunning). */
  probe: ToolCall;
  /** The journal on Linux; elsewhere the log file is read. */
  log: ToolCall | null;
}

const UNIT = `${SERVICE_NAME}.service`;
const launchdTarget = (i: ServiceInputs) => `gui/${i.uid}/${LAUNCHD_LABEL}`;

function definition(i: ServiceInputs): ServiceFile {
  if (i.platform === 'linux') return { path: i.definitionFile, text: systemdUnit(i), mode: 0o644 };
  if (i.platform === 'darwin') return { path: i.definitionFile, text: launchdPlist(i), mode: 0o644 };
  return { path: i.definitionFile, text: windowsTaskXml(i), mode: 0o644, utf16: true };
}

export function installPlan(i: ServiceInputs, envText: string): InstallPlan {
  const dirname = (file: string) => (i.platform === 'win32' ? path.win32.dirname(file) : path.posix.dirname(file));
  const dirs = [...new Set([i.configDir, dirname(i.definitionFile), ...(i.logFile ? [dirname(i.logFile)] : [])])];
  const files = [{ path: i.envFile, text: envText, mode: 0o600, keep: true }, definition(i)];
  const calls: Record<ServiceInputs['platform'], ToolCall[]> = {
    // restart, not start: a second install picks up a new unit, bundle or env file.
    linux: [
      { tool: 'systemctl', args: ['--user', 'daemon-reload'] },
      { tool: 'systemctl', args: ['--user', 'enable', UNIT] },
      { tool: 'systemctl', args: ['--user', 'restart', UNIT] },
      { tool: 'loginctl', args: ['show-user', i.user, '--property=Linger', '--value'], mayFail: true },
    ],
    darwin: [
      { tool: 'launchctl', args: ['bootout', launchdTarget(i)], mayFail: true },
      { tool: 'launchctl', args: ['bootstrap', `gui/${i.uid}`, i.definitionFile] },
    ],
    win32: [
      { tool: 'schtasks', args: schtasks.end(), mayFail: true },
      { tool: 'schtasks', args: schtasks.create(i.definitionFile) },
      { tool: 'schtasks', args: schtasks.run() },
    ],
  };
  return { dirs, files, calls: calls[i.platform] };
}

export function uninstallPlan(i: ServiceInputs): UninstallPlan {
  const calls: Record<ServiceInputs['platform'], ToolCall[]> = {
    linux: [{ tool: 'systemctl', args: ['--user', 'disable', '--now', UNIT], mayFail: true }],
    darwin: [{ tool: 'launchctl', args: ['bootout', launchdTarget(i)], mayFail: true }],
    win32: [
      { tool: 'schtasks', args: schtasks.end(), mayFail: true },
      { tool: 'schtasks', args: schtasks.delete(), mayFail: true },
    ],
  };
  const after: ToolCall[] = i.platform === 'linux' ? [{ tool: 'systemctl', args: ['--user', 'daemon-reload'], mayFail: true }] : [];
  return { calls: calls[i.platform], files: [i.definitionFile], after };
}

export function statusPlan(i: ServiceInputs): StatusPlan {
  if (i.platform === 'linux') {
    return {
      probe: { tool: 'systemctl', args: ['--user', 'is-active', UNIT], mayFail: true },
      log: { tool: 'journalctl', args: ['--user', '-u', UNIT, '-n', '15', '--no-pager', '-o', 'cat'], mayFail: true },
    };
  }
  if (i.platform === 'darwin') return { probe: { tool: 'launchctl', args: ['print', launchdTarget(i)], mayFail: true }, log: null };
  return { probe: { tool: 'schtasks', args: schtasks.query(), mayFail: true }, log: null };
}

/** Reads the probe's answer: `active`, launchd's `state = running`, or schtasks' `Status: Running`. */
export function isRunning(platform: ServiceInputs['platform'], code: number | null, stdout: string): boolean {
  if (code !== 0) return false;
  if (platform === 'linux') return stdout.trim() === 'active';
  if (platform === 'darwin') return /^\s*state = running\s*$/m.test(stdout);
  return /^Status:\s+Running\s*$/im.test(stdout);
}
