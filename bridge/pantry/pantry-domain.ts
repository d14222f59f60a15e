// The pantry's rules: low stock (at or below a product's threshold; a null threshold is not tracked)
// and expiry (expired before today, critical within 7 days, warning within 30).
import type { ExpiryItem, ExpiryLevel, LowStockItem, PantryDomain } from '../contract/twin-state';
import { readPantry as readRecorded } from '../contract/transition';
import type { PantryHistoryRepository } from '../store/pantry-history-repository';
import { addDays, daysBetween, type LocalDate } from '../time/local-date';
import type { PantryInventory, PantryRepository } from './pantry-repository';

export type PantryData = Omit<PantryDomain, 'status' | 'error' | 'as_of'>;

export const EXPIRY_CRITICAL_DAYS = 7;
export const EXPIRY_WARNING_DAYS = 30;

export function expiryLevel(daysLeft: number): ExpiryLevel | null {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= EXPIRY_CRITICAL_DAYS) return 'critical';
  if (daysLeft <= EXPIRY_WARNING_DAYS) return 'warning';
  return null;
}

/** Low stock and expiring food at `today`, from the inventory as the repository gives it. */
export function pantryData(inventory: PantryInventory, today: string): PantryData {
  const low: LowStockItem[] = inventory.stock
    .filter((i) => i.quantity <= i.critical_threshold)
    .sort((a, b) => a.product.localeCompare(b.product, 'pl'));
  const expiring: ExpiryItem[] = inventory.expiring.map((r) => {
    const daysLeft = daysBetween(today, r.next_expiry);
    return { product: r.product, location: r.location, next_expiry: r.next_expiry, days_left: daysLeft, level: expiryLevel(daysLeft) ?? 'warning', quantity: r.quantity, unit: r.unit };
  });
  return {
    variant: inventory.variant,
    tracked_products: inventory.stock.length,
    low_stock_count: low.length,
    low_stock_items: low.map((i) => i.product),
    low_stock: low,
    expired_count: expiring.filter((i) => i.level === 'expired').length,
    expiring_count: expiring.filter((i) => i.level !== 'expired').length,
    expiring,
  };
}

/** The pantry of `today`: what expires within the warning window, and what is low. */
export async function readPantry(repo: PantryRepository, ctx: { today: LocalDate; nowMs: number }): Promise<PantryData> {
  return pantryData(await repo.inventory(addDays(ctx.today.date, EXPIRY_WARNING_DAYS), ctx.nowMs), ctx.today.date);
}

/**
 * The pantry at the end of a past day: the pantry database keeps no past, so it is the last state the
 * twin recorded by then (counts and the names of what was low; the per-item lists are today's only).
 * null when the twin had recorded none: the pantry of that day is unknown.
 */
export async function pantryOnDay(history: PantryHistoryRepository, personId: string, day: string): Promise<PantryData | null> {
  const stored = await history.snapshotAt(personId, day);
  if (stored === null) return null;
  const r = readRecorded(stored);
  return {
    variant: null,
    tracked_products: null,
    low_stock_count: r.low_stock_count,
    low_stock_items: r.low_stock_items,
    low_stock: [],
    expired_count: r.expired_count,
    expiring_count: r.expiring_count,
    expiring: [],
  };
}

/** Why a past day's pantry is not known, in the words of the answer. */
export function pantryUnknownText(day: string): string {
  return `The pantry on ${day} is unknown: the pantry database keeps no past, and the twin had recorded none by then.`;
}
