// The pantry's expired count per closed local day of the twin's own history (pantry/expired-days.ts),
// for one person, over the months the insights look back on (the correlations' 156 weeks and a margin):
// older months are never asked for.
import type { PgPantryHistoryRepository } from '../store/pantry-history-repository';
import type { FingerprintRow, PgSummariesRepository } from '../store/summaries-repository';
import { monthStartAfter } from '../time/local-date';
import type { MonthSummary } from './month-summary';

export const PANTRY_MONTHS = 40;

export class PantrySummary implements MonthSummary {
  readonly kind = 'pantry';

  constructor(
    private readonly history: Pick<PgPantryHistoryRepository, 'monthFingerprints' | 'liveExpiredDays'>,
    private readonly summaries: PgSummariesRepository,
    private readonly personId: string,
  ) {}

  firstDay(open: string): string {
    return monthStartAfter(open, -PANTRY_MONTHS);
  }

  fresh(open: string): Promise<FingerprintRow[]> {
    return this.history.monthFingerprints(this.personId, this.firstDay(open), open);
  }

  stored(): Promise<FingerprintRow[]> {
    return this.summaries.pantryMonths(this.personId);
  }

  async build(f: FingerprintRow): Promise<void> {
    const days = await this.history.liveExpiredDays(this.personId, f.month, monthStartAfter(f.month, 1));
    await this.summaries.replacePantryMonth(this.personId, f, days);
  }

  drop(month: string): Promise<void> {
    return this.summaries.dropPantryMonth(this.personId, month);
  }
}
