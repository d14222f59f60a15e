// Writes the pantry demo, and moves it along with the calendar on later starts so that it keeps
// showing the same mix of low, expired and expiring products.
import type pg from 'pg';
import { daysBetween } from '../time/local-date';
import { BulkInsert } from './demo-sql';
import { dictionaryRows, pantryRows } from './pantry-demo';

export async function seedPantry(client: pg.PoolClient, today: string): Promise<Record<string, number>> {
  const inventory = new BulkInsert(client, 'pantry_inventory', [
    ['category', 'text'], ['location', 'text'], ['current_quantity', 'numeric'], ['unit', 'text'], ['next_expiry', 'date'],
    ['last_updated', 'date'], ['status', 'text'], ['critical_threshold', 'numeric'],
  ]);
  for (const r of pantryRows(today)) {
    await inventory.add(r.category, r.location, r.quantity, r.unit, r.nextExpiry, r.lastUpdated, r.status, r.threshold);
  }
  const dictionary = new BulkInsert(client, 'pantry_dictionary', [
    ['category', 'text'], ['ai_synonyms', 'text'], ['default_unit', 'text'], ['critical_threshold', 'numeric'],
  ]);
  for (const d of dictionaryRows()) await dictionary.add(d.category, d.synonyms, d.unit, d.threshold);
  return { pantry_inventory: await inventory.flush(), pantry_dictionary: await dictionary.flush() };
}

/** Shifts expiry and update dates by the days since the pantry was last moved along (its newest last_updated). */
export async function topUpPantry(client: pg.PoolClient, today: string): Promise<Record<string, number>> {
  const { rows } = await client.query<{ d: string | null }>('SELECT max(last_updated)::text AS d FROM pantry_inventory');
  const newest = rows[0].d;
  if (!newest || newest >= today) return { pantry_shifted: 0 };
  const shifted = await client.query(
    `UPDATE pantry_inventory SET next_expiry = next_expiry + $1::int, last_updated = last_updated + $1::int, updated_at = now()`,
    [daysBetween(newest, today)],
  );
  return { pantry_shifted: shifted.rowCount ?? 0 };
}
