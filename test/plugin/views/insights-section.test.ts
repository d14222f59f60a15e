// @vitest-environment happy-dom
// The panel's Insights section (rendering, and the view in a leaf over a real HTTP server), and the
// briefing's insight line: new since the last one written, at most one a day.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InsightsResponse } from '../../../bridge/contract/insights';
import { headlineToWrite } from '../../../plugin/daily-note/insight-headline';
import { insightTrends } from '../../../plugin/views/insights-model';
import { renderInsightsSection } from '../../../plugin/views/insights-section';
import { EMPTY_INSIGHTS } from '../../../plugin/views/insights-store';
import type { InsightsSnapshot } from '../../../plugin/views/insights-store';
import { VIEW_TYPE_TWIN_PANEL } from '../../../plugin/views/twin-panel';
import { createContainer } from '../../fixtures/obsidian/index';
import { FakeClock, startDevice, stopDevice } from '../../fixtures/plugin-harness';
import type { Device } from '../../fixtures/plugin-harness';
import { statusResponse } from '../../fixtures/twin-responses';
import { sampleInsightsResponse } from '../../preview/insights-sample';

const now = new Date('2025-01-15T05:10:00.000Z');
const texts = (el: Element, selector: string) => Array.from(el.querySelectorAll(selector)).map((e) => e.textContent ?? '');

function render(snapshot: Partial<InsightsSnapshot>): HTMLElement {
  const el = createContainer();
  renderInsightsSection(el, { ...EMPTY_INSIGHTS, ...snapshot }, now);
  return el;
}

describe('insights section rendering', () => {
  it('shows the headline, the trends with arrows on their scales, stalled exercises, categories above baseline and correlations', () => {
    const el = render({ insights: sampleInsightsResponse(), fetchedAt: now });
    expect(el.querySelector('.dt-section-title')?.textContent).toBe('Insights');
    expect(el.querySelector('.dt-insight-headline')?.textContent).toContain('Restaurants: 820 PLN so far');
    const trends = Array.from(el.querySelectorAll('.dt-pace'));
    expect(trends.map((t) => [t.querySelector('.dt-pace-arrow')?.textContent, t.querySelector('.dt-label')?.textContent, t.querySelector('.dt-value')?.textContent])).toEqual([
      ['↓', 'Weight, 7 days', '−0.42 kg/week'],
      ['↓', 'Weight, 30 days', '−0.31 kg/week'],
      ['↓', 'Body fat, 30 days', '−0.12 points/week'],
      ['↓', 'Sessions a week, 4 against 12 weeks', '2.5 a week (−0.6)'],
    ]);
    // Body fat above the 15 % target going down is good; weight has no direction of its own.
    expect(trends[2]?.classList.contains('dt-tone-good')).toBe(true);
    expect(trends[0]?.classList.contains('dt-tone-neutral')).toBe(true);
    // −0.31 kg/week on a ±1 scale: the bar runs from 34.5 to the zero line at 50.
    const fill = trends[1]?.querySelector('.dt-pace-fill');
    expect([fill?.getAttribute('x'), fill?.getAttribute('width')]).toEqual(['34.50', '15.50']);
    expect(trends[1]?.querySelector('svg')?.getAttribute('aria-label')).toBe('Weight, 30 days: −0.31 kg/week, on a scale from −1 to +1 kg/week');
    // A figure and its unit are joined by a no-break space, so that a narrow sidebar never splits them.
    expect(el.querySelector('.dt-insights-note')?.textContent).toBe('15\u00a0% body fat between 2025-05-20 and 2025-08-02 at the pace of the last 30 days.');
    expect(texts(el, '.dt-stalled li')).toEqual(['Lat pulldown: regressing at 67.5\u00a0kg, 64\u00a0s', 'Leg press: stalled at 170\u00a0kg, 88\u00a0s']);
    expect(texts(el, '.dt-subtitle')).toContain('Stalled or regressing exercises (2)');
    expect(texts(el, '.dt-above-baseline li')).toEqual(['Food > Restaurants: 820\u00a0PLN so far, usually 310\u00a0PLN to 450\u00a0PLN by this day']);
    // The bridge's sentence already gives r, the weeks and the lag: the detail adds only the p-value.
    expect(texts(el, '.dt-correlations .dt-correlation-detail')).toEqual(['p = 0.012, adjusted for 10 tests', 'p = 0.041, adjusted for 10 tests']);
    expect(texts(el, '.dt-subtitle')).toContain('Links between domains (2 of 10 tested)');
    expect(el.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('clamps a trend beyond its scale to the scale end and shows small changes as flat', () => {
    const fast = insightTrends(sampleInsightsResponse((i) => (i.body.weight_kg_per_week_7d = 2.4)))[0];
    expect(fast).toMatchObject({ direction: 'up', position: 100, text: '+2.4 kg/week' });
    const flat = insightTrends(sampleInsightsResponse((i) => (i.body.weight_kg_per_week_7d = 0.01)))[0];
    expect(flat).toMatchObject({ direction: 'flat', tone: 'neutral' });
  });

  it('words the demo bridge’s awkward cases plainly: no load, a baseline of nothing, no target date, a tiny p', () => {
    const insights = sampleInsightsResponse((i) => {
      i.training.exercises = [
        { exercise_id: 'a', exercise_name: 'Push-up', sessions_12w: 5, last_weight_kg: 0, last_tut_seconds: 54, status: 'stalled' },
        { exercise_id: 'b', exercise_name: 'Trap bar deadlift', sessions_12w: 6, last_weight_kg: 117.5, last_tut_seconds: null, status: 'regressing' },
      ];
      i.money.categories = [
        { category_path: 'Entertainment > Cinema', spent_to_date: 29.11, baseline_p25: 0, baseline_median: 0, baseline_p75: 0, baseline_months: 12, status: 'above' },
        { category_path: 'Health > Pharmacy', spent_to_date: 124.34, baseline_p25: 0, baseline_median: 0, baseline_p75: 43.73, baseline_months: 12, status: 'above' },
        { category_path: 'Housing > Rent', spent_to_date: 2700, baseline_p25: 2600, baseline_median: 2600, baseline_p75: 2600, baseline_months: 12, status: 'above' },
      ];
      i.body.bodyfat_pct = 16.8;
      i.body.target_date = null;
      const first = i.correlations.listed[0];
      if (first) first.p_adjusted = 0.0004;
    });
    const el = render({ insights, fetchedAt: now });
    // Regressing first; 0 kg is left out rather than shown as a load.
    expect(texts(el, '.dt-stalled li')).toEqual(['Trap bar deadlift: regressing at 117.5\u00a0kg', 'Push-up: stalled at 54\u00a0s']);
    expect(texts(el, '.dt-above-baseline li')).toEqual([
      'Entertainment > Cinema: 29\u00a0PLN so far, usually nothing by this day',
      'Health > Pharmacy: 124\u00a0PLN so far, usually up to 44\u00a0PLN by this day',
      'Housing > Rent: 2,700\u00a0PLN so far, usually 2,600\u00a0PLN by this day',
    ]);
    expect(el.querySelector('.dt-insights-note')?.textContent).toBe('16.8\u00a0% body fat against a target of 15\u00a0%: no date yet at the pace of the last 30 days.');
    expect(texts(el, '.dt-correlation-detail')[0]).toBe('p < 0.001, adjusted for 10 tests');
  });

  it('shows the first five of a long list and the rest on "Show N more", kept open across renders', () => {
    const insights = sampleInsightsResponse((i) => {
      i.training.exercises = Array.from({ length: 8 }, (_, n) => ({
        exercise_id: `e${n}`, exercise_name: `Exercise ${n}`, sessions_12w: 6, last_weight_kg: 10, last_tut_seconds: 60, status: 'stalled' as const,
      }));
    });
    const root = createContainer();
    renderInsightsSection(root, { ...EMPTY_INSIGHTS, insights, fetchedAt: now }, now);
    expect(root.querySelectorAll('.dt-stalled li')).toHaveLength(5);
    const button = root.querySelector<HTMLButtonElement>('.dt-insights .dt-show-more');
    expect(button?.textContent).toBe('Show 3 more');
    button?.click();
    expect(root.querySelectorAll('.dt-stalled li')).toHaveLength(8);
    // The panel empties its element and draws again on every refresh: the list stays open.
    root.empty();
    renderInsightsSection(root, { ...EMPTY_INSIGHTS, insights, fetchedAt: now }, now);
    expect(root.querySelectorAll('.dt-stalled li')).toHaveLength(8);
    expect(root.querySelector('.dt-show-more')).toBeNull();
    // Another panel starts closed.
    const other = createContainer();
    renderInsightsSection(other, { ...EMPTY_INSIGHTS, insights, fetchedAt: now }, now);
    expect(other.querySelectorAll('.dt-stalled li')).toHaveLength(5);
  });

  it('leaves out what has no figures, says when nothing links, and names degraded parts', () => {
    const insights = sampleInsightsResponse((i) => {
      i.body.weight_kg_per_week_7d = null;
      i.body.target_date = null;
      i.training.exercises = [];
      i.correlations.listed = [];
      i.money.status = 'degraded';
      i.money.error = 'finance database unreachable';
      i.money.categories = [];
    });
    const el = render({ insights, fetchedAt: now });
    expect(texts(el, '.dt-pace .dt-label')).not.toContain('Weight, 7 days');
    expect(el.querySelector('.dt-stalled')).toBeNull();
    expect(el.querySelector('.dt-above-baseline')).toBeNull();
    expect(texts(el, '.dt-muted')).toContain('No links between domains strong enough to list (10 pairs tested over 52 weeks).');
    expect(texts(el, '.dt-degraded-note')).toEqual(['Money insights unavailable: finance database unreachable.']);
  });

  it('is left out for a bridge without /insights or one that is down, and says other failures with the last data', () => {
    const notFound = render({ error: { ok: false, kind: 'http', status: 404, message: 'The bridge answered 404: no endpoint at /insights.' } });
    expect(notFound.querySelector('.dt-insights')).toBeNull();
    expect(render({ error: { ok: false, kind: 'unreachable', message: 'down' } }).querySelector('.dt-insights')).toBeNull();
    const failed = render({ insights: sampleInsightsResponse(), fetchedAt: new Date(now.getTime() - 20 * 60_000), error: { ok: false, kind: 'http', status: 500, message: 'The bridge answered 500.' } });
    expect(failed.querySelector('.dt-insights-error')?.textContent).toBe('Insights unavailable: The bridge answered 500. Showing those from 20 min ago.');
    expect(failed.querySelector('.dt-pace')).not.toBeNull();
    expect(render({ loading: true }).querySelector('.dt-insights .dt-muted')?.textContent).toBe('Loading insights…');
  });
});

// A bridge that answers /status and /insights (or 404 when `insights` is null).
let server: http.Server;
let url = '';
let insights: InsightsResponse | null = null;
const insightRequests: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = path === '/status' ? statusResponse() : path === '/insights' ? insights : null;
    if (path === '/insights') insightRequests.push(path);
    res.writeHead(body === null ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { report: '❌ Error: no endpoint', error: { code: 'not_found', message: 'no endpoint' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('insights section in the panel', () => {
  let d: Device;
  beforeEach(() => {
    insights = sampleInsightsResponse();
    insightRequests.length = 0;
  });
  afterEach(() => stopDevice(d));

  it('appears in the open panel above the freshness lines, asked for once while fresh', async () => {
    d = await startDevice({ data: { bridgeUrl: url, briefingEnabled: false } });
    await d.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    const content = (d.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)[0]?.view as unknown as { contentEl: HTMLElement }).contentEl;
    await vi.waitFor(() => expect(content.querySelector('.dt-insights .dt-pace')).not.toBeNull());
    await vi.waitFor(() => expect(content.querySelector('.dt-health')).not.toBeNull());
    const order = Array.from(content.children).map((c) => c.className);
    expect(order.indexOf('dt-section dt-insights')).toBe(order.findIndex((c) => c.startsWith('dt-freshness')) - 1);
    await d.plugin.store.refresh();
    expect(insightRequests).toHaveLength(1);
    // After 15 minutes the next render asks again.
    d.clock.advance(16 * 60_000);
    await d.plugin.store.refresh();
    await vi.waitFor(() => expect(insightRequests).toHaveLength(2));
  });

  it('leaves the section out for a bridge without /insights', async () => {
    insights = null;
    d = await startDevice({ data: { bridgeUrl: url, briefingEnabled: false } });
    await d.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    const content = (d.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)[0]?.view as unknown as { contentEl: HTMLElement }).contentEl;
    await vi.waitFor(() => expect(content.querySelector('.dt-health')).not.toBeNull());
    await vi.waitFor(() => expect(d.plugin.insights.snapshot.error?.status).toBe(404));
    expect(content.querySelector('.dt-insights')).toBeNull();
  });
});

describe('the insight line of the morning briefing', () => {
  const A = { id: 'a', domain: 'money' as const, text: 'Restaurants above usual.' };
  const B = { id: 'b', domain: 'body' as const, text: 'Weight down 0.3 kg a week.' };

  it('writes a headline new since the last one written, and keeps the day’s line for the day', () => {
    expect(headlineToWrite(A, null, '2025-01-15')).toEqual({ id: 'a', text: A.text, date: '2025-01-15' });
    const first = { id: 'a', text: A.text, date: '2025-01-15' };
    expect(headlineToWrite(B, first, '2025-01-15')).toBe(first);
    expect(headlineToWrite(null, first, '2025-01-15')).toBe(first);
    expect(headlineToWrite(A, first, '2025-01-16')).toBeNull();
    expect(headlineToWrite(B, first, '2025-01-16')).toEqual({ id: 'b', text: B.text, date: '2025-01-16' });
    expect(headlineToWrite(null, first, '2025-01-16')).toBeNull();
  });

  let d: Device | undefined;
  afterEach(() => {
    if (d) stopDevice(d);
    d = undefined;
  });

  async function noteAfterRefresh(): Promise<string> {
    if (!d) throw new Error('no device');
    const outcome = await d.plugin.refreshTodaysBriefing();
    if (outcome?.kind !== 'written') throw new Error(`not written: ${JSON.stringify(outcome)}`);
    const file = d.app.vault.getFileByPath(outcome.path);
    if (file === null) throw new Error('no note');
    return d.app.vault.read(file);
  }

  it('writes at most one a day, only new ones, and remembers them across restarts', async () => {
    const clock = new FakeClock(new Date(2025, 0, 15, 6, 30));
    insights = sampleInsightsResponse((i) => (i.headline = A));
    d = await startDevice({ clock, data: { bridgeUrl: url } });
    expect(await noteAfterRefresh()).toContain('> 💡 Restaurants above usual.\n> *Data computed');
    expect(d?.plugin.settings.lastHeadline).toEqual({ id: 'a', text: A.text, date: '2025-01-15' });

    // Later the same day the bridge finds another: the day keeps its line.
    insights = sampleInsightsResponse((i) => (i.headline = B));
    const again = await noteAfterRefresh();
    expect(again).toContain('💡 Restaurants above usual.');
    expect(again).not.toContain('Weight down');

    // The next day, on another start of the app: the same finding is not new, so no line.
    const app = d.app;
    stopDevice(d);
    d = undefined;
    clock.set(new Date(2025, 0, 16, 6, 30));
    insights = sampleInsightsResponse((i) => (i.headline = A));
    d = await startDevice({ app, clock });
    expect(await noteAfterRefresh()).not.toContain('💡');

    // The day after, a new one.
    clock.set(new Date(2025, 0, 17, 6, 30));
    insights = sampleInsightsResponse((i) => (i.headline = B));
    expect(await noteAfterRefresh()).toContain('> 💡 Weight down 0.3 kg a week.');
  });

  it('writes the briefing without the line when the bridge has no insights', async () => {
    insights = null;
    d = await startDevice({ clock: new FakeClock(new Date(2025, 0, 15, 6, 30)), data: { bridgeUrl: url } });
    const note = await noteAfterRefresh();
    expect(note).toContain('Twin briefing');
    expect(note).not.toContain('💡');
    expect(d?.plugin.settings.lastHeadline).toBeNull();
  });
});
