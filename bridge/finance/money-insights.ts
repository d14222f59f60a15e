// Money: each expense category this month against what the person spent by the same day in each
// of the twelve months before, and the net of each month against the same month a year earlier.
import { quantileSorted } from 'simple-statistics';
import type { BaselineStatus, CategoryBaseline, MoneyInsights, NetByMonth } from '../contract/insights';
import type { Figures, InsightContext } from '../analysis/insight-context';
import { round } from '../analysis/statistics';
import { monthBack, type LocalDate } from '../time/local-date';
import type { CategoryPaths } from './category-paths';
import type { CategoryMonth, FinanceRepository } from './finance-repository';

export const BASELINE_MONTHS = 12;
const MIN_BASELINE_MONTHS = 3;
/** Outside the interquartile range by more than this counts: max(¼ of the range, 10 % of the median, 10 currency units). */
export function baselineMargin(p25: number, median: number, p75: number): number {
  return Math.max(0.25 * (p75 - p25), 0.1 * median, 10);
}

/** The day of month each month is compared up to: today's, or every day on a month's last day. */
export function cutoffDay(today: Pick<LocalDate, 'day' | 'daysInMonth'>): number {
  return today.day === today.daysInMonth ? 31 : today.day;
}

export function baselineStatus(spent: number, p25: number, median: number, p75: number): BaselineStatus {
  const margin = baselineMargin(p25, median, p75);
  if (spent > p75 + margin) return 'above';
  if (spent < p25 - margin) return 'below';
  return 'typical';
}

export function categoryBaselines(
  today: Pick<LocalDate, 'year' | 'month'>,
  categories: readonly string[],
  toDay: ReadonlyMap<string, number>,
  firstMonth: string | null,
): CategoryBaseline[] {
  const current = monthBack(today, 0);
  const months: string[] = [];
  for (let back = 1; back <= BASELINE_MONTHS; back++) {
    const m = monthBack(today, back);
    if (firstMonth !== null && m >= firstMonth) months.push(m);
  }
  const out = categories.map((path): CategoryBaseline => {
    const spent = toDay.get(`${current}|${path}`) ?? 0;
    const baseline = months.map((m) => toDay.get(`${m}|${path}`) ?? 0).sort((a, b) => a - b);
    const q = (p: number) => (baseline.length ? round(quantileSorted(baseline, p), 2) : 0);
    const [p25, median, p75] = [q(0.25), q(0.5), q(0.75)];
    return {
      category_path: path,
      spent_to_date: round(spent, 2),
      baseline_p25: p25,
      baseline_median: median,
      baseline_p75: p75,
      baseline_months: baseline.length,
      status: baseline.length >= MIN_BASELINE_MONTHS ? baselineStatus(spent, p25, median, p75) : null,
    };
  });
  const rank = (s: BaselineStatus | null) => (s === 'above' ? 0 : 1);
  return out.sort((a, b) => rank(a.status) - rank(b.status) || b.spent_to_date - a.spent_to_date || a.category_path.localeCompare(b.category_path));
}

export function netByMonth(today: Pick<LocalDate, 'year' | 'month' | 'day'>, nets: ReadonlyMap<string, { net: number; toDay: number }>): NetByMonth[] {
  const out: NetByMonth[] = [];
  for (let back = BASELINE_MONTHS; back >= 0; back--) {
    const month = monthBack(today, back);
    const earlier = monthBack(today, back + 12);
    const pick = (m: string) => (back === 0 ? nets.get(m)?.toDay : nets.get(m)?.net) ?? 0;
    const net = round(pick(month), 2);
    const yearEarlier = round(pick(earlier), 2);
    out.push({ month, net, year_earlier_net: yearEarlier, change: round(net - yearEarlier, 2), through_day: back === 0 ? today.day : null });
  }
  return out;
}

/** Spending to the cutoff day per `month|path`, and the paths spent on this month up to today. */
function byPath(rows: readonly CategoryMonth[], pathOf: CategoryPaths): { toDay: Map<string, number>; spent: string[] } {
  const toDay = new Map<string, number>();
  const spent = new Set<string>();
  for (const r of rows) {
    const path = pathOf(r.category_id);
    const key = `${r.month}|${path}`;
    toDay.set(key, (toDay.get(key) ?? 0) + r.to_day);
    if (r.spent) spent.add(path);
  }
  return { toDay, spent: [...spent] };
}

export async function readMoneyInsights(repo: FinanceRepository, ctx: InsightContext): Promise<Figures<MoneyInsights>> {
  const { today } = ctx;
  const day = cutoffDay(today);
  const range = (back: number) => ({ from: `${monthBack(today, back)}-01`, to: ctx.until ?? today.nextMonthStart, open: today.monthStart });
  const [cats, nets, first, pathOf] = await Promise.all([
    repo.categoryMonths(range(BASELINE_MONTHS), day, today.date),
    repo.netMonths(range(2 * BASELINE_MONTHS), day),
    repo.firstDay(),
    repo.categoryPaths(),
  ]);
  const { toDay, spent } = byPath(cats, pathOf);
  const netMap = new Map(nets.map((r) => [r.month, { net: r.net, toDay: r.net_to_day }]));
  return {
    currency: ctx.currency,
    month: monthBack(today, 0),
    categories: categoryBaselines(today, spent, toDay, first?.slice(0, 7) ?? null),
    net_by_month: netByMonth(today, netMap),
  };
}
