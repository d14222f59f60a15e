// The human text of /finance/details: one month's money in the style of the briefing (emoji first,
// money signed with thousands separators), short enough for Telegram.
// Each function from its own module: the package's index loads all of them (about 11 MB resident).
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { worstFirst } from '../contract/alert-order';
import type { MonthDetails } from '../contract/month-details';
import { alertLine, one, plural } from './domain-lines';
import { signedMoney } from './money';

/** "March 2025" for 2025-03. */
export function monthName(month: string): string {
  return format(parseISO(`${month}-01`), 'MMMM yyyy');
}

export function monthDetailsText(d: MonthDetails): string {
  const name = monthName(d.month);
  const span = d.closed ? `${d.first_day} to ${d.last_day}` : `${d.first_day} to ${d.as_of} (month in progress)`;
  const lines = [`💰 FINANCE DETAILS: ${name}`, `📅 ${span}`, ''];
  if (!d.has_data) return [...lines, `ℹ️ No data for ${name}: no income, expense or budget recorded.`].join('\n');
  const money = (v: number) => signedMoney(v, d.currency);
  lines.push(`💵 Income ${money(d.income)} · Expense ${money(-d.expense)} · Net ${money(d.net)}`);
  if (d.top_expenses.length > 0) {
    lines.push('', `🧾 Top ${plural(d.top_expenses.length, 'expense')}:`);
    for (const e of d.top_expenses) lines.push(`• ${e.date} ${money(-e.amount)} ${e.merchant} (${e.category_path})`);
  }
  lines.push('', `📊 Budgets: ${d.budgets.length}, ${d.breaches.length} breached`);
  for (const b of d.breaches.slice(0, 10)) {
    lines.push(`• ${b.category_path} ${one(b.utilization_pct)}%: over by ${b.over_amount.toFixed(2)} ${d.currency}`);
  }
  if (d.breaches.length > 10) lines.push(`• and ${d.breaches.length - 10} more`);
  lines.push('', d.alerts.length === 0 ? `✅ No budget alerts on ${d.as_of}` : `🚨 Budget alerts on ${d.as_of}: ${d.alerts.length}`);
  // `data` keeps the function's order; a person reads the worst first, as in the briefing.
  for (const a of worstFirst(d.alerts).slice(0, 10)) lines.push(alertLine(a));
  if (d.alerts.length > 10) lines.push(`• and ${d.alerts.length - 10} more`);
  return lines.join('\n');
}
