// Writes the past transitions of digital_twin_updates in large batches. A batch travels as one JSON
// array (its rows' update_data already are JSON text), which PostgreSQL unpacks with
// jsonb_to_recordset: far cheaper than a text[] parameter of a million escaped JSON strings.
import type pg from 'pg';
import { BRIDGE_SOURCE_SYSTEM, BRIDGE_UPDATE_TYPE } from '../contract/source-system';
import { historyBatches, type HistoryPlan } from './history-demo';

const INSERT = `
  INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at)
  SELECT r.e, $2::uuid, r.d, $3::varchar, $4::varchar, to_timestamp(r.ms / 1000.0)
  FROM jsonb_to_recordset($1::jsonb) AS r(e text, d jsonb, ms bigint)`;

export async function seedHistory(client: pg.PoolClient, personId: string, plan: HistoryPlan): Promise<number> {
  let inserted = 0;
  for (const batch of historyBatches(plan, 50_000)) {
    const json = `[${batch.map((r) => `{"e":"${r.entityType}","ms":${r.createdAtMs},"d":${r.data}}`).join(',')}]`;
    inserted += (await client.query(INSERT, [json, personId, BRIDGE_SOURCE_SYSTEM, BRIDGE_UPDATE_TYPE])).rowCount ?? 0;
  }
  return inserted;
}
