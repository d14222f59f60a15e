// Runs in Chromium (bundled by plugin-figures-browser.ts with the in-memory Obsidian as `obsidian`):
// times the twin panel render, every list opened, and the history view render of the given entries,
// in the browser engine Obsidian itself runs on.
import type { HistoryEntry, StatusResponse } from '../../bridge/contract/responses';
import { createContainer } from '../fixtures/obsidian/index';
import { renderHistory } from '../../plugin/views/history-render';
import { renderTwinPanel } from '../../plugin/views/twin-panel-render';

export interface BrowserInput {
  status: StatusResponse;
  history: HistoryEntry[];
  panelRuns: number;
  historyRuns: number;
}

/** `best` is the fastest run: on a shared, loaded machine the closest to the cost of the work itself. */
export interface BrowserTimes {
  panel: { first: number; median: number; best: number; elements: number };
  /** Medians of the two parts of a panel render: building the elements, then style and layout. */
  panelParts: { build: number; layout: number };
  history: { first: number; median: number; best: number; elements: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Runs {
  totals: number[];
  /** Building the elements, and the style and layout that the forced layout then does. */
  builds: number[];
  layouts: number[];
}

/** Each run ends with a forced layout, so the time includes the browser's style and layout work. */
function timeRuns(runs: number, el: HTMLElement, render: () => void): Runs {
  const out: Runs = { totals: [], builds: [], layouts: [] };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    render();
    const t1 = performance.now();
    void el.offsetHeight;
    const t2 = performance.now();
    out.totals.push(t2 - t0);
    out.builds.push(t1 - t0);
    out.layouts.push(t2 - t1);
  }
  return out;
}

function measure(input: BrowserInput): BrowserTimes {
  const now = new Date(input.status.computed_at);
  const snapshot = { status: input.status, fetchedAt: now, loading: false, error: null, errorAt: null };
  const panelEl = createContainer();
  panelEl.addClass('view-content');
  document.body.appendChild(panelEl);
  renderTwinPanel(panelEl, snapshot, now);
  for (const button of Array.from(panelEl.querySelectorAll<HTMLButtonElement>('.dt-show-more'))) button.click();
  const panel = timeRuns(input.panelRuns, panelEl, () => renderTwinPanel(panelEl, snapshot, now));
  const historyEl = createContainer();
  document.body.appendChild(historyEl);
  const state = { entries: input.history, nextCursor: 'more', loading: false, error: null };
  const history = timeRuns(input.historyRuns, historyEl, () => renderHistory(historyEl, state, () => {}));
  const p = panel.totals;
  const h = history.totals;
  return {
    panel: { first: p[0], median: median(p.slice(1)), best: Math.min(...p), elements: panelEl.querySelectorAll('*').length },
    panelParts: { build: median(panel.builds.slice(1)), layout: median(panel.layouts.slice(1)) },
    history: { first: h[0], median: median(h.slice(1)), best: Math.min(...h), elements: historyEl.querySelectorAll('*').length },
  };
}

(window as unknown as { measureRenders: typeof measure }).measureRenders = measure;
