// The back-off between webhook attempts, checked exactly with an injected draw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../bridge/webhook/retry-delay';

describe('retry delay', () => {
  const policy = { firstMs: 1000, maxMs: 300_000 };

  it('doubles from the first delay and stops at the cap', () => {
    const ceiling = (n: number) => retryDelayMs(n, policy, () => 1);
    expect([1, 2, 3, 4].map(ceiling)).toEqual([1000, 2000, 4000, 8000]);
    expect(ceiling(9)).toBe(256_000);
    expect(ceiling(10)).toBe(300_000);
    expect(ceiling(10_000)).toBe(300_000);
  });

  it('stays between half the ceiling and the ceiling, whatever the draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, r) => {
        const ceiling = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(failures - 1, 30));
        const d = retryDelayMs(failures, policy, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.round(ceiling / 2));
        expect(d).toBeLessThanOrEqual(ceiling);
      }),
    );
  });
});
