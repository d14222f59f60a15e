// The day-dependent figures at the calendar's edges, with "now" coming from the injected clock, over the
// in-memory repositories (held to PostgreSQL, on random days, by the repositories' contract tests): the
// first and last minutes of a month, New Year, 29 February, the Sunday/Monday week boundary and both
// Europe/Warsaw daylight-saving changes (02:00–03:00 skipped in March, repeated in October).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwinEngine } from '../../../bridge/engine/twin-engine';
import { fixedClock } from '../../../bridge/time/clock';
import { addDays, calendarDate, daysBetween, localDate, monthStartAfter } from '../../../bridge/time/local-date';
import { InMemoryFinanceRepository } from '../../fixtures/repositories/in-memory-finance';
import { InMemoryPantryRepository } from '../../fixtures/repositories/in-memory-pantry';
import { InMemoryTrainingRepository } from '../../fixtures/repositories/in-memory-training';
import { InMemoryPantryHistoryRepository } from '../../fixtures/repositories/in-memory-pantry-history';
import { DEFAULT_PERSON_ID } from '../../../bridge/config/settings';
import { ZONE } from '../source-rows';

describe('plain dates', () => {
  it('have the facts of their midnight, whatever the zone the process runs in', () => {
    for (let d = '2027-12-01'; d <= '2028-03-31'; d = addDays(d, 1)) {
      expect(calendarDate(d)).toEqual(localDate(new Date(`${d}T00:00:00Z`), 'UTC'));
    }
    expect(calendarDate('2028-02-29')).toMatchObject({ daysInMonth: 29, isoWeekday: 2, weekStart: '2028-02-28', nextMonthStart: '2028-03-01' });
  });

  it('step whole months to the first day, across years and from the 31st', () => {
    expect(monthStartAfter('2026-01-31', 1)).toBe('2026-02-01');
    expect(monthStartAfter('2026-12-15', 1)).toBe('2027-01-01');
    expect(monthStartAfter('2026-03-29', -12)).toBe('2025-03-01');
    expect(monthStartAfter('2027-03-28', 0)).toBe('2027-03-01');
  });
});

describe('local dates in Europe/Warsaw', () => {
  const cases: [instant: string, date: string, extra: Partial<ReturnType<typeof localDate>>][] = [
    // 00:30 on the 1st is still the last day of the month before in UTC.
    ['2026-10-31T23:30:00Z', '2026-11-01', { hour: 0, minute: 30, monthStart: '2026-11-01', daysInMonth: 30 }],
    ['2026-11-30T22:50:00Z', '2026-11-30', { hour: 23, minute: 50, nextMonthStart: '2026-12-01' }],
    ['2026-12-31T22:59:00Z', '2026-12-31', { nextMonthStart: '2027-01-01', isoWeekday: 4, weekStart: '2026-12-28' }],
    ['2026-12-31T23:01:00Z', '2027-01-01', { year: 2027, month: 1, day: 1, monthStart: '2027-01-01', weekStart: '2026-12-28' }],
    ['2028-02-29T11:00:00Z', '2028-02-29', { daysInMonth: 29, isoWeekday: 2, weekStart: '2028-02-28', nextMonthStart: '2028-03-01' }],
    ['2027-02-28T22:50:00Z', '2027-02-28', { daysInMonth: 28, isoWeekday: 7, weekStart: '2027-02-22' }],
    // 2027-03-28: 01:59 CET is followed by 03:00 CEST.
    ['2027-03-28T00:59:00Z', '2027-03-28', { hour: 1, minute: 59 }],
    ['2027-03-28T01:00:00Z', '2027-03-28', { hour: 3, minute: 0, isoWeekday: 7, weekStart: '2027-03-22' }],
    // 2026-10-25: 02:30 happens twice, once in CEST and once in CET.
    ['2026-10-25T00:30:00Z', '2026-10-25', { hour: 2, minute: 30, isoWeekday: 7, weekStart: '2026-10-19' }],
    ['2026-10-25T01:30:00Z', '2026-10-25', { hour: 2, minute: 30, isoWeekday: 7, weekStart: '2026-10-19' }],
    ['2027-10-31T00:30:00Z', '2027-10-31', { hour: 2, minute: 30, daysInMonth: 31 }],
    ['2027-10-31T01:30:00Z', '2027-10-31', { hour: 2, minute: 30, daysInMonth: 31 }],
    ['2026-10-25T23:05:00Z', '2026-10-26', { isoWeekday: 1, weekStart: '2026-10-26' }],
  ];
  for (const [instant, date, extra] of cases) {
    it(`${instant} is ${date} there`, () => {
      const d = localDate(new Date(instant), ZONE);
      expect(d.date).toBe(date);
      expect(d).toMatchObject(extra);
    });
  }

  it('counts whole days across a daylight-saving change and a leap day', () => {
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

// Each month the rows touch gets an income that names it, so a figure taken from the wrong month shows.
const MONTHS = ['2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-10', '2028-02', '2028-03'];
const incomeOf = (month: string) => 1000 + Number(month.replace('-', '')) % 10_000; // 2026-10 → 3610.00

const WORKOUTS = ['2026-10-19', '2026-10-25', '2026-10-26', '2026-12-28', '2026-12-31', '2027-02-22', '2027-03-22', '2027-03-27',
  '2027-10-25', '2027-10-31', '2028-02-26', '2028-02-28'];

const EXPIRING: Record<string, string> = {
  Mleko: '2026-10-25',
  Jajka: '2027-01-01',
  Chleb: '2027-03-28',
  Kefir: '2027-10-31',
  'Ser żółty': '2028-02-29',
};

interface Edge {
  label: string;
  /** An instant with its UTC offset in Warsaw. */
  at: string;
  today: string;
  daysInMonth: number;
  daysSince: number;
  thisWeek: number;
}

const EDGES: Edge[] = [
  { label: 'the first 02:30 of 2026-10-25 (CEST)', at: '2026-10-25T02:30:00+02:00', today: '2026-10-25', daysInMonth: 31, daysSince: 0, thisWeek: 2 },
  { label: 'the second 02:30 of 2026-10-25 (CET)', at: '2026-10-25T02:30:00+01:00', today: '2026-10-25', daysInMonth: 31, daysSince: 0, thisWeek: 2 },
  { label: 'Monday 00:05 after a Sunday workout', at: '2026-10-26T00:05:00+01:00', today: '2026-10-26', daysInMonth: 31, daysSince: 0, thisWeek: 1 },
  { label: 'the last day of October, 23:50', at: '2026-10-31T23:50:00+01:00', today: '2026-10-31', daysInMonth: 31, daysSince: 5, thisWeek: 1 },
  { label: 'the 1st of November, 00:10 (still October in UTC)', at: '2026-11-01T00:10:00+01:00', today: '2026-11-01', daysInMonth: 30, daysSince: 6, thisWeek: 1 },
  { label: 'New Year\'s Eve, 23:59', at: '2026-12-31T23:59:00+01:00', today: '2026-12-31', daysInMonth: 31, daysSince: 0, thisWeek: 2 },
  { label: 'New Year\'s Day, 00:01 (a week spanning two years)', at: '2027-01-01T00:01:00+01:00', today: '2027-01-01', daysInMonth: 31, daysSince: 1, thisWeek: 2 },
  { label: 'the last day of February 2027, 23:50', at: '2027-02-28T23:50:00+01:00', today: '2027-02-28', daysInMonth: 28, daysSince: 6, thisWeek: 1 },
  { label: '2027-03-28 01:59, before the skipped hour', at: '2027-03-28T01:59:00+01:00', today: '2027-03-28', daysInMonth: 31, daysSince: 1, thisWeek: 2 },
  { label: '2027-03-28 03:00, after the skipped hour', at: '2027-03-28T03:00:00+02:00', today: '2027-03-28', daysInMonth: 31, daysSince: 1, thisWeek: 2 },
  { label: 'the first 02:30 of 2027-10-31 (CEST)', at: '2027-10-31T02:30:00+02:00', today: '2027-10-31', daysInMonth: 31, daysSince: 0, thisWeek: 2 },
  { label: 'the second 02:30 of 2027-10-31 (CET)', at: '2027-10-31T02:30:00+01:00', today: '2027-10-31', daysInMonth: 31, daysSince: 0, thisWeek: 2 },
  { label: '2028-02-28 23:59, the eve of a leap day', at: '2028-02-28T23:59:00+01:00', today: '2028-02-28', daysInMonth: 29, daysSince: 0, thisWeek: 1 },
  { label: '29 February 2028', at: '2028-02-29T12:00:00+01:00', today: '2028-02-29', daysInMonth: 29, daysSince: 1, thisWeek: 1 },
  { label: '1 March 2028, 00:00', at: '2028-03-01T00:00:00+01:00', today: '2028-03-01', daysInMonth: 31, daysSince: 2, thisWeek: 1 },
];

describe('the twin at the calendar\'s edges (engine over the in-memory repositories, clock injected)', () => {
  const clock = fixedClock(EDGES[0].at);
  let engine: TwinEngine;

  beforeAll(() => {
    const finance = new InMemoryFinanceRepository();
    const groceries = finance.addCategory('Lifestyle', 'Groceries');
    for (const month of MONTHS) {
      const first = `${month}-01`;
      const last = addDays(localDate(new Date(`${first}T12:00:00Z`), 'UTC').nextMonthStart, -1);
      finance.addTransactions([
        { date: first, type: 'Income', amount: incomeOf(month).toFixed(2) },
        { date: first, type: 'Expense', amount: '100.00', category_id: groceries },
        { date: addDays(first, 9), type: 'Transfer', amount: '500.00' },
        { date: last, type: 'Expense', amount: '30.00' },
      ]);
      // A threshold of 0 % keeps the budget in the alerts all month, so its pace is always visible.
      finance.addBudgets([{ budget_id: `B-${month}`, year: Number(month.slice(0, 4)), month: Number(month.slice(5)), category_id: groceries, amount: '1000.00', threshold: 0, priority: 'High' }]);
    }
    const training = new InMemoryTrainingRepository({
      workout_templates: [{ template_id: 't', template_name: 'T', workout_type: 'HIT Full Body' }],
      workouts: WORKOUTS.map((date) => ({ workout_date: date, template_id: 't', duration_min: 30 })),
    });
    const pantry = new InMemoryPantryRepository(
      Object.entries(EXPIRING).map(([product, expiry]) => ({ category: product, location: 'Lodowka', current_quantity: '1', unit: 'szt', next_expiry: expiry, critical_threshold: '0' })),
    );
    const pantryHistory = new InMemoryPantryHistoryRepository([], ZONE);
    engine = new TwinEngine({ finance, training, pantry, pantryHistory, personId: DEFAULT_PERSON_ID, clock, timezone: ZONE, currency: 'PLN', sourceTimeoutMs: 5000, cacheMs: 0 });
  });

  afterAll(async () => {
    await engine?.idle();
  });

  for (const edge of EDGES) {
    it(`on ${edge.label}`, async () => {
      clock.set(edge.at);
      const s = await engine.compute();
      expect(s.today).toBe(edge.today);
      expect([s.finance.status, s.health.status, s.pantry.status]).toEqual(['ok', 'ok', 'ok']);

      // Month to date: this month's income, its two expenses, never the transfer or a neighbour month's rows.
      const month = edge.today.slice(0, 7);
      expect(s.finance.mtd_net).toBe(incomeOf(month) - 130);

      // Pace: 100 PLN spent on the 1st, projected over the month's length from the days gone.
      const day = Number(edge.today.slice(8));
      expect(s.finance.alerts).toHaveLength(1);
      const [alert] = s.finance.alerts;
      expect(alert.budget_id).toBe(`B-${month}`);
      expect(alert.days_remaining).toBe(edge.daysInMonth - day);
      expect(alert.projected_month_end).toBe(Math.round((10_000 * edge.daysInMonth) / day) / 100);
      expect(alert.daily_limit_remaining).toBe(day === edge.daysInMonth ? null : Math.round(90_000 / (edge.daysInMonth - day)) / 100);
      expect(alert.alert_id.endsWith(`${edge.today.replaceAll('-', '')}${edge.at.slice(11, 13)}${edge.at.slice(14, 16)}`)).toBe(true);

      expect(s.health.days_since_workout).toBe(edge.daysSince);
      expect(s.health.workouts_this_week).toBe(edge.thisWeek);

      for (const [product, expiry] of Object.entries(EXPIRING)) {
        const daysLeft = daysBetween(edge.today, expiry);
        const item = s.pantry.expiring.find((e) => e.product === product);
        if (daysLeft > 30) {
          expect(item, product).toBeUndefined();
          continue;
        }
        expect(item, product).toMatchObject({ days_left: daysLeft, level: daysLeft < 0 ? 'expired' : daysLeft <= 7 ? 'critical' : 'warning' });
      }
    });
  }
});
