// `date=YYYY-MM-DD` on every answer, through a listening bridge: a past day is answered as it stood
// at its end (named at the top and in the text), today as today, and a day after today, one that
// does not exist or a malformed value is a 400 with the n8n text keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryBridge } from '../../fixtures/memory-bridge';
import { PAST_DAY as DAY, startSeededBridge } from '../../fixtures/seeded-bridge';

const ENDPOINTS = ['/status', '/health', '/finance', '/finance/alerts', '/workout', '/forecast', '/pantry', '/insights'];

let tb: MemoryBridge;
beforeAll(async () => {
  tb = await startSeededBridge();
});
afterAll(async () => {
  await tb?.close();
});

async function call(path: string, init?: RequestInit) {
  const res = await fetch(`${tb.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { report: string } };
}

describe('date= on every answer', () => {
  it.each(ENDPOINTS)('%s?date= names the past day at the top and in its text', async (path) => {
    const { status, body } = await call(`${path}?date=${DAY}`);
    expect(status).toBe(200);
    expect(body.date).toBe(DAY);
    expect(body.report).toBe(body.response_text);
    expect(body.report).toContain(path === '/forecast' ? `As forecast on ${DAY}` : `${DAY}, as it stood at the end of the day`);
  });

  it('counts only the rows dated up to the day', async () => {
    const { body } = await call(`/finance?date=${DAY}`);
    expect(body).toMatchObject({ month: '2025-03', mtd_income: 0, mtd_expense: 150.5, mtd_net: -150.5 });
    const today = await call('/finance');
    expect(today.body.mtd_expense).toBe(1149.5);
    const health = await call(`/health?date=${DAY}`);
    expect(health.body).toMatchObject({ measurement_date: '2025-03-02', bodyweight_kg: 80, days_since_workout: 4, workouts_this_week: 0 });
    const status = (await call(`/status?date=${DAY}`)).body as unknown as { state: { today: string; past: boolean; pantry: object } };
    expect(status.state).toMatchObject({ today: DAY, past: true });
    expect(status.state.pantry).toMatchObject({ status: 'ok', low_stock_count: 2, low_stock_items: ['Mleko', 'Jajka'], expired_count: 1, expiring_count: 3 });
  });

  it('takes the day from a POST body as n8n sends it', async () => {
    const { status, body } = await call('/finance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ date: DAY, chat_id: 7 }]) });
    expect(status).toBe(200);
    expect(body).toMatchObject({ date: DAY, mtd_expense: 150.5 });
  });

  it('answers today asked by its date as today, with the date named', async () => {
    const plain = await call('/finance');
    const asked = await call('/finance?date=2025-03-20');
    expect(plain.body.date).toBeUndefined();
    expect(asked.body).toEqual({ ...plain.body, date: '2025-03-20' });
  });

  it('says the pantry is unknown before the first record, and there was no data before any row', async () => {
    const early = (await call('/status?date=2025-02-01')).body as unknown as { state: { pantry: { status: string; error: string } } };
    expect(early.state.pantry.status).toBe('degraded');
    expect(early.state.pantry.error).toContain('The pantry on 2025-02-01 is unknown');
    const { status, body } = await call('/status?date=2024-01-01');
    expect(status).toBe(200);
    expect(body.report).toContain('No data was recorded up to this day.');
    expect(body.data).toMatchObject({ mtd_net: 0, active_budget_alerts: 0, bodyfat_pct: null, days_since_workout: null });
  });

  it.each([
    ['2025-03-21', 'is in the future'],
    ['2025-02-30', 'a day that exists'],
    ['yesterday', 'a day that exists'],
    ['2025-3-5', 'a day that exists'],
  ])('refuses date=%s with a 400 and the n8n text keys', async (date, words) => {
    for (const path of ENDPOINTS) {
      const { status, body } = await call(`${path}?date=${encodeURIComponent(date)}`);
      expect(status).toBe(400);
      expect(body.report).toContain(words);
      expect(body.response_text).toBe(body.report);
      expect(body.content).toBe(body.report);
    }
  });
});
