// Scheduled payments: the rule of the user's v_upcoming_expenses (unpaid, from a day to 30 days
// after it, urgency by days ahead), how a read of it is described, and the rows as the state shows them.
import type { PaymentUrgency, UpcomingPayment } from '../contract/twin-state';

/** v_upcoming_expenses reads from its day to this many days after it, both included. */
export const UPCOMING_DAYS = 30;
/** "this_week" reaches this many days ahead. */
const WEEK_DAYS = 7;

const URGENCIES: readonly PaymentUrgency[] = ['today', 'tomorrow', 'this_week', 'later'];

/** The view's CASE: today, the day after, up to 7 days ahead, else later. */
export function urgencyOf(daysUntil: number): PaymentUrgency {
  if (daysUntil <= 0) return 'today';
  if (daysUntil === 1) return 'tomorrow';
  return daysUntil <= WEEK_DAYS ? 'this_week' : 'later';
}

/** The view's own word when it is one of the four; a redefined view's other words by its days_until. */
export function urgencyFrom(value: unknown, daysUntil: number): PaymentUrgency {
  return URGENCIES.find((u) => u === value) ?? urgencyOf(daysUntil);
}

/**
 * Where a list of upcoming payments came from:
 * - `view`: the rows of v_upcoming_expenses, asked on the database's own today;
 * - `table_for_day`: the view's rule over expense_calendar for another day (the view knows only today);
 * - `table_without_view`: the same rule, because the database has no v_upcoming_expenses;
 * - `no_table`: nothing to read, the database has no expense_calendar.
 */
export type UpcomingSource = 'view' | 'table_for_day' | 'table_without_view' | 'no_table';

/** One unpaid scheduled payment, typed where it leaves the database. */
export interface ScheduledPayment {
  id: number;
  name: string;
  amount: number;
  currency: string | null;
  category: string | null;
  sub_category: string | null;
  frequency: string | null;
  expense_date: string;
  days_until: number;
  urgency: PaymentUrgency;
}

export interface UpcomingRead {
  source: UpcomingSource;
  /** In the view's order: by expense_date (ties by id when the rule is applied to the table). */
  rows: ScheduledPayment[];
}

const NOTES: Record<UpcomingSource, string | null> = {
  view: null,
  table_for_day: 'Read from expense_calendar with the rule of v_upcoming_expenses for that day; is_paid is as the table holds it now.',
  table_without_view: 'Read from expense_calendar with the rule of v_upcoming_expenses: the finance database has no such view.',
  no_table: 'No scheduled payments: the finance database has no expense_calendar table.',
};

/** The state's upcoming_note: null when the view itself answered. */
export function upcomingNote(source: UpcomingSource): string | null {
  return NOTES[source];
}

/** The rows as the state carries them; a payment without a currency is in the twin's. */
export function upcomingPayments(rows: readonly ScheduledPayment[], currency: string): UpcomingPayment[] {
  return rows.map((r) => ({
    name: r.name,
    amount: r.amount,
    currency: r.currency ?? currency,
    category: r.category,
    expense_date: r.expense_date,
    days_until: r.days_until,
    urgency: r.urgency,
  }));
}
