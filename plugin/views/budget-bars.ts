// Budgets as horizontal bars: spent against the amount, a tick where an evenly spent budget would be
// today, a mark at the alert threshold, the severity as colour and as a word, the figures as text.
// Widths are SVG geometry (attributes), so no inline style is needed; colours come from styles.css.
import type { BudgetAlert, BudgetLine } from '../../bridge/contract/twin-state';
import { formatMoney, formatPct } from '../twin/format';
import { worstFirst } from '../twin/twin-alerts';
import { renderLimited } from './show-more';
import { ARIA_HIDDEN, div, span } from './dom';
import { labelledSvg, rect, tick } from './svg-shapes';

/** The bar's right end, in percent of the budget: room to show an overspend, within reason. */
export const BAR_MAX_PCT = 150;

export interface BarGeometry {
  /** All in percent of the bar's width (0–100). */
  budgetEnd: number;
  spent: number;
  /** The part beyond the budget; 0 when within it. */
  over: number;
  pace: number;
  threshold: number | null;
  /** Spending goes past the drawn range. */
  clipped: boolean;
}

/** Where each part of a budget's bar goes. The scale widens past 100 % only when something is over. */
export function barGeometry(b: Pick<BudgetLine, 'utilization_pct' | 'month_elapsed_pct' | 'alert_threshold'>): BarGeometry {
  const reach = Math.max(100, b.utilization_pct, b.alert_threshold ?? 0);
  const top = Math.min(reach, BAR_MAX_PCT);
  const at = (pct: number) => (Math.min(Math.max(pct, 0), top) / top) * 100;
  const budgetEnd = at(100);
  return {
    budgetEnd,
    spent: at(Math.min(b.utilization_pct, 100)),
    over: b.utilization_pct > 100 ? at(b.utilization_pct) - budgetEnd : 0,
    pace: at(b.month_elapsed_pct),
    threshold: b.alert_threshold === null || b.alert_threshold > top ? null : at(b.alert_threshold),
    clipped: b.utilization_pct > top,
  };
}

const SEVERITY_WORD: Record<NonNullable<BudgetLine['alert_severity']>, string> = { CRITICAL: 'Over budget', HIGH: 'High', MEDIUM: 'Projected over' };

/** The budget's figures in words: what is spent of what, and what is left or over. */
export function budgetFigures(b: BudgetLine, currency: string): string {
  const spent = `${formatMoney(b.actual_amount, currency)} of ${formatMoney(b.budget_amount, currency)} (${formatPct(b.utilization_pct)})`;
  const left = b.budget_amount - b.actual_amount;
  return `${spent} · ${left < 0 ? `${formatMoney(-left, currency)} over` : `${formatMoney(left, currency)} left`}`;
}

function barLabel(b: BudgetLine, figures: string): string {
  const threshold = b.alert_threshold === null ? '' : `, alert at ${b.alert_threshold} %`;
  return `${b.category_path}: ${figures}; ${formatPct(b.month_elapsed_pct)} of the month gone${threshold}`;
}

function renderBar(list: HTMLElement, b: BudgetLine, currency: string, action: string | null): HTMLElement {
  const severity = b.alert_severity === null ? 'ok' : b.alert_severity.toLowerCase();
  const item = list.createEl('li', { cls: `dt-budget dt-severity-${severity}` });
  const head = div(item, 'dt-budget-head');
  span(head, 'dt-budget-category', b.category_path);
  span(head, 'dt-badge', b.alert_severity === null ? 'OK' : SEVERITY_WORD[b.alert_severity]);
  const g = barGeometry(b);
  const figures = budgetFigures(b, currency);
  const label = barLabel(b, figures);
  // The tooltip: the pace and the threshold are ticks on the bar, their figures are only here.
  const svg = labelledSvg(item, 'dt-bar', '0 0 100 10', label);
  // Spent to the budget's end covers the whole track: one shape less to draw.
  const end = g.budgetEnd.toFixed(2);
  if (g.spent < g.budgetEnd) rect(svg, 'dt-bar-track', 0, 2, end, 6);
  if (g.spent > 0) rect(svg, 'dt-bar-spent', 0, 2, g.spent.toFixed(2), 6);
  if (g.over > 0) rect(svg, 'dt-bar-over', end, 0, g.over.toFixed(2), 10);
  if (g.budgetEnd < 100) tick(svg, 'dt-bar-end', end);
  if (g.threshold !== null) tick(svg, 'dt-bar-threshold', g.threshold.toFixed(2));
  tick(svg, 'dt-bar-pace', g.pace.toFixed(2));
  div(item, 'dt-budget-figures', figures);
  if (action !== null) div(item, 'dt-alert-action', action);
  return item;
}

export interface BudgetBarsOptions {
  expanded: boolean;
  onExpand: () => void;
}

export function renderBudgetBars(parent: HTMLElement, budgets: readonly BudgetLine[], alerts: readonly BudgetAlert[], currency: string, o: BudgetBarsOptions): void {
  const actions = new Map(alerts.map((a) => [a.budget_id, a.recommended_action]));
  const box = div(parent, 'dt-budgets');
  const legend = box.createDiv({ cls: 'dt-bar-legend', attr: ARIA_HIDDEN });
  span(legend, 'dt-legend-pace', 'Today’s pace');
  span(legend, 'dt-legend-threshold', 'Alert threshold');
  renderLimited(box, 'dt-budget-list', {
    items: worstFirst(budgets),
    renderItem: (list, b) => renderBar(list, b, currency, actions.get(b.budget_id) ?? null),
    expanded: o.expanded,
    onExpand: o.onExpand,
  });
}
