// What every domain's insights are computed from: "today" in the configured zone (from the
// injectable clock), the settings that name units, and the ledger of closed days when there is one.
import type { ClosedDays } from '../store/closed-or-live';
import type { LocalDate } from '../time/local-date';

export interface InsightContext {
  today: LocalDate;
  currency: string;
  /** The checked closed days of the transactions; null (or absent) reads every day live. */
  ledger?: ClosedDays | null;
}

/** A domain's figures without the status fields the service adds. */
export type Figures<T> = Omit<T, 'status' | 'error' | 'as_of'>;

/** A read that failed, already described with the database it was reading (for figures that read several). */
export class SourceFailure extends Error {}
