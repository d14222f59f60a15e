// @vitest-environment happy-dom
// On a phone: no status bar and so no polling for one, auto-refresh only while the twin panel is
// really shown (a deferred leaf or a collapsed sidebar is not), the "bridge offline" notice at most
// once a day across restarts, and retries of an unwritten briefing that back off.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RETRY_DELAYS_MINUTES, RetryBackoff } from '../../plugin/daily-note/briefing-retry';
import { VIEW_TYPE_TWIN_PANEL } from '../../plugin/views/twin-panel';
import { startFakeBridge } from '../fixtures/fake-bridge';
import type { FakeBridge } from '../fixtures/fake-bridge';
import { App, Notice, Platform } from '../fixtures/obsidian/index';
import { deviceFleet, FakeClock, stopDevice } from '../fixtures/plugin-harness';
import type { Device } from '../fixtures/plugin-harness';
import { statusResponse } from '../fixtures/twin-responses';

const at = (h: number, m = 0, day = 15) => new Date(2025, 0, day, h, m);
let fake: FakeBridge;
const statusRequests = () => fake.requests.filter((r) => r.path === '/status').length;

const fleet = deviceFleet(() => ({ clock: new FakeClock(at(9, 0)), data: { bridgeUrl: fake.url } }));
const device = fleet.start;

/** Minute ticks from now for `minutes` minutes. */
async function runMinutes(d: Device, minutes: number): Promise<void> {
  for (let i = 0; i < minutes; i++) {
    d.clock.advance(60_000);
    await d.plugin.onTick();
    // A refresh the tick started runs in the background; let it finish before the next minute.
    await vi.waitFor(() => expect(d.plugin.store.snapshot.loading).toBe(false));
  }
}

beforeAll(async () => {
  fake = await startFakeBridge(statusResponse());
});
afterAll(() => fake.close());
beforeEach(() => {
  Notice.reset();
  fake.reset();
  Platform.isMobile = true;
});
afterEach(() => {
  fleet.stopAll();
  Platform.isMobile = false;
});

describe('auto-refresh on mobile', () => {
  it('does not poll when nothing shows the twin: no status bar on mobile, no panel open', async () => {
    const d = await device({ data: { briefingEnabled: false, refreshIntervalMinutes: 1 } });
    expect(d.app.statusBarEl().querySelector('.dt-status-bar')).toBeNull();
    await runMinutes(d, 30);
    // A wake from sleep with nothing on screen does not fetch either.
    d.clock.advance(3 * 60 * 60_000);
    await d.plugin.onTick();
    expect(statusRequests()).toBe(0);
  });

  it('refreshes while the panel is shown, not while its sidebar is collapsed', async () => {
    const d = await device({ data: { briefingEnabled: false, refreshIntervalMinutes: 5 } });
    await d.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    await vi.waitFor(() => expect(d.plugin.store.snapshot.loading).toBe(false));
    const opened = statusRequests();
    await runMinutes(d, 10);
    expect(statusRequests()).toBe(opened + 2);

    d.app.workspace.fixtureCollapseSide('right', true);
    await runMinutes(d, 30);
    expect(statusRequests()).toBe(opened + 2);
  });

  it('counts a deferred panel as not visible until it is revealed', async () => {
    const d = await device({ data: { briefingEnabled: false, refreshIntervalMinutes: 5 } });
    const leaf = d.app.workspace.getRightLeaf(false);
    leaf?.fixtureDefer(VIEW_TYPE_TWIN_PANEL);
    expect(d.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)).toHaveLength(1);
    await runMinutes(d, 30);
    expect(statusRequests()).toBe(0);

    await d.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    expect(leaf?.isDeferred).toBe(false);
    await vi.waitFor(() => expect(d.plugin.store.snapshot.loading).toBe(false));
    const revealed = statusRequests();
    await runMinutes(d, 5);
    expect(statusRequests()).toBeGreaterThan(revealed);
  });
});

describe('the bridge offline at briefing time', () => {
  it('says so at most once a day, remembered across restarts', async () => {
    fake.mode = '500';
    const app = new App();
    const first = await device({ app, clock: new FakeClock(at(6, 0)) });
    await first.plugin.onTick();
    expect(Notice.messages).toHaveLength(1);
    stopDevice(first);

    const second = await device({ app, clock: new FakeClock(at(8, 0)), layoutReady: true });
    await second.plugin.onTick();
    await second.plugin.onTrigger('focus');
    expect(Notice.messages).toHaveLength(1);
    stopDevice(second);

    const nextDay = await device({ app, clock: new FakeClock(at(6, 30, 16)) });
    await nextDay.plugin.onTick();
    expect(Notice.messages).toHaveLength(2);
  });

  it('retries after 1, 2, 5 and 15 minutes, not every minute', async () => {
    fake.mode = '500';
    const d = await device({ clock: new FakeClock(at(5, 59)), data: { refreshIntervalMinutes: 0 } });
    await runMinutes(d, 31); // 06:00 … 06:30
    // Attempts at 06:00, 06:01, 06:03, 06:08 and 06:23.
    expect(statusRequests()).toBe(5);

    fake.mode = 'ok';
    await runMinutes(d, 30); // the next attempt, at 06:53, writes the note
    expect(statusRequests()).toBe(6);
    expect(d.app.vault.store.readFile('2025-01-15.md')).toContain('%%BRIEFING_START%%');
  });

  it('back-off starts over on a new day', () => {
    const backoff = new RetryBackoff();
    const t0 = at(23, 50).getTime();
    for (let i = 0; i < RETRY_DELAYS_MINUTES.length + 2; i++) backoff.failed(t0, '2025-01-15');
    expect(backoff.mayTry(t0 + 30 * 60_000, '2025-01-15')).toBe(false);
    expect(backoff.mayTry(t0 + 11 * 60_000, '2025-01-16')).toBe(true);
  });
});
