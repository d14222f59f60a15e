// Pantry: from the twin's own snapshot history (digital_twin_updates), what is used and when it runs
// out, and how many items expired in each of the last six months. Snapshots are JSONB that older
// versions and other systems write too: values of an unexpected shape are skipped, never trusted.
import { z } from 'zod';
import type { ExpiredInMonth, PantryInsights, PantryProductUse } from '../contract/insights';
import type { DayRange } from '../time/day-range';
import type { PantryHistoryRepository, StoredSnapshot } from '../store/pantry-history-repository';
import { risesPerDay, type ExpiredRise } from './expired-days';
import { addDays, daysBetween, monthBack, type LocalDate } from '../time/local-date';
import type { Figures, InsightContext } from '../analysis/insight-context';
import { round } from '../analysis/statistics';

export const MIN_HISTORY_DAYS = 14;
/** Consumption is the pace of the last eight weeks. */
export const USE_WINDOW_DAYS = 56;
export const EXPIRED_MONTHS = 6;

const StockSnapshot = z.object({
  /** Quantity in stock per product. */
  stock: z.record(z.string(), z.number().nonnegative()),
  units: z.record(z.string(), z.string()).optional(),
});
type StockSnapshot = z.infer<typeof StockSnapshot>;

/** Rises of the expired count per day in [from, to). */
export async function readExpiredRises(repo: PantryHistoryRepository, personId: string, range: DayRange): Promise<ExpiredRise[]> {
  const [before, days] = await Promise.all([repo.expiredBefore(personId, range.from), repo.expiredDays(personId, range)]);
  return risesPerDay(before, days);
}

export interface PantrySnapshot {
  day: string;
  data: StockSnapshot;
}

export function parseSnapshots(rows: readonly StoredSnapshot[]): PantrySnapshot[] {
  const out: PantrySnapshot[] = [];
  for (const r of rows) {
    const parsed = StockSnapshot.safeParse(r.update_data);
    if (parsed.success) out.push({ day: r.day, data: parsed.data });
  }
  return out;
}

/** The rises of the expired count per month, for the last six months. */
export function expiredPerMonth(today: Pick<LocalDate, 'year' | 'month'>, rises: readonly ExpiredRise[]): ExpiredInMonth[] {
  const counts = new Map<string, number>();
  for (const r of rises) counts.set(r.day.slice(0, 7), (counts.get(r.day.slice(0, 7)) ?? 0) + r.rises);
  const out: ExpiredInMonth[] = [];
  for (let back = EXPIRED_MONTHS - 1; back >= 0; back--) {
    const month = monthBack(today, back);
    out.push({ month, items: counts.get(month) ?? 0 });
  }
  return out;
}

/** Decreases of each product's quantity over the window, as a weekly pace, and the day stock runs out at it. */
export function productUse(today: string, snapshots: readonly PantrySnapshot[]): PantryProductUse[] {
  const from = addDays(today, -USE_WINDOW_DAYS);
  const inWindow = snapshots.filter((s) => s.day >= from);
  if (inWindow.length < 2) return [];
  const weeks = Math.max(1, daysBetween(inWindow[0].day, today)) / 7;
  const used = new Map<string, number>();
  for (let i = 1; i < inWindow.length; i++) {
    const before = inWindow[i - 1].data.stock;
    for (const [name, q] of Object.entries(inWindow[i].data.stock)) {
      const drop = (before[name] ?? q) - q;
      if (drop > 0) used.set(name, (used.get(name) ?? 0) + drop);
    }
  }
  const latest = inWindow[inWindow.length - 1].data;
  const out: PantryProductUse[] = [];
  for (const [name, total] of used) {
    const perWeek = total / weeks;
    const quantity = latest.stock[name] ?? 0;
    out.push({
      name,
      unit: latest.units?.[name] ?? null,
      quantity,
      used_per_week: round(perWeek, 2),
      runs_out_on: quantity > 0 ? addDays(today, Math.floor((quantity / perWeek) * 7)) : null,
    });
  }
  return out.sort((a, b) => (a.runs_out_on ?? '').localeCompare(b.runs_out_on ?? '') || a.name.localeCompare(b.name));
}

export async function readPantryInsights(repo: PantryHistoryRepository, ctx: InsightContext & { personId: string }): Promise<Figures<PantryInsights>> {
  const { today } = ctx;
  const tomorrow = addDays(today.date, 1);
  const open = ctx.bounds?.open ?? today.monthStart;
  const [rises, stock, oldest] = await Promise.all([
    readExpiredRises(repo, ctx.personId, { from: `${monthBack(today, EXPIRED_MONTHS - 1)}-01`, to: tomorrow, open }),
    repo.stockSnapshots(ctx.personId, { from: addDays(today.date, -USE_WINDOW_DAYS), to: tomorrow, open }),
    repo.firstDay(ctx.personId),
  ]);
  const historyDays = oldest ? Math.max(0, daysBetween(oldest, today.date)) : 0;
  if (historyDays < MIN_HISTORY_DAYS) return { insufficient_history: true, history_days: historyDays, products: [], expired_per_month: [] };
  return {
    insufficient_history: false,
    history_days: historyDays,
    products: productUse(today.date, parseSnapshots(stock)),
    expired_per_month: expiredPerMonth(today, rises),
  };
}
