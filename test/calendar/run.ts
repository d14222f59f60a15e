// `npm run test:calendar`: the date-sensitive tests under a faked wall clock (libfaketime, which fakes
// PostgreSQL too), started at the calendar's edges in zones on both sides of UTC. One line per run.
//
//   npm run test:calendar                              eight date-and-zone runs of the date-sensitive tests
//   npm run test:calendar -- --all                     every date in every zone
//   npm run test:calendar -- --zone=UTC --date='2028-02-29 12:00:00' test/bridge/time
//
// The clock keeps running from the faked start, so a run started at 23:50 crosses midnight while it runs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Local times in the zone of the run. */
const DATES = {
  first: '2027-03-01 00:30:00', // the 1st of a month, half an hour in
  last: '2027-02-28 23:50:00', // the last day of a month, ten minutes before its end
  leap: '2028-02-29 12:00:00', // a leap day
  springForward: '2027-03-28 03:05:00', // Europe/Warsaw has just skipped 02:00–03:00
  fallBack: '2026-10-25 02:30:00', // Europe/Warsaw repeats 02:00–03:00
  newYear: '2026-12-31 23:55:00', // New Year's Eve, into New Year's Day while the run goes on
};
const ZONES = ['UTC', 'Europe/Warsaw', 'Pacific/Kiritimati', 'America/St_Johns'];
// Every date in at least one zone and every zone at several dates; the pairs are chosen so that the
// machine's day differs from the user's (Europe/Warsaw) at the edges: 00:30 on the 1st in Kiritimati
// (+14) is still the last day of the month in Warsaw, 23:50 in St John's (−3:30) is already the 1st.
// `--all` runs every date in every zone.
const RUNS: [date: string, zone: string][] = [
  [DATES.first, 'Pacific/Kiritimati'],
  [DATES.first, 'Europe/Warsaw'],
  [DATES.last, 'America/St_Johns'],
  [DATES.leap, 'UTC'],
  [DATES.springForward, 'Europe/Warsaw'],
  [DATES.fallBack, 'Europe/Warsaw'],
  [DATES.newYear, 'Pacific/Kiritimati'],
  [DATES.newYear, 'America/St_Johns'],
];
// The tests whose outcome could hang on the day: the figures, the demo, the engine, the briefing, and the
// plugin's 06:00 schedule, daily note and views.
const FILES = ['test/bridge/time', 'test/bridge/demo', 'test/bridge/finance', 'test/bridge/training', 'test/bridge/pantry', 'test/bridge/store', 'test/bridge/analysis', 'test/bridge/insights', 'test/bridge/ledger', 'test/bridge/engine', 'test/bridge/briefing', 'test/plugin/daily-note', 'test/plugin/views'];

interface Options {
  runs: [string, string][];
  files: string[];
}

function parseArgs(argv: string[]): Options {
  const dates: string[] = [];
  const zones: string[] = [];
  const files: string[] = [];
  let all = false;
  for (const arg of argv) {
    if (arg.startsWith('--date=')) dates.push(arg.slice('--date='.length));
    else if (arg.startsWith('--zone=')) zones.push(arg.slice('--zone='.length));
    else if (arg === '--all') all = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg} (use --all, --date='YYYY-MM-DD HH:MM:SS', --zone=<IANA zone>, and test paths)`);
    else files.push(arg);
  }
  for (const d of dates) {
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(d)) throw new Error(`--date must look like 2027-03-01 00:30:00 (got "${d}")`);
  }
  const chosen = all || dates.length > 0 || zones.length > 0;
  const runs: [string, string][] = chosen
    ? (dates.length ? dates : Object.values(DATES)).flatMap((d) => (zones.length ? zones : ZONES).map((z): [string, string] => [d, z]))
    : RUNS;
  return { runs, files: files.length ? files : FILES };
}

function haveFaketime(): boolean {
  return spawnSync('sh', ['-c', 'command -v faketime'], { stdio: 'ignore' }).status === 0;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { status: string; fullName: string; failureMessages: string[] }[] }[];
}

interface RunResult {
  report: VitestReport | null;
  exitCode: number | null;
  seconds: number;
  output: string;
}

function runOnce(date: string, zone: string, files: string[]): Promise<RunResult> {
  const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twin-calendar-')), 'report.json');
  const started = Date.now();
  const child = spawn(
    'faketime',
    ['-f', `@${date}`, 'npx', 'vitest', 'run', '--reporter=json', `--outputFile=${outFile}`, ...files],
    // Timers and timeouts keep real time; only the wall clock (and every date derived from it) is faked.
    { env: { ...process.env, TZ: zone, FAKETIME_DONT_FAKE_MONOTONIC: '1', TWIN_CALENDAR_RUN: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  return new Promise((resolve) => {
    child.on('close', (exitCode) => {
      let report: VitestReport | null = null;
      try {
        report = JSON.parse(fs.readFileSync(outFile, 'utf8')) as VitestReport;
      } catch {
        report = null;
      }
      fs.rmSync(path.dirname(outFile), { recursive: true, force: true });
      resolve({ report, exitCode, seconds: (Date.now() - started) / 1000, output });
    });
  });
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  if (!haveFaketime()) {
    console.error('faketime not found. Install it with: sudo apt-get install faketime (Debian, Ubuntu), or brew install libfaketime (macOS).');
    return 2;
  }
  console.log(`Date-sensitive tests (${o.files.join(', ')}) in ${o.runs.length} runs under a faked clock:`);
  let bad = 0;
  for (const [date, zone] of o.runs) {
    const r = await runOnce(date, zone, o.files);
    const passed = r.report?.numPassedTests ?? 0;
    const failed = r.report?.numFailedTests ?? 0;
    const skipped = (r.report?.numPendingTests ?? 0) + (r.report?.numTodoTests ?? 0);
    const ok = r.report !== null && failed === 0 && r.exitCode === 0;
    if (!ok) bad++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${date}  ${zone.padEnd(18)} passed ${String(passed).padStart(4)}  failed ${String(failed).padStart(3)}  skipped ${skipped}  (${r.seconds.toFixed(0)} s)`);
    if (!ok) {
      const failures = (r.report?.testResults ?? []).flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => ({ file: f.name, ...a })));
      for (const f of failures) console.log(`       ✗ ${path.relative(process.cwd(), f.file)} › ${f.fullName}\n         ${(f.failureMessages[0] ?? '').split('\n')[0]}`);
      if (failures.length === 0) console.log(r.output.split('\n').slice(-15).map((l) => `       ${l}`).join('\n'));
    }
  }
  console.log(bad === 0 ? 'All runs passed.' : `${bad} run(s) failed.`);
  return bad === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(2);
  },
);
