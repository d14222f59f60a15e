// autonomous_pantry → low stock and expiring food. Two layouts exist: the older one keyed by
// product, the newer one keyed by (product, location), where stock is the sum over locations.
import type { ExpiryItem, ExpiryLevel, LowStockItem, PantryDomain, PantryVariant } from '../contract/twin-state';
import { num, numOrNull, type Queryable } from '../db/pools';
import { addDays, daysBetween, type LocalDate } from '../time/local-date';

export type PantryData = Omit<PantryDomain, 'status' | 'error' | 'as_of'>;

const VARIANT_SQL = `
  SELECT EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'pantry_inventory' AND column_name = 'location'
  ) AS has_location`;

// A null threshold means "not tracked"; a product is tracked when any of its rows has one. A null
// quantity is unknown stock, which (as in the user's own SQL) never compares as low.
const STOCK_SQL: Record<PantryVariant, string> = {
  by_location: `
    SELECT category AS product, sum(current_quantity) AS quantity, max(unit) AS unit,
           max(critical_threshold) AS critical_threshold,
           array_agg(location ORDER BY location) AS locations
    FROM pantry_inventory
    GROUP BY category
    HAVING max(critical_threshold) IS NOT NULL`,
  single: `
    SELECT category AS product, current_quantity AS quantity, unit,
           critical_threshold, ARRAY[]::text[] AS locations
    FROM pantry_inventory
    WHERE critical_threshold IS NOT NULL`,
};

// Served by the index on next_expiry.
const EXPIRY_SQL: Record<PantryVariant, string> = {
  by_location: `
    SELECT category AS product, location, next_expiry, current_quantity AS quantity, unit
    FROM pantry_inventory
    WHERE next_expiry <= $1::date
    ORDER BY next_expiry, category, location`,
  single: `
    SELECT category AS product, NULL::text AS location, next_expiry, current_quantity AS quantity, unit
    FROM pantry_inventory
    WHERE next_expiry <= $1::date
    ORDER BY next_expiry, category`,
};

// Rows as node-postgres returns them: numeric columns as text, dates as 'YYYY-MM-DD' (see db/pools.ts).
interface StockRow {
  product: string;
  quantity: string | null;
  unit: string | null;
  critical_threshold: string;
  locations: string[];
}

interface ExpiryRow {
  product: string;
  location: string | null;
  next_expiry: string;
  quantity: string | null;
  unit: string | null;
}

export function expiryLevel(daysLeft: number): ExpiryLevel | null {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= 7) return 'critical';
  if (daysLeft <= 30) return 'warning';
  return null;
}

export class PantrySource {
  private variant: { value: PantryVariant; at: number } | null = null;

  constructor(
    private readonly db: Queryable,
    /** The layout rarely changes; it is looked up again after this long. */
    private readonly variantTtlMs = 60_000,
  ) {}

  private async detectVariant(nowMs: number): Promise<PantryVariant> {
    if (this.variant && nowMs - this.variant.at < this.variantTtlMs) return this.variant.value;
    const { rows } = await this.db.query<{ has_location: boolean }>(VARIANT_SQL);
    const value: PantryVariant = rows[0].has_location ? 'by_location' : 'single';
    this.variant = { value, at: nowMs };
    return value;
  }

  async read(ctx: { today: LocalDate; nowMs: number }): Promise<PantryData> {
    const variant = await this.detectVariant(ctx.nowMs);
    const [stock, expiry] = await Promise.all([
      this.db.query<StockRow>(STOCK_SQL[variant]),
      this.db.query<ExpiryRow>(EXPIRY_SQL[variant], [addDays(ctx.today.date, 30)]),
    ]);
    // An unknown (null) quantity converts to NaN, which is never at or below a threshold.
    const low: LowStockItem[] = stock.rows
      .map((r) => ({ product: r.product, quantity: num(r.quantity), unit: r.unit, critical_threshold: num(r.critical_threshold), locations: r.locations }))
      .filter((i) => i.quantity <= i.critical_threshold)
      .sort((a, b) => a.product.localeCompare(b.product, 'pl'));
    const expiring: ExpiryItem[] = expiry.rows.map((r) => {
      const daysLeft = daysBetween(ctx.today.date, r.next_expiry);
      return {
        product: r.product,
        location: r.location,
        next_expiry: r.next_expiry,
        days_left: daysLeft,
        level: expiryLevel(daysLeft) ?? 'warning',
        quantity: numOrNull(r.quantity),
        unit: r.unit,
      };
    });
    return {
      variant,
      tracked_products: stock.rows.length,
      low_stock_count: low.length,
      low_stock_items: low.map((i) => i.product),
      low_stock: low,
      expired_count: expiring.filter((i) => i.level === 'expired').length,
      expiring_count: expiring.filter((i) => i.level !== 'expired').length,
      expiring,
    };
  }
}
