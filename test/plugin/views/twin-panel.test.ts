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
import { budgetAlert, statusResponse } from '../../fixtures/twin-responses';

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
    expect(texts(el, '.dt-badge')).toEqual(['HIGH', 'CRITICAL']);
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

describe('twin panel view and status bar', () => {
  let fake: FakeBridge;
  const devices: Device[] = [];
  beforeAll(async () => {
    fake = await startFakeBridge(statusResponse());
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.status = statusResponse();
    fake.requests = [];
    fake.apiKey = null;
  });
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

  it('cleans up on unload: no more listeners fire', async () => {
    const d = await device({ briefingEnabled: true });
    d.clock.set(new Date(2025, 0, 15, 9, 0));
    stopDevice(d);
    devices.splice(devices.indexOf(d), 1);
    window.dispatchEvent(new Event('focus'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(d.app.vault.getFileByPath('01_Daily_Notes/2025-01-15.md')).toBeNull();
    expect(d.app.commands.commands['digital-twin:open-panel']).toBeUndefined();
  });
});
