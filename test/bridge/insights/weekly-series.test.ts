// The expired items per week: placed by text comparison in one pass, they agree with placing each
// day on the Monday of its own week.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expiredPerWeek, mondayOf } from '../../../bridge/insights/weekly-series';
import { addDays } from '../../../bridge/time/local-date';

function byMondays(weeks: readonly string[], rises: readonly { day: string; rises: number }[], firstDay: string | null): (number | null)[] {
  const perWeek = new Map<string, number>();
  for (const r of rises) perWeek.set(mondayOf(r.day), (perWeek.get(mondayOf(r.day)) ?? 0) + r.rises);
  const first = firstDay === null ? null : mondayOf(firstDay);
  return weeks.map((w) => (first !== null && w >= first ? (perWeek.get(w) ?? 0) : null));
}

describe('expired items per week', () => {
  it('agree with placing each day on its Monday, across years and leap days', () => {
    const day = fc.integer({ min: -400, max: 800 }).map((n) => addDays('2027-12-27', n));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 160 }), fc.array(fc.record({ day, rises: fc.integer({ min: 1, max: 5 }) }), { maxLength: 60 }), fc.option(day), (count, rises, firstDay) => {
        const weeks = Array.from({ length: count }, (_, i) => addDays('2027-12-27', 7 * (i - 40)));
        expect(expiredPerWeek(weeks, rises, firstDay)).toEqual(byMondays(weeks, rises, firstDay));
      }),
      { numRuns: 300 },
    );
  });
});
