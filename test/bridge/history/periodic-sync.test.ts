// The periodic sync's beat: a state is computed when the sources' key moved (a row written, another
// day) or cannot be read, and after a degraded computation; otherwise the beat only confirms the
// recorded state. The engine is reduced to the one call the beat makes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TwinEngine } from '../../../bridge/engine/twin-engine';
import { startPeriodicSync } from '../../../bridge/history/periodic-sync';
import { statusResponse } from '../../fixtures/twin-responses';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function engineOf(states: { degraded: boolean }[]): { engine: TwinEngine; computed: () => number } {
  let computed = 0;
  const engine = {
    getState: () => {
      const { state } = statusResponse();
      const degraded = states[computed]?.degraded ?? false;
      computed++;
      return Promise.resolve(degraded ? { ...state, pantry: { ...state.pantry, status: 'degraded' as const } } : state);
    },
  } as unknown as TwinEngine;
  return { engine, computed: () => computed };
}

describe('the periodic sync', () => {
  it('computes only when the key moved, could not be read, or the last state was degraded', async () => {
    const { engine, computed } = engineOf([{ degraded: false }, { degraded: false }, { degraded: true }, { degraded: false }]);
    const keys: (string | null | Error)[] = ['a', 'a', 'a', 'b', 'b', new Error('no statistics'), 'b', 'b', 'b'];
    let confirmed = 0;
    const sync = startPeriodicSync(engine, 60, {
      quietKey: () => {
        const k = keys.shift() ?? 'b';
        return k instanceof Error ? Promise.reject(k) : Promise.resolve(k);
      },
      onUnchanged: () => confirmed++,
    });
    const beats: [number, number][] = [];
    for (let i = 0; i < 9; i++) {
      await vi.advanceTimersByTimeAsync(60_000);
      beats.push([computed(), confirmed]);
    }
    sync.stop();
    expect(beats).toEqual([
      [1, 0], // a: first beat
      [1, 1], // a: unchanged
      [1, 2],
      [2, 2], // b: moved
      [2, 3],
      [3, 3], // unknown: computed, and this one is degraded
      [4, 3], // b again, but the last state was degraded
      [4, 4],
      [4, 5],
    ]);
  });
});
