// What a desktop service is made from: where this installation and its Node are, and the places
// the platform gives a user's settings, service definitions and logs. Pure: the caller supplies the
// platform, the home folder and the environment.
import path from 'node:path';
import { BRIDGE_NODE_FLAGS } from './node-flags';

export type ServicePlatform = 'linux' | 'darwin' | 'win32';

export const SERVICE_NAME = 'digital-twin';
export const LAUNCHD_LABEL = 'io.github.digital-twin.bridge';
export const WINDOWS_TASK = 'Digital Twin bridge';
/** The first line of every file install writes: uninstall removes a file only when it carries it. */
export const WRITTEN_BY = 'Written by `digital-twin service install`; `digital-twin service uninstall` removes it.';

export interface ServiceInputs {
  platform: ServicePlatform;
  /** Absolute path of the Node that runs the install: the service runs with the same one. */
  nodePath: string;
  /** The installation's bundled bridge (node_modules/.cache/digital-twin/bridge.mjs). */
  bundlePath: string;
  repoDir: string;
  /** Folder of the env file; the service's working directory, so that no stray .env is read. */
  configDir: string;
  envFile: string;
  /** The service definition: unit, plist or task XML. */
  definitionFile: string;
  /** Where stdout and stderr go; null on Linux, where the journal keeps them. */
  logFile: string | null;
  /** Numeric user id (launchd's gui/<uid> domain); 0 on Windows. */
  uid: number;
  /** DOMAIN\user on Windows, the login name elsewhere. */
  user: string;
  /** systemd's version (for the back-off keys it knows); null when unknown or not Linux. */
  systemdVersion: number | null;
}

export interface PlaceInputs {
  platform: ServicePlatform;
  home: string;
  env: Record<string, string | undefined>;
}

/** The config folder, env file, definition file and log file of each platform. */
export function servicePlaces(o: PlaceInputs): Pick<ServiceInputs, 'configDir' | 'envFile' | 'definitionFile' | 'logFile'> {
  if (o.platform === 'win32') {
    const p = path.win32;
    const roaming = o.env.APPDATA ?? p.join(o.home, 'AppData', 'Roaming');
    const local = o.env.LOCALAPPDATA ?? p.join(o.home, 'AppData', 'Local');
    const configDir = p.join(roaming, SERVICE_NAME);
    return {
      configDir,
      envFile: p.join(configDir, 'env'),
      definitionFile: p.join(local, SERVICE_NAME, 'task.xml'),
      logFile: p.join(local, SERVICE_NAME, 'bridge.log'),
    };
  }
  const p = path.posix;
  const xdg = o.env.XDG_CONFIG_HOME && p.isAbsolute(o.env.XDG_CONFIG_HOME) ? o.env.XDG_CONFIG_HOME : p.join(o.home, '.config');
  const configDir = p.join(xdg, SERVICE_NAME);
  if (o.platform === 'darwin') {
    return {
      configDir,
      envFile: p.join(configDir, 'env'),
      definitionFile: p.join(o.home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`),
      logFile: p.join(o.home, 'Library', 'Logs', SERVICE_NAME, 'bridge.log'),
    };
  }
  return {
    configDir,
    envFile: p.join(configDir, 'env'),
    definitionFile: p.join(xdg, 'systemd', 'user', `${SERVICE_NAME}.service`),
    logFile: null,
  };
}

/** The bridge's command line as every platform runs it: settings come from the env file only. */
export function bridgeArgs(i: ServiceInputs): string[] {
  return [`--env-file=${i.envFile}`, '--enable-source-maps', ...BRIDGE_NODE_FLAGS, i.bundlePath, 'start'];
}
