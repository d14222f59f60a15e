// What every domain's insights are computed from: "today" in the configured zone (from the
// injectable clock) and the settings that name units. Whether closed months come from their
// summaries is each repository's business, not the insights'.
import type { LocalDate } from '../time/local-date';

export interface InsightContext {
  today: LocalDate;
  currency: string;
  /** The first day whose rows do not count (see TwinDay); by default the next month's first day. */
  until?: string;
}

/** A domain's figures without the status fields the service adds. */
export type Figures<T> = Omit<T, 'status' | 'error' | 'as_of'>;
