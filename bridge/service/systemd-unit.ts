// The systemd user unit: started with the user's session (and at boot with lingering), restarted
// on failure with a growing delay where systemd knows how, logging to the journal.
import { WRITTEN_BY, bridgeArgs, type ServiceInputs } from './service-inputs';

/** % starts a specifier everywhere in a unit; a literal one is doubled. */
const specifierSafe = (s: string) => s.replace(/%/g, '%%');

/** One ExecStart word: quoted when it holds spaces or quotes; % and $ escaped as systemd wants. */
export function systemdWord(word: string): string {
  const escaped = specifierSafe(word).replace(/\$/g, '$$$$');
  if (!/[\s"'\\]/.test(escaped)) return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** systemd 254 added RestartSteps and RestartMaxDelaySec: a delay from 2 s growing to 5 min. */
const BACKOFF_SINCE = 254;

export function systemdUnit(i: ServiceInputs): string {
  const exec = [i.nodePath, ...bridgeArgs(i)].map(systemdWord).join(' ');
  const backoff =
    i.systemdVersion !== null && i.systemdVersion >= BACKOFF_SINCE
      ? ['RestartSec=2s', 'RestartSteps=10', 'RestartMaxDelaySec=5min']
      : ['RestartSec=15s'];
  return [
    `# ${WRITTEN_BY}`,
    '[Unit]',
    'Description=Digital Twin bridge',
    `Documentation=${specifierSafe(`file://${encodeURI(`${i.repoDir}/docs/running-always.md`)}`)}`,
    // Never give up restarting: the bridge waits for its databases itself.
    'StartLimitIntervalSec=0',
    '',
    '[Service]',
    'Type=simple',
    // A path setting takes the rest of the line as it is: no quotes.
    `WorkingDirectory=${specifierSafe(i.configDir)}`,
    `ExecStart=${exec}`,
    'Restart=on-failure',
    ...backoff,
    // SIGTERM to the bridge alone: it finishes requests and stops its PostgreSQL itself.
    'KillMode=mixed',
    'TimeoutStopSec=30s',
    'SyslogIdentifier=digital-twin',
    'NoNewPrivileges=yes',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}
