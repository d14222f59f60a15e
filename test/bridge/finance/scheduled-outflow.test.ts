// Which scheduled payments /forecast adds on top of the usual outflow: the rule alone, pure.
import { describe, expect, it } from 'vitest';
import { addedTotal, scheduledOutflow } from '../../../bridge/finance/scheduled-outflow';
import type { ScheduledPayment } from '../../../bridge/finance/upcoming-payments';

const payment = (over: Partial<ScheduledPayment>): ScheduledPayment => ({
  id: 1, name: 'Czynsz', amount: 100, currency: 'PLN', category: 'Housing', sub_category: 'Rent', frequency: 'monthly', expense_date: '2025-03-15', days_until: 5, urgency: 'this_week', ...over,
});
const o = { currency: 'PLN', horizonDays: 30 };
const counted = (rows: ScheduledPayment[], spent: { category: string; sub_category: string | null }[]) => scheduledOutflow(rows, spent, o).map((s) => [s.name, s.counted]);

describe('scheduled payments in the forecast', () => {
  it('leaves a monthly payment out when its category spent last month, by category and sub-category, never by amount', () => {
    const spent = [{ category: 'Housing', sub_category: 'Rent' }, { category: 'Lifestyle', sub_category: 'Groceries' }];
    expect(
      counted(
        [
          payment({ name: 'rent' }),
          payment({ name: 'other sub', sub_category: 'Utilities' }),
          payment({ name: 'any sub', category: 'Lifestyle', sub_category: null }),
          payment({ name: 'no category', category: null, sub_category: null }),
          payment({ name: 'quarterly', frequency: 'quarterly' }),
          payment({ name: 'annual', frequency: 'annual' }),
          payment({ name: 'unknown', frequency: null }),
        ],
        spent,
      ),
    ).toEqual([['rent', 'in_history'], ['other sub', 'added'], ['any sub', 'in_history'], ['no category', 'added'], ['quarterly', 'added'], ['annual', 'added'], ['unknown', 'added']]);
  });

  it("keeps to the forecast's days, tomorrow to 30 days ahead, and sums only what it adds, in its own currency, to the grosz", () => {
    const rows = [
      payment({ name: 'today', days_until: 0, frequency: 'one-time' }),
      payment({ name: 'a', days_until: 1, amount: 0.1, frequency: 'one-time' }),
      payment({ name: 'b', days_until: 30, amount: 0.2, frequency: 'one-time' }),
      payment({ name: 'eur', days_until: 2, currency: 'EUR', frequency: 'one-time' }),
      payment({ name: 'no currency', days_until: 3, currency: null, amount: 1000, frequency: 'annual' }),
    ];
    const scheduled = scheduledOutflow(rows, [], o);
    expect(scheduled.map((s) => [s.name, s.currency, s.counted])).toEqual([['a', 'PLN', 'added'], ['b', 'PLN', 'added'], ['eur', 'EUR', 'other_currency'], ['no currency', 'PLN', 'added']]);
    expect(addedTotal(scheduled)).toBe(1000.3);
  });
});
