// One computation shared by concurrent callers and served again for a window, on an injected clock:
// computations are promises the test resolves itself, so nothing depends on how long anything takes.
import { describe, expect, it } from 'vitest';
import { SharedComputation } from '../../../bridge/engine/shared-computation';
import { fixedClock } from '../../../bridge/time/clock';

const START = '2025-03-12T07:00:00.000Z';

/** A computation per call that the test settles: `calls[i].resolve()` answers the i-th with i. */
function computations(o: { refreshAhead?: boolean } = {}) {
  const clock = fixedClock(START);
  const calls: { at: string; resolve: () => void; reject: (err: Error) => void }[] = [];
  const shared = new SharedComputation<number>({
    clock,
    refreshAhead: o.refreshAhead,
    compute: (now) =>
      new Promise<number>((resolve, reject) => {
        const n = calls.length;
        calls.push({ at: now.toISOString(), resolve: () => resolve(n), reject });
      }),
  });
  return { shared, calls, clock };
}

/** As computations(), with a first value (0) computed at START and kept for `windowMs`. */
async function withFirstValue(windowMs: number, o: { refreshAhead?: boolean } = {}) {
  const c = computations(o);
  const first = c.shared.get(windowMs);
  c.calls[0].resolve();
  expect(await first).toBe(0);
  return c;
}

/** Lets the promises settled so far run their callbacks. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedComputation', () => {
  it('shares one computation between concurrent callers', async () => {
    const { shared, calls } = computations();
    const waiting = Array.from({ length: 5 }, () => shared.get(1000));
    expect(calls).toHaveLength(1);
    calls[0].resolve();
    expect(await Promise.all(waiting)).toEqual([0, 0, 0, 0, 0]);
  });

  it('serves a value again within the window from when its computation started, then computes anew', async () => {
    const { shared, calls, clock } = computations();
    const first = shared.get(1000);
    clock.advance(400); // the computation takes a while: the window counts from its start
    calls[0].resolve();
    expect(await first).toBe(0);
    clock.advance(600);
    expect(await shared.get(1000)).toBe(0);
    expect(calls).toHaveLength(1);
    clock.advance(1);
    const next = shared.get(1000);
    expect(calls).toHaveLength(2);
    expect(calls[1].at).toBe('2025-03-12T07:00:01.001Z');
    calls[1].resolve();
    expect(await next).toBe(1);
  });

  it('computes every time with a window of 0', async () => {
    const { shared, calls } = await withFirstValue(0);
    const b = shared.get(0);
    expect(calls).toHaveLength(2);
    calls[1].resolve();
    expect(await b).toBe(1);
  });

  it('refreshes ahead in the last quarter of the window, serving the kept value meanwhile, once', async () => {
    const { shared, calls, clock } = await withFirstValue(1000, { refreshAhead: true });
    clock.advance(749);
    expect(await shared.get(1000)).toBe(0);
    expect(calls).toHaveLength(1);
    clock.advance(1);
    expect(await shared.get(1000)).toBe(0);
    expect(await shared.get(1000)).toBe(0);
    expect(calls).toHaveLength(2);
    calls[1].resolve();
    await flush();
    expect(await shared.get(1000)).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it('does not refresh ahead unless told to', async () => {
    const { shared, calls, clock } = await withFirstValue(1000);
    clock.advance(999);
    expect(await shared.get(1000)).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it('computes again after markStale, also when the change came during a computation', async () => {
    const { shared, calls } = await withFirstValue(60_000);
    shared.markStale();
    const b = shared.get(60_000);
    expect(calls).toHaveLength(2);
    shared.markStale(); // marked while the second computation runs: its value misses the change
    calls[1].resolve();
    expect(await b).toBe(1);
    const c = shared.get(60_000);
    expect(calls).toHaveLength(3);
    calls[2].resolve();
    expect(await c).toBe(2);
    expect(await shared.get(60_000)).toBe(2);
  });

  it('passes a failure to the callers waiting, and computes again on the next call', async () => {
    const { shared, calls } = computations();
    const a = shared.get(1000);
    calls[0].reject(new Error('down'));
    await expect(a).rejects.toThrow('down');
    const b = shared.get(1000);
    expect(calls).toHaveLength(2);
    calls[1].resolve();
    expect(await b).toBe(1);
  });

  it('idle waits for the computation under way, failed or not', async () => {
    const { shared, calls } = computations();
    await shared.idle();
    const a = shared.get(1000).catch(() => 'failed');
    let idle = false;
    const waiting = shared.idle().then(() => {
      idle = true;
    });
    await flush();
    expect(idle).toBe(false);
    calls[0].reject(new Error('down'));
    await waiting;
    expect(idle).toBe(true);
    expect(await a).toBe('failed');
  });

  it('compute() computes beside a shared computation and keeps its value', async () => {
    const { shared, calls } = computations();
    const sharedOne = shared.get(1000);
    const direct = shared.compute();
    expect(calls).toHaveLength(2);
    calls[1].resolve();
    expect(await direct).toBe(1);
    expect(await shared.get(1000)).toBe(1);
    calls[0].resolve();
    expect(await sharedOne).toBe(0);
  });
});
