// autonomous_pantry behind one door. Two layouts exist: the older one keyed by product, the newer
// one keyed by (product, location), where a product's stock is the sum over its locations. The
// layout is detected here; callers get the same rows either way.
import type { PantryVariant } from '../contract/twin-state';
import { num, numOrNull, type Queryable } from '../db/pools';
import { databaseActivity } from '../db/table-activity-repository';

/** A tracked product (it has a threshold) with its stock. */
export interface StockRow {
  product: string;
  /** NaN when the stock is unknown (a null quantity): never at or below a threshold. */
  quantity: number;
  unit: string | null;
  critical_threshold: number;
  locations: string[];
}

export interface ExpiryRow {
  product: string;
  location: string | null;
  next_expiry: string;
  quantity: number | null;
  unit: string | null;
}

export interface PantryInventory {
  variant: PantryVariant;
  /** Every tracked product, low or not. */
  stock: StockRow[];
  /** Rows expiring on or before the day asked, soonest first. */
  expiring: ExpiryRow[];
}

export interface PantryRepository {
  /** The inventory as it stands, with what expires on or before `until`. */
  inventory(until: string, nowMs: number): Promise<PantryInventory>;
}

const VARIANT_SQL = `
  SELECT EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'pantry_inventory' AND column_name = 'location'
  ) AS has_location`;

// A null threshold means "not tracked"; a product is tracked when any of its rows has one.
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

type Raw<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };

export class PgPantryRepository implements PantryRepository {
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

  async inventory(until: string, nowMs: number): Promise<PantryInventory> {
    const variant = await this.detectVariant(nowMs);
    const [stock, expiry] = await Promise.all([
      this.db.query<Raw<StockRow, 'quantity' | 'critical_threshold'>>(STOCK_SQL[variant]),
      this.db.query<Raw<ExpiryRow, 'quantity'>>(EXPIRY_SQL[variant], [until]),
    ]);
    return {
      variant,
      stock: stock.rows.map((r) => ({ ...r, quantity: num(r.quantity), critical_threshold: num(r.critical_threshold) })),
      expiring: expiry.rows.map((r) => ({ ...r, quantity: numOrNull(r.quantity) })),
    };
  }

  /** A cheap word that moves when any table of this database is written (db/table-activity-repository.ts). */
  stateSignal(): Promise<string | null> {
    return databaseActivity(this.db);
  }
}
