// Runs inside a bundle built by plugin-figures.ts ('obsidian' aliased to the in-memory Obsidian, a
// happy-dom document as the DOM): times the plugin's onload, the twin panel render of a real /status
// body (every budget bar, every chart, every list opened with "Show N more") and the history view
// render of 1,000 real /history entries; prints the figures as JSON.
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

/** The panel as a person sees it after opening every long list: the most it ever draws. */
function openedPanel(): HTMLElement {
  const el = createContainer();
  document.body.appendChild(el);
  renderTwinPanel(el, snapshot, now);
  for (const button of Array.from(el.querySelectorAll<HTMLButtonElement>('.dt-show-more'))) button.click();
  return el;
}

function timePanel(runs: number): number[] {
  const el = openedPanel();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    renderTwinPanel(el, snapshot, now);
    out.push(performance.now() - t0);
  }
  el.remove();
  return out;
}

const onload = await timeOnload(21);
const panel = timePanel(51);
const history = timeRender(11, (el) => renderHistory(el, { entries: input.history, nextCursor: 'more', loading: false, error: null }, () => {}));
const panelEl = openedPanel();
const drawn = {
  budgets: panelEl.querySelectorAll('.dt-budget').length,
  // Points of the weight and body-fat lines and bars of net per month.
  chartPoints:
    Array.from(panelEl.querySelectorAll('.dt-chart-line')).reduce((n, line) => n + (line.getAttribute('points')?.split(' ').length ?? 0), 0) +
    panelEl.querySelectorAll('.dt-chart-bar').length,
  showMore: panelEl.querySelectorAll('.dt-show-more').length,
};
if (drawn.budgets !== input.status.state.finance.budgets.length || drawn.showMore !== 0) {
  throw new Error(`the measured panel does not show everything: ${JSON.stringify(drawn)} of ${input.status.state.finance.budgets.length} budgets`);
}
const historyEl = createContainer();
renderHistory(historyEl, { entries: input.history, nextCursor: 'more', loading: false, error: null }, () => {});

process.stdout.write(
  JSON.stringify({
    onload: { first: onload[0], median: median(onload.slice(1)) },
    panel: { first: panel[0], median: median(panel.slice(1)), elements: panelEl.querySelectorAll('*').length, budgets: drawn.budgets, chartPoints: drawn.chartPoints },
    history: { first: history[0], median: median(history.slice(1)), entries: input.history.length, elements: historyEl.querySelectorAll('*').length },
  }) + '\n',
);
process.exit(0);
