// The launchd agent: loaded at log-in (RunAtLoad), started again when it exits with a failure
// (KeepAlive/SuccessfulExit false, at most every ThrottleInterval seconds), output to a log file.
import { LAUNCHD_LABEL, WRITTEN_BY, bridgeArgs, type ServiceInputs } from './service-inputs';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const str = (s: string) => `<string>${escapeXml(s)}</string>`;

export function launchdPlist(i: ServiceInputs): string {
  const log = i.logFile ?? '/dev/null';
  const args = [i.nodePath, ...bridgeArgs(i)].map((a) => `    ${str(a)}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    `<!-- ${WRITTEN_BY.replace(/--/g, '- -')} -->`,
    '<plist version="1.0">',
    '<dict>',
    `  <key>Label</key>${str(LAUNCHD_LABEL)}`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...args,
    '  </array>',
    `  <key>WorkingDirectory</key>${str(i.configDir)}`,
    '  <key>RunAtLoad</key><true/>',
    '  <key>KeepAlive</key>',
    '  <dict>',
    '    <key>SuccessfulExit</key><false/>',
    '  </dict>',
    '  <key>ThrottleInterval</key><integer>10</integer>',
    // launchd sends SIGTERM, then SIGKILL after this many seconds.
    '  <key>ExitTimeOut</key><integer>30</integer>',
    '  <key>ProcessType</key><string>Background</string>',
    `  <key>StandardOutPath</key>${str(log)}`,
    `  <key>StandardErrorPath</key>${str(log)}`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
