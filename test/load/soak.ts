// `npm run soak`: the load criterion of the bridge. Starts the bridge as `npm start` does (its
// bundle, embedded PostgreSQL with demo data in a temp folder),
// holds /status at 100 connections for 60 s, samples the bridge's resident memory and its
// PostgreSQL connections every second, stops the bridge with SIGTERM and checks:
//   zero errors, zero non-2xx; connections never above the pool sizes; resident memory of the last
//   10 s within 10 % of the first 10 s after a 10 s warm-up; a clean shutdown.
// Exits 1 when any of them fails. Loopback only, fixed duration, stops by itself.
//
//   npm run soak -- [--seconds 60] [--connections 100]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { EMBEDDED_USER } from '../../bridge/db/embedded-postgres';
import { load, type LoadResult } from '../bench/load';
import { REPO_ROOT, freePort, rssBytes, startCliBridge, type CliBridge } from '../bench/processes';
import { mark, table } from '../bench/report';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '100' },
  },
});
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);
if (!(Number.isInteger(SECONDS) && SECONDS >= 3 && SECONDS <= 3600)) throw new Error('--seconds: a whole number from 3 to 3600');
if (!(Number.isInteger(CONNECTIONS) && CONNECTIONS >= 1 && CONNECTIONS <= 1000)) throw new Error('--connections: a whole number from 1 to 1000');
// 10 s of warm-up and 10 s windows for the full run; scaled down for a quick try.
const WARMUP = Math.min(10, Math.floor(SECONDS / 3));
const WINDOW = Math.min(10, Math.floor((SECONDS - WARMUP) / 2));

const POOL_SIZE = 4; // TWIN_POOL_SIZE's default, which the soak leaves alone
const POOLS: Record<string, number> = {
  'digital-twin:finance': POOL_SIZE,
  'digital-twin:training': POOL_SIZE,
  'digital-twin:pantry': POOL_SIZE,
  'digital-twin:history': POOL_SIZE,
};
const POOL_TOTAL = Object.values(POOLS).reduce((a, b) => a + b, 0);

const log = (m: string) => process.stdout.write(`${m}\n`);

interface Sample {
  second: number;
  rss: number | null;
  connections: Record<string, number> | null;
}

function loopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

function postmasterAlive(dataDir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-soak-'));
  const pgPort = await freePort();
  let bridge: CliBridge | null = null;
  let monitor: pg.Client | null = null;
  // Whatever happens, the soak ends: the load has a fixed duration and this is the backstop.
  const backstop = setTimeout(() => {
    log('soak: over time; killing the bridge');
    bridge?.child.kill('SIGKILL');
    process.exit(1);
  }, (SECONDS + 180) * 1000);
  backstop.unref();
  try {
    log(`Soak: /status at ${CONNECTIONS} connections for ${SECONDS} s (warm-up ${WARMUP} s, windows of ${WINDOW} s). ${os.cpus().length} cores, Node ${process.version}.`);
    bridge = await startCliBridge({ TWIN_DATA_DIR: dataDir, PORT: '0', TWIN_PG_PORT: String(pgPort) });
    if (!loopback(bridge.url)) throw new Error(`the bridge listens on ${bridge.url}, not on loopback; refusing to load it`);
    log(`bridge ${bridge.url} (pid ${bridge.child.pid}) started in ${(bridge.startMs / 1000).toFixed(1)} s; PostgreSQL on 127.0.0.1:${pgPort}`);

    const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
    monitor = new pg.Client({ host: '127.0.0.1', port: pgPort, user: EMBEDDED_USER, password, database: 'postgres', application_name: 'soak-monitor' });
    monitor.on('error', () => {});
    await monitor.connect();

    const samples: Sample[] = [];
    const pid = bridge.child.pid!;
    const t0 = performance.now();
    let sampling = true;
    const sampler = (async () => {
      for (let second = 0; sampling; second++) {
        const due = t0 + second * 1000;
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
        if (!sampling) break;
        const rss = rssBytes(pid);
        let connections: Record<string, number> | null = null;
        try {
          const { rows } = await monitor!.query(
            `SELECT application_name AS app, count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'digital-twin:%' GROUP BY 1`,
          );
          connections = Object.fromEntries(rows.map((r) => [r.app as string, r.n as number]));
        } catch {
          connections = null;
        }
        samples.push({ second, rss, connections });
      }
    })();

    const result: LoadResult = await load({ url: `${bridge.url}/status`, connections: CONNECTIONS, seconds: SECONDS });
    sampling = false;
    await sampler;

    // Memory: the first window after the warm-up against the last window of the run.
    const rssIn = (from: number, to: number) => samples.filter((s) => s.second >= from && s.second < to && s.rss !== null).map((s) => s.rss!);
    const first = rssIn(WARMUP, WARMUP + WINDOW);
    const last = rssIn(SECONDS - WINDOW, SECONDS);
    const rssRatio = mean(last) / mean(first);

    const perPoolMax: Record<string, number> = {};
    let totalMax = 0;
    let missed = 0;
    for (const s of samples) {
      if (s.connections === null) {
        missed++;
        continue;
      }
      let total = 0;
      for (const [app, n] of Object.entries(s.connections)) {
        perPoolMax[app] = Math.max(perPoolMax[app] ?? 0, n);
        total += n;
      }
      totalMax = Math.max(totalMax, total);
    }
    const poolsOk = totalMax <= POOL_TOTAL && Object.entries(perPoolMax).every(([app, n]) => n <= (POOLS[app] ?? 0));

    const warnings = bridge.logs.filter((l) => Number(l.level) >= 40);
    const requestLines = bridge.lines();
    await monitor.end().catch(() => {});
    monitor = null;
    const stopStarted = performance.now();
    await bridge.stop();
    const stopMs = performance.now() - stopStarted;
    const exitCode = bridge.child.exitCode;
    const pgGone = !postmasterAlive(dataDir);
    bridge = null;

    const criteria = [
      { figure: 'errors (connection errors + timeouts)', target: '0', measured: String(result.errors + result.timeouts), ok: result.errors + result.timeouts === 0 },
      { figure: 'non-2xx responses', target: '0', measured: String(result.non2xx), ok: result.non2xx === 0 },
      {
        figure: 'PostgreSQL connections of the bridge, max',
        target: `≤ pool sizes (${Object.entries(POOLS).map(([k, v]) => `${k.replace('digital-twin:', '')} ${v}`).join(', ')}; total ${POOL_TOTAL})`,
        measured: `total ${totalMax}; ${Object.entries(perPoolMax).map(([k, v]) => `${k.replace('digital-twin:', '')} ${v}`).join(', ')}${missed ? ` (${missed} samples missed)` : ''}`,
        ok: poolsOk && samples.length - missed > 0,
      },
      {
        figure: `RSS, mean of the last ${WINDOW} s vs the first ${WINDOW} s after warm-up`,
        target: '≤ +10 %',
        measured: `${mib(mean(first))} → ${mib(mean(last))} (${((rssRatio - 1) * 100).toFixed(1)} %)`,
        ok: first.length > 0 && last.length > 0 && rssRatio <= 1.1,
      },
      { figure: 'shutdown on SIGTERM', target: 'exit 0, PostgreSQL stopped', measured: `exit ${exitCode} after ${(stopMs / 1000).toFixed(1)} s; PostgreSQL ${pgGone ? 'stopped' : 'STILL RUNNING'}`, ok: exitCode === 0 && pgGone },
    ];

    const timeline = samples
      .filter((s) => s.second % 5 === 0 || s.second === samples.length - 1)
      .map((s) => [
        String(s.second),
        s.rss === null ? '–' : mib(s.rss),
        s.connections === null ? '–' : String(Object.values(s.connections).reduce((a, b) => a + b, 0)),
        s.connections === null ? '–' : Object.entries(s.connections).map(([k, v]) => `${k.replace('digital-twin:', '')} ${v}`).join(', '),
      ]);
    const text = [
      `# Soak ${new Date().toISOString().slice(0, 10)}`,
      `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}. /status at ${CONNECTIONS} connections for ${SECONDS} s against \`digital-twin start\` (embedded PostgreSQL with demo data, default settings, LOG_LEVEL info).`,
      `Load: ${Math.round(result.rps).toLocaleString('en-US')} req/s on average, ${result.requests.toLocaleString('en-US')} requests, p50 ${result.p50} ms, p99 ${result.p99} ms. Bridge log: ${requestLines.toLocaleString('en-US')} request lines, ${warnings.length} warnings or errors${warnings.length ? ` (first: ${String(warnings[0].msg).slice(0, 120)})` : ''}.`,
      table(['criterion', 'target', 'measured', ''], criteria.map((c) => [c.figure, c.target, c.measured, mark(c.ok)])),
      `Timeline (every 5 s):\n\n${table(['s', 'RSS', 'connections', 'per pool'], timeline, ['r', 'r', 'r', 'l'])}`,
    ].join('\n\n');
    log(`\n${text}\n`);
    const dir = path.join(REPO_ROOT, 'bench-results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `soak-${new Date().toISOString().slice(0, 10)}.md`);
    fs.writeFileSync(file, `${text}\n`);
    log(`Written to ${path.relative(REPO_ROOT, file)}`);
    const failed = criteria.filter((c) => !c.ok);
    if (failed.length > 0) log(`FAILED: ${failed.map((c) => c.figure).join('; ')}`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    clearTimeout(backstop);
    await monitor?.end().catch(() => {});
    if (bridge) await bridge.stop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`soak failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
