// When to try an unwritten briefing again. A phone that wakes every minute to reach a bridge that is
// off drains its battery for nothing; the waits grow (1, 2, 5, 15, 30 minutes, then hourly) and start
// over once a briefing is written or a new day begins.

export const RETRY_DELAYS_MINUTES: readonly number[] = [1, 2, 5, 15, 30, 60];

export function retryDelayMs(failures: number): number {
  const index = Math.min(Math.max(failures, 1), RETRY_DELAYS_MINUTES.length) - 1;
  return (RETRY_DELAYS_MINUTES[index] ?? 60) * 60_000;
}

export class RetryBackoff {
  private failures = 0;
  private nextAttemptMs = 0;
  private day: string | null = null;

  /** Whether a scheduled attempt may run at `nowMs` on local day `dateKey`. */
  mayTry(nowMs: number, dateKey: string): boolean {
    if (this.day !== dateKey) this.reset();
    return nowMs >= this.nextAttemptMs;
  }

  failed(nowMs: number, dateKey: string): void {
    if (this.day !== dateKey) this.reset();
    this.day = dateKey;
    this.failures += 1;
    this.nextAttemptMs = nowMs + retryDelayMs(this.failures);
  }

  reset(): void {
    this.failures = 0;
    this.nextAttemptMs = 0;
    this.day = null;
  }

  /** How many attempts in a row have failed. */
  get failureCount(): number {
    return this.failures;
  }
}
