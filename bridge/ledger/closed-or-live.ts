// An aggregate written over the transactions' columns (transaction_date, type, amount, category_id),
// read in two parts: the closed days the ledger has checked, from its own table (which has those
// columns, summed per day, category and type), and the days from the ledger's boundary on, from the
// transactions themselves. Without a ledger (or before its first check) all of it is read live.
// The statement takes the range as $1 (from, inclusive) and $2 (to, exclusive), then its own parameters.
import type { Queryable } from '../db/pools';
import { LEDGER_DAYS } from './ledger-sql';

export interface ClosedDays {
  liveFrom(from: string, open: string): string;
  queryClosed<Row extends object>(text: string, params: unknown[]): Promise<Row[]>;
}

export interface DayRange {
  from: string;
  to: string;
  /** First day of the current month: never read from the ledger. */
  open: string;
}

export async function readClosedOrLive<Row extends object>(
  finance: Queryable,
  ledger: ClosedDays | null,
  over: (relation: string) => string,
  range: DayRange,
  params: unknown[] = [],
): Promise<Row[]> {
  const split = ledger ? ledger.liveFrom(range.from, range.open) : range.from;
  const live = split < range.to ? split : range.to;
  const [closed, rest] = await Promise.all([
    ledger && range.from < live ? ledger.queryClosed<Row>(over(LEDGER_DAYS), [range.from, live, ...params]) : Promise.resolve([]),
    live < range.to ? finance.query<Row>(over('transactions'), [live, range.to, ...params]).then((r) => r.rows) : Promise.resolve([]),
  ]);
  return [...closed, ...rest];
}
