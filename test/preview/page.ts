// The preview page's script (bundled for the browser by bundle.ts). It runs the real plugin
// (plugin/main.ts) on the in-memory Obsidian, one "device" per theme, opens the twin panel and the
// history view the way the plugin's commands do, and puts their elements into leaf frames styled
// with Obsidian's default light and dark theme variables. The bridge is the preview server's origin,
// which forwards /status, /history, … to the real bridge.
//
// Query parameters:
//   theme = both | light | dark            (default both: side by side)
//   view  = all | panel | history | states (default all; states: the error/loading/degraded states
//                                           drawn by the same render functions from fixture data)
//   width = sidebar | main | full | <px>   (default sidebar, 300 px: a leaf in the right sidebar)
//   day   = YYYY-MM-DD                     (the history view shows the twin on that day, as when picked)
import type { App as ObsidianApp, PluginManifest as ObsidianManifest } from 'obsidian';
import manifest from '../../manifest.json';
import type { BridgeFailure } from '../../plugin/bridge-client/bridge-client';
import { renderHistory } from '../../plugin/views/history-render';
import type { HistoryState } from '../../plugin/views/history-render';
import { HistoryView, VIEW_TYPE_HISTORY } from '../../plugin/views/history-view';
import DigitalTwinPlugin from '../../plugin/main';
import { VIEW_TYPE_TWIN_PANEL } from '../../plugin/views/twin-panel';
import { renderTwinPanel } from '../../plugin/views/twin-panel-render';
import { renderInsightsSection } from '../../plugin/views/insights-section';
import { sampleInsightsResponse } from './insights-sample';
import type { TwinSnapshot } from '../../plugin/twin/twin-store';
import { App, FileStore } from '../fixtures/obsidian/index';
import { budgetAlert, statusResponse, upcomingSample } from '../fixtures/twin-responses';

type Theme = 'light' | 'dark';
type ViewChoice = 'all' | 'panel' | 'history' | 'states';

const WIDTHS: Record<string, string> & { sidebar: string } = { sidebar: '300px', main: '700px', full: '100%' };

interface Options {
  themes: Theme[];
  view: ViewChoice;
  width: string;
  /** A day the history view shows; null for the history itself. */
  day: string | null;
}

function readOptions(search: string): Options {
  const params = new URLSearchParams(search);
  const theme = params.get('theme');
  const themes: Theme[] = theme === 'light' || theme === 'dark' ? [theme] : ['light', 'dark'];
  const v = params.get('view');
  const view: ViewChoice = v === 'panel' || v === 'history' || v === 'states' ? v : 'all';
  const w = params.get('width') ?? 'sidebar';
  const width = WIDTHS[w] ?? (/^\d+$/.test(w) ? `${w}px` : WIDTHS.sidebar);
  const day = params.get('day');
  return { themes, view, width, day: day !== null && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null };
}

/** A frame that looks like a workspace leaf in the right sidebar: holds a view's containerEl. */
function leafFrame(parent: HTMLElement, name: string, title: string, containerEl: HTMLElement): HTMLElement {
  const frame = parent.createDiv({ cls: 'workspace-leaf mod-sidebar', attr: { 'data-preview-leaf': name } });
  frame.createDiv({ cls: 'preview-leaf-label', text: title });
  const header = containerEl.querySelector('.view-header');
  if (header) header.insertBefore(createSpan({ cls: 'view-header-title', text: title }), header.firstChild);
  frame.appendChild(containerEl);
  return frame;
}

/** A leaf frame around a bare view-content element, for the states drawn without a view. */
function stateFrame(parent: HTMLElement, name: string, title: string): HTMLElement {
  const container = createDiv({ cls: 'workspace-leaf-content' });
  container.createDiv({ cls: 'view-header' });
  const content = container.createDiv({ cls: 'view-content' });
  leafFrame(parent, name, title, container);
  return content;
}

async function liveDevice(leaves: HTMLElement, opts: Options): Promise<void> {
  const app = new App(new FileStore());
  const data = { bridgeUrl: window.location.origin, apiKey: '', briefingEnabled: false, statusBarEnabled: true };
  app.pluginData.set(manifest.id, JSON.stringify(data));
  const plugin = new DigitalTwinPlugin(app as unknown as ObsidianApp, manifest as ObsidianManifest);
  plugin.load();
  await (plugin as unknown as { loading: Promise<void> }).loading;
  const open = async (type: string, name: string) => {
    await plugin.openView(type);
    const leaf = app.workspace.getLeavesOfType(type)[0];
    if (!leaf) throw new Error(`The plugin did not open a ${type} leaf.`);
    leafFrame(leaves, name, leaf.view.getDisplayText(), leaf.view.containerEl);
  };
  if (opts.view === 'all' || opts.view === 'panel') {
    await open(VIEW_TYPE_TWIN_PANEL, 'panel');
    // The panel starts its first refresh on open; wait for it (refresh() joins the running one).
    await plugin.store.refresh();
    // The Insights section asks on its first render; wait for that too (joined, not asked again).
    await plugin.insights.refresh();
  }
  if (opts.view === 'all' || opts.view === 'history') {
    await open(VIEW_TYPE_HISTORY, 'history');
    const view = app.workspace.getLeavesOfType(VIEW_TYPE_HISTORY)[0]?.view;
    if (opts.day !== null && view instanceof HistoryView) await view.showDay(opts.day);
  }
  app.workspace.setLayoutReady();
  const bar = createDiv({ cls: 'status-bar' });
  leaves.after(bar);
  bar.appendChild(app.statusBarEl());
}

/** The states a person rarely sees live, drawn by the same render functions from fixture data. */
function states(section: HTMLElement): void {
  section.createDiv({ cls: 'preview-section-title', text: 'States (fixture data, same render code)' });
  const leaves = section.createDiv({ cls: 'preview-leaves' });
  const now = new Date('2025-01-15T06:00:00.000Z');
  const offline: BridgeFailure = {
    ok: false,
    kind: 'unreachable',
    message: 'The bridge at http://127.0.0.1:5677 could not be reached (connect ECONNREFUSED 127.0.0.1:5677).',
  };
  const refused: BridgeFailure = { ok: false, kind: 'unauthorised', status: 401, message: 'The bridge refused the API key (401). Missing or wrong X-API-KEY header.' };
  const base: TwinSnapshot = { status: null, fetchedAt: null, loading: false, error: null, errorAt: null };
  const busy = statusResponse({
    computedAt: '2025-01-15T05:00:00.000Z',
    degraded: ['finance'],
    daysSinceWorkout: 8,
    expired: 2,
    mtdNet: -1234.5,
    alerts: [
      budgetAlert({
        budget_id: 'restaurants',
        alert_severity: 'CRITICAL',
        category_path: 'Lifestyle > Restaurants and takeaway food',
        budget_amount: 1200,
        actual_amount: 1610.4,
        utilization_pct: 134.2,
        recommended_action: '🚨 STOP SPENDING: Budget exceeded by 410.40 PLN',
      }),
      budgetAlert(),
      budgetAlert({
        budget_id: 'fuel',
        alert_severity: 'MEDIUM',
        category_path: 'Transport > Fuel',
        budget_amount: 950,
        actual_amount: 722.95,
        utilization_pct: 76.1,
        alert_threshold: 100,
        recommended_action: '📊 PROJECTED OVERSPEND: Current rate suggests 450.74 PLN overage',
      }),
    ],
  });
  busy.sync.last_success_at = '2025-01-14T18:00:00.000Z';
  busy.sync.last_error = 'training: canceling statement due to statement timeout';

  renderTwinPanel(stateFrame(leaves, 'state-degraded', 'Degraded source, alerts, stale sync'), { ...base, status: busy, fetchedAt: now }, now);
  renderTwinPanel(
    stateFrame(leaves, 'state-offline', 'Offline, showing last data'),
    { ...base, status: statusResponse({ upcoming: upcomingSample() }), fetchedAt: new Date(now.getTime() - 7 * 60_000), error: offline, errorAt: now },
    now,
  );
  renderTwinPanel(stateFrame(leaves, 'state-unauthorised', 'API key refused'), { ...base, error: refused, errorAt: now }, now);
  renderTwinPanel(stateFrame(leaves, 'state-loading', 'Loading'), { ...base, loading: true }, now);
  const insightsRoot = stateFrame(leaves, 'state-insights', 'Insights: a part degraded, a refresh failed');
  insightsRoot.addClass('dt-panel');
  const insights = sampleInsightsResponse((i) => {
    i.money.status = 'degraded';
    i.money.error = 'finance database unreachable (connection refused at 127.0.0.1:5432)';
    i.money.categories = [];
    i.correlations.listed = [];
  });
  const failed: BridgeFailure = { ok: false, kind: 'http', status: 500, message: 'The bridge answered 500: the bridge failed to answer; see its log.' };
  renderInsightsSection(insightsRoot, { insights, fetchedAt: new Date(now.getTime() - 20 * 60_000), loading: false, error: failed }, now);
  const history: HistoryState = { entries: [], nextCursor: null, loading: false, error: { ...offline, message: 'The bridge answered 503: history table unavailable.' } };
  renderHistory(stateFrame(leaves, 'state-history-error', 'History unavailable'), history, () => {});
}

async function main(): Promise<void> {
  const opts = readOptions(window.location.search);
  document.body.style.setProperty('--leaf-width', opts.width);
  const root = document.getElementById('preview-root');
  if (!root) throw new Error('#preview-root is missing from the page.');
  const work: Promise<void>[] = [];
  for (const theme of opts.themes) {
    const section = root.createDiv({ cls: `preview-theme theme-${theme}`, attr: { 'data-theme': theme } });
    section.createDiv({ cls: 'preview-theme-title', text: theme === 'light' ? 'Light theme' : 'Dark theme' });
    if (opts.view === 'states') states(section);
    // The live leaves' place is taken now, before the states are drawn below them.
    else work.push(liveDevice(section.createDiv({ cls: 'preview-leaves' }), opts));
    if (opts.view === 'all') states(section.createDiv({ cls: 'preview-states' }));
  }
  await Promise.all(work);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const el = document.createElement('pre');
  el.className = 'preview-error';
  el.textContent = `Preview failed: ${message}`;
  document.body.prepend(el);
  document.body.dataset.ready = 'error';
}

window.addEventListener('error', (event) => fail(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => fail(event.reason));
main().then(
  () => {
    document.body.dataset.ready ??= 'true';
  },
  fail,
);
