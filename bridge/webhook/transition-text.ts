// The human text of one pushed transition, ready for Telegram: what changed first (the news), then
// the entity's state in the words of the briefing. Pure.
import { fitTelegram } from '../briefing/briefing';
import { listed, plural } from '../briefing/domain-lines';
import { signedMoney } from '../briefing/money';
import type { HistoryEntity } from '../contract/responses';
import { readFinance, readHealth, readPantry } from '../contract/transition';
import type { TransitionChange } from '../contract/transition-change';
import { trainingSuggestion } from '../training/training-suggestion';

const SEVERITY_ICON = { CRITICAL: '🚨', HIGH: '⚠️', MEDIUM: '📊' } as const;

const one = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

function changeLine(c: TransitionChange, snapshot: unknown): string | null {
  switch (c.kind) {
    case 'alert_new':
      return `${SEVERITY_ICON[c.severity]} New ${c.severity} budget alert: ${c.category}`;
    case 'alert_escalated':
      return `${SEVERITY_ICON[c.severity]} Budget alert now ${c.severity} (was ${c.previous_severity}): ${c.category}`;
    case 'alert_eased':
      return `↘️ Budget alert eased to ${c.severity} (was ${c.previous_severity}): ${c.category}`;
    case 'alert_cleared':
      return `✅ Budget alert cleared: ${c.category}`;
    case 'new_month':
      return c.previous_month === null ? null : `📅 New month: ${c.month}`;
    case 'low_stock_new':
      return `🛒 Low stock: ${c.product}`;
    case 'low_stock_cleared':
      return `✅ Restocked: ${c.product}`;
    case 'expired_changed':
      return c.value !== null && c.value > (c.previous ?? 0) ? `🗑️ Expired: ${plural(c.value, 'item')}` : null;
    case 'workout_logged':
      return `🏋️ Workout logged: ${c.date}`;
    case 'suggestion_changed':
      // The snapshot keeps the suggestion's code; its words come from the same rule the twin uses.
      return c.value === null || c.value === 'done_today' ? null : trainingSuggestion(readHealth(snapshot).days_since_workout).text;
    default:
      return null;
  }
}

function stateLine(entity: HistoryEntity, snapshot: unknown): string | null {
  switch (entity) {
    case 'finance': {
      const f = readFinance(snapshot);
      if (f.mtd_net === null) return null;
      const alerts = f.active_budget_alerts ? ` · ${plural(f.active_budget_alerts, 'budget alert')}` : '';
      return `💰 Finance: ${signedMoney(f.mtd_net, f.currency ?? 'PLN')} MTD${alerts}`;
    }
    case 'pantry': {
      const p = readPantry(snapshot);
      const low = p.low_stock_count ?? p.low_stock_items.length;
      return low === 0 ? '🛒 Pantry: stock OK' : `🛒 Pantry: ${plural(low, 'item')} low stock: ${listed(p.low_stock_items)}`;
    }
    case 'health': {
      const h = readHealth(snapshot);
      const parts: string[] = [];
      if (h.workouts_this_week !== null) parts.push(`${plural(h.workouts_this_week, 'workout')} this week`);
      if (h.bodyweight_kg !== null) parts.push(`${one(h.bodyweight_kg)} kg`);
      if (h.bodyfat_pct !== null) parts.push(`${one(h.bodyfat_pct)}% body fat`);
      return parts.length > 0 ? `💪 Health: ${parts.join(' · ')}` : null;
    }
    default:
      return null;
  }
}

export function transitionText(entity: HistoryEntity, snapshot: unknown, changes: readonly TransitionChange[]): string {
  const news = changes.map((c) => changeLine(c, snapshot)).filter((l): l is string => l !== null);
  const state = stateLine(entity, snapshot);
  const lines = [...news, ...(state ? [state] : [])];
  if (lines.length === 0) lines.push(`🔄 ${entity} updated`);
  return fitTelegram(lines.join('\n'));
}
