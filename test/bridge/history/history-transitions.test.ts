// Which computed states the history records: a row per ok domain at first, then only the domains whose
// snapshot changed (a change back counts), never a degraded domain. Over the in-memory history, held
// to PostgreSQL by test/bridge/store/history-repository.contract.test.ts (concurrency and paging over
// the real table are in history-store.test.ts).
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BRIDGE_SOURCE_SYSTEM as SOURCE_SYSTEM, BRIDGE_UPDATE_TYPE as UPDATE_TYPE } from '../../../bridge/contract/source-system';
import { snapshotOf } from '../../../bridge/contract/snapshot';
import { HistoryStore } from '../../../bridge/history/history-store';
import { InMemoryHistoryRepository } from '../../fixtures/repositories/in-memory-history';
import { alert, twinState } from '../state-fixture';

const person = () => crypto.randomUUID();

/** The person's rows, oldest first. */
async function rowsOf(history: InMemoryHistoryRepository, personId: string) {
  return (await history.page({ personId, entity: null, before: null, since: null, until: null, limit: 1000 })).reverse();
}

const countBy = (rows: { entity_type: string }[]) =>
  rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.entity_type]: (acc[r.entity_type] ?? 0) + 1 }), {});

describe('HistoryStore.record', () => {
  it('writes one row per ok domain, then only the domains that changed', async () => {
    const id = person();
    const history = new InMemoryHistoryRepository();
    const store = new HistoryStore(history.table(), id);
    const first = await store.record(twinState());
    expect(first.written).toEqual(['health', 'finance', 'pantry']);
    expect(first.at).toBeInstanceOf(Date);
    const rows = await rowsOf(history, id);
    expect(rows.map((r) => [r.entity_type, r.source_system, r.update_type])).toEqual(
      expect.arrayContaining([
        ['health', SOURCE_SYSTEM, UPDATE_TYPE],
        ['finance', 'g04_engine', 'status_sync'],
        ['pantry', 'g04_engine', 'status_sync'],
      ]),
    );
    expect(rows.find((r) => r.entity_type === 'finance')?.update_data).toEqual(snapshotOf(twinState(), 'finance'));

    // The same figures computed a minute later (new computed_at, as_of and alert ids): nothing to write.
    const later = twinState({
      computed_at: '2025-03-12T07:01:00.000Z',
      finance: { as_of: '2025-03-12T07:01:00.000Z', alerts: [alert({ alert_id: 'ALERT-B-1-202503120801' })] },
    });
    expect((await store.record(later)).written).toEqual([]);

    const changed = twinState({ finance: { mtd_net: 2300, mtd_expense: 5700 } });
    expect((await store.record(changed)).written).toEqual(['finance']);
    expect(countBy(await rowsOf(history, id))).toEqual({ health: 1, finance: 2, pantry: 1 });
  });

  it('writes a change back to an earlier state (A, B, A is three transitions)', async () => {
    const id = person();
    const history = new InMemoryHistoryRepository();
    const store = new HistoryStore(history.table(), id);
    const a = twinState();
    const b = twinState({ pantry: { low_stock_count: 3, low_stock_items: ['Chleb', 'Jajka', 'Mleko'] } });
    await store.record(a);
    expect((await store.record(b)).written).toEqual(['pantry']);
    expect((await store.record(a)).written).toEqual(['pantry']);
    expect(countBy(await rowsOf(history, id)).pantry).toBe(3);
  });

  it('does not write degraded domains, even when their last known values differ', async () => {
    const id = person();
    const history = new InMemoryHistoryRepository();
    const store = new HistoryStore(history.table(), id);
    await store.record(twinState());
    const degraded = twinState({
      finance: { status: 'degraded', error: 'finance database unreachable', mtd_net: 999 },
      pantry: { status: 'degraded', error: 'pantry database unreachable', as_of: null, low_stock_count: null, low_stock_items: [], expired_count: null, expiring_count: null },
      health: { bodyweight_kg: 79.9 },
    });
    expect((await store.record(degraded)).written).toEqual(['health']);
    const allDown = twinState({
      health: { status: 'degraded', error: 'x' },
      finance: { status: 'degraded', error: 'x' },
      pantry: { status: 'degraded', error: 'x' },
    });
    expect(await store.record(allDown)).toEqual({ written: [], at: null });
    expect(countBy(await rowsOf(history, id))).toEqual({ health: 2, finance: 1, pantry: 1 });
  });
});
