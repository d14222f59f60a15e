// Which sources the periodic check of closed months must fingerprint. Each source's database is
// asked first for its change signal (db/table-activity-repository.ts); a source whose signal is the
// one read before its last fingerprint is left alone, so a quiet check costs three catalog reads.
// The signal can miss an edit (statistics off, reset onto the same numbers, or never flushed), so
// every source is fingerprinted anyway once the fallback period has passed: after a change the
// statistics saw, it starts at the check interval and doubles after each fallback that found nothing,
// up to a ceiling. A check that read everything because it had to (the start's, a new month's) found
// no edit more likely than any other moment: the period after it is the ceiling. It never runs more
// often than keeps its own cost under a share of one core, so fifteen years of rows back off further
// than one. Pure: time is passed in.

export interface QuietGateOptions {
  /** The check interval: the fallback's first period. */
  intervalMs: number;
  /** The fallback's longest period, unless its cost asks for more. */
  ceilingMs: number;
  /** The share of one core the fallback may take at most (its wall time over its period). */
  maxShare: number;
}

export interface Due<P extends string> {
  /** The sources to fingerprint now. */
  parts: Set<P>;
  /** True when every source is read, whatever its signal: the fallback is due, or the caller forced it. */
  full: boolean;
  /** True when the caller forced it (a ledger not yet checked, a new month). */
  forced: boolean;
}

export class QuietGate<P extends string> {
  private readonly seen = new Map<P, string>();
  private periodMs: number;
  private lastFullMs = Number.NEGATIVE_INFINITY;
  private fullCostMs = 0;

  constructor(private readonly o: QuietGateOptions) {
    this.periodMs = o.intervalMs;
  }

  /** The fallback's current period. */
  fallbackMs(): number {
    return Math.max(this.periodMs, this.fullCostMs / this.o.maxShare);
  }

  /** How long an edit the signal cannot see may go unnoticed: the period, rounded up to the beat that checks it. */
  unseenBoundMs(): number {
    return Math.ceil(this.fallbackMs() / this.o.intervalMs) * this.o.intervalMs;
  }

  /** `signals`: each source's word as read now (null: unknown, so fingerprinted). `force`: all, whatever the signals. */
  due(signals: ReadonlyMap<P, string | null>, nowMs: number, force = false): Due<P> {
    const full = force || nowMs - this.lastFullMs >= this.fallbackMs();
    const parts = new Set<P>();
    for (const [part, signal] of signals) if (full || signal === null || this.seen.get(part) !== signal) parts.add(part);
    return { parts, full, forced: force };
  }

  /**
   * After a check of `due.parts` that succeeded: their signals (read before it) are the ones to
   * compare with next time. `found`: it built or dropped anything; `costMs`: its wall time.
   */
  checked(signals: ReadonlyMap<P, string | null>, due: Due<P>, found: boolean, costMs: number, nowMs: number): void {
    let moved = false;
    for (const part of due.parts) {
      const signal = signals.get(part) ?? null;
      const before = this.seen.get(part);
      if (before !== undefined && signal !== null && before !== signal) moved = true;
      if (signal === null) this.seen.delete(part);
      else this.seen.set(part, signal);
    }
    if (due.full) {
      this.lastFullMs = nowMs;
      this.fullCostMs = costMs;
    }
    if (due.forced && !moved) this.periodMs = this.o.ceilingMs;
    else if (found || moved) this.periodMs = this.o.intervalMs;
    else if (due.full) this.periodMs = Math.min(this.periodMs * 2, this.o.ceilingMs);
  }
}
