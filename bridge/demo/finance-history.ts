// The finance part of the demo history: the month-to-date and budget alerts the bridge would have
// computed just after each of the demo's own transactions, from the same budget plan and spending model
// that fill the tables. A row follows money moving, so it always differs from the row before.
import type { FinanceDomain } from '../contract/twin-state';
import { alertStamp, budgetAlerts } from '../finance/budget-alerts';
import { addDays, calendarDate } from '../time/local-date';
import { budgetFigures, monthBudgets, type DemoBudget } from './budget-demo';
import { generateFinanceDay } from './finance-demo';
import { EMPTY_STATE, historyWindow, isoDay, snapshotText, type HistoryPlan, type Moment } from './history-window';
import { Rng } from './random';

interface Booking {
  at: number;
  date: string;
  category: string;
  income: boolean;
  cents: number;
}

/** Income and expenses (transfers change no figure) from the first of the window's first month to its end. */
function bookings(plan: HistoryPlan, start: number, end: number): Booking[] {
  const out: Booking[] = [];
  for (let d = calendarDate(isoDay(start)).monthStart; d <= isoDay(end); d = addDays(d, 1)) {
    for (const t of generateFinanceDay(plan.seed, d, plan.volume)) {
      // created_at is a timestamp without zone; the history reads it as UTC, as it does the days.
      const at = Date.parse(`${t.createdAt.replace(' ', 'T')}Z`);
      if (t.type !== 'Transfer' && at < end) out.push({ at, date: t.date, category: t.category, income: t.type === 'Income', cents: t.amountCents });
    }
  }
  return out;
}

/** `count` increasing indices below `n` (count ≤ n), one at a random place in each of `count` equal slots. */
function spread(rng: Rng, n: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const lo = Math.floor((i * n) / count);
    return lo + Math.floor(rng.float() * (Math.floor(((i + 1) * n) / count) - lo));
  });
}

class MonthToDate {
  month = '';
  income = 0;
  expense = 0;
  readonly spent = new Map<string, number>();
  private budgets: DemoBudget[] = [];

  book(b: Booking, volume: number): void {
    const { monthStart } = calendarDate(b.date);
    if (monthStart.slice(0, 7) !== this.month) {
      this.month = monthStart.slice(0, 7);
      this.income = this.expense = 0;
      this.spent.clear();
      // get_current_budget_alerts() breaks priority and utilization ties by budget_id.
      this.budgets = monthBudgets(monthStart, volume).sort((x, y) => (x.id < y.id ? -1 : 1));
    }
    if (b.income) this.income += b.cents;
    else {
      this.expense += b.cents;
      this.spent.set(b.category, (this.spent.get(b.category) ?? 0) + b.cents);
    }
  }

  state(date: string, at: number): FinanceDomain {
    const { day, daysInMonth } = calendarDate(date);
    const figures = this.budgets.map((b) => budgetFigures(b, this.spent.get(b.category) ?? 0, day, daysInMonth));
    const time = new Date(at);
    const alerts = budgetAlerts(figures, alertStamp(date, time.getUTCHours(), time.getUTCMinutes()), 'PLN');
    return {
      ...EMPTY_STATE.finance,
      month: this.month,
      mtd_income: this.income / 100,
      mtd_expense: this.expense / 100,
      mtd_net: (this.income - this.expense) / 100,
      active_budget_alerts: alerts.length,
      alerts,
    };
  }
}

/** Up to `count` rows, fewer only when the window holds fewer moments at which money moved. */
export function financeHistory(plan: HistoryPlan, count: number): Moment[] {
  const { start, end } = historyWindow(plan);
  const all = bookings(plan, start, end);
  // A moment is the last booking of its second inside the window: the state just after it.
  const moments = all.flatMap((b, i) => (b.at >= start && all[i + 1]?.at !== b.at ? [i] : []));
  const rng = new Rng(plan.seed, 'history-times:finance');
  const picked = spread(rng, moments.length, Math.min(count, moments.length)).map((k) => moments[k]);
  const mtd = new MonthToDate();
  const out: Moment[] = [];
  let next = 0;
  for (let i = 0; i < all.length && next < picked.length; i++) {
    mtd.book(all[i], plan.volume);
    if (i !== picked[next]) continue;
    next++;
    // The bridge notices within its sync interval, before anything else is booked.
    const until = Math.min(all[i + 1]?.at ?? end, end, all[i].at + 10 * 60_000);
    const at = all[i].at + Math.floor(rng.float() * (until - all[i].at));
    out.push({ at, data: snapshotText('finance', mtd.state(all[i].date, at)) });
  }
  return out;
}
