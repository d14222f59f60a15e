// What every domain's insights are computed from: "today" in the configured zone (from the
// injectable clock) and the settings that name units. Whether closed months come from their
// summaries is each repository's business, not the insights'.
import type { LocalDate } from '../time/local-date';
import type { DayBounds } from '../time/twin-day';

export interface InsightContext {
  today: LocalDate;
  currency: string;
  /** A past day's bounds; by default today's. */
  bounds?: DayBounds;
}

/** A domain's figures without the status fields the service adds. */
export type Figures<T> = Omit<T, 'status' | 'error' | 'as_of'>;
