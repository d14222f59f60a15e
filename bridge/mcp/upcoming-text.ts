// The human text of the payments-due tool: one line per payment, soonest first.
import type { UpcomingPayment } from '../contract/twin-state';

const MAX_LINES = 15;

export function upcomingText(s: Record<string, unknown>): string {
  const rows = (s.upcoming ?? []) as UpcomingPayment[];
  const head = `📅 PAYMENTS DUE${typeof s.date === 'string' ? ` (as of ${s.date})` : ''}`;
  if (s.status !== 'ok') return `${head}\n\nFinance is degraded: the scheduled payments could not be read.`;
  if (rows.length === 0) return `${head}\n\nNothing unpaid is due within 30 days.`;
  const lines = rows.slice(0, MAX_LINES).map((p) => `• ${p.expense_date} ${p.name}: ${p.amount.toFixed(2)} ${p.currency} (${p.urgency.replace('_', ' ')})`);
  const more = rows.length > MAX_LINES ? [`• and ${rows.length - MAX_LINES} more`] : [];
  return [head, '', ...lines, ...more].join('\n');
}
