// @vitest-environment happy-dom
// The history view: what changed, grouped by day, trend lines, paging, and rows of any shape.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../bridge/contract/responses';
import { describeEntries, groupByDay, mergeOlder, seriesOf } from '../../../plugin/views/history-model';
import { EMPTY_HISTORY, renderHistory } from '../../../plugin/views/history-render';
import type { HistoryState } from '../../../plugin/views/history-render';
import { VIEW_TYPE_HISTORY } from '../../../plugin/views/history-view';
import { sparklinePoints } from '../../../plugin/views/sparkline';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { createContainer } from '../../fixtures/obsidian/index';
import { startDevice, stopDevice } from '../../fixtures/plugin-harness';
import type { Device } from '../../fixtures/plugin-harness';
import { financeData, healthData, historyEntry, historyResponse, pantryData, statusResponse } from '../../fixtures/twin-responses';

// Local-time timestamps, newest first, as /history returns them.
const iso = (day: number, h: number) => new Date(2025, 0, day, h, 0).toISOString();
const entries: HistoryEntry[] = [
  historyEntry('pantry', iso(15, 9), pantryData(['Mleko', 'Chleb'])),
  historyEntry('finance', iso(15, 8), financeData(1800, [{ budget_id: 'groceries', severity: 'HIGH' }])),
  historyEntry('health', iso(15, 7), healthData(82.0, 18.0, 0)),
  historyEntry('pantry', iso(14, 9), pantryData(['Chleb', 'Jajka'])),
  historyEntry('finance', iso(14, 8), financeData(2450)),
  historyEntry('health', iso(14, 7), healthData(82.4, 18.2, 1)),
];

function render(state: Partial<HistoryState>, onLoadOlder = () => {}): HTMLElement {
  const el = createContainer();
  renderHistory(el, { ...EMPTY_HISTORY, ...state }, onLoadOlder);
  return el;
}

describe('history model', () => {
  it('describes each transition against the previous row of its entity', () => {
    const changes = describeEntries(entries);
    expect(changes[0]?.lines).toEqual(['Now low: Mleko', 'Restocked: Jajka']);
    expect(changes[1]?.lines).toEqual(['Net this month +2,450 PLN → +1,800 PLN', 'Budget alerts 0 → 1 (+1)', 'New alert: groceries (HIGH)']);
    expect(changes[2]?.lines).toEqual(['Weight 82.4 → 82 kg (-0.4)', 'Body fat 18.2 → 18 % (-0.2)', 'Days since workout 1 → 0 (-1)']);
    // The oldest rows have nothing to compare with: they show their values.
    expect(changes[5]?.lines[0]).toBe('Weight 82.4 kg');
  });

  it('groups by local day, newest first', () => {
    const days = groupByDay(describeEntries(entries));
    expect(days.map((d) => d.day)).toEqual(['2025-01-15', '2025-01-14']);
    expect(days[0]?.changes).toHaveLength(3);
  });

  it('builds trend series oldest first', () => {
    expect(seriesOf(entries, 'weight').map((p) => p.v)).toEqual([82.4, 82.0]);
    expect(seriesOf(entries, 'mtd_net').map((p) => p.v)).toEqual([2450, 1800]);
    expect(sparklinePoints([{ t: 0, v: 1 }, { t: 10, v: 3 }])).toBe('2.0,22.0 98.0,2.0');
    expect(sparklinePoints([{ t: 5, v: 1 }])).toBe('50.0,12.0');
  });

  it('renders rows of any shape without failing', () => {
    const odd: HistoryEntry[] = [
      historyEntry('goal', iso(15, 10), { name: 'Run 10 km', progress: 0.4, nested: { a: 1 } }, { source_system: 'n8n', update_type: 'goal_update' }),
      historyEntry('health', iso(15, 9), null),
      historyEntry('health', iso(15, 8), 'a plain string'),
      historyEntry('finance', iso(15, 7), [1, 2, 3]),
      historyEntry('pantry', iso(15, 6), { low_stock_items: 'not an array', low_stock_count: '3' }),
      historyEntry('training', iso(15, 5), 42),
      historyEntry('person', 'not a date', { x: undefined }),
    ];
    const changes = describeEntries(odd);
    expect(changes[0]?.title).toBe('goal · goal_update (n8n)');
    expect(changes[0]?.lines).toEqual(['name: Run 10 km', 'progress: 0.4']);
    expect(changes[2]?.lines).toEqual(['a plain string']);
    expect(changes[4]?.lines).toEqual(['Low stock 3']);
    const el = render({ entries: odd });
    expect(el.querySelectorAll('.dt-change')).toHaveLength(odd.length);
    expect(el.querySelector('.dt-day-title')?.textContent).toBe('2025-01-15');
  });

  it('merges older pages without duplicates', () => {
    const [a, b, c] = entries as [HistoryEntry, HistoryEntry, HistoryEntry];
    expect(mergeOlder([a, b], [b, c]).map((e) => e.id)).toEqual([a.id, b.id, c.id]);
  });
});

describe('a change of month', () => {
  const alert = (budget_id: string, category: string, severity: string) => ({ budget_id, category, severity });
  const month = (m: string, net: number, alerts: ReturnType<typeof alert>[]) => ({ ...financeData(net), month: m, active_budget_alerts: alerts.length, alerts });

  it('starts from an empty month: one "new month" line, its alerts are new, last month\'s are not "cleared"', () => {
    const rows: HistoryEntry[] = [
      historyEntry('finance', iso(31, 23), month('2025-02', -120, [alert('BUD-2025-02-FOOD', 'Lifestyle > Groceries', 'HIGH'), alert('BUD-2025-02-FUEL', 'Transport > Fuel', 'CRITICAL'), alert('BUD-2025-02-GIFT', 'Gifts', 'MEDIUM')])),
      historyEntry('finance', iso(31, 22), month('2025-01', 2450, [alert('BUD-2025-01-FOOD', 'Lifestyle > Groceries', 'HIGH'), alert('BUD-2025-01-FUEL', 'Transport > Fuel', 'HIGH'), alert('BUD-2025-01-CAFE', 'Cafe', 'MEDIUM')])),
    ];
    const [change] = describeEntries(rows);
    expect(change?.lines).toEqual([
      'New month: 2025-02',
      'Net this month -120 PLN', // a new month's net starts again: no "before → after" across months
      'Budget alerts 3',
      'New alert: Transport > Fuel (CRITICAL)',
      'New alert: Lifestyle > Groceries (HIGH)',
      'New alert: Gifts (MEDIUM)',
    ]);
    expect(change?.lines.join('\n')).not.toContain('cleared');
  });

  it('within a month, alerts are still matched by budget', () => {
    const rows: HistoryEntry[] = [
      historyEntry('finance', iso(20, 8), month('2025-01', 2000, [alert('B-2', 'Lifestyle > Groceries', 'HIGH')])),
      historyEntry('finance', iso(19, 8), month('2025-01', 2000, [alert('B-1', 'Lifestyle > Groceries', 'HIGH')])),
    ];
    expect(describeEntries(rows)[0]?.lines).toEqual(['New alert: Lifestyle > Groceries (HIGH)', 'Alert cleared: Lifestyle > Groceries']);
  });

  it('lists alerts worst first, whatever order they were recorded in', () => {
    // Recorded in the database function's order: budget priority, so the worst came last.
    const rows: HistoryEntry[] = [
      historyEntry('finance', iso(20, 8), month('2025-01', 2000, [alert('B-1', 'Cafe', 'MEDIUM'), alert('B-2', 'Fuel', 'HIGH'), alert('B-3', 'Fun', 'CRITICAL'), alert('B-4', 'Gifts', 'MEDIUM')])),
      historyEntry('finance', iso(19, 8), month('2025-01', 2000, [alert('B-5', 'Books', 'MEDIUM'), alert('B-6', 'Travel', 'CRITICAL')])),
    ];
    const lines = describeEntries(rows)[0]?.lines ?? [];
    expect(lines.filter((l) => l.startsWith('New alert'))).toEqual(['New alert: Fun (CRITICAL)', 'New alert: Fuel (HIGH)', 'New alert: Cafe (MEDIUM)', 'New alert: Gifts (MEDIUM)']);
    expect(lines.filter((l) => l.startsWith('Alert cleared'))).toEqual(['Alert cleared: Travel', 'Alert cleared: Books']);
  });
});

describe('history rendering', () => {
  it('gives each trend line its scale and an accessible label', () => {
    const el = render({ entries, nextCursor: null });
    const weight = el.querySelector('.dt-trend-weight');
    expect(Array.from(weight?.querySelectorAll('.dt-trend-scale') ?? []).map((e) => e.textContent)).toEqual(['82 kg – 82.4 kg', '2025-01-14 → 2025-01-15']);
    const svg = weight?.querySelector('svg.dt-sparkline');
    const label = 'Weight, 2 changes from 2025-01-14 to 2025-01-15: lowest 82 kg, highest 82.4 kg, latest 82 kg';
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe(label);
    expect(svg?.querySelector('title')?.textContent).toBe(label);
    expect(el.querySelector('.dt-trend-mtd_net .dt-trend-scale')?.textContent).toBe('+1,800 PLN – +2,450 PLN');
  });

  it('shows trend lines, days and changes', () => {
    const el = render({ entries, nextCursor: null });
    expect(Array.from(el.querySelectorAll('.dt-day-title')).map((e) => e.textContent)).toEqual(['2025-01-15', '2025-01-14']);
    const lines = el.querySelectorAll('svg.dt-sparkline polyline.dt-sparkline-line');
    expect(lines).toHaveLength(3);
    expect(el.querySelector('.dt-sparkline-weight polyline')?.getAttribute('points')?.split(' ')).toHaveLength(2);
    expect(el.querySelector('.dt-trend-weight .dt-trend-value')?.textContent).toBe('82 kg');
    expect(el.querySelector('.dt-load-older')).toBeNull();
    expect(el.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('shows loading, empty and error states', () => {
    expect(render({ loading: true }).querySelector('.dt-state-loading')?.textContent).toBe('Loading history…');
    expect(render({}).querySelector('.dt-muted')?.textContent).toBe('No history yet.');
    const el = render({ error: { ok: false, kind: 'unauthorised', status: 401, message: 'no' } });
    expect(el.querySelector('.dt-state-unauthorised')).not.toBeNull();
  });

  it('draws a long history in steps, then offers older pages', () => {
    const start = new Date(2025, 0, 15, 12).getTime();
    const many = Array.from({ length: 1000 }, (_, i) => {
      const at = new Date(start - i * 3600_000).toISOString();
      return i % 2 ? historyEntry('health', at, healthData(80 + (i % 7) / 10, 18)) : historyEntry('finance', at, financeData(i * 10));
    });
    let shown = 100;
    const el = createContainer();
    const draw = () => renderHistory(el, { ...EMPTY_HISTORY, entries: many, nextCursor: 'more', shown }, () => {}, () => {
      shown += 100;
      draw();
    });
    draw();
    expect(el.querySelectorAll('.dt-change')).toHaveLength(100);
    expect(el.querySelector('.dt-load-older')).toBeNull();
    // The trend lines use every loaded entry, not only the drawn ones.
    expect(el.querySelector('.dt-sparkline-weight polyline')?.getAttribute('points')?.split(' ')).toHaveLength(500);
    for (let i = 0; i < 9; i++) el.querySelector<HTMLButtonElement>('.dt-show-more')?.click();
    expect(el.querySelectorAll('.dt-change')).toHaveLength(1000);
    expect(el.querySelector('.dt-show-more')).toBeNull();
    expect(el.querySelector('.dt-load-older')).not.toBeNull();
    expect(el.querySelectorAll('.dt-day').length).toBeGreaterThan(40);
  });
});

describe('history view', () => {
  let fake: FakeBridge;
  let d: Device | null = null;
  beforeAll(async () => {
    fake = await startFakeBridge(statusResponse());
  });
  afterAll(() => fake.close());
  afterEach(() => {
    if (d) stopDevice(d);
  });

  it('loads the newest page and pages to older ones', async () => {
    fake.history.set('', historyResponse(entries.slice(0, 3), 'c1'));
    fake.history.set('c1', historyResponse(entries.slice(3), null));
    d = await startDevice({ data: { bridgeUrl: fake.url } });
    d.app.commands.executeCommandById('digital-twin:open-history');
    await vi.waitFor(() => expect(d?.app.workspace.getLeavesOfType(VIEW_TYPE_HISTORY)).toHaveLength(1));
    const view = d.app.workspace.getLeavesOfType(VIEW_TYPE_HISTORY)[0]?.view as unknown as { contentEl: HTMLElement };
    await vi.waitFor(() => expect(view.contentEl.querySelectorAll('.dt-change')).toHaveLength(3));

    view.contentEl.querySelector<HTMLButtonElement>('.dt-load-older')?.click();
    await vi.waitFor(() => expect(view.contentEl.querySelectorAll('.dt-change')).toHaveLength(6));
    expect(view.contentEl.querySelector('.dt-load-older')).toBeNull();
    expect(fake.requests.map((r) => r.path)).toEqual(['/history?limit=50', '/history?limit=50&cursor=c1']);
    // The health row of the 15th is now compared with the 14th's, loaded from the older page.
    expect(view.contentEl.textContent).toContain('Weight 82.4 → 82 kg (-0.4)');
  });

  it('shows the failure when the bridge is down', async () => {
    d = await startDevice({ data: { bridgeUrl: 'http://127.0.0.1:9' } });
    await d.plugin.openView(VIEW_TYPE_HISTORY);
    const view = d.app.workspace.getLeavesOfType(VIEW_TYPE_HISTORY)[0]?.view as unknown as { contentEl: HTMLElement };
    await vi.waitFor(() => expect(view.contentEl.querySelector('.dt-state-offline .dt-state-title')?.textContent).toBe('History unavailable'));
  });

  it('opens at once and shows loading while the bridge has not answered', async () => {
    fake.mode = 'hang';
    try {
      d = await startDevice({ data: { bridgeUrl: fake.url } });
      // Resolves although /history never answers: opening does not wait on the network.
      await d.plugin.openView(VIEW_TYPE_HISTORY);
      const view = d.app.workspace.getLeavesOfType(VIEW_TYPE_HISTORY)[0]?.view as unknown as { contentEl: HTMLElement };
      expect(view.contentEl.querySelector('.dt-state-loading')?.textContent).toBe('Loading history…');
      expect(fake.requests.some((r) => r.path.startsWith('/history'))).toBe(true);
    } finally {
      fake.mode = 'ok';
    }
  });
});
