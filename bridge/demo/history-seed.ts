// Writes the past transitions of digital_twin_updates in large batches.
import type pg from 'pg';
import { BulkInsert } from './demo-sql';
import { historyBatches, type HistoryPlan } from './history-demo';

export async function seedHistory(client: pg.PoolClient, personId: string, plan: HistoryPlan): Promise<number> {
  const bulk = new BulkInsert(client, 'digital_twin_updates', [
    ['entity_type', 'text'], ['entity_id', 'uuid'], ['update_data', 'jsonb'], ['source_system', 'text'], ['update_type', 'text'], ['created_at', 'timestamptz'],
  ], 50_000, '');
  for (const batch of historyBatches(plan, 50_000)) {
    for (const row of batch) await bulk.add(row.entityType, personId, row.data, 'g04_engine', 'status_sync', row.createdAt);
  }
  return bulk.flush();
}
