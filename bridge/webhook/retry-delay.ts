// Exponential back-off with a cap and "full jitter": bridges that lost the same receiver do not
// retry in step. `random` is injectable so the arithmetic can be checked exactly.
export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstMs: 1000, maxMs: 5 * 60_000 };

/** Delay before attempt `failures + 1`, after `failures` (≥ 1) consecutive failures. */
export function retryDelayMs(failures: number, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  // Never below half the ceiling: a receiver that is down is not hammered by an unlucky draw.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
