// The finance section's scheduled payments: the bridge's `upcoming` list (unpaid, due within 30 days,
// soonest first), today's and tomorrow's marked urgent. Pure DOM building, like the rest of the panel.
import type { FinanceDomain, UpcomingPayment } from '../../bridge/contract/twin-state';
import { formatMoney, plural } from '../twin/format';
import { moment } from '../time/moment';
import { renderLimited } from './show-more';
import { div, span } from './dom';

/** The soonest few; the budgets follow below them. */
const SHOWN_AT_FIRST = 3;

/** Due today or tomorrow: what the briefing calls urgent. */
export function isUrgent(p: Pick<UpcomingPayment, 'urgency'>): boolean {
  return p.urgency === 'today' || p.urgency === 'tomorrow';
}

/** When it is due; today's and tomorrow's say so in their badge instead. */
function dueText(p: UpcomingPayment): string {
  const day = moment(p.expense_date, 'YYYY-MM-DD').format('ddd D MMM');
  return isUrgent(p) ? day : `In ${plural(p.days_until, 'day', 'days')} · ${day}`;
}

function renderPayment(list: HTMLElement, p: UpcomingPayment): HTMLElement {
  const item = list.createEl('li', { cls: `dt-upcoming-item dt-upcoming-${p.urgency.replace('_', '-')}` });
  if (isUrgent(p)) item.addClass('dt-upcoming-urgent');
  const head = div(item, 'dt-upcoming-head');
  span(head, 'dt-upcoming-name', p.name);
  span(head, 'dt-upcoming-amount', formatMoney(p.amount, p.currency));
  const when = div(item, 'dt-upcoming-when');
  if (isUrgent(p)) span(when, 'dt-badge', p.urgency === 'today' ? 'Due today' : 'Due tomorrow');
  when.createSpan({ text: p.category ? `${dueText(p)} · ${p.category}` : dueText(p) });
  return item;
}

/** The list under its subtitle; when there is none, the bridge's note on why (or that nothing is due). */
export function renderUpcoming(el: HTMLElement, finance: FinanceDomain, o: { expanded: boolean; onExpand: () => void }): void {
  // A bridge older than the upcoming payments sends neither field: say nothing rather than "nothing due".
  const upcoming = finance.upcoming as readonly UpcomingPayment[] | undefined;
  if (upcoming === undefined) return;
  const urgent = upcoming.filter(isUrgent).length;
  const counts = upcoming.length === 0 ? '' : ` (${upcoming.length}${urgent > 0 ? `, ${urgent} due by tomorrow` : ''})`;
  const block = div(el, 'dt-upcoming-block');
  div(block, 'dt-subtitle', `Upcoming payments${counts}`);
  if (upcoming.length === 0) {
    div(block, 'dt-muted dt-upcoming-note', finance.upcoming_note ?? 'Nothing due in the next 30 days.');
    return;
  }
  renderLimited(block, 'dt-upcoming', { items: upcoming, renderItem: renderPayment, expanded: o.expanded, onExpand: o.onExpand, limit: SHOWN_AT_FIRST });
}
