// /review/week through a listening bridge: like-for-like spans, the three domains, the zone's
// midnight for history, and a clear 400 on a bad date.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewSpans } from '../../../bridge/review/review-periods';
import { fixedClock } from '../../../bridge/time/clock';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';

let tb: MemoryBridge;

async function call(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) {
  const init: RequestInit = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) } : {};
  const res = await fetch(`${tb.url}${path}`, init);
  return { status: res.status, body: await res.json() };
}

// A Wednesday long before the bridge's own history rows (written at the real time).
const DATE = '2024-06-12';

beforeAll(async () => {
  tb = await startMemoryBridge({ clock: fixedClock('2026-12-02T10:00:00+01:00') });
  const { training, finance, pantryHistory } = tb.repositories;
  training.insert({
    workout_templates: [{ template_id: 'full', template_name: 'HIT Full', workout_type: 'HIT Full Body' }],
    workouts: [
      { workout_date: '2024-06-10', template_id: 'full', duration_min: 30, recovery_score: 4, mood_score: 5 },
      { workout_date: '2024-06-12', template_id: 'full', duration_min: 40, recovery_score: 2, mood_score: 3 },
      { workout_date: '2024-06-04', template_id: 'full', duration_min: 50, recovery_score: 5, mood_score: 4 },
      { workout_date: '2024-06-06', template_id: 'full', duration_min: 60, recovery_score: 1, mood_score: 1 },
    ],
    measurements: [
      { measurement_date: '2024-06-10', bodyweight_kg: 80 },
      { measurement_date: '2024-06-12', bodyweight_kg: 81 },
      { measurement_date: '2024-06-05', bodyweight_kg: 81.5 },
      { measurement_date: '2023-06-13', bodyweight_kg: 85 },
    ],
  });
  finance.addTransactions([
    { date: '2024-06-10', type: 'Expense', amount: '100.00' },
    { date: '2024-06-12', type: 'Expense', amount: '200.25' },
    { date: '2024-06-11', type: 'Income', amount: '1000.00' },
    { date: '2024-06-11', type: 'Transfer', amount: '500.00' },
    { date: '2024-06-13', type: 'Expense', amount: '999.00' },
    { date: '2024-06-03', type: 'Expense', amount: '50.00' },
    { date: '2023-06-14', type: 'Expense', amount: '70.00' },
    { date: '2023-06-15', type: 'Expense', amount: '1.00' },
  ]);
  const person = tb.config.personId;
  const snapshot = (at: string, low: number) =>
    pantryHistory.rows.push({
      id: crypto.randomUUID(),
      entity_type: 'pantry',
      entity_id: person,
      created_at: new Date(at),
      update_data: { low_stock_count: low, low_stock_items: [], expired_count: 1, expiring_count: 0 },
    });
  snapshot('2024-06-05T23:30:00+02:00', 2); // the last minutes of last week's Wednesday
  snapshot('2024-06-05T22:45:00Z', 9); // 00:45 on Thursday in Warsaw: after last week's span
  snapshot('2024-06-12T08:00:00+02:00', 3);
});
afterAll(async () => {
  await tb?.close();
});

describe('spans', () => {
  it('compares Monday to the day with the same weekdays a week and 52 weeks earlier', () => {
    expect(reviewSpans(DATE).map((s) => [s.name, s.first_day, s.last_day])).toEqual([
      ['this_week', '2024-06-10', '2024-06-12'],
      ['last_week', '2024-06-03', '2024-06-05'],
      ['year_ago', '2023-06-12', '2023-06-14'],
    ]);
    // A Sunday across New Year: the whole week, which began in the old year.
    expect(reviewSpans('2027-01-03')[0]).toMatchObject({ first_day: '2026-12-28', last_day: '2027-01-03' });
    expect(reviewSpans('2024-03-04')[0]).toMatchObject({ first_day: '2024-03-04', last_day: '2024-03-04' });
  });
});

describe('/review/week', () => {
  it('gives the three domains of each span, GET and POST alike', async () => {
    const get = await call(`/review/week?date=${DATE}`);
    const post = await call('/review/week', 'POST', { date: DATE, chat_id: 7 });
    expect(get.status).toBe(200);
    expect(post.body.data).toEqual(get.body.data);
    const [now, last, yearAgo] = get.body.data.periods;
    expect(now).toMatchObject({
      name: 'this_week',
      training: { workouts: 2, minutes: 70, mean_recovery: 3, mean_mood: 4, mean_weight_kg: 80.5 },
      money: { income: 1000, expense: 300.25, net: 699.75 },
      pantry: { low_stock_count: 3, expired_count: 1 },
    });
    expect(last).toMatchObject({ training: { workouts: 1, minutes: 50, mean_weight_kg: 81.5 }, money: { expense: 50, income: 0, net: -50 }, pantry: { low_stock_count: 2 } });
    expect(yearAgo).toMatchObject({ training: { workouts: 0, mean_mood: null, mean_weight_kg: 85 }, money: { expense: 70 }, pantry: null });
  });

  it('writes one line per figure with last week and a year ago beside it', async () => {
    const { body } = await call(`/review/week?date=${DATE}`);
    expect(body.report).toBe(body.response_text);
    expect(body.content).toBe(body.report);
    const lines = (body.report as string).split('\n');
    expect(lines[0]).toBe('📅 WEEKLY REVIEW');
    expect(lines).toContain('💪 Workouts: 2 · last week 1 · a year ago 0');
    expect(lines).toContain('⚖️ Weight: 80.5 kg · last week 81.5 kg (−1.0 kg) · a year ago 85.0 kg (−4.5 kg)');
    expect(lines).toContain('💸 Spent: -300 PLN · last week -50 PLN · a year ago -70 PLN');
    expect(lines).toContain('💰 Net: +700 PLN · last week -50 PLN · a year ago -70 PLN');
    expect(lines).toContain('🙂 Mood: 4.0/5 · last week 4.0/5 · a year ago –');
    expect(lines).toContain('🛒 Low stock at the end: 3 items · last week 2 items · a year ago –');
  });

  it('reviews the week of today (the clock, in the zone) without a date', async () => {
    const { body } = await call('/review/week');
    expect(body.data.date).toBe('2026-12-02');
    expect(body.data.periods[0]).toMatchObject({ first_day: '2026-11-30', last_day: '2026-12-02' });
  });

  it.each(['2026-02-30', 'yesterday', '12/02/2026', '2026-1-5', '0000-01-01'])('refuses date=%s with a readable 400', async (date) => {
    const { status, body } = await call(`/review/week?date=${encodeURIComponent(date)}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.report).toContain('date must be a day that exists, as YYYY-MM-DD');
  });
});
