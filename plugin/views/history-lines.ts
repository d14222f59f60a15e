// The words of the history view for the changes of one transition (bridge/contract/transition.ts,
// the same changes the webhook pushes): one line per change, the products that ran low or were
// restocked each on one line. A figure that became unknown is not shown.
import type { TransitionChange } from '../../bridge/contract/transition-change';
import { formatNumber, formatSignedMoney } from '../twin/format';

/** What the lines need beyond the changes: the currencies of the two rows. */
export interface LineContext {
  currency: string;
  previousCurrency: string;
}

type Figure = Extract<TransitionChange, { value: number | null }>;

const FIGURES: Record<Exclude<Figure['kind'], 'mtd_net_changed'>, [label: string, unit: string]> = {
  alert_count_changed: ['Budget alerts', ''],
  bodyweight_changed: ['Weight', ' kg'],
  bodyfat_changed: ['Body fat', ' %'],
  days_since_workout_changed: ['Days since workout', ''],
  workouts_this_week_changed: ['Workouts this week', ''],
  low_stock_count_changed: ['Low stock', ''],
  expired_changed: ['Expired', ''],
  expiring_changed: ['Expiring soon', ''],
};

const SUGGESTIONS: Record<string, string> = {
  done_today: 'done today',
  rest_day: 'rest day',
  training_day: 'train today',
  overdue: 'overdue',
  no_workouts: 'no workouts yet',
};

function signed(delta: number, digits = 1): string {
  const rounded = Number(delta.toFixed(digits));
  return `${rounded > 0 ? '+' : ''}${formatNumber(rounded, digits)}`;
}

function figureLine(label: string, unit: string, value: number | null, previous: number | null): string | null {
  if (value === null) return null;
  if (previous === null) return `${label} ${formatNumber(value)}${unit}`;
  return `${label} ${formatNumber(previous)} → ${formatNumber(value)}${unit} (${signed(value - previous)})`;
}

function wordLine(label: string, value: string | null, previous: string | null): string | null {
  if (value === null) return null;
  return previous === null ? `${label}: ${value}` : `${label}: ${previous} → ${value}`;
}

function netLine(c: Extract<TransitionChange, { kind: 'mtd_net_changed' }>, ctx: LineContext): string | null {
  if (c.value === null) return null;
  const now = formatSignedMoney(c.value, ctx.currency);
  // After a new month the previous is null: "before → after" would compare two months.
  return c.previous === null ? `Net this month ${now}` : `Net this month ${formatSignedMoney(c.previous, ctx.previousCurrency)} → ${now}`;
}

function lineOf(c: TransitionChange, ctx: LineContext): string | null {
  switch (c.kind) {
    case 'new_month':
      return c.previous_month === null ? null : `New month: ${c.month}`;
    case 'mtd_net_changed':
      return netLine(c, ctx);
    case 'alert_new':
      return `New alert: ${c.category} (${c.severity})`;
    case 'alert_escalated':
    case 'alert_eased':
      return `Alert ${c.category}: ${c.previous_severity} → ${c.severity}`;
    case 'alert_cleared':
      return `Alert cleared: ${c.category}`;
    case 'weight_trend_changed':
      return wordLine('Trend', c.value, c.previous);
    case 'workout_logged':
      return wordLine('Last workout', c.date, c.previous);
    case 'suggestion_changed': {
      const say = (code: string | null) => (code === null ? null : (SUGGESTIONS[code] ?? code));
      return wordLine('Today', say(c.value), say(c.previous));
    }
    case 'first_snapshot':
    case 'low_stock_new':
    case 'low_stock_cleared':
    case 'domain_degraded':
    case 'domain_back':
      return null;
    default: {
      const [label, unit] = FIGURES[c.kind];
      return figureLine(label, unit, c.value, c.previous);
    }
  }
}

/** The lines of one transition, in the order of its changes. */
export function changeLines(changes: readonly TransitionChange[], ctx: LineContext): string[] {
  const first = changes.some((c) => c.kind === 'first_snapshot');
  const low = changes.flatMap((c) => (c.kind === 'low_stock_new' ? [c.product] : []));
  const restocked = changes.flatMap((c) => (c.kind === 'low_stock_cleared' ? [c.product] : []));
  const lines: string[] = [];
  for (const c of changes) {
    if (c.kind === 'low_stock_new' && c.product === low[0]) lines.push(`${first ? 'Low' : 'Now low'}: ${low.join(', ')}`);
    else if (c.kind === 'low_stock_cleared' && c.product === restocked[0]) lines.push(`Restocked: ${restocked.join(', ')}`);
    else {
      const line = lineOf(c, ctx);
      if (line !== null) lines.push(line);
    }
  }
  return lines;
}
