// Runs inside a bundle built by plugin-figures.ts ('obsidian' aliased to the in-memory Obsidian, a
// happy-dom document as the DOM): times the plugin's onload, the twin panel render of a real /status
// body and the history view render of 1,000 real /history entries; prints the figures as JSON.
import './happy-dom-globals';
import fs from 'node:fs';
import { App, FileStore, createContainer } from '../fixtures/obsidian/index';
import { startDevice, stopDevice } from '../fixtures/plugin-harness';
import type { HistoryEntry, StatusResponse } from '../../bridge/contract/responses';
import { renderHistory } from '../../plugin/views/history-render';
import { renderTwinPanel } from '../../plugin/views/twin-panel-render';

interface Input {
  status: StatusResponse;
  history: HistoryEntry[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeOnload(runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const app = new App(new FileStore());
    const t0 = performance.now();
    const device = await startDevice({ app });
    out.push(performance.now() - t0);
    stopDevice(device);
  }
  return out;
}

function timeRender(runs: number, render: (el: HTMLElement) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const el = createContainer();
    document.body.appendChild(el);
    const t0 = performance.now();
    render(el);
    out.push(performance.now() - t0);
    el.remove();
  }
  return out;
}

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Input;
const now = new Date(input.status.computed_at);
const snapshot = { status: input.status, fetchedAt: now, loading: false, error: null, errorAt: null };

const onload = await timeOnload(21);
const panel = timeRender(51, (el) => renderTwinPanel(el, snapshot, now));
const history = timeRender(11, (el) => renderHistory(el, { entries: input.history, nextCursor: 'more', loading: false, error: null }, () => {}));
const panelEl = createContainer();
renderTwinPanel(panelEl, snapshot, now);
const historyEl = createContainer();
renderHistory(historyEl, { entries: input.history, nextCursor: 'more', loading: false, error: null }, () => {});

process.stdout.write(
  JSON.stringify({
    onload: { first: onload[0], median: median(onload.slice(1)) },
    panel: { first: panel[0], median: median(panel.slice(1)), elements: panelEl.querySelectorAll('*').length },
    history: { first: history[0], median: median(history.slice(1)), entries: input.history.length, elements: historyEl.querySelectorAll('*').length },
  }) + '\n',
);
process.exit(0);
