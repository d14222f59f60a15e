// History retention's policy over the in-memory history (held to PostgreSQL by
// test/bridge/store/history-repository.contract.test.ts): only the bridge's own rows (g04_engine, this
// person) older than N days go, in batches; other systems' rows, other people's rows and each
// entity's newest row stay.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HistoryEntity } from '../../../bridge/contract/responses';
import { deleteExpiredHistory, retentionCutoff } from '../../../bridge/history/retention';
import { InMemoryHistoryRepository } from '../../fixtures/repositories/in-memory-history';

const NOW = new Date('2026-12-01T10:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

interface Spec {
  entity: HistoryEntity;
  at: string;
  source?: string;
}

function put(history: InMemoryHistoryRepository, personId: string, rows: Spec[]): void {
  for (const r of rows) {
    history.add({ id: crypto.randomUUID(), entity_type: r.entity, entity_id: personId, update_data: { at: r.at }, source_system: r.source ?? 'g04_engine', update_type: 'status_sync', created_at: r.at });
  }
}

async function remaining(history: InMemoryHistoryRepository, personId: string): Promise<string[]> {
  const rows = await history.page({ personId, entity: null, before: null, since: null, until: null, limit: 1000 });
  return rows.reverse().map((r) => `${r.entity_type}/${r.source_system}/${r.created_at!.toISOString().slice(0, 10)}`);
}

describe('deleteExpiredHistory', () => {
  it('deletes only the bridge rows past the cutoff, batch by batch, keeping each newest row', async () => {
    const person = crypto.randomUUID();
    const other = crypto.randomUUID();
    const history = new InMemoryHistoryRepository();
    const old: Spec[] = Array.from({ length: 23 }, (_, i) => ({ entity: (['finance', 'health', 'pantry'] as const)[i % 3], at: daysAgo(400 - i) }));
    put(history, person, [
      ...old,
      { entity: 'finance', at: daysAgo(10) },
      { entity: 'health', at: daysAgo(364) },
      { entity: 'goal', at: daysAgo(500), source: 'n8n_router' },
      { entity: 'finance', at: daysAgo(450), source: 'sheet_import' },
      // The newest pantry row is old: it stays, or the next unchanged state would look like a transition.
      { entity: 'pantry', at: daysAgo(380) },
    ]);
    put(history, other, [{ entity: 'finance', at: daysAgo(900) }]);

    const deleted = await deleteExpiredHistory(history, { personId: person, days: 365, now: NOW, batchSize: 4 });

    expect(deleted).toBe(23);
    expect(await remaining(history, person)).toEqual([
      `finance/sheet_import/${daysAgo(450).slice(0, 10)}`,
      `goal/n8n_router/${daysAgo(500).slice(0, 10)}`,
      `pantry/g04_engine/${daysAgo(380).slice(0, 10)}`,
      `health/g04_engine/${daysAgo(364).slice(0, 10)}`,
      `finance/g04_engine/${daysAgo(10).slice(0, 10)}`,
    ].sort((a, b) => a.split('/')[2].localeCompare(b.split('/')[2])));
    expect(await remaining(history, other)).toHaveLength(1);
    // A second run finds nothing more.
    expect(await deleteExpiredHistory(history, { personId: person, days: 365, now: NOW, batchSize: 4 })).toBe(0);
  });

  it('counts days back from the clock it is given', () => {
    expect(retentionCutoff(NOW, 30).toISOString()).toBe('2026-11-01T10:00:00.000Z');
  });
});
