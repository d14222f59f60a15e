// Which bridge the plugin needs: the oldest contract version (`api_version` on /status) it was built
// for, which is the contract's version at the time of the build. The contract only grows, so a bridge
// of the same major version and at least this minor one answers everything the plugin reads; a newer
// bridge is fine. A bridge that names no api_version predates the field and so is older.
import { API_VERSION } from '../../bridge/contract/api-version';

/** The oldest api_version this plugin works with in full. */
export const NEEDED_API_VERSION: string = API_VERSION;

interface MajorMinor {
  major: number;
  minor: number;
}

/** The major and minor numbers of a semver text ("1.2.3", "1.2"), or null when it is not one. */
export function majorMinor(version: unknown): MajorMinor | null {
  if (typeof version !== 'string') return null;
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  if (match === null) return null;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Whether the bridge's api_version (absent on bridges that predate it) is older than `needed`. */
export function bridgeIsOlder(apiVersion: unknown, needed: string = NEEDED_API_VERSION): boolean {
  const want = majorMinor(needed);
  if (want === null) return false;
  const have = majorMinor(apiVersion);
  if (have === null) return true;
  return have.major < want.major || (have.major === want.major && have.minor < want.minor);
}

/** The commands that bring a bridge up to date, for each way of running it. */
export const UPGRADE_COMMANDS = {
  package: 'npm install digital-twin@latest',
  clone: 'git pull && npm install',
} as const;
