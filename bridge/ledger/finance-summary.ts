// The transactions, summarised per closed day, category and type (count and exact numeric sum), with
// per month the row count and fingerprint they were built from. Every closed month is kept.
import type { FinanceSummarySource } from '../finance/finance-repository';
import type { FingerprintRow, PgSummariesRepository } from '../store/summaries-repository';
import { monthStartAfter } from '../time/local-date';
import type { MonthSummary } from './month-summary';

export class FinanceSummary implements MonthSummary {
  readonly kind = 'finance';

  constructor(
    private readonly finance: Pick<FinanceSummarySource, 'monthFingerprints' | 'days'>,
    private readonly summaries: PgSummariesRepository,
  ) {}

  firstDay(): null {
    return null;
  }

  fresh(open: string): Promise<FingerprintRow[]> {
    return this.finance.monthFingerprints(open);
  }

  stored(): Promise<FingerprintRow[]> {
    return this.summaries.financeMonths();
  }

  async build(f: FingerprintRow): Promise<void> {
    const days = await this.finance.days(f.month, monthStartAfter(f.month, 1));
    await this.summaries.replaceFinanceMonth(f, days);
  }

  drop(month: string): Promise<void> {
    return this.summaries.dropFinanceMonth(month);
  }
}
