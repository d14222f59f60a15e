// A read of per-day figures in two parts: the closed days the ledger has checked, from its own
// tables, and the days from the ledger's boundary on, live from the source. Without a ledger (or
// before its first check) all of it is read live. Both statements take the range as $1 (from,
// inclusive) and $2 (to, exclusive), then their own parameters, and give rows of the same shape.
// Only the repositories read through it: they decide whether an answer comes from the summaries.
import type { Queryable } from '../db/pools';
import type { DayRange } from '../time/day-range';

/** The sources whose closed months are summarised in tables of their own. */
export type SummaryKind = 'finance' | 'pantry';
/** Which source's checked months decide what is closed. */
export type ClosedKind = SummaryKind | 'training';

export interface ClosedDays {
  liveFrom(from: string, open: string, kind: ClosedKind): string;
  queryClosed<Row extends object>(text: string, params: unknown[]): Promise<Row[]>;
  closedRows<Row>(key: string, read: () => Promise<Row[]>): Promise<Row[]>;
}

export interface SplitStatement {
  /** Which source's checked months decide what is closed. */
  kind: ClosedKind;
  /**
   * The closed part: a statement over the ledger's tables, or null to run `live` over the closed
   * range of the source itself, once per ledger generation (for figures the ledger keeps no table of).
   */
  closed: string | null;
  live: string;
}

export async function readClosedOrLive<Row extends object>(
  source: Queryable,
  ledger: ClosedDays | null,
  statement: SplitStatement,
  range: DayRange,
  params: unknown[] = [],
): Promise<Row[]> {
  const split = ledger ? ledger.liveFrom(range.from, range.open, statement.kind) : range.from;
  const live = split < range.to ? split : range.to;
  const closedParams = [range.from, live, ...params];
  const readClosed = (l: ClosedDays): Promise<Row[]> =>
    statement.closed !== null
      ? l.queryClosed<Row>(statement.closed, closedParams)
      : l.closedRows(`${statement.live}\u0000${JSON.stringify(closedParams)}`, async () => (await source.query<Row>(statement.live, closedParams)).rows);
  const readLive = (from: string, to: string) => (from < to ? source.query<Row>(statement.live, [from, to, ...params]).then((r) => r.rows) : Promise.resolve([]));
  const [closed, rest] = await Promise.all([
    // The ledger never costs a figure: when its database fails, the closed days are read live too.
    ledger && range.from < live ? readClosed(ledger).catch(() => readLive(range.from, live)) : Promise.resolve([]),
    readLive(live, range.to),
  ]);
  return [...closed, ...rest];
}
