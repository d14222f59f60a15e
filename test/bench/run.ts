// `npm run bench`: the bridge and the plugin measured against a baseline in the same run, as
// ratios (absolute times on a shared machine drift; ratios hold). Prints the tables and writes them to
// bench-results/bench-<date>.md. Exits 1 when the query-plan check finds a sequential scan of a big
// table or a load measurement saw errors; with --strict also when a target is missed.
//
//   npm run bench -- [--seconds 6] [--warmup 1] [--data-dir DIR] [--idle-seconds 300] [--strict]
//
// --idle-seconds is the quiet period of the idle row (CPU and memory of a bridge left alone after
// start, per data set, one after another); 0 skips the row.
// --data-dir keeps the generated cluster there and reuses it on the next run (seeding the large set
// takes about two minutes); by default a temp folder is used and removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { HistoryEntry, LedgerStatus, StatusResponse } from '../../bridge/contract/responses';
import { systemTimeZone } from '../../bridge/config/settings';
import { addDays } from '../../bridge/time/local-date';
import { ledgerBytes, prepareCluster, type BenchCluster, type DataSet, type SizeName } from './datasets';
import { load, type LoadResult } from './load';
import { mainJsSize, pluginTimes, type BundleSize, type PluginTimes } from './plugin-figures';
import { browserTimes, type BrowserTimes } from './plugin-figures-browser';
import { REPO_ROOT, RssSampler, forkServer, rssBytes, type ServedChild } from './processes';
import { checkQueryPlans, type PlanFinding } from './query-plans';
import { idleCost, type IdleCost } from './idle-cost';
import { int, mark, mb, ms, ratio, table } from './report';
import { measureStartTimes, type StartTimes } from './start-time';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    warmup: { type: 'string', default: '1' },
    'data-dir': { type: 'string' },
    strict: { type: 'boolean', default: false },
    'idle-seconds': { type: 'string', default: '300' },
  },
});
const IDLE_SECONDS = Number(flags['idle-seconds']);
const SECONDS = Number(flags.seconds);
const WARMUP = Number(flags.warmup);
const CONNECTIONS = 50;
const TIMEZONE = systemTimeZone();

type EndpointKey = 'status' | 'status-nocache' | 'health' | 'finance' | 'history' | 'insights' | 'insights-nocache';
const ENDPOINTS: { key: EndpointKey; path: string; label: string }[] = [
  { key: 'status', path: '/status', label: '/status (cache 2 s)' },
  { key: 'health', path: '/health', label: '/health' },
  { key: 'finance', path: '/finance', label: '/finance' },
  { key: 'history', path: '/history?limit=50', label: '/history?limit=50' },
  { key: 'insights', path: '/insights', label: '/insights (cache 5 min)' },
  { key: 'status-nocache', path: '/status', label: '/status (cache off)' },
  { key: 'insights-nocache', path: '/insights', label: '/insights (cache off)' },
];
/** Measured on a second bridge that recomputes on every request (TWIN_CACHE_MS=0). */
const UNCACHED: readonly EndpointKey[] = ['status-nocache', 'insights-nocache'];

interface Measurement {
  size: SizeName;
  endpoint: EndpointKey;
  bridge: LoadResult;
  baseline: LoadResult;
}

interface SizeRun {
  set: DataSet;
  statusBytes: number;
  bridgeRssIdle: number;
  bridgeRssMax: number;
  baselineRssMax: number;
  /** Median of 5 sequential /insights on the bridge that never caches: a full recomputation each. */
  insightsRecomputeMs: number;
  /** Median of sequential /status?date= on past days spread over the last year: computed on every request. */
  asOfMs: number;
  /** The ledger's first complete check: the build on the first start, a verification on the second. */
  ledgerBuildMs: number;
  ledgerVerifyMs: number;
  ledgerRows: number;
  ledgerBytes: number;
  /** The largest set's /history measured twice more after the table's pair. */
  historyPairs: Measurement[];
  /** GET /status, then an MCP tools/call of status, on the same bridge one after the other. */
  mcpStatus: { get: LoadResult; mcp: LoadResult };
}

/** One JSON-RPC tools/call of status, as an agent posts it to /mcp. */
const MCP_STATUS_CALL = {
  method: 'POST' as const,
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'status', arguments: {} } }),
};

/** The MCP status tool under the same load as GET /status, measured right after it. */
async function mcpStatusPair(size: SizeName, url: string): Promise<SizeRun['mcpStatus']> {
  await load({ url: `${url}/mcp`, connections: CONNECTIONS, seconds: 1, request: MCP_STATUS_CALL });
  const get = await measure(`${url}/status`);
  if (WARMUP > 0) await load({ url: `${url}/mcp`, connections: CONNECTIONS, seconds: WARMUP, request: MCP_STATUS_CALL });
  const mcp = await load({ url: `${url}/mcp`, connections: CONNECTIONS, seconds: SECONDS, request: MCP_STATUS_CALL });
  log(`  ${size.padEnd(5)} MCP tools/call status p50 ${ms(mcp.p50).padStart(5)} ms, GET /status p50 ${ms(get.p50).padStart(5)} ms (${int(mcp.rps)} vs ${int(get.rps)} req/s)`);
  if (mcp.errors + mcp.non2xx > 0) throw new Error(`MCP tools/call status: ${mcp.errors} errors, ${mcp.non2xx} non-2xx answers`);
  return { get, mcp };
}

const log = (m: string) => process.stdout.write(`${m}\n`);
const children = new Set<ServedChild>();
let cluster: BenchCluster | null = null;

async function cleanup(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop().catch(() => {})));
  children.clear();
  await cluster?.stop().catch(() => {});
  cluster = null;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping the servers and the database`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function fork(script: string, env: Record<string, string>): Promise<ServedChild> {
  const child = await forkServer(path.join(REPO_ROOT, 'test/bench', script), { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env });
  children.add(child);
  return child;
}

async function stop(child: ServedChild): Promise<void> {
  children.delete(child);
  await child.stop();
}

function bridgeEnv(set: DataSet, cacheMs: number): Record<string, string> {
  return {
    PORT: '0',
    LOG_LEVEL: 'silent',
    TWIN_TIMEZONE: TIMEZONE,
    TWIN_CACHE_MS: String(cacheMs),
    FINANCE_DATABASE_URL: set.urls.finance,
    TRAINING_DATABASE_URL: set.urls.training,
    PANTRY_DATABASE_URL: set.urls.pantry,
    TWIN_DATABASE_URL: set.urls.twin,
  };
}

async function measure(url: string): Promise<LoadResult> {
  if (WARMUP > 0) await load({ url, connections: CONNECTIONS, seconds: WARMUP });
  return load({ url, connections: CONNECTIONS, seconds: SECONDS });
}

/** A fresh process answers its first seconds of load with cold code: every server gets the same warm-up first. */
async function warmProcess(url: string, paths: string[]): Promise<void> {
  for (const p of paths) await load({ url: `${url}${p}`, connections: CONNECTIONS, seconds: 1 });
}

/** Baseline then bridge, so that every bridge figure has a baseline measured right before it. */
async function pair(size: SizeName, endpoint: (typeof ENDPOINTS)[number], baseline: ServedChild, bridge: ServedChild): Promise<Measurement> {
  const b = await measure(`${baseline.url}${endpoint.path}`);
  const r = await measure(`${bridge.url}${endpoint.path}`);
  log(
    `  ${size.padEnd(5)} ${endpoint.label.padEnd(20)} bridge ${int(r.rps).padStart(6)} req/s p50 ${ms(r.p50).padStart(5)} p99 ${ms(r.p99).padStart(5)} ms` +
      ` | baseline ${int(b.rps).padStart(6)} req/s p99 ${ms(b.p99).padStart(5)} ms`,
  );
  return { size, endpoint: endpoint.key, bridge: r, baseline: b };
}

async function historyEntries(url: string, count: number): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  let cursor: string | null = null;
  while (out.length < count) {
    const res = await fetch(`${url}/history?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    const body = (await res.json()) as { items: HistoryEntry[]; next_cursor: string | null };
    out.push(...body.items);
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  return out.slice(0, count);
}

async function insightsRecomputeMs(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await (await fetch(`${url}/insights`)).arrayBuffer();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2];
}

/** The past days asked: one every 19 days over the last year, from yesterday back (YYYY-MM-DD in the bridge's zone). */
function pastDays(today: string): string[] {
  return Array.from({ length: 20 }, (_, i) => addDays(today, -(1 + i * 19)));
}

/** Median time of one /status?date= for each past day, asked one at a time after one warm-up round. */
async function asOfMs(url: string, today: string): Promise<number> {
  const days = pastDays(today);
  const ask = async (day: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/status?date=${day}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/status?date=${day} answered ${res.status}`);
    return performance.now() - t0;
  };
  for (const d of days) await ask(d);
  const times: number[] = [];
  for (const d of days) times.push(await ask(d));
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/**
 * Waits until the bridge's ledger of closed months is ready (built in the background at start). A
 * failed first check is retried by the bridge at its next check (every 20 s), as it would be in use:
 * the failure is reported and the wait goes on.
 */
async function ledgerReady(url: string): Promise<LedgerStatus> {
  let reported: string | null = null;
  for (let i = 0; i < 3000; i++) {
    const status = (await (await fetch(`${url}/status`)).json()) as StatusResponse;
    const ledger = status.sync.ledger;
    if (ledger?.state === 'ready') return ledger;
    if (ledger?.state === 'failed' && ledger.last_error !== reported) {
      reported = ledger.last_error;
      log(`  the ledger's check failed (${reported}); waiting for the bridge's next check`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`ledger not ready after 5 minutes${reported ? `: ${reported}` : ''}`);
}

async function runSize(set: DataSet, measurements: Measurement[], pluginInput: { value: { status: StatusResponse; history: HistoryEntry[] } | null }): Promise<SizeRun> {
  const size = set.spec.name;
  const bridge = await fork('bridge-child.ts', bridgeEnv(set, 2000));
  const built = await ledgerReady(bridge.url);
  log(`  ${size.padEnd(5)} ledger of closed months ready in ${built.first_check_ms} ms: ${built.months} months, ${built.day_rows} day rows`);
  const bridgeRss = new RssSampler(bridge.child.pid!).start();
  const bridgeIdle = rssBytes(bridge.child.pid!) ?? 0;
  const status = (await (await fetch(`${bridge.url}/status`)).json()) as StatusResponse;
  const bodyFile = path.join(os.tmpdir(), `twin-bench-status-${process.pid}-${size}.json`);
  fs.writeFileSync(bodyFile, JSON.stringify(status));
  const baseline = await fork('baseline-child.ts', { BASELINE_BODY_FILE: bodyFile });
  const baselineRss = new RssSampler(baseline.child.pid!).start();
  const paths = ENDPOINTS.filter((x) => !UNCACHED.includes(x.key)).map((x) => x.path);
  await warmProcess(bridge.url, paths);
  await warmProcess(baseline.url, ['/']);
  try {
    if (size === 'large') pluginInput.value = { status, history: await historyEntries(bridge.url, 1000) };
    for (const e of ENDPOINTS.filter((x) => !UNCACHED.includes(x.key))) measurements.push(await pair(size, e, baseline, bridge));
    const history = ENDPOINTS.find((e) => e.key === 'history')!;
    const historyPairs = size === 'large' ? [await pair(size, history, baseline, bridge), await pair(size, history, baseline, bridge)] : [];
    const mcpStatus = await mcpStatusPair(size, bridge.url);
    bridgeRss.stop();
    await stop(bridge);

    const uncached = await fork('bridge-child.ts', bridgeEnv(set, 0));
    const verified = await ledgerReady(uncached.url);
    const uncachedRss = new RssSampler(uncached.child.pid!).start();
    await warmProcess(uncached.url, ['/status', '/insights']);
    for (const e of ENDPOINTS.filter((x) => UNCACHED.includes(x.key))) measurements.push(await pair(size, e, baseline, uncached));
    const recompute = await insightsRecomputeMs(uncached.url);
    const asOf = await asOfMs(uncached.url, status.state.today);
    uncachedRss.stop();
    await stop(uncached);
    baselineRss.stop();
    return {
      set,
      statusBytes: Buffer.byteLength(JSON.stringify(status)),
      bridgeRssIdle: bridgeIdle,
      bridgeRssMax: Math.max(bridgeRss.max(), uncachedRss.max()),
      baselineRssMax: baselineRss.max(),
      insightsRecomputeMs: recompute,
      asOfMs: asOf,
      ledgerBuildMs: built.first_check_ms ?? Number.NaN,
      ledgerVerifyMs: verified.first_check_ms ?? Number.NaN,
      ledgerRows: built.day_rows + built.months,
      ledgerBytes: await ledgerBytes(set.urls.twin),
      historyPairs,
      mcpStatus,
    };
  } finally {
    bridgeRss.stop();
    baselineRss.stop();
    await stop(baseline);
    fs.rmSync(bodyFile, { force: true });
  }
}

interface IdleRun {
  size: SizeName;
  cost: IdleCost;
}

/**
 * Each set's bridge alone, left quiet after one /status once its ledger is ready: the CPU of the
 * bridge and of the PostgreSQL cluster (all its processes, whichever set they serve: nothing else
 * of the benchmark runs meanwhile), and their PSS at the end.
 */
async function idleRows(sets: readonly DataSet[], postmaster: number): Promise<IdleRun[]> {
  const runs: IdleRun[] = [];
  for (const set of sets) {
    const bridge = await fork('bridge-child.ts', bridgeEnv(set, 2000));
    try {
      await ledgerReady(bridge.url);
      await (await fetch(`${bridge.url}/status`)).arrayBuffer();
      const cost = await idleCost([bridge.child.pid!, postmaster], IDLE_SECONDS);
      log(`  ${set.spec.name.padEnd(5)} ${cost.cpuSeconds.toFixed(2)} CPU s in ${cost.seconds.toFixed(0)} s = ${pct(cost.share)} of a core; PSS ${mb(cost.pssBytes)} in ${cost.processes} processes`);
      runs.push({ size: set.spec.name, cost });
    } finally {
      await stop(bridge);
    }
  }
  return runs;
}

const pct = (share: number) => `${(share * 100).toFixed(3)} %`;

interface Target {
  figure: string;
  target: string;
  measured: string;
  ok: boolean | null;
}

function targetsOf(
  m: Measurement[],
  sizes: SizeRun[],
  starts: StartTimes | Error,
  bundle: BundleSize | Error,
  plugin: PluginTimes | Error,
  plans: PlanFinding[] | Error,
  browser: BrowserTimes | Error,
  idle: IdleRun[] | Error,
): Target[] {
  const of = (size: SizeName, e: EndpointKey) => m.find((x) => x.size === size && x.endpoint === e)!;
  const names = sizes.map((s) => s.set.spec.name);
  const perSize = (e: EndpointKey, f: (x: Measurement) => number) => names.map((n) => ({ n, v: f(of(n, e)) }));
  const list = (xs: { n: string; v: number }[]) => xs.map((x) => `${x.n} ${ratio(x.v)}`).join(', ');
  const t: Target[] = [];

  const cached = perSize('status', (x) => x.bridge.rps / x.baseline.rps);
  // Issue 29: the cached answer at least as fast as bare express within a tenth, its p99 within a fifth.
  t.push({ figure: '/status throughput, state ≤ 2 s old', target: '≥ 0.9 × baseline', measured: list(cached), ok: cached.every((x) => x.v >= 0.9) });
  const uncached = perSize('status-nocache', (x) => x.bridge.rps / x.baseline.rps);
  t.push({ figure: '/status throughput, recomputed every request', target: '≥ 0.2 × baseline', measured: list(uncached), ok: uncached.every((x) => x.v >= 0.2) });
  const p99 = perSize('status', (x) => x.bridge.p99 / x.baseline.p99);
  t.push({ figure: '/status p99 at 50 connections (cache 2 s)', target: '≤ 1.2 × baseline p99', measured: list(p99), ok: p99.every((x) => x.v <= 1.2) });
  // Each p50 relative to the baseline measured next to it: the machine's speed drifts between the
  // small and the large runs (other work on shared cores), the ratio to the adjacent baseline does not.
  const rel = (x: Measurement) => x.bridge.p50 / x.baseline.p50;
  const scale = ENDPOINTS.map((e) => ({ n: e.label, v: rel(of('large', e.key)) / rel(of('small', e.key)), raw: of('large', e.key).bridge.p50 / of('small', e.key).bridge.p50 }));
  t.push({
    figure: 'p50 largest / smallest data set (each against its adjacent baseline; raw in brackets)',
    target: '≤ 1.3 for every endpoint',
    measured: scale.map((x) => `${x.n} ${ratio(x.v)} (${ratio(x.raw)})`).join(', '),
    ok: scale.every((x) => x.v <= 1.3),
  });
  const mcp = sizes.map((s) => ({ n: s.set.spec.name, v: s.mcpStatus.mcp.p50 / s.mcpStatus.get.p50 }));
  t.push({ figure: 'MCP tools/call status p50 at 50 connections', target: '≤ 1.3 × GET /status p50', measured: list(mcp), ok: mcp.every((x) => x.v <= 1.3) });
  const asOf = sizes.map((s) => ({ n: s.set.spec.name, v: s.asOfMs }));
  const asOfScale = asOf.length > 1 ? asOf[asOf.length - 1].v / asOf[0].v : Number.NaN;
  t.push({
    figure: '/status?date= a past day (computed every request), sequential median over 20 days of the last year',
    target: '≤ 50 ms on the largest set; largest / smallest ≤ 1.3',
    measured: `${asOf.map((x) => `${x.n} ${ms(x.v)} ms`).join(', ')}; largest / smallest ${ratio(asOfScale)}`,
    ok: asOf[asOf.length - 1].v <= 50 && asOfScale <= 1.3,
  });
  const recompute = sizes.map((s) => ({ n: s.set.spec.name, v: s.insightsRecomputeMs }));
  t.push({ figure: '/insights recomputed (TWIN_CACHE_MS=0), sequential', target: '≤ 2 s (n8n gives up at 10 s)', measured: recompute.map((x) => `${x.n} ${ms(x.v)} ms`).join(', '), ok: recompute.every((x) => x.v <= 2000) });
  const builds = sizes.map((s) => `${s.set.spec.name} ${int(s.ledgerBuildMs)} ms (checked again at the next start in ${int(s.ledgerVerifyMs)} ms)`);
  t.push({ figure: 'ledger of closed months, first build in the background at start', target: '–', measured: builds.join(', '), ok: null });
  // The p99 of 6 s follows a few collector pauses: the median of three alternating pairs.
  const pairs = [of('large', 'history'), ...sizes.flatMap((s) => s.historyPairs)].map((x) => ({ x, v: x.bridge.p99 / x.baseline.p99 })).sort((a, b) => a.v - b.v);
  const hist = pairs[Math.floor(pairs.length / 2)];
  t.push({
    figure: '/history?limit=50 p99, 1M history rows (median of 3 pairs)',
    target: '≤ 1.5 × baseline p99',
    measured: `${ms(hist.x.bridge.p99)} ms vs ${ms(hist.x.baseline.p99)} ms = ${ratio(hist.v)} (pairs: ${pairs.map((p) => ratio(p.v)).join(', ')})`,
    ok: hist.v <= 1.5,
  });
  if (starts instanceof Error) t.push({ figure: 'bridge start, embedded database: first / later', target: '≤ 15 s / ≤ 4 s', measured: `failed: ${starts.message}`, ok: false });
  else
    t.push({
      figure: 'bridge start, embedded database: first / later',
      target: '≤ 15 s / ≤ 4 s',
      measured: `${(starts.firstMs / 1000).toFixed(1)} s / ${(starts.laterMs / 1000).toFixed(1)} s`,
      ok: starts.firstMs <= 15_000 && starts.laterMs <= 4_000,
    });
  const rss = Math.max(...sizes.map((s) => s.bridgeRssMax));
  t.push({ figure: 'bridge resident memory under the benchmark', target: '≤ 150 MB', measured: `max ${mb(rss)} (${sizes.map((s) => `${s.set.spec.name} ${mb(s.bridgeRssMax)}`).join(', ')})`, ok: rss <= 150 * 1024 * 1024 });
  if (idle instanceof Error) t.push({ figure: 'at rest: CPU and PSS of the bridge with its PostgreSQL', target: '', measured: `failed: ${idle.message}`, ok: false });
  else if (idle.length > 0) {
    const quiet = `${int(IDLE_SECONDS)} s`;
    t.push({
      figure: `at rest: CPU of the bridge and its PostgreSQL over ${quiet} after start`,
      target: '≤ 0.1 % of a core',
      measured: idle.map((r) => `${r.size} ${pct(r.cost.share)} (${r.cost.cpuSeconds.toFixed(2)} s)`).join(', '),
      ok: idle.every((r) => r.cost.share <= 0.001),
    });
    t.push({
      figure: 'at rest: PSS of the bridge and its PostgreSQL',
      target: '≤ 90 MB',
      measured: idle.map((r) => `${r.size} ${mb(r.cost.pssBytes)} (${r.cost.processes} processes)`).join(', '),
      ok: idle.every((r) => r.cost.pssBytes <= 90 * 1024 * 1024),
    });
  }
  if (bundle instanceof Error) t.push({ figure: 'main.js (release build)', target: '≤ 80 KB', measured: `failed: ${bundle.message}`, ok: false });
  else
    t.push({
      figure: 'main.js (release build)',
      target: '≤ 80 KB',
      measured: `${(bundle.bytes / 1000).toFixed(1)} KB (${(bundle.gzipBytes / 1000).toFixed(1)} KB gzipped)${bundle.rebuilt ? ', rebuilt' : ''}`,
      ok: bundle.bytes <= 80_000,
    });
  if (plugin instanceof Error) {
    for (const figure of ['plugin onload', 'twin panel render, all budgets and charts', 'history view, 1,000 entries'])
      t.push({ figure, target: '', measured: `not measured: ${plugin.message.split('\n')[0].slice(0, 160)}`, ok: null });
  } else {
    t.push({ figure: 'plugin onload', target: '≤ 10 ms', measured: `${ms(plugin.onload.median)} ms median (first ${ms(plugin.onload.first)} ms)`, ok: plugin.onload.median <= 10 });
    // The targets are judged in Chromium, the engine Obsidian runs on; happy-dom builds elements
    // many times more slowly, so its figures are shown as an upper bound only.
    const chromium = (figure: string, f: BrowserTimes['panel'] | null, target: number) =>
      t.push(
        f === null
          ? { figure, target: `≤ ${target} ms`, measured: `not measured: ${(browser as Error).message.split('\n')[0].slice(0, 160)}`, ok: null }
          : { figure, target: `≤ ${target} ms`, measured: `${ms(f.median)} ms median, best ${ms(f.best)} ms (first ${ms(f.first)} ms), ${f.elements} elements`, ok: f.median <= target },
      );
    chromium(`twin panel render in Chromium, all ${plugin.panel.budgets} budgets and ${plugin.panel.chartPoints} chart points`, browser instanceof Error ? null : browser.panel, 5);
    chromium(`history view in Chromium, ${plugin.history.entries} entries`, browser instanceof Error ? null : browser.history, 50);
    t.push({
      figure: 'twin panel render in happy-dom (upper bound)',
      target: '–',
      measured: `${ms(plugin.panel.median)} ms median (first ${ms(plugin.panel.first)} ms), ${plugin.panel.elements} elements`,
      ok: null,
    });
    t.push({
      figure: 'history view in happy-dom (upper bound), 1,000 entries',
      target: '–',
      measured: `${ms(plugin.history.median)} ms median (first ${ms(plugin.history.first)} ms), ${plugin.history.elements} elements`,
      ok: null,
    });
  }
  if (plans instanceof Error) t.push({ figure: 'query plans, largest data set', target: 'no Seq Scan of big tables', measured: `failed: ${plans.message}`, ok: false });
  else {
    const bad = plans.flatMap((p) => p.seqScans.filter((s) => !s.accepted).map((s) => `${p.source}: ${s.relation}`));
    const tiny = plans.flatMap((p) => p.seqScans.filter((s) => s.accepted).map((s) => `${s.relation} (${s.rows} rows, ${s.reason === 'tiny' ? 'tiny' : `keeps ${s.keptRows}: ${s.reason}`})`));
    t.push({
      figure: 'query plans, largest data set',
      target: 'no Seq Scan of transactions*, workouts*, digital_twin_updates',
      measured: `${plans.length} statements; ${bad.length === 0 ? 'none' : bad.join(', ')}${tiny.length ? `; accepted with an index path: ${tiny.join(', ')}` : ''}`,
      ok: bad.length === 0,
    });
  }
  return t;
}

async function attempt<T>(what: string, fn: () => Promise<T> | T): Promise<T | Error> {
  try {
    return await fn();
  } catch (err) {
    log(`  ${what} failed: ${(err as Error).message}`);
    return err as Error;
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const date = new Date();
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${mb(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
  log(`Digital Twin benchmark — ${date.toISOString()}\n${machine}\n${CONNECTIONS} connections, ${SECONDS} s per measurement after ${WARMUP} s of warm-up\n`);

  log('Start time of the bridge with the embedded database (`digital-twin start`)…');
  const starts = await attempt('start-time measurement', () => measureStartTimes(TIMEZONE));
  if (!(starts instanceof Error)) log(`  first ${(starts.firstMs / 1000).toFixed(1)} s, later ${(starts.laterMs / 1000).toFixed(1)} s`);

  log('Data sets…');
  cluster = await prepareCluster({ dataDir: flags['data-dir'], timezone: TIMEZONE, log });

  log('Load (baseline, bridge; baseline, bridge; …)…');
  const measurements: Measurement[] = [];
  const sizes: SizeRun[] = [];
  const pluginInput: { value: { status: StatusResponse; history: HistoryEntry[] } | null } = { value: null };
  for (const set of cluster.sets) sizes.push(await runSize(set, measurements, pluginInput));

  log('Query plans on the largest data set…');
  const large = cluster.sets.find((s) => s.spec.name === 'large')!;
  const plans = await attempt('query-plan check', () => checkQueryPlans(large, { timezone: TIMEZONE, personId: cluster!.personId }));
  let idle: IdleRun[] | Error = [];
  if (IDLE_SECONDS > 0) {
    log(`At rest: each data set's bridge left alone for ${IDLE_SECONDS} s…`);
    idle = await attempt('idle row', () => idleRows(cluster!.sets, cluster!.server.pid()!));
  }
  await cleanup();

  log('Plugin…');
  const bundle = await attempt('main.js build', () => mainJsSize());
  const plugin = await attempt('plugin figures', () => pluginTimes(pluginInput.value!));
  const browser = await attempt('plugin figures in Chromium', () => browserTimes(pluginInput.value!));

  const targets = targetsOf(measurements, sizes, starts, bundle, plugin, plans, browser, idle);
  const loadErrors = measurements.filter((x) => x.bridge.errors + x.bridge.non2xx + x.bridge.timeouts + x.baseline.errors + x.baseline.non2xx > 0);
  const plansFailed = plans instanceof Error || plans.some((p) => p.seqScans.some((s) => !s.accepted));

  const sections: string[] = [];
  sections.push(`# Benchmark ${date.toISOString().slice(0, 10)}\n\n${machine}. ${date.toISOString()}. ${CONNECTIONS} connections (autocannon), ${SECONDS} s per measurement after ${WARMUP} s of warm-up; baseline and bridge measured alternately, each bridge figure against the baseline measured just before it. The bridge and the baseline each run in their own process; the load generator in a third; PostgreSQL (one embedded server, fsync off) shares the same cores. Time zone ${TIMEZONE}.`);
  sections.push(
    `## Targets\n\n${table(
      ['figure', 'target', 'measured', ''],
      targets.map((x) => [x.figure, x.target, x.measured, x.ok === null ? '–' : mark(x.ok)]),
    )}`,
  );
  const rows = measurements.map((x) => {
    const e = ENDPOINTS.find((y) => y.key === x.endpoint)!;
    return [
      x.size,
      e.label,
      int(x.bridge.rps),
      int(x.baseline.rps),
      ratio(x.bridge.rps / x.baseline.rps),
      ms(x.bridge.p50),
      ms(x.baseline.p50),
      ms(x.bridge.p99),
      ms(x.baseline.p99),
      ratio(x.bridge.p99 / x.baseline.p99),
      `${x.bridge.errors + x.bridge.timeouts}/${x.bridge.non2xx}`,
    ];
  });
  sections.push(
    `## Load\n\n${table(
      ['data set', 'endpoint', 'req/s', 'baseline req/s', 'throughput', 'p50 ms', 'baseline p50 ms', 'p99 ms', 'baseline p99 ms', 'p99', 'errors/non-2xx'],
      rows,
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    )}`,
  );
  sections.push(
    `## Data sets\n\n${table(
      ['data set', 'generated', 'transactions', 'workouts', 'digital_twin_updates', 'ledger rows (size)', '/status body', 'bridge RSS idle', 'bridge RSS max', 'baseline RSS max', 'seed + analyse'],
      sizes.map((s) => [
        s.set.spec.name,
        s.set.spec.label,
        int(s.set.rows.transactions),
        int(s.set.rows.workouts),
        int(s.set.rows.digital_twin_updates),
        `${int(s.ledgerRows)} (${mb(s.ledgerBytes)})`,
        `${int(s.statusBytes)} B`,
        mb(s.bridgeRssIdle),
        mb(s.bridgeRssMax),
        mb(s.baselineRssMax),
        `${s.set.seedSeconds.toFixed(1)} s`,
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    )}`,
  );
  if (!(plans instanceof Error)) {
    sections.push(
      `## Query plans (largest data set)\n\n${table(
        ['source', 'statement', 'plan (scans)', 'partitions read', 'seq scan of a big table'],
        plans.map((p) => [
          p.source,
          p.statement.replace(/\|/g, '\\|'),
          p.scans.join('; ') || '(no table)',
          [p.partitions.transactions ? `transactions ${p.partitions.transactions}` : '', p.partitions.workouts ? `workouts ${p.partitions.workouts}` : ''].filter(Boolean).join(', ') || '–',
          p.seqScans.length === 0 ? 'none' : p.seqScans.map((s) => `${s.relation} (${s.rows} rows, keeps ${s.keptRows}, index path ${s.indexPath ? 'exists' : 'MISSING'}) ${s.accepted ? `accepted: ${s.reason}` : '✗'}`).join('; '),
        ]),
      )}`,
    );
  }
  if (!(plugin instanceof Error)) {
    sections.push(
      `## Plugin\n\nMeasured in a separate Node process on the in-memory Obsidian (test/fixtures/obsidian) over a happy-dom document, with the /status body and 1,000 /history entries of the largest data set. happy-dom builds elements far more slowly than Obsidian's Chromium, so render times here are an upper bound. onload: median of 20 loads after a first one; renders: median of 50 (panel) / 10 (history) after a first one.\n\n${table(
        ['figure', 'first ms', 'median ms', 'elements'],
        [
          ['onload', ms(plugin.onload.first), ms(plugin.onload.median), '–'],
          ['twin panel render', ms(plugin.panel.first), ms(plugin.panel.median), String(plugin.panel.elements)],
          [`history view (${plugin.history.entries} entries)`, ms(plugin.history.first), ms(plugin.history.median), String(plugin.history.elements)],
        ],
        ['l', 'r', 'r', 'r'],
      )}`,
    );
  }
  const notes: string[] = [];
  if (loadErrors.length > 0) notes.push(`Load measurements with errors: ${loadErrors.map((x) => `${x.size} ${x.endpoint}`).join(', ')}.`);
  notes.push(`Total time ${((performance.now() - started) / 1000 / 60).toFixed(1)} min.`);
  sections.push(notes.join('\n'));

  const text = sections.join('\n\n') + '\n';
  log(`\n${text}`);
  const dir = path.join(REPO_ROOT, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${date.toISOString().slice(0, 10)}.md`);
  fs.writeFileSync(file, text);
  log(`Written to ${path.relative(REPO_ROOT, file)}`);

  const missed = targets.filter((x) => x.ok === false);
  if (plansFailed) log('FAILED: the query-plan check found a sequential scan of a big table (see above).');
  if (loadErrors.length > 0) log('FAILED: some requests failed during the load measurements.');
  if (missed.length > 0) log(`${flags.strict ? 'FAILED' : 'Note'}: ${missed.length} target(s) missed: ${missed.map((x) => x.figure).join('; ')}.`);
  return plansFailed || loadErrors.length > 0 || (flags.strict && missed.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    process.stderr.write(`benchmark failed: ${(err as Error).stack ?? String(err)}\n`);
    await cleanup();
    process.exit(1);
  },
);
