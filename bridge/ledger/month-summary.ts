// What the ledger keeps of one source, month by month: the fingerprint of each closed month at the
// source, the fingerprints it built from, and how to build or drop a month. ledger.ts runs the same
// check over every summary.
import type { SummaryKind } from '../store/closed-or-live';
import type { FingerprintRow } from '../store/summaries-repository';

export interface MonthSummary {
  readonly kind: SummaryKind;
  /** The first day summarised while `open` is the current month's first day; null: from the first row. */
  firstDay(open: string): string | null;
  /** Per closed month from firstDay(open) to open, as the source holds it now. */
  fresh(open: string): Promise<FingerprintRow[]>;
  /** Per month, as last built. */
  stored(): Promise<FingerprintRow[]>;
  build(f: FingerprintRow): Promise<void>;
  drop(month: string): Promise<void>;
}

/** The months to build again (changed or new at the source) and to drop (gone at the source, or no longer closed). */
export function monthsToRedo(fresh: readonly FingerprintRow[], stored: readonly FingerprintRow[]): { build: FingerprintRow[]; drop: string[] } {
  const storedBy = new Map(stored.map((r) => [r.month, r]));
  const build = fresh.filter((r) => {
    const s = storedBy.get(r.month);
    return !s || s.rows !== r.rows || s.fingerprint !== r.fingerprint;
  });
  const freshMonths = new Set(fresh.map((r) => r.month));
  return { build, drop: stored.filter((r) => !freshMonths.has(r.month)).map((r) => r.month) };
}
