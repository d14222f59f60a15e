// The panel's Insights section: the headline, trend arrows on fixed scales, stalled exercises,
// categories above their usual spending and the listed correlations. Pure DOM building
// (createEl/createDiv/createSvg), colours and sizes from styles.css.
import type { InsightDomain, InsightsResponse } from '../../bridge/contract/insights';
import { formatAge, formatMoney, formatNumber, plural } from '../twin/format';
import { INSIGHTS_MAX_AGE_MS } from './insights-store';
import type { InsightsSnapshot, InsightsStore } from './insights-store';
import { listState, textItem, titledList } from './show-more';
import type { ListState } from './show-more';
import {
  ARROWS,
  categoriesAbove,
  categoryText,
  correlationDetail,
  exerciseText,
  insightTrends,
  stalledExercises,
  targetText,
  type Trend,
} from './insights-model';
import { ARIA_HIDDEN, div, sectionTitle, span } from './dom';
import { labelledSvg, rect, tick } from './svg-shapes';

const DOMAIN_WORDS: Record<InsightDomain, string> = { body: 'Body', training: 'Training', money: 'Money', pantry: 'Pantry', correlations: 'Correlation' };

function renderTrend(parent: HTMLElement, t: Trend): void {
  const row = div(parent, `dt-pace dt-pace-${t.direction} dt-tone-${t.tone}`);
  row.createSpan({ cls: 'dt-pace-arrow', text: ARROWS[t.direction], attr: ARIA_HIDDEN });
  span(row, 'dt-label', t.label);
  span(row, 'dt-value', t.text);
  const scale = `${t.label}: ${t.text}, on a scale from −${formatNumber(t.fullScale)} to +${formatNumber(t.fullScale)} ${t.unit}`;
  const svg = labelledSvg(row, 'dt-pace-scale', '0 0 100 10', scale);
  rect(svg, 'dt-pace-track', 0, 4, 100, 2);
  const [from, to] = t.position < 50 ? [t.position, 50] : [50, t.position];
  if (to - from > 0.5) rect(svg, 'dt-pace-fill', from.toFixed(2), 2, (to - from).toFixed(2), 6);
  tick(svg, 'dt-pace-zero', 50);
  row.createSpan({ cls: 'dt-pace-range', text: `±${formatNumber(t.fullScale)}`, attr: ARIA_HIDDEN });
}

function list(parent: HTMLElement, lists: ListState, title: string, items: readonly string[], cls: string): void {
  if (items.length === 0) return;
  titledList(parent, title, `dt-list ${cls}`, { items, renderItem: textItem, ...lists(cls) });
}

function degradedNotes(parent: HTMLElement, i: InsightsResponse): void {
  for (const name of ['body', 'training', 'money', 'pantry', 'correlations'] as const) {
    const part = i[name];
    if (part.status !== 'ok') div(parent, 'dt-degraded-note dt-insights-degraded', `${DOMAIN_WORDS[name]} insights unavailable${part.error ? `: ${part.error}` : ''}.`);
  }
}

function renderCorrelations(parent: HTMLElement, i: InsightsResponse): void {
  const c = i.correlations;
  if (c.status !== 'ok') return;
  if (c.listed.length === 0) {
    div(parent, 'dt-muted dt-insights-note', `No links between domains strong enough to list (${plural(c.tested, 'pair', 'pairs')} tested over ${plural(c.weeks, 'week', 'weeks')}).`);
    return;
  }
  div(parent, 'dt-subtitle', `Links between domains (${c.listed.length} of ${c.tested} tested)`);
  const ul = parent.createEl('ul', { cls: 'dt-list dt-correlations' });
  for (const item of c.listed) {
    const li = ul.createEl('li');
    li.createDiv({ text: item.sentence });
    div(li, 'dt-correlation-detail', correlationDetail(item, c.tested));
  }
}

function renderBody(el: HTMLElement, i: InsightsResponse, lists: ListState): void {
  degradedNotes(el, i);
  if (i.headline !== null) div(el, 'dt-insight-headline', i.headline.text);
  const trends = insightTrends(i);
  if (trends.length > 0) {
    div(el, 'dt-subtitle', 'Trends');
    const box = div(el, 'dt-paces');
    for (const t of trends) renderTrend(box, t);
  }
  const target = targetText(i);
  if (target !== null) div(el, 'dt-muted dt-insights-note', target);
  list(el, lists, 'Stalled or regressing exercises', stalledExercises(i).map(exerciseText), 'dt-stalled');
  const currency = i.money.currency || 'PLN';
  list(el, lists, 'Above usual spending', categoriesAbove(i).map((c) => categoryText(c, currency, formatMoney)), 'dt-above-baseline');
  renderCorrelations(el, i);
}

/**
 * The section, or nothing when there is nothing of its own to say: a bridge without /insights (404),
 * or one that cannot be reached (the panel already says it is offline). It says why the last request
 * failed and how old the insights it still shows are, not when the request failed (no `errorAt`).
 */
export function renderInsightsSection(root: HTMLElement, snapshot: Omit<InsightsSnapshot, 'errorAt'>, now: Date): HTMLElement | null {
  const { insights, error, loading, fetchedAt } = snapshot;
  if (insights === null && error !== null && (error.status === 404 || error.kind === 'unreachable')) return null;
  const el = div(root, 'dt-section dt-insights');
  sectionTitle(el, 'Insights');
  if (error !== null) {
    const since = insights !== null && fetchedAt !== null ? ` Showing those from ${formatAge(fetchedAt, now)}.` : '';
    div(el, 'dt-muted dt-insights-error', `Insights unavailable: ${error.message}${since}`);
  }
  if (insights === null) {
    if (loading) div(el, 'dt-muted', 'Loading insights…');
    return el;
  }
  renderBody(el, insights, listState(root));
  return el;
}

/**
 * Draws the section into a rendered panel, above its freshness lines, and asks for newer insights
 * when those shown are old (the store joins a request already running).
 */
export function addInsightsToPanel(panel: HTMLElement, store: InsightsStore, now: Date): void {
  const section = renderInsightsSection(panel, store.snapshot, now);
  const freshness = Array.from(panel.children).find((child) => child.classList.contains('dt-freshness'));
  if (section !== null && freshness !== undefined) panel.insertBefore(section, freshness);
  store.refreshIfStale(INSIGHTS_MAX_AGE_MS);
}
