// @vitest-environment happy-dom
// The history view's picked day: the date field and a day's heading open the twin at the end of that
// day, drawn by the panel's renderers and named; "Back to today" returns to the history; a day the
// bridge refuses, or a bridge that ignores the date, is said in words and never shows another day.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorBody } from '../../../bridge/http/http-error';
import { dayName, renderDay } from '../../../plugin/views/history-day';
import type { DayState } from '../../../plugin/views/history-day';
import { VIEW_TYPE_HISTORY } from '../../../plugin/views/history-view';
import type { HistoryView } from '../../../plugin/views/history-view';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { createContainer } from '../../fixtures/obsidian/index';
import { deviceFleet, FakeClock } from '../../fixtures/plugin-harness';
import type { Device } from '../../fixtures/plugin-harness';
import { healthData, historyEntry, historyResponse, statusOnDay, statusResponse } from '../../fixtures/twin-responses';

const NOW = new Date(2025, 0, 15, 9, 30);
const text = (el: Element | null | undefined) => el?.textContent ?? '';

function draw(state: Partial<DayState>): HTMLElement {
  const el = createContainer();
  renderDay(el, { day: '2025-01-10', status: null, loading: false, error: null, ...state }, NOW, () => {});
  return el;
}

describe('a day drawn', () => {
  it("is named, and shows the panel's tiles and sections for that day", () => {
    const el = draw({ status: statusOnDay('2025-01-10') });
    expect(text(el.querySelector('.dt-day-name'))).toBe('Friday, 10 January 2025');
    expect(text(el.querySelector('.dt-day-today'))).toBe('Back to today');
    expect(text(el.querySelector('.dt-day-when'))).toBe('The twin at the end of the day, Europe/Warsaw time.');
    expect(el.querySelectorAll('.dt-day-figures .dt-tile')).toHaveLength(3);
    expect(Array.from(el.querySelectorAll('.dt-section-title')).map(text)).toEqual(['Health', 'Finance', 'Pantry']);
    // The panel's lines about the bridge's sync are about now, not about that day.
    expect(el.querySelector('.dt-freshness')).toBeNull();
  });

  it('says the pantry is unknown for a day before its first record, with no figures that look like an empty pantry', () => {
    const el = draw({ status: statusOnDay('2025-01-10', { pantryUnknown: true }) });
    const pantry = el.querySelector('.dt-pantry');
    expect(text(pantry?.querySelector('.dt-degraded-note'))).toBe('Unavailable: The pantry on 2025-01-10 is unknown: the pantry database keeps no past, and the twin had recorded none by then.');
    expect(text(pantry)).not.toContain('Nothing low or expiring');
    expect(pantry?.querySelector('.dt-list')).toBeNull();
    expect(Array.from(el.querySelectorAll('.dt-tile-pantry > *')).map(text)).toEqual(['PantryDegraded', 'Unavailable', 'Not known for that day']);
  });

  it('shows the pantry of a past day as the twin recorded it: the names of what was low and the counts', () => {
    const el = draw({ status: statusOnDay('2025-01-10', { expired: 1 }) });
    const pantry = el.querySelector('.dt-pantry');
    expect(text(pantry?.querySelector('.dt-subtitle'))).toBe('Low stock (2)');
    expect(Array.from(pantry?.querySelectorAll('.dt-list li') ?? []).map(text)).toEqual(['Mleko', 'Jajka']);
    expect(text(pantry?.querySelector('.dt-row'))).toBe('Expiry1 expired · 1 expiring within 30 days');
    expect(Array.from(el.querySelectorAll('.dt-tile-pantry > *')).map(text)).toEqual(['PantryAlert', '2 low · 1 expired', 'Buy Mleko, Jajka']);
  });

  it('shows loading, a refused day and a refused key in words', () => {
    expect(text(draw({ loading: true }).querySelector('.dt-state-loading'))).toBe('Loading Friday, 10 January 2025…');
    const refused = draw({ error: { ok: false, kind: 'http', status: 400, message: 'The bridge answered 400: date: 2025-01-10 is in the future.' } });
    expect(text(refused.querySelector('.dt-state-offline .dt-state-title'))).toBe('No twin for Friday, 10 January 2025');
    expect(text(refused.querySelector('.dt-state-detail'))).toBe('The bridge answered 400: date: 2025-01-10 is in the future.');
    expect(refused.querySelector('.dt-tiles')).toBeNull();
    const key = draw({ error: { ok: false, kind: 'unauthorised', status: 401, message: 'no' } });
    expect(text(key.querySelector('.dt-state-unauthorised .dt-state-title'))).toBe('The bridge refused the API key');
  });

  it('names a day in words only when it is one', () => {
    expect(dayName('2024-02-29')).toBe('Thursday, 29 February 2024');
    expect(dayName('2025-02-30')).toBe('2025-02-30');
  });
});

describe('the history view with a day picked', () => {
  let fake: FakeBridge;
  const fleet = deviceFleet(() => ({ clock: new FakeClock(NOW), data: { bridgeUrl: fake.url } }));
  const iso = (day: number, h: number) => new Date(2025, 0, day, h).toISOString();

  beforeAll(async () => {
    fake = await startFakeBridge(statusResponse());
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.history.set('', historyResponse([historyEntry('health', iso(14, 7), healthData(82.4, 18.2)), historyEntry('health', iso(12, 7), healthData(82.8, 18.4))], null));
    // Each day's net is its day of the month × 100, so a figure tells which day is drawn.
    fake.statusOn = (date) =>
      date > '2025-01-15'
        ? { code: 400, body: errorBody('bad_request', `date: ${date} is in the future; the twin's today is 2025-01-15`) }
        : { code: 200, body: statusOnDay(date, { mtdNet: Number(date.slice(8)) * 100 }) };
  });
  afterEach(() => fleet.stopAll());

  async function openHistory(): Promise<{ d: Device; el: HTMLElement }> {
    const d = await fleet.start();
    await d.plugin.openView(VIEW_TYPE_HISTORY);
    const el = (d.app.workspace.getLeavesOfType(VIEW_TYPE_HISTORY)[0]?.view as unknown as { contentEl: HTMLElement }).contentEl;
    await vi.waitFor(() => expect(el.querySelectorAll('.dt-change')).toHaveLength(2));
    return { d, el };
  }
  const input = (el: HTMLElement) => el.querySelector<HTMLInputElement>('.dt-day-input') as HTMLInputElement;
  const net = (el: HTMLElement) => text(Array.from(el.querySelectorAll('.dt-finance .dt-row')).find((r) => text(r).startsWith('Net this month'))?.querySelector('.dt-value'));

  it('opens with the field on today, which is the last day it offers', async () => {
    const { el } = await openHistory();
    expect([input(el).type, input(el).value, input(el).getAttribute('max')]).toEqual(['date', '2025-01-15', '2025-01-15']);
  });

  it('shows the day chosen in the field on "Show", in place of the history, and goes back to today', async () => {
    const { el } = await openHistory();
    input(el).value = '2025-01-10';
    // Typing alone asks nothing: half a date is not a day to show.
    input(el).dispatchEvent(new Event('input'));
    expect(fake.requests.some((r) => r.path.includes('date='))).toBe(false);
    el.querySelector<HTMLButtonElement>('.dt-day-show')?.click();
    await vi.waitFor(() => expect(net(el)).toBe('+1,000 PLN'));
    expect(text(el.querySelector('.dt-day-name'))).toBe('Friday, 10 January 2025');
    expect(el.querySelector('.dt-change')).toBeNull();
    expect(fake.requests.filter((r) => r.path.startsWith('/status')).map((r) => r.path)).toEqual(['/status?date=2025-01-10']);

    el.querySelector<HTMLButtonElement>('.dt-day-today')?.click();
    expect(el.querySelectorAll('.dt-change')).toHaveLength(2);
    expect(el.querySelector('.dt-day-view')).toBeNull();
    expect(input(el).value).toBe('2025-01-15');
  });

  it("opens a day from its heading in the history, and Enter in the field opens another", async () => {
    const { el } = await openHistory();
    const heading = el.querySelector<HTMLButtonElement>('.dt-day-title .dt-day-link');
    expect([text(heading), heading?.getAttribute('aria-label')]).toEqual(['2025-01-14', 'Show the twin on 2025-01-14']);
    heading?.click();
    await vi.waitFor(() => expect(net(el)).toBe('+1,400 PLN'));
    expect(input(el).value).toBe('2025-01-14');
    input(el).value = '2025-01-12';
    input(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await vi.waitFor(() => expect(net(el)).toBe('+1,200 PLN'));
    expect(text(el.querySelector('.dt-day-name'))).toBe('Sunday, 12 January 2025');
  });

  it('shows only the day picked last when an earlier pick answers later', async () => {
    const { d, el } = await openHistory();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const answer = fake.statusOn;
    fake.statusOn = async (date) => {
      if (date === '2025-01-10') await held;
      return answer?.(date) ?? { code: 500, body: null };
    };
    const view = d.app.workspace.getLeavesOfType(VIEW_TYPE_HISTORY)[0]?.view as unknown as HistoryView;
    const first = view.showDay('2025-01-10');
    input(el).value = '2025-01-12';
    el.querySelector<HTMLButtonElement>('.dt-day-show')?.click();
    await vi.waitFor(() => expect(net(el)).toBe('+1,200 PLN'));
    release();
    // The 10th's answer has arrived and been handled: it is not drawn over the 12th.
    await first;
    expect(net(el)).toBe('+1,200 PLN');
    expect(text(el.querySelector('.dt-day-name'))).toBe('Sunday, 12 January 2025');
  });

  it("says why there is no twin: a day the bridge refuses, a bridge that ignores the date", async () => {
    const { el } = await openHistory();
    input(el).value = '2025-01-20';
    el.querySelector<HTMLButtonElement>('.dt-day-show')?.click();
    await vi.waitFor(() => expect(text(el.querySelector('.dt-state-title'))).toBe('No twin for Monday, 20 January 2025'));
    expect(text(el.querySelector('.dt-state-detail'))).toBe("The bridge answered 400: date: 2025-01-20 is in the future; the twin's today is 2025-01-15.");

    fake.statusOn = null;
    input(el).value = '2025-01-10';
    el.querySelector<HTMLButtonElement>('.dt-day-show')?.click();
    await vi.waitFor(() => expect(text(el.querySelector('.dt-state-detail'))).toContain('answered with the twin of now, not of 2025-01-10: it is older than this plugin'));
    // Never today's figures under that day's name.
    expect(el.querySelector('.dt-tiles')).toBeNull();
  });

  it("asks for the day again on the view's refresh button", async () => {
    const { d, el } = await openHistory();
    el.querySelector<HTMLButtonElement>('.dt-day-title .dt-day-link')?.click();
    await vi.waitFor(() => expect(net(el)).toBe('+1,400 PLN'));
    fake.statusOn = (date) => ({ code: 200, body: statusOnDay(date, { mtdNet: -50 }) });
    const view = d.app.workspace.getLeavesOfType(VIEW_TYPE_HISTORY)[0]?.view as unknown as { actionsEl: HTMLElement };
    view.actionsEl.querySelector<HTMLElement>('[aria-label="Refresh"]')?.click();
    await vi.waitFor(() => expect(net(el)).toBe('-50 PLN'));
    expect(text(el.querySelector('.dt-day-name'))).toBe('Tuesday, 14 January 2025');
  });
});
