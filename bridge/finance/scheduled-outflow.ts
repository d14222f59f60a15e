// The scheduled payments /forecast adds on top of the usual outflow, and those it leaves out because
// the usual outflow already holds them.
//
// The usual outflow is made of the 30-day totals of the last 180 days, so a payment that recurs every
// month is inside each of them already; adding it again would count it twice. The rule: an unpaid
// scheduled payment due in the forecast's days (tomorrow to 30 days ahead) is **in the history** when
// it is `monthly` and an Expense of its category (and of its sub-category, when it names one) was
// booked in the 35 days before today (a month, and a few days for a payment that moves with weekends):
// it recurred last month, so it is in the recent periods. Every other payment is **added**: one-time,
// quarterly and annual ones (at most a third of past periods hold a quarterly one, so the median
// mostly does not), and a monthly one whose category spent nothing last month (a new commitment).
// Categories are matched, not amounts: bills vary from month to month and prices rise. What this
// cannot tell: a second monthly payment in a category that already recurs (a new subscription beside
// an old one) is taken as in the history. A payment in another currency is listed, never summed.
import type { ScheduledOutflow } from '../contract/n8n-responses';
import type { SpentCategory } from './finance-repository';
import type { ScheduledPayment } from './upcoming-payments';

/** How far back a monthly payment's category must have spent to count as recurring. */
export const RECURRING_LOOKBACK_DAYS = 35;

const sameCategory = (p: ScheduledPayment, c: SpentCategory) =>
  p.category !== null && c.category === p.category && (p.sub_category === null || c.sub_category === p.sub_category);

/** Each payment due in the forecast's days with how it is counted; `spent`: the categories of the lookback. */
export function scheduledOutflow(
  rows: readonly ScheduledPayment[],
  spent: readonly SpentCategory[],
  o: { currency: string; horizonDays: number },
): ScheduledOutflow[] {
  return rows
    .filter((p) => p.days_until >= 1 && p.days_until <= o.horizonDays)
    .map((p) => {
      const currency = p.currency ?? o.currency;
      const counted =
        currency !== o.currency ? 'other_currency' : p.frequency === 'monthly' && spent.some((c) => sameCategory(p, c)) ? 'in_history' : 'added';
      return {
        name: p.name,
        amount: p.amount,
        currency,
        category: p.category,
        sub_category: p.sub_category,
        frequency: p.frequency,
        expense_date: p.expense_date,
        counted,
      };
    });
}

/** The sum of the added payments, to the grosz. */
export function addedTotal(scheduled: readonly ScheduledOutflow[]): number {
  const cents = scheduled.filter((s) => s.counted === 'added').reduce((sum, s) => sum + Math.round(s.amount * 100), 0);
  return cents / 100;
}
