// The lines each domain contributes to the human texts; shared by the briefing and the /health,
// /finance and /history reports so that one figure is always worded one way.
import type { BudgetAlert, FinanceDomain, HealthDomain, PantryDomain } from '../contract/twin-state';
import { worstFirst } from '../contract/alert-order';
import { signedMoney } from './money';

/** Long lists are cut so that the whole briefing stays far below Telegram's 4096 characters. */
export function listed(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A figure with one decimal, as every text shows a percentage. */
export const one = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

export function degradedLine(icon: string, name: string, d: { error: string | null; as_of: string | null }): string {
  const since = d.as_of ? `, showing data from ${d.as_of.slice(0, 16).replace('T', ' ')} UTC` : '';
  return `${icon} ${name}: ⚠️ Failure: ${d.error ?? 'unavailable'}${since}`;
}

/** One budget alert as every text words it: severity, category, utilization, the function's action. */
export function alertLine(a: Pick<BudgetAlert, 'alert_severity' | 'category_path' | 'utilization_pct' | 'recommended_action'>): string {
  return `• ${a.alert_severity} ${a.category_path} ${one(a.utilization_pct)}%: ${a.recommended_action}`;
}

export function healthLines(h: HealthDomain): string[] {
  const lines: string[] = [];
  if (h.status === 'degraded') {
    lines.push(degradedLine('💪', 'Health', h));
    if (h.as_of === null) return lines;
  }
  const week = h.workouts_this_week === null ? '' : `${plural(h.workouts_this_week, 'workout')} this week (target 2–4)`;
  const body: string[] = [];
  if (h.bodyweight_kg !== null) body.push(`${one(h.bodyweight_kg)} kg`);
  if (h.bodyfat_pct !== null) body.push(`${one(h.bodyfat_pct)}% body fat`);
  if (h.weight_trend) body.push(h.weight_trend.toLowerCase());
  if (h.status === 'ok') lines.push(`💪 Health: ${[week, ...body].filter(Boolean).join(' · ') || 'no measurements yet'}`);
  if (h.training_suggestion) {
    const code = h.training_suggestion.code;
    const since = h.days_since_workout === null || code === 'no_workouts' || code === 'done_today' ? '' : ` (${plural(h.days_since_workout, 'day')} since last workout)`;
    lines.push(`${h.training_suggestion.text}${since}`);
  }
  return lines;
}

export function financeLines(f: FinanceDomain): string[] {
  const lines: string[] = [];
  if (f.status === 'degraded') {
    lines.push(degradedLine('💰', 'Finance', f));
    if (f.as_of === null) return lines;
  }
  if (f.status === 'ok' && f.mtd_net !== null) lines.push(`💰 Finance: ${signedMoney(f.mtd_net, f.currency)} MTD`);
  const critical = f.alerts.filter((a) => a.alert_severity === 'CRITICAL' || a.alert_severity === 'HIGH');
  if (f.alerts.length > 0) {
    lines.push(`🚨 Budget Alert: ${f.alerts.length} active (${critical.length} critical or high)`);
    // The rows keep the order of get_current_budget_alerts(); a person reads the worst first, in the
    // order the panel shows them (severity, then utilization).
    for (const a of worstFirst(f.alerts).slice(0, 5)) lines.push(alertLine(a));
    if (f.alerts.length > 5) lines.push(`• and ${f.alerts.length - 5} more`);
  }
  return lines;
}

export function pantryLines(p: PantryDomain): string[] {
  const lines: string[] = [];
  if (p.status === 'degraded') {
    lines.push(degradedLine('🛒', 'Pantry', p));
    if (p.as_of === null) return lines;
  }
  if (p.status === 'ok') {
    const low = p.low_stock_count ?? 0;
    lines.push(low === 0 ? '🛒 Pantry: stock OK' : `🛒 Pantry: ${plural(low, 'item')} low stock: ${listed(p.low_stock_items)}`);
  }
  const expired = p.expiring.filter((i) => i.level === 'expired');
  const soon = p.expiring.filter((i) => i.level === 'critical');
  if (expired.length > 0) lines.push(`🗑️ Expired: ${listed(expired.map((i) => i.product))}`);
  if (soon.length > 0) lines.push(`⏳ Expiring within 7 days: ${listed(soon.map((i) => `${i.product} (${i.next_expiry})`))}`);
  return lines;
}
