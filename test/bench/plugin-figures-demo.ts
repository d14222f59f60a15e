// `npx tsx test/bench/plugin-figures-demo.ts`: only the plugin's render figures, without the whole
// benchmark. Starts a bridge over demo data (embedded PostgreSQL in a temporary folder), takes its
// /status and up to 1,000 /history entries, and times them as `npm run bench` does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HistoryEntry, StatusResponse } from '../../bridge/contract/responses';
import { loadConfig } from '../../bridge/config/config';
import { startBridge } from '../../bridge/server';
import { freePort } from '../fixtures/free-port';
import { pluginTimes } from './plugin-figures';
import { browserTimes } from './plugin-figures-browser';

async function history(url: string, count: number): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  let cursor: string | null = null;
  while (out.length < count) {
    const body = (await (await fetch(`${url}/history?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: HistoryEntry[]; next_cursor: string | null };
    out.push(...body.items);
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  return out.slice(0, count);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-plugin-figures-'));
const config = loadConfig({
  env: { TWIN_DATA_DIR: dataDir, PORT: '0', TWIN_PG_PORT: String(await freePort()), TWIN_TIMEZONE: 'Europe/Warsaw', LOG_LEVEL: 'silent' },
  envFileDir: null,
});
const bridge = await startBridge(config, { embeddedFsync: false });
try {
  const status = (await (await fetch(`${bridge.url}/status`)).json()) as StatusResponse;
  const entries = await history(bridge.url, 1000);
  const t = await pluginTimes({ status, history: entries });
  const b = await browserTimes({ status, history: entries });
  const f = (x: number) => x.toFixed(2);
  process.stdout.write(
    [
      `plugin onload: ${f(t.onload.median)} ms median (first ${f(t.onload.first)} ms)`,
      `happy-dom: twin panel render, all budgets and charts: ${f(t.panel.median)} ms median (first ${f(t.panel.first)} ms), ${t.panel.budgets} budgets, ${t.panel.chartPoints} chart points, ${t.panel.elements} elements (target ≤ 5 ms)`,
      `happy-dom: history view, ${t.history.entries} entries: ${f(t.history.median)} ms median (first ${f(t.history.first)} ms), ${t.history.elements} elements (target ≤ 50 ms)`,
      `Chromium: twin panel render, all budgets and charts: ${f(b.panel.median)} ms median, best ${f(b.panel.best)} ms (first ${f(b.panel.first)} ms; building ${f(b.panelParts.build)} ms, style and layout ${f(b.panelParts.layout)} ms), ${b.panel.elements} elements (target ≤ 5 ms)`,
      `Chromium: history view, ${entries.length} entries: ${f(b.history.median)} ms median, best ${f(b.history.best)} ms (first ${f(b.history.first)} ms), ${b.history.elements} elements (target ≤ 50 ms)`,
      `load average: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`,
    ].join('\n') + '\n',
  );
} finally {
  await bridge.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
