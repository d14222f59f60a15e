// The Task Scheduler task: started at the user's log-on, restarted every minute after a failure,
// never stopped for running long, output appended to a log file through cmd.exe. Registered with
// `schtasks /Create /TN <name> /XML <file> /F`, the documented form for a task defined in XML
// (the plain /SC flags cannot express restart on failure or an unlimited run time).
import { WINDOWS_TASK, WRITTEN_BY, bridgeArgs, type ServiceInputs } from './service-inputs';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A word for cmd.exe and the C runtime's argument parser: quoted, with inner quotes doubled. */
export function windowsWord(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** cmd.exe's arguments: /s strips the outer quotes, so the inner command keeps its own. */
export function windowsCommandLine(i: ServiceInputs): string {
  const command = [i.nodePath, ...bridgeArgs(i)].map(windowsWord).join(' ');
  const log = i.logFile === null ? '' : ` >> ${windowsWord(i.logFile)} 2>&1`;
  return `/d /s /c "${command}${log}"`;
}

export function windowsTaskXml(i: ServiceInputs): string {
  const user = escapeXml(i.user);
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    `<!-- ${WRITTEN_BY.replace(/--/g, '- -')} -->`,
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    '    <Description>Digital Twin bridge: HTTP on port 5677 for the Obsidian plugin and n8n</Description>',
    '  </RegistrationInfo>',
    '  <Triggers>',
    `    <LogonTrigger><Enabled>true</Enabled><UserId>${user}</UserId></LogonTrigger>`,
    '  </Triggers>',
    '  <Principals>',
    `    <Principal id="Author"><UserId>${user}</UserId><LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal>`,
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
    '    <RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>',
    '    <Hidden>true</Hidden>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    '      <Command>cmd.exe</Command>',
    `      <Arguments>${escapeXml(windowsCommandLine(i))}</Arguments>`,
    `      <WorkingDirectory>${escapeXml(i.configDir)}</WorkingDirectory>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

export const schtasks = {
  create: (xmlFile: string) => ['/Create', '/TN', WINDOWS_TASK, '/XML', xmlFile, '/F'],
  run: () => ['/Run', '/TN', WINDOWS_TASK],
  end: () => ['/End', '/TN', WINDOWS_TASK],
  delete: () => ['/Delete', '/TN', WINDOWS_TASK, '/F'],
  query: () => ['/Query', '/TN', WINDOWS_TASK, '/FO', 'LIST', '/V'],
};
