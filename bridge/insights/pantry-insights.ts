// Pantry: from the twin's own snapshot history (digital_twin_updates), what is used and when it runs
// out, and how many items expired in each of the last six months. Snapshots are JSONB that older
// versions and other systems write too, so each is parsed and unknown shapes are skipped.
import { z } from 'zod';
import type { ExpiredInMonth, PantryInsights, PantryProductUse } from '../contract/insights';
import type { Queryable } from '../db/pools';
import { addDays, daysBetween, type LocalDate } from '../time/local-date';
import type { Figures, InsightContext } from './insight-context';
import { monthBack } from './money-insights';
import { round } from './statistics';

export const MIN_HISTORY_DAYS = 14;
/** Consumption is the pace of the last eight weeks. */
export const USE_WINDOW_DAYS = 56;
export const EXPIRED_MONTHS = 6;

const Snapshot = z.object({
  expired_count: z.number().int().nonnegative().nullable().optional(),
  /** Quantity in stock per product, when the snapshot carries it. */
  stock: z.record(z.string(), z.number().nonnegative()).optional(),
  units: z.record(z.string(), z.string()).optional(),
});
type Snapshot = z.infer<typeof Snapshot>;

// The snapshots from $2 to $3, and the last one before $2 (what the first change is measured from).
// The (entity_type, entity_id, created_at DESC, id DESC) index serves both; days are the session's zone.
export const PANTRY_SNAPSHOTS_SQL = `
  SELECT update_data, day FROM (
    (SELECT update_data, created_at, id FROM digital_twin_updates
     WHERE entity_type = 'pantry' AND entity_id = $1::uuid AND created_at < $2::date
     ORDER BY created_at DESC, id DESC LIMIT 1)
    UNION ALL
    (SELECT update_data, created_at, id FROM digital_twin_updates
     WHERE entity_type = 'pantry' AND entity_id = $1::uuid AND created_at >= $2::date AND created_at < $3::date)
  ) s, LATERAL (SELECT to_char(s.created_at, 'YYYY-MM-DD') AS day) d
  ORDER BY s.created_at, s.id`;

const OLDEST_SQL = `
  SELECT to_char(created_at, 'YYYY-MM-DD') AS day
  FROM digital_twin_updates
  WHERE entity_type = 'pantry' AND entity_id = $1::uuid
  ORDER BY created_at, id LIMIT 1`;

export interface PantrySnapshot {
  day: string;
  data: Snapshot;
}

export function parseSnapshots(rows: readonly { update_data: unknown; day: string }[]): PantrySnapshot[] {
  const out: PantrySnapshot[] = [];
  for (const r of rows) {
    const parsed = Snapshot.safeParse(r.update_data);
    if (parsed.success) out.push({ day: r.day, data: parsed.data });
  }
  return out;
}

/** Rises of the expired count between snapshots, per month of the later one. */
export function expiredPerMonth(today: Pick<LocalDate, 'year' | 'month'>, snapshots: readonly PantrySnapshot[]): ExpiredInMonth[] {
  const counts = new Map<string, number>();
  let previous: number | null = null;
  for (const s of snapshots) {
    const value = s.data.expired_count ?? null;
    if (value !== null && previous !== null && value > previous) {
      const month = s.day.slice(0, 7);
      counts.set(month, (counts.get(month) ?? 0) + (value - previous));
    }
    if (value !== null) previous = value;
  }
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
  const withStock = snapshots.filter((s) => s.data.stock !== undefined);
  const inWindow = withStock.filter((s) => s.day >= from);
  if (inWindow.length < 2) return [];
  const weeks = Math.max(1, daysBetween(inWindow[0].day, today)) / 7;
  const used = new Map<string, number>();
  for (let i = 1; i < inWindow.length; i++) {
    const before = inWindow[i - 1].data.stock ?? {};
    const after = inWindow[i].data.stock ?? {};
    for (const [name, q] of Object.entries(after)) {
      const drop = (before[name] ?? q) - q;
      if (drop > 0) used.set(name, (used.get(name) ?? 0) + drop);
    }
  }
  const latest = inWindow[inWindow.length - 1].data;
  const out: PantryProductUse[] = [];
  for (const [name, total] of used) {
    const perWeek = total / weeks;
    const quantity = latest.stock?.[name] ?? 0;
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

export async function readPantryInsights(db: Queryable, ctx: InsightContext & { personId: string }): Promise<Figures<PantryInsights>> {
  const { today } = ctx;
  const start = `${monthBack(today, EXPIRED_MONTHS)}-01`;
  const [rows, oldest] = await Promise.all([
    db.query<{ update_data: unknown; day: string }>(PANTRY_SNAPSHOTS_SQL, [ctx.personId, start, addDays(today.date, 1)]),
    db.query<{ day: string }>(OLDEST_SQL, [ctx.personId]),
  ]);
  const historyDays = oldest.rows[0] ? Math.max(0, daysBetween(oldest.rows[0].day, today.date)) : 0;
  if (historyDays < MIN_HISTORY_DAYS) return { insufficient_history: true, history_days: historyDays, products: [], expired_per_month: [] };
  const snapshots = parseSnapshots(rows.rows);
  return {
    insufficient_history: false,
    history_days: historyDays,
    products: productUse(today.date, snapshots),
    expired_per_month: expiredPerMonth(today, snapshots),
  };
}
