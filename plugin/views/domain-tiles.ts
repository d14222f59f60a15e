// The panel's header: one tile per domain with a status word, the key figure and the one thing to do
// today. The model is pure (tested on its own); the status word is always written out, so the colour
// is never the only carrier of meaning.
import type { StatusResponse } from '../../bridge/contract/responses';
import type { DomainName, FinanceDomain, HealthDomain, PantryDomain } from '../../bridge/contract/twin-state';
import { formatKg, formatMoney, formatPct, formatSignedMoney, plural } from '../twin/format';
import { worstFirst } from '../twin/twin-alerts';
import { div, span } from './dom';

export type TileLevel = 'ok' | 'attention' | 'alert' | 'degraded';

export interface DomainTile {
  domain: DomainName;
  title: string;
  level: TileLevel;
  /** The figure a person looks for first, such as `82.4 kg · 18.2 %`. */
  figure: string;
  /** What to do about it today. */
  todo: string;
}

export const LEVEL_WORDS: Record<TileLevel, string> = { ok: 'OK', attention: 'Attention', alert: 'Alert', degraded: 'Degraded' };

/** Names shown in the to-do line before "and N more". */
const TODO_NAMES = 3;
const OVERDUE_DAYS = 5;

function names(items: readonly string[]): string {
  if (items.length <= TODO_NAMES) return items.join(', ');
  return `${items.slice(0, TODO_NAMES).join(', ')} and ${items.length - TODO_NAMES} more`;
}

/** `Lifestyle > Groceries` → `Groceries`: the tile has room for the part a person says. */
export function shortCategory(path: string): string {
  const parts = path.split(' > ');
  return parts[parts.length - 1] || path;
}

function healthTile(h: HealthDomain): DomainTile {
  const days = h.days_since_workout;
  const code = h.training_suggestion?.code ?? null;
  const body = [h.bodyweight_kg === null ? null : formatKg(h.bodyweight_kg), h.bodyfat_pct === null ? null : `${formatPct(h.bodyfat_pct)} fat`];
  const figure = body.filter((x) => x !== null).join(' · ') || 'No measurements';
  let level: TileLevel = 'ok';
  let todo = 'Rest day';
  if (code === 'overdue' || (days !== null && days > OVERDUE_DAYS)) {
    level = 'alert';
    todo = days === null ? 'Train today' : `Train today: ${plural(days, 'day', 'days')} since the last workout`;
  } else if (code === 'training_day') {
    level = 'attention';
    todo = 'Train today';
  } else if (code === 'no_workouts' || days === null) {
    level = 'attention';
    todo = 'Log your first workout';
  } else if (code === 'done_today' || days === 0) {
    todo = 'Workout done today';
  }
  return { domain: 'health', title: 'Health', level, figure, todo };
}

function financeTile(f: FinanceDomain): DomainTile {
  const figure = f.mtd_net === null ? 'No figures' : `${formatSignedMoney(f.mtd_net, f.currency || 'PLN')} this month`;
  const tile = (level: TileLevel, todo: string): DomainTile => ({ domain: 'finance', title: 'Finance', level, figure, todo });
  const worst = worstFirst(f.alerts)[0];
  if (worst === undefined) return tile('ok', f.budgets.length > 0 ? 'Budgets on track' : 'No budget alerts');
  const where = shortCategory(worst.category_path);
  const currency = f.currency || 'PLN';
  switch (worst.alert_severity) {
    case 'CRITICAL':
      return tile('alert', `Stop spending in ${where}`);
    case 'HIGH': {
      const perDay = worst.daily_limit_remaining ?? worst.budget_amount - worst.actual_amount;
      return tile('alert', `Slow down in ${where}: ${formatMoney(perDay, currency)} a day`);
    }
    case 'MEDIUM':
      return tile('attention', `Spend less in ${where} to stay in budget`);
  }
}

function pantryTile(p: PantryDomain): DomainTile {
  // A past day's pantry is what the twin recorded: the names of what was low and the counts, no item lists.
  const low = p.low_stock.length > 0 ? p.low_stock.map((i) => i.product) : p.low_stock_items;
  const expired = p.expiring.filter((i) => i.level === 'expired');
  const expiredCount = p.expiring.length > 0 ? expired.length : (p.expired_count ?? 0);
  const soon = p.expiring.filter((i) => i.level === 'critical');
  const parts: string[] = [];
  if (low.length > 0) parts.push(`${low.length} low`);
  if (expiredCount > 0) parts.push(`${expiredCount} expired`);
  if (soon.length > 0) parts.push(`${soon.length} expiring this week`);
  const figure = parts.join(' · ') || (p.tracked_products === null && p.low_stock_count === null ? 'No figures' : 'Stock OK');
  const level: TileLevel = expiredCount > 0 ? 'alert' : low.length > 0 || soon.length > 0 ? 'attention' : 'ok';
  let todo = 'Nothing to buy';
  if (low.length > 0) todo = `Buy ${names(low)}`;
  else if (expiredCount > 0) todo = expired.length > 0 ? `Throw out ${names(expired.map((i) => i.product))}` : 'Throw out what has expired';
  else if (soon.length > 0) todo = `Use ${names(soon.map((i) => i.product))} first`;
  return { domain: 'pantry', title: 'Pantry', level, figure, todo };
}

export function domainTiles(status: StatusResponse): DomainTile[] {
  const { health, finance, pantry } = status.state;
  const tiles = [healthTile(health), financeTile(finance), pantryTile(pantry)];
  for (const tile of tiles) {
    const domain = status.state[tile.domain];
    if (domain.status !== 'degraded') continue;
    tile.level = 'degraded';
    // Without any earlier figures there is nothing to act on; with them, the advice still stands.
    if (domain.as_of === null) {
      tile.figure = 'Unavailable';
      // A past day's answer (`date`): the bridge may be fine, that day's figures are what is missing.
      tile.todo = status.date === undefined ? 'Check the bridge' : 'Not known for that day';
    }
  }
  return tiles;
}

export function renderTiles(root: HTMLElement, status: StatusResponse): void {
  const box = div(root, 'dt-tiles');
  for (const tile of domainTiles(status)) {
    const el = box.createDiv({ cls: `dt-tile dt-tile-${tile.domain} dt-level-${tile.level}`, attr: { role: 'group', 'aria-label': `${tile.title}: ${LEVEL_WORDS[tile.level]}` } });
    const head = div(el, 'dt-tile-head');
    span(head, 'dt-tile-title', tile.title);
    span(head, 'dt-tile-status', LEVEL_WORDS[tile.level]);
    div(el, 'dt-tile-figure', tile.figure);
    div(el, 'dt-tile-todo', tile.todo);
  }
}
