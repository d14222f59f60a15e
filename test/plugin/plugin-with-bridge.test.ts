// The plugin against a real bridge over real (embedded) PostgreSQL with the demo data: the panel,
// history paging, the 06:00 briefing with a fake clock, the API key, and the bridge going away.
// Runs in the node environment (the bridge needs node's URL class) with a DOM installed by hand.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BridgeClient } from '../../plugin/bridge-client/bridge-client';
import { formatSignedMoney } from '../../plugin/twin/format';
import { VIEW_TYPE_HISTORY } from '../../plugin/views/history-view';
import type { HistoryView } from '../../plugin/views/history-view';
import { readBlock } from '../../plugin/daily-note/note-block';
import { VIEW_TYPE_TWIN_PANEL } from '../../plugin/views/twin-panel';
import { startTestBridge } from '../fixtures/bridge-server';
import type { TestBridge } from '../fixtures/bridge-server';
import { installDomGlobals } from '../fixtures/dom-globals';
import { FileStore, Notice } from '../fixtures/obsidian/index';
import { deviceFleet, FakeClock } from '../fixtures/plugin-harness';
import type { Device } from '../fixtures/plugin-harness';

const KEY = 'integration-key-123';
let tb: TestBridge;
let removeDom: () => Promise<void>;

/** The test's day: a fixed date, so that neither the real date nor the zone can change what runs. */
function todayAt(h: number, m = 0): Date {
  return new Date(2025, 0, 15, h, m);
}

function notePath(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  // A new vault: core Daily notes on with no options, so the note is at the root, named YYYY-MM-DD.
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.md`;
}

const fleet = deviceFleet(() => ({ clock: new FakeClock(todayAt(5, 0)), data: { bridgeUrl: tb.url, apiKey: KEY } }));
const device = fleet.start;

const contentOf = (d: Device, type: string) => (d.app.workspace.getLeavesOfType(type)[0]?.view as unknown as { contentEl: HTMLElement }).contentEl;

beforeAll(async () => {
  removeDom = installDomGlobals();
  tb = await startTestBridge({ demo: true, clock: { now: () => todayAt(5, 0) }, env: { DIGITAL_TWIN_API_KEY: KEY, LOG_LEVEL: process.env.TWIN_TEST_LOG ?? 'silent' } });
}, 120_000);
afterAll(async () => {
  await tb?.close();
  await removeDom?.();
});
afterEach(() => {
  Notice.reset();
  fleet.stopAll();
});

describe('plugin with a real bridge', () => {
  it('shows the twin in the panel', async () => {
    const d = await device();
    await d.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    const el = contentOf(d, VIEW_TYPE_TWIN_PANEL);
    await vi.waitFor(() => expect(el.querySelector('.dt-health')).not.toBeNull(), { timeout: 10_000 });
    const rows = Array.from(el.querySelectorAll('.dt-row')).map((r) => r.textContent ?? '');
    expect(rows.some((r) => /^Weight\d+(\.\d)? kg/.test(r))).toBe(true);
    expect(rows.some((r) => /^Net this month[+-]?[\d,]+(\.\d\d)? PLN$/.test(r))).toBe(true);
    expect(el.querySelector('.dt-computed .dt-value')?.textContent).toMatch(/ago|just now/);
    expect(el.querySelector('.dt-state-offline, .dt-state-unauthorised')).toBeNull();
  });

  it('says the key is refused when it is wrong', async () => {
    const d = await device({ data: { apiKey: 'wrong-key-456' } });
    const result = await d.plugin.store.refresh();
    expect(result).toMatchObject({ ok: false, kind: 'unauthorised', status: 401 });
    await d.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    expect(contentOf(d, VIEW_TYPE_TWIN_PANEL).querySelector('.dt-state-unauthorised')).not.toBeNull();
  });

  it('pages through history, newest first, without repeats', async () => {
    const client = new BridgeClient(() => ({ baseUrl: tb.url, apiKey: KEY }));
    const seen: string[] = [];
    const times: number[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 4; page++) {
      const result = await client.getHistory({ limit: 5, cursor });
      if (!result.ok) throw new Error(`page ${page}: ${result.kind} ${result.message}`);
      for (const item of result.data.items) {
        seen.push(item.id);
        times.push(Date.parse(item.created_at));
      }
      if (result.data.next_cursor === null) break;
      cursor = result.data.next_cursor;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const d = await device();
    await d.plugin.openView(VIEW_TYPE_HISTORY);
    const el = contentOf(d, VIEW_TYPE_HISTORY);
    await vi.waitFor(() => expect(el.querySelectorAll('.dt-change').length).toBeGreaterThan(0), { timeout: 10_000 });
    const first = el.querySelectorAll('.dt-change').length;
    const older = el.querySelector<HTMLButtonElement>('.dt-load-older');
    if (older) {
      older.click();
      await vi.waitFor(() => expect(el.querySelectorAll('.dt-change').length).toBeGreaterThan(first), { timeout: 10_000 });
    } else {
      expect(first).toBeLessThanOrEqual(50);
    }
  });

  it('writes the briefing at 06:00 once, and a later start-up does not repeat it', async () => {
    const store = new FileStore();
    const d = await device({ store, clock: new FakeClock(todayAt(5, 59)) });
    await d.plugin.onTick();
    const path = notePath(todayAt(6));
    expect(store.readFile(path)).toBeUndefined();

    d.clock.set(todayAt(6, 0));
    await d.plugin.onTick();
    const text = store.readFile(path) ?? '';
    const block = readBlock(text) ?? '';
    expect(block).toContain('AUTONOMOUS LIVING STATUS');
    expect(block).toMatch(/^> \[!(info|warning)\][-+] Twin briefing/m);

    const later = await device({ store, clock: new FakeClock(todayAt(9, 0)), layoutReady: true });
    await later.plugin.onTick();
    expect(store.readFile(path)).toBe(text);
  });

  it('writes nothing and tells the user once when the bridge is unreachable', async () => {
    const store = new FileStore();
    const d = await device({ store, clock: new FakeClock(todayAt(6, 0)), data: { bridgeUrl: 'http://127.0.0.1:1' } });
    await d.plugin.onTick();
    d.clock.set(todayAt(6, 1));
    await d.plugin.onTick();
    expect(store.files.size).toBe(0);
    expect(Notice.messages).toHaveLength(1);
  });
});

describe('a past day with a real bridge', () => {
  const DAY = '2025-01-08';
  const client = () => new BridgeClient(() => ({ baseUrl: tb.url, apiKey: KEY }));

  async function historyOf(d: Device): Promise<{ view: HistoryView; el: HTMLElement }> {
    await d.plugin.openView(VIEW_TYPE_HISTORY);
    const view = d.app.workspace.getLeavesOfType(VIEW_TYPE_HISTORY)[0]?.view as unknown as HistoryView;
    return { view, el: contentOf(d, VIEW_TYPE_HISTORY) };
  }

  it("shows in the history view the figures the bridge gives for that day, under that day's name", async () => {
    const asked = await client().getStatus(DAY);
    if (!asked.ok) throw new Error(asked.message);
    expect([asked.data.date, asked.data.state.today]).toEqual([DAY, DAY]);
    const d = await device();
    const { view, el } = await historyOf(d);
    await view.showDay(DAY);
    expect(el.querySelector('.dt-day-name')?.textContent).toBe('Wednesday, 8 January 2025');
    expect(el.querySelector('.dt-state-offline')).toBeNull();
    const rows = Array.from(el.querySelectorAll('.dt-finance .dt-row')).map((r) => r.textContent ?? '');
    const { mtd_net: net, currency } = asked.data.state.finance;
    expect(rows).toContain(`Net this month${net === null ? '—' : formatSignedMoney(net, currency)}`);
    expect(el.querySelectorAll('.dt-tile')).toHaveLength(3);
  });

  it("says why a future day has no twin, in the bridge's words", async () => {
    const d = await device();
    const { view, el } = await historyOf(d);
    await view.showDay('2025-01-16');
    expect(el.querySelector('.dt-state-title')?.textContent).toBe('No twin for Thursday, 16 January 2025');
    expect(el.querySelector('.dt-state-detail')?.textContent).toMatch(/^The bridge answered 400: .*2025-01-16/);
  });

  it("inserts that day's briefing into a past day's daily note", async () => {
    const asked = await client().getStatus(DAY);
    if (!asked.ok) throw new Error(asked.message);
    const store = new FileStore({ [`${DAY}.md`]: '# Środa\n' });
    const d = await device({ store, clock: new FakeClock(todayAt(9, 30)) });
    const file = d.app.vault.getFileByPath(`${DAY}.md`);
    if (!file) throw new Error('no note');
    const leaf = d.app.workspace.getLeaf();
    await leaf.openFile(file);
    d.app.workspace.setActiveLeaf(leaf);
    d.app.commands.executeCommandById('digital-twin:insert-briefing');
    await vi.waitFor(() => expect(readBlock(store.readFile(`${DAY}.md`) ?? '')).not.toBeNull(), { timeout: 10_000 });
    const block = readBlock(store.readFile(`${DAY}.md`) ?? '') ?? '';
    expect(block.startsWith(`%% twin-briefing ${DAY} 09:30 %%\n> [!`)).toBe(true);
    expect(block).toContain(`Twin briefing of ${DAY}`);
    const firstLine = asked.data.report.split('\n')[0] ?? '';
    expect(block).toContain(`> ${firstLine}`);
  });
});
