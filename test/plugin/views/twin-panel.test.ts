// @vitest-environment happy-dom
// The twin panel: rendering of every state from contract-shaped responses, and the view in a leaf.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeFailure } from '../../../plugin/bridge-client/bridge-client';
import { VIEW_TYPE_TWIN_PANEL } from '../../../plugin/views/twin-panel';
import { renderTwinPanel } from '../../../plugin/views/twin-panel-render';
import { EMPTY_SNAPSHOT } from '../../../plugin/twin/twin-store';
import type { TwinSnapshot } from '../../../plugin/twin/twin-store';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { Platform, createContainer } from '../../fixtures/obsidian/index';
import { startDevice, stopDevice } from '../../fixtures/plugin-harness';
import type { Device } from '../../fixtures/plugin-harness';
import type { BudgetLine } from '../../../bridge/contract/twin-state';
import type { StatusResponse } from '../../../bridge/contract/responses';
import { barGeometry } from '../../../plugin/views/budget-bars';
import { nearest } from '../../../plugin/views/small-chart';
import { domainTiles } from '../../../plugin/views/domain-tiles';
import { collectAlerts } from '../../../plugin/twin/twin-alerts';
import { budgetAlert, budgetLineOf, statusResponse } from '../../fixtures/twin-responses';

const now = new Date('2025-01-15T05:10:00.000Z');
const offline: BridgeFailure = { ok: false, kind: 'unreachable', message: 'The bridge at http://127.0.0.1:5677 could not be reached (ECONNREFUSED).' };

function render(snapshot: Partial<TwinSnapshot>): HTMLElement {
  const el = createContainer();
  renderTwinPanel(el, { ...EMPTY_SNAPSHOT, ...snapshot }, now);
  return el;
}

const texts = (el: HTMLElement, selector: string) => Array.from(el.querySelectorAll(selector)).map((e) => e.textContent ?? '');

describe('twin panel rendering', () => {
  it('shows loading before any data', () => {
    const el = render({ loading: true });
    expect(el.querySelector('.dt-state-loading')?.textContent).toBe('Loading the twin…');
    expect(el.querySelector('.dt-health')).toBeNull();
  });

  it('shows health, finance, pantry and freshness of a full state', () => {
    const status = statusResponse({ alerts: [budgetAlert(), budgetAlert({ budget_id: 'fun', alert_severity: 'CRITICAL', category_path: 'Lifestyle > Fun', utilization_pct: 120, recommended_action: '🚨 STOP SPENDING: Budget exceeded by 40.00 PLN' })] });
    const el = render({ status, fetchedAt: now });
    const rows = texts(el, '.dt-row');
    expect(rows).toContain('Weight82.4 kg · losing');
    expect(rows).toContain('Body fat18.2 %');
    expect(rows).toContain('Since last workout1 day');
    expect(rows).toContain('Net this month+2,450 PLN');
    expect(el.querySelector('.dt-suggestion')?.textContent).toBe('Rest day');
    expect(texts(el, '.dt-badge')).toEqual(['Over budget', 'High']);
    expect(texts(el, '.dt-alert-action')).toContain('🚨 STOP SPENDING: Budget exceeded by 40.00 PLN');
    expect(el.querySelector('.dt-severity-critical')).not.toBeNull();
    expect(texts(el, '.dt-pantry li')).toEqual(['Mleko: 0.5 l (min 1)', 'Jajka: 2 szt (min 6)', 'Ser (Lodowka): in 3 days']);
    expect(el.querySelector('.dt-computed .dt-value')?.textContent).toContain('10 min ago');
    expect(el.querySelector('.dt-sync')?.classList.contains('dt-stale')).toBe(false);
    expect(el.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('formats a negative month with sign, separator and cents', () => {
    const el = render({ status: statusResponse({ mtdNet: -12345.5 }), fetchedAt: now });
    expect(el.querySelector('.dt-finance .dt-negative .dt-value')?.textContent).toBe('-12,345.50 PLN');
  });

  it('says so when offline, and keeps the last data with its age', () => {
    const el = render({ status: statusResponse(), fetchedAt: new Date(now.getTime() - 25 * 60_000), error: offline, errorAt: now });
    expect(el.querySelector('.dt-state-offline .dt-state-title')?.textContent).toBe('Offline');
    expect(el.querySelector('.dt-last-data')?.textContent).toContain('25 min ago');
    expect(el.querySelector('.dt-health')).not.toBeNull();
  });

  it('says so when the key is refused', () => {
    const el = render({ error: { ok: false, kind: 'unauthorised', status: 401, message: 'refused' } });
    expect(el.querySelector('.dt-state-unauthorised .dt-state-title')?.textContent).toBe('The bridge refused the API key');
  });

  it('marks a degraded domain and still shows the others', () => {
    const el = render({ status: statusResponse({ degraded: ['finance'] }), fetchedAt: now });
    const finance = el.querySelector('.dt-finance');
    expect(finance?.classList.contains('dt-degraded')).toBe(true);
    expect(finance?.querySelector('.dt-degraded-note')?.textContent).toContain('finance database unreachable');
    expect(el.querySelector('.dt-health')?.classList.contains('dt-degraded')).toBe(false);
  });

  it('shows stale sync honestly', () => {
    const status = statusResponse();
    status.sync.last_success_at = '2025-01-14T05:00:00.000Z';
    status.sync.last_error = 'finance: timeout';
    status.sync.last_history_write_at = null;
    const el = render({ status, fetchedAt: now });
    expect(el.querySelector('.dt-sync')?.classList.contains('dt-stale')).toBe(true);
    expect(el.querySelector('.dt-history-write .dt-value')?.textContent).toBe('never');
    expect(el.querySelector('.dt-sync-error')?.textContent).toContain('finance: timeout');
  });

  it('handles a state with no data at all', () => {
    const status = statusResponse({ daysSinceWorkout: null, mtdNet: null });
    status.state.health.bodyweight_kg = null;
    status.state.health.bodyfat_pct = null;
    const el = render({ status, fetchedAt: now });
    expect(texts(el, '.dt-row')).toContain('Weight—');
    expect(texts(el, '.dt-row')).toContain('Since last workoutno workouts yet');
  });
});

// In the database function's order: priority first (Critical, High, Medium), so the worst is not first.
const fnOrder = [
  budgetAlert({ budget_id: 'cinema', alert_severity: 'MEDIUM', category_path: 'Fun > Cinema', priority: 'Critical', utilization_pct: 40, actual_amount: 120, budget_amount: 300, recommended_action: '📊 PROJECTED OVERSPEND: Current rate suggests 20.00 PLN overage' }),
  budgetAlert({ budget_id: 'fuel', alert_severity: 'HIGH', category_path: 'Transport > Fuel', priority: 'High', utilization_pct: 91.67 }),
  budgetAlert({ budget_id: 'food', alert_severity: 'HIGH', category_path: 'Lifestyle > Groceries', priority: 'Medium', utilization_pct: 95 }),
  budgetAlert({ budget_id: 'fun', alert_severity: 'CRITICAL', category_path: 'Lifestyle > Fun', priority: 'Low', utilization_pct: 120, actual_amount: 1200, budget_amount: 1000, alert_threshold: 80, recommended_action: '🚨 STOP SPENDING: Budget exceeded by 200.00 PLN' }),
];
const quiet = (id: string, utilization: number): BudgetLine => ({
  ...budgetLineOf(budgetAlert({ budget_id: id, category_path: `Home > ${id}`, utilization_pct: utilization, actual_amount: utilization * 10, budget_amount: 1000, alert_threshold: 100 })),
  alert_severity: null,
});

describe('at a glance', () => {
  it('shows three tiles with a status word, the key figure and the thing to do today', () => {
    const status = statusResponse({ alerts: fnOrder, daysSinceWorkout: 7 });
    const el = render({ status, fetchedAt: now });
    const tiles = Array.from(el.querySelectorAll('.dt-tile'));
    expect(tiles.map((t) => t.querySelector('.dt-tile-title')?.textContent)).toEqual(['Health', 'Finance', 'Pantry']);
    expect(texts(el, '.dt-tile-status')).toEqual(['Alert', 'Alert', 'Attention']);
    expect(tiles.map((t) => Array.from(t.classList).find((c) => c.startsWith('dt-level-')))).toEqual(['dt-level-alert', 'dt-level-alert', 'dt-level-attention']);
    expect(texts(el, '.dt-tile-figure')).toEqual(['82.4 kg · 18.2 % fat', '+2,450 PLN this month', '2 low · 1 expiring this week']);
    expect(texts(el, '.dt-tile-todo')).toEqual(['Train today: 7 days since the last workout', 'Stop spending in Fun', 'Buy Mleko, Jajka']);
    expect(tiles[0]?.getAttribute('aria-label')).toBe('Health: Alert');
  });

  it('words every level: ok, attention, alert, degraded', () => {
    const calm = statusResponse({ daysSinceWorkout: 1 });
    calm.state.pantry = { ...calm.state.pantry, low_stock: [], low_stock_items: [], low_stock_count: 0, expiring: [], expiring_count: 0 };
    expect(domainTiles(calm).map((t) => [t.level, t.todo])).toEqual([
      ['ok', 'Rest day'],
      ['ok', 'No budget alerts'],
      ['ok', 'Nothing to buy'],
    ]);
    const medium = statusResponse({ alerts: [fnOrder[0]!], expired: 2 });
    expect(domainTiles(medium).map((t) => t.level)).toEqual(['ok', 'attention', 'alert']);
    expect(domainTiles(medium)[1]?.todo).toBe('Spend less in Cinema to stay in budget');
    const high = statusResponse({ alerts: [fnOrder[1]!] });
    expect(domainTiles(high)[1]?.todo).toBe('Slow down in Fuel: 6.25 PLN a day');
    const degraded = statusResponse({ degraded: ['pantry'] });
    expect(domainTiles(degraded)[2]).toMatchObject({ level: 'degraded', todo: 'Buy Mleko, Jajka' });
    degraded.state.pantry.as_of = null;
    expect(domainTiles(degraded)[2]).toMatchObject({ level: 'degraded', figure: 'Unavailable', todo: 'Check the bridge' });
  });

  it('orders budgets worst first: CRITICAL, HIGH, MEDIUM, then the rest, by utilisation within each', () => {
    const budgets = [quiet('rent', 50), ...fnOrder.map((a) => budgetLineOf(a)), quiet('water', 80)];
    const el = render({ status: statusResponse({ alerts: fnOrder, budgets }), fetchedAt: now });
    expect(texts(el, '.dt-budget-category')).toEqual(['Lifestyle > Fun', 'Lifestyle > Groceries', 'Transport > Fuel', 'Fun > Cinema', 'Home > water', 'Home > rent']);
    expect(texts(el, '.dt-budget .dt-badge')).toEqual(['Over budget', 'High', 'High', 'Projected over', 'OK', 'OK']);
    // The alert's own advice sits under its bar.
    expect(el.querySelector('.dt-severity-critical .dt-alert-action')?.textContent).toBe('🚨 STOP SPENDING: Budget exceeded by 200.00 PLN');
    // A bridge without budget bars: the alert list, in the same order.
    const old = statusResponse({ alerts: fnOrder, budgets: [] });
    expect(texts(render({ status: old, fetchedAt: now }), '.dt-alert-item .dt-badge')).toEqual(['CRITICAL', 'HIGH', 'HIGH', 'MEDIUM']);
    // The status bar's list too.
    expect(collectAlerts(statusResponse({ alerts: fnOrder, expired: 1, daysSinceWorkout: 9 })).map((a) => a.text)).toEqual([
      'Lifestyle > Fun: 120% of budget',
      'Lifestyle > Groceries: 95% of budget',
      'Transport > Fuel: 91.67% of budget',
      'Training overdue: 9 days since the last workout',
      '1 expired pantry item',
    ]);
  });

  it('draws a bar with spent, an overspend past the budget end, the pace tick and the threshold, and says the figures', () => {
    const over = { ...budgetLineOf(fnOrder[3]!, 48.39) };
    const el = render({ status: statusResponse({ alerts: [fnOrder[3]!], budgets: [over] }), fetchedAt: now });
    const bar = el.querySelector('.dt-budget svg.dt-bar');
    const attr = (sel: string, name: string) => Number(bar?.querySelector(sel)?.getAttribute(name));
    // 120 % spent: the bar reaches 120 %, so the budget ends at 100/120 of its width.
    // Spent fills the budget's part, so no track shows beneath it.
    expect(bar?.querySelector('.dt-bar-track')).toBeNull();
    expect(attr('.dt-bar-spent', 'width')).toBeCloseTo(83.33, 2);
    expect(attr('.dt-bar-over', 'x')).toBeCloseTo(83.33, 2);
    expect(attr('.dt-bar-over', 'width')).toBeCloseTo(16.67, 2);
    expect(attr('.dt-bar-pace', 'x1')).toBeCloseTo((48.39 / 120) * 100, 2);
    expect(attr('.dt-bar-threshold', 'x1')).toBeCloseTo((80 / 120) * 100, 2);
    expect(el.querySelector('.dt-budget-figures')?.textContent).toBe('1,200 PLN of 1,000 PLN (120 %) · 200 PLN over');
    const label = 'Lifestyle > Fun: 1,200 PLN of 1,000 PLN (120 %) · 200 PLN over; 48.4 % of the month gone, alert at 80 %';
    expect(bar?.getAttribute('aria-label')).toBe(label);
    expect(bar?.querySelector('title')?.textContent).toBe(label);

    // Within budget: no overspend part, the budget fills the width, what is left is said.
    const within = barGeometry({ utilization_pct: 30, month_elapsed_pct: 50, alert_threshold: 90 });
    expect(within).toEqual({ budgetEnd: 100, spent: 30, over: 0, pace: 50, threshold: 90, clipped: false });
    const calm = render({ status: statusResponse({ budgets: [quiet('rent', 30)] }), fetchedAt: now });
    expect(calm.querySelector('.dt-bar-over')).toBeNull();
    expect(calm.querySelector('.dt-bar-track')?.getAttribute('width')).toBe('100.00');
    expect(calm.querySelector('.dt-bar-spent')?.getAttribute('width')).toBe('30.00');
    expect(calm.querySelector('.dt-budget-figures')?.textContent).toBe('300 PLN of 1,000 PLN (30 %) · 700 PLN left');
    // Far over: the bar stops at 150 % and says so in its figures.
    expect(barGeometry({ utilization_pct: 400, month_elapsed_pct: 10, alert_threshold: 200 })).toMatchObject({ budgetEnd: (100 / 150) * 100, over: 100 - (100 / 150) * 100, threshold: null, clipped: true });
  });

  it('says when the briefing could not be written, above the data, and says nothing when it could', () => {
    const issue = '01_Daily_Notes/2025-01-15.md has a start marker without an end marker.';
    const el = render({ status: statusResponse(), fetchedAt: now, briefingIssue: issue });
    expect(texts(el, '.dt-state-briefing .dt-state-title')).toEqual(['Briefing not written']);
    expect(texts(el, '.dt-state-briefing .dt-state-detail')).toEqual([issue]);
    expect(el.querySelector('.dt-state-briefing')?.compareDocumentPosition(el.querySelector('.dt-finance') as Node)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(render({ status: statusResponse(), fetchedAt: now }).querySelector('.dt-state-briefing')).toBeNull();
  });

  it('shows five of a long list and a "Show N more" button that opens the rest and keeps it open', () => {
    const status = statusResponse();
    status.state.pantry.low_stock = Array.from({ length: 9 }, (_, i) => ({ product: `P${i + 1}`, quantity: 0, unit: 'szt', critical_threshold: 1, locations: [] }));
    const el = createContainer();
    document.body.appendChild(el);
    renderTwinPanel(el, { ...EMPTY_SNAPSHOT, status, fetchedAt: now }, now);
    const low = () => texts(el.querySelector('.dt-pantry .dt-list') as HTMLElement, 'li');
    expect(low()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5'].map((p) => `${p}: 0 szt (min 1)`));
    const button = el.querySelector<HTMLButtonElement>('.dt-pantry .dt-show-more');
    expect(button?.tagName).toBe('BUTTON');
    expect(button?.textContent).toBe('Show 4 more');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    button?.click();
    expect(low()).toHaveLength(9);
    expect(el.querySelector('.dt-pantry .dt-show-more')).toBeNull();
    // The keyboard lands on the first item that appeared.
    expect(document.activeElement?.textContent).toBe('P6: 0 szt (min 1)');
    // A refresh redraws the panel; what was opened stays open.
    renderTwinPanel(el, { ...EMPTY_SNAPSHOT, status, fetchedAt: now }, now);
    expect(low()).toHaveLength(9);
    el.remove();
    // Six items are shown whole: "Show 1 more" would take the room of the item.
    status.state.pantry.low_stock = status.state.pantry.low_stock.slice(0, 6);
    const six = render({ status, fetchedAt: now });
    expect(texts(six.querySelector('.dt-pantry .dt-list') as HTMLElement, 'li')).toHaveLength(6);
    expect(six.querySelector('.dt-show-more')).toBeNull();
  });

  it('draws weight, body fat and net per month with their scale, and the value of each point on hover, by keyboard and for screen readers', () => {
    const el = createContainer();
    document.body.appendChild(el);
    renderTwinPanel(el, { ...EMPTY_SNAPSHOT, status: statusResponse(), fetchedAt: now }, now);
    const weight = el.querySelector('.dt-chart-weight') as HTMLElement;
    expect(weight.querySelector('.dt-chart-title')?.textContent).toBe('Weight, 90 days82.4 kg');
    expect(weight.querySelector('.dt-chart-max')?.textContent).toBe('84.2 kg');
    expect(weight.querySelector('.dt-chart-min')?.textContent).toBe('82.4 kg');
    expect(texts(weight, '.dt-chart-x span')).toEqual(['2024-10-22', '2025-01-14']);
    expect(weight.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(13);
    const svg = weight.querySelector('svg') as SVGSVGElement;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('tabindex')).toBe('0');
    expect(svg.getAttribute('aria-label')).toBe(
      'Weight, 90 days, 13 points from 2024-10-22 to 2025-01-14: lowest 82.4 kg, highest 84.2 kg, latest 82.4 kg. Arrow keys move along the points.',
    );
    // Every value is the drawing's description: a hidden element it points to, never laid out.
    const description = (chart: HTMLElement) => {
      const id = chart.querySelector('svg')?.getAttribute('aria-describedby') ?? '';
      const target = id === '' ? null : document.getElementById(id);
      expect(target?.hidden).toBe(true);
      expect(chart.contains(target)).toBe(true);
      return target?.textContent ?? '';
    };
    const sr = description(weight);
    expect(sr.startsWith('Values: 2024-10-22 84.2 kg; 2024-10-29 ')).toBe(true);
    expect(sr.split('; ')).toHaveLength(13);

    // Keyboard: from the latest point back along the line; the marker follows, the readout says the value.
    const readout = weight.querySelector('.dt-chart-readout') as HTMLElement;
    const marker = weight.querySelector('.dt-chart-marker') as SVGCircleElement;
    expect(readout.getAttribute('aria-live')).toBe('polite');
    expect(marker.classList.contains('dt-hidden')).toBe(true);
    svg.focus();
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(readout.textContent).toBe('2025-01-07: 82.5 kg');
    expect(marker.classList.contains('dt-hidden')).toBe(false);
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    expect(readout.textContent).toBe('2024-10-22: 84.2 kg');
    expect(Number(marker.getAttribute('cx'))).toBe(4);
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(readout.textContent).toBe('2024-10-22: 84.2 kg');
    svg.dispatchEvent(new Event('blur'));
    expect(readout.textContent).toBe('82.4 kg');
    expect(el.querySelector('.dt-chart-bodyfat .dt-chart-max')?.textContent).toBe('19.4 %');

    const net = el.querySelector('.dt-chart-net') as HTMLElement;
    const bars = Array.from(net.querySelectorAll('rect.dt-chart-bar'));
    expect(bars).toHaveLength(12);
    expect(net.querySelectorAll('.dt-chart-bar-negative')).toHaveLength(2);
    // Bars grow from zero, so the scale runs from the lowest month (below zero) to the highest.
    expect(net.querySelector('.dt-chart-max')?.textContent).toBe('+2.8k PLN');
    expect(net.querySelector('.dt-chart-min')?.textContent).toBe('-1.2k PLN');
    expect(texts(net, '.dt-chart-x span')).toEqual(['2024-02', '2025-01']);
    expect(description(net)).toContain('2024-11 -1,200 PLN');
    expect(description(net)).not.toBe(description(weight));
    net.querySelector('svg')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' }));
    expect(net.querySelector('.dt-chart-readout')?.textContent).toBe('2024-02: +2,300 PLN');
    expect(el.querySelectorAll('[style]')).toHaveLength(0);
    el.remove();
  });

  it('picks the point nearest the pointer', () => {
    expect(nearest([4, 50, 100, 296], 0)).toBe(0);
    expect(nearest([4, 50, 100, 296], 80)).toBe(2);
    expect(nearest([4, 50, 100, 296], 300)).toBe(3);
  });
});

describe('twin panel view and status bar', () => {
  let fake: FakeBridge;
  const devices: Device[] = [];
  beforeAll(async () => {
    fake = await startFakeBridge(statusResponse());
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());
  afterEach(() => {
    Platform.isMobile = false;
    for (const d of devices.splice(0)) stopDevice(d);
  });

  async function device(data: Record<string, unknown> = {}) {
    const d = await startDevice({ data: { bridgeUrl: fake.url, ...data } });
    devices.push(d);
    return d;
  }

  it('opens in the right sidebar, once, and refreshes from its header action', async () => {
    const d = await device();
    d.app.commands.executeCommandById('digital-twin:open-panel');
    await vi.waitFor(() => expect(d.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)).toHaveLength(1));
    const leaf = d.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)[0];
    expect(leaf?.side).toBe('right');
    const content = (leaf?.view as unknown as { contentEl: HTMLElement }).contentEl;
    await vi.waitFor(() => expect(content.querySelector('.dt-health')).not.toBeNull());

    await d.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    expect(d.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)).toHaveLength(1);

    fake.status = statusResponse({ degraded: ['pantry'] });
    const action = (leaf?.view as unknown as { actionsEl: HTMLElement }).actionsEl.querySelector<HTMLElement>('[aria-label="Refresh"]');
    action?.click();
    await vi.waitFor(() => expect(content.querySelector('.dt-pantry.dt-degraded')).not.toBeNull());
  });

  it('shows the state in the status bar, and hides it when turned off', async () => {
    const d = await device();
    const bar = () => d.app.statusBarEl().querySelector<HTMLElement>('.dt-status-bar');
    await d.plugin.store.refresh();
    expect(bar()?.textContent).toBe('Twin ✓');

    fake.status = statusResponse({ alerts: [budgetAlert()], expired: 1 });
    await d.plugin.store.refresh();
    expect(bar()?.textContent).toBe('Twin: 2 alerts');

    fake.apiKey = 'k';
    await d.plugin.store.refresh();
    expect(bar()?.textContent).toBe('Twin: key refused');

    d.plugin.settings.statusBarEnabled = false;
    await d.plugin.saveSettings();
    expect(bar()?.classList.contains('dt-hidden')).toBe(true);
  });

  it('shows offline in the status bar', async () => {
    const d = await device({ bridgeUrl: 'http://127.0.0.1:9' });
    await d.plugin.store.refresh();
    expect(d.app.statusBarEl().querySelector('.dt-status-bar')?.textContent).toBe('Twin offline');
  });

  it('adds no status bar item on mobile', async () => {
    Platform.isMobile = true;
    const d = await device();
    expect(d.app.statusBarEl().querySelector('.dt-status-bar')).toBeNull();
  });

  it('refreshes on the configured interval, and not when it is 0', async () => {
    const d = await device({ refreshIntervalMinutes: 5, briefingEnabled: false });
    await d.plugin.store.refresh();
    const count = () => fake.requests.filter((r) => r.path === '/status').length;
    const before = count();
    d.clock.advance(60_000);
    await d.plugin.onTick();
    expect(count()).toBe(before);
    d.clock.advance(4 * 60_000);
    await d.plugin.onTick();
    await vi.waitFor(() => expect(count()).toBe(before + 1));

    const off = await device({ refreshIntervalMinutes: 0, briefingEnabled: false });
    await off.plugin.store.refresh();
    const offBefore = count();
    off.clock.advance(60 * 60_000);
    await off.plugin.onTick();
    await off.plugin.onTick();
    expect(count()).toBe(offBefore);
  });

  it.each([
    ['no api_version', undefined, true],
    ['0.9.0', '0.9.0', true],
    ['1.0.0', '1.0.0', true],
    ['1.1.0', '1.1.0', false],
    ['1.2.0', '1.2.0', false],
  ])('with a bridge reporting %s, names an old one with its upgrade and keeps the figures', async (_, apiVersion, old) => {
    const status = statusResponse();
    if (apiVersion === undefined) delete (status as Partial<StatusResponse>).api_version;
    else status.api_version = apiVersion;
    fake.status = status;
    const d = await device();
    d.app.commands.executeCommandById('digital-twin:open-panel');
    await vi.waitFor(() => expect(d.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)).toHaveLength(1));
    const content = (d.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)[0]?.view as unknown as { contentEl: HTMLElement }).contentEl;
    await vi.waitFor(() => expect(content.querySelector('.dt-health')).not.toBeNull());
    const note = content.querySelector('.dt-state-upgrade');
    if (!old) {
      expect(note).toBeNull();
      return;
    }
    expect(note?.textContent).toContain(apiVersion === undefined ? 'no API version' : `API ${apiVersion}`);
    expect(texts(content, '.dt-upgrade-commands code')).toEqual(['npm install digital-twin@latest', 'git pull && npm install']);
    expect(texts(content, '.dt-row')).toContain('Weight82.4 kg · losing');
  });

  it('cleans up on unload: no more listeners fire', async () => {
    const d = await device({ briefingEnabled: true });
    d.clock.set(new Date(2025, 0, 15, 9, 0));
    stopDevice(d);
    devices.splice(devices.indexOf(d), 1);
    window.dispatchEvent(new Event('focus'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(d.app.vault.getMarkdownFiles().filter((f) => f.basename === '2025-01-15')).toEqual([]);
    expect(d.app.commands.commands['digital-twin:open-panel']).toBeUndefined();
  });
});
