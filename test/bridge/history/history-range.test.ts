// /history?since=&until=: a half-open time range [since, until), combined with the entity filter and
// the cursor; bad values get a 400 that says what is allowed. The rows are those of the history
// repository the contract tests hold to PostgreSQL (test/bridge/store/history-repository.contract.test.ts).
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntity, HistoryResponse } from '../../../bridge/contract/responses';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';

const PERSON = crypto.randomUUID();
let tb: MemoryBridge;
const days = Array.from({ length: 10 }, (_, i) => `2026-10-${String(i + 20).padStart(2, '0')}T12:00:00.000Z`);

const row = (entity: HistoryEntity, at: string, source = 'g04_engine') => ({
  id: crypto.randomUUID(),
  entity_type: entity,
  entity_id: PERSON,
  update_data: { at },
  source_system: source,
  update_type: 'status_sync',
  created_at: at,
});

beforeAll(async () => {
  tb = await startMemoryBridge({ env: { TWIN_PERSON_ID: PERSON } });
  // One row a day from 20 to 29 October, alternating entities, plus another system's row.
  tb.repositories.history.add(...days.map((at, i) => row(i % 2 === 0 ? 'finance' : 'pantry', at)), row('goal', '2026-10-25T08:00:00+02:00', 'n8n_router'));
});
afterAll(async () => {
  await tb?.close();
});

async function history(query: string, init?: RequestInit) {
  const res = await fetch(`${tb.url}/history?${query}`, init);
  return { status: res.status, body: (await res.json()) as HistoryResponse & { error: { message: string } } };
}

const times = (b: HistoryResponse) => b.items.map((i) => i.created_at);

describe('since and until', () => {
  it('keeps rows at or after since and before until, newest first', async () => {
    const { status, body } = await history('since=2026-10-22T12:00:00Z&until=2026-10-25T12:00:00Z&limit=50');
    expect(status).toBe(200);
    // days[5] is 25 October 12:00, the until itself: left out.
    expect(times(body)).toEqual(['2026-10-25T06:00:00.000Z', days[4], days[3], days[2]]);
    expect(body.since).toBe('2026-10-22T12:00:00.000Z');
    expect(body.until).toBe('2026-10-25T12:00:00.000Z');
  });

  it('reads offsets as the instants they name', async () => {
    // 14:00 in Warsaw (+02:00 in October) is 12:00 UTC: the row of that instant is included.
    const { body } = await history(`since=${encodeURIComponent('2026-10-28T14:00:00+02:00')}&until=2026-11-01T00:00:00Z`);
    expect(times(body)).toEqual([days[9], days[8]]);
    expect(body.since).toBe('2026-10-28T12:00:00.000Z');
  });

  it('pages through a range with the cursor, and with the entity filter', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const { body } = await history(`since=2026-10-21T00:00:00Z&until=2026-10-29T00:00:00Z&entity=finance&limit=2&cursor=${cursor}`);
      seen.push(...times(body));
      expect(body.items.every((i) => i.entity_type === 'finance')).toBe(true);
      if (body.next_cursor === null) break;
      cursor = body.next_cursor;
    }
    expect(seen).toEqual([days[8], days[6], days[4], days[2]]);
  });

  it('takes since and until from a POST body like n8n sends', async () => {
    const { status, body } = await history('', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ since: '2026-10-29T00:00:00Z', until: '2026-11-01T00:00:00Z', chat_id: 5 }),
    });
    expect(status).toBe(200);
    expect(times(body)).toEqual([days[9]]);
  });

  it('leaves rows outside the range out, also the ones the bridge has just written', async () => {
    const open = await history('limit=50');
    const recent = await history('since=2026-11-01T00:00:00Z&limit=50');
    expect(recent.body.items.length).toBeGreaterThan(0);
    expect(recent.body.items.length + days.length + 1).toBe(open.body.items.length);
  });

  it('answers an empty range with no rows', async () => {
    const { status, body } = await history('since=2026-10-22T12:00:00Z&until=2026-10-22T12:00:00Z');
    expect(status).toBe(200);
    expect(body.items).toEqual([]);
  });

  it.each([
    ['since=yesterday', /since must be an ISO 8601 timestamp with a time zone.*got "yesterday"/],
    ['until=2026-10-22', /until must be an ISO 8601 timestamp/],
    ['since=2026-10-22T12:00:00', /since must be an ISO 8601 timestamp with a time zone/],
    ['since=2026-02-30T00:00:00Z', /since must be/],
    ['since=0000-01-01T00:00:00Z', /between the years 1900 and 9999/],
    ['since=2026-10-25T00:00:00Z&until=2026-10-24T00:00:00Z', /until \(2026-10-24T00:00:00.000Z\) must not be before since/],
    ['since=2026-10-25T00:00:00Z&since=2026-10-26T00:00:00Z', /since must be given once/],
  ])('refuses %s with a 400', async (query, message) => {
    const { status, body } = await history(query);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });
});
