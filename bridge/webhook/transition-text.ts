// The human text of one pushed transition, ready for Telegram: what changed first (the news), then
// the entity's state in the words of the briefing. Pure.
import { fitTelegram } from '../briefing/briefing';
import { listed, plural } from '../briefing/domain-lines';
import { signedMoney } from '../briefing/money';
import type { HistoryEntity } from '../contract/responses';
import { trainingSuggestion } from '../sources/training-suggestion';
import type { TransitionChange } from './transition-changes';

type Data = Record<string, unknown>;

const SEVERITY_ICON = { CRITICAL: '🚨', HIGH: '⚠️', MEDIUM: '📊' } as const;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const one = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

function changeLine(c: TransitionChange, data: Data): string | null {
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
    case 'suggestion_changed': {
      // The snapshot keeps the suggestion's code; its words come from the same rule the twin uses.
      const days = num(data.days_since_workout);
      return c.value === null || c.value === 'done_today' ? null : trainingSuggestion(days).text;
    }
    default:
      return null;
  }
}

function stateLine(entity: HistoryEntity, data: Data): string | null {
  switch (entity) {
    case 'finance': {
      const net = num(data.mtd_net);
      const currency = typeof data.currency === 'string' ? data.currency : 'PLN';
      const alerts = num(data.active_budget_alerts);
      if (net === null) return null;
      return `💰 Finance: ${signedMoney(net, currency)} MTD${alerts ? ` · ${plural(alerts, 'budget alert')}` : ''}`;
    }
    case 'pantry': {
      const items = Array.isArray(data.low_stock_items) ? data.low_stock_items.filter((x): x is string => typeof x === 'string') : [];
      const low = num(data.low_stock_count) ?? items.length;
      return low === 0 ? '🛒 Pantry: stock OK' : `🛒 Pantry: ${plural(low, 'item')} low stock: ${listed(items)}`;
    }
    case 'health': {
      const parts: string[] = [];
      const week = num(data.workouts_this_week);
      const weight = num(data.bodyweight_kg);
      const fat = num(data.bodyfat_pct);
      if (week !== null) parts.push(`${plural(week, 'workout')} this week`);
      if (weight !== null) parts.push(`${one(weight)} kg`);
      if (fat !== null) parts.push(`${one(fat)}% body fat`);
      return parts.length > 0 ? `💪 Health: ${parts.join(' · ')}` : null;
    }
    default:
      return null;
  }
}

export function transitionText(entity: HistoryEntity, snapshot: unknown, changes: readonly TransitionChange[]): string {
  const data = snapshot !== null && typeof snapshot === 'object' && !Array.isArray(snapshot) ? (snapshot as Data) : {};
  const news = changes.map((c) => changeLine(c, data)).filter((l): l is string => l !== null);
  const state = stateLine(entity, data);
  const lines = [...news, ...(state ? [state] : [])];
  if (lines.length === 0) lines.push(`🔄 ${entity} updated`);
  return fitTelegram(lines.join('\n'));
}
