// Renders the history view's state: trend lines, then transitions grouped by day, then paging.
// Pure DOM building, shared by the view, the browser preview and the tests.
import type { HistoryEntry } from '../../bridge/contract/responses';
import { asData } from '../../bridge/contract/transition';
import type { BridgeFailure } from '../bridge-client/bridge-client';
import { formatKg, formatPct, formatSignedMoney } from '../twin/format';
import { currencyOf, describeEntries, groupByDay, seriesOf } from './history-model';
import type { SeriesName, SeriesPoint } from './history-model';
import { localDateKey } from '../daily-note/briefing-schedule';
import { moment } from '../time/moment';
import { renderSparkline } from './sparkline';
import { ARIA_HIDDEN, div, failureBox, span } from './dom';

export interface HistoryState {
  entries: HistoryEntry[];
  nextCursor: string | null;
  loading: boolean;
  error: BridgeFailure | null;
  /** How many of the loaded entries are drawn (newest first); the rest wait behind "Show more". */
  shown?: number;
}

/** Entries drawn at first and added by each "Show more": long histories stay quick to draw. */
export const HISTORY_RENDER_STEP = 100;

export const EMPTY_HISTORY: HistoryState = { entries: [], nextCursor: null, loading: false, error: null, shown: HISTORY_RENDER_STEP };

const TRENDS: { name: SeriesName; label: string; show: (v: number, currency: string) => string }[] = [
  { name: 'weight', label: 'Weight', show: formatKg },
  { name: 'bodyfat', label: 'Body fat', show: formatPct },
  { name: 'mtd_net', label: 'Net this month', show: (v, currency) => formatSignedMoney(v, currency) },
];

function timeOf(date: Date | null): string {
  if (date === null) return '';
  return moment(date).format('HH:mm');
}

/** The lowest and highest value and the first and last local day of a series (oldest first). */
export function trendScale(points: readonly SeriesPoint[], show: (v: number) => string): { min: string; max: string; from: string; to: string } {
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    if (p.v < min) min = p.v;
    if (p.v > max) max = p.v;
  }
  return { min: show(min), max: show(max), from: localDateKey(new Date(points[0].t)), to: localDateKey(new Date(points[points.length - 1].t)) };
}

function renderTrends(root: HTMLElement, entries: readonly HistoryEntry[]): void {
  const box = div(root, 'dt-trends');
  const newestFinance = entries.find((e) => e.entity_type === 'finance')?.update_data;
  const currency = currencyOf(asData(newestFinance));
  for (const trend of TRENDS) {
    const points = seriesOf(entries, trend.name);
    if (points.length === 0) continue;
    const el = div(box, `dt-trend dt-trend-${trend.name}`);
    span(el, 'dt-trend-label', trend.label);
    const latest = trend.show((points[points.length - 1] as { v: number }).v, currency);
    if (points.length > 1) {
      const scale = trendScale(points, (v) => trend.show(v, currency));
      renderSparkline(el, points, `${trend.label}, ${points.length} changes from ${scale.from} to ${scale.to}: lowest ${scale.min}, highest ${scale.max}, latest ${latest}`, `dt-sparkline-${trend.name}`);
      // The scale in words beside the line: its range, and the days it spans.
      el.createSpan({ cls: 'dt-trend-scale', text: `${scale.min} – ${scale.max}`, attr: ARIA_HIDDEN });
      el.createSpan({ cls: 'dt-trend-scale', text: scale.from === scale.to ? scale.from : `${scale.from} → ${scale.to}`, attr: ARIA_HIDDEN });
    }
    span(el, 'dt-trend-value', latest);
  }
  if (box.childElementCount === 0) box.remove();
}

/** A day's heading; with `onPickDay`, a button that shows the twin on that day. */
function dayTitle(parent: HTMLElement, day: string, onPickDay: ((day: string) => void) | undefined): void {
  const title = parent.createEl('h4', { cls: 'dt-day-title' });
  if (onPickDay === undefined) {
    title.setText(day);
    return;
  }
  const button = title.createEl('button', { cls: 'dt-day-link', text: day, attr: { 'aria-label': `Show the twin on ${day}` } });
  button.onClickEvent(() => onPickDay(day));
}

export function renderHistory(
  root: HTMLElement,
  state: HistoryState,
  onLoadOlder: () => void,
  onShowMore: () => void = () => {},
  onPickDay?: (day: string) => void,
): void {
  root.empty();
  root.addClass('dt-history');
  if (state.error !== null) failureBox(root, state.error, 'History unavailable');
  if (state.entries.length === 0) {
    div(root, state.loading ? 'dt-state dt-state-loading' : 'dt-muted', state.loading ? 'Loading history…' : 'No history yet.');
    return;
  }
  renderTrends(root, state.entries);
  // Changes are described against all loaded entries, so the last one drawn still has its predecessor.
  const shown = Math.max(1, state.shown ?? HISTORY_RENDER_STEP);
  const changes = describeEntries(state.entries, shown);
  for (const day of groupByDay(changes)) {
    const dayEl = div(root, 'dt-day');
    dayTitle(dayEl, day.day, onPickDay);
    for (const change of day.changes) {
      const item = div(dayEl, `dt-change dt-change-${change.entry.entity_type}`);
      span(item, 'dt-change-time', timeOf(change.at));
      span(item, 'dt-change-title', change.title);
      if (change.lines.length > 0) div(item, 'dt-change-lines', change.lines.join('\n'));
    }
  }
  const hidden = state.entries.length - changes.length;
  if (hidden > 0) {
    const button = root.createEl('button', { cls: 'dt-show-more', text: `Show ${Math.min(hidden, HISTORY_RENDER_STEP)} more` });
    button.onClickEvent(() => onShowMore());
  } else if (state.nextCursor !== null) {
    const button = root.createEl('button', { cls: 'dt-load-older', text: state.loading ? 'Loading…' : 'Load older' });
    if (state.loading) button.disabled = true;
    button.onClickEvent(() => onLoadOlder());
  }
}
