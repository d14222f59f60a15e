// Rows of digital_twin_updates written straight into the test database, with the times and
// source systems a test needs (the bridge itself only ever writes "now").
import type pg from 'pg';

export interface RowSpec {
  entity: string;
  at: string;
  source?: string;
  data?: object;
}

export async function insertRows(pool: pg.Pool, personId: string, rows: RowSpec[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    const res = await pool.query(
      `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at)
       VALUES ($1, $2::uuid, $3::jsonb, $4, 'status_sync', $5::timestamptz) RETURNING id`,
      [r.entity, personId, JSON.stringify(r.data ?? { at: r.at }), r.source ?? 'g04_engine', r.at],
    );
    ids.push(res.rows[0].id);
  }
  return ids;
}
