// An engine for the engine tests: its sources given, the clock fixed at a Wednesday morning in
// Warsaw, nothing cached, every computed state kept; and pools the tests end themselves.
import type pg from 'pg';
import type { TwinState } from '../../../bridge/contract/twin-state';
import { TwinEngine, type EngineOptions } from '../../../bridge/engine/twin-engine';
import { fixedClock } from '../../../bridge/time/clock';
import { sourcePool, ZONE } from '../source-rows';
import { DEFAULT_PERSON_ID } from '../../../bridge/config/settings';
import { InMemoryPantryHistoryRepository } from '../../fixtures/repositories/in-memory-pantry-history';

export const START = '2025-03-12T08:00:00+01:00';

/** Without a pantry history given, the engine's recorded past is an empty one in memory. */
export function engineOver(sources: Pick<EngineOptions, 'finance' | 'training' | 'pantry'> & Partial<Pick<EngineOptions, 'pantryHistory' | 'personId'>>, o: Partial<EngineOptions> = {}) {
  const computed: TwinState[] = [];
  const clock = fixedClock(START);
  const e = new TwinEngine({
    pantryHistory: new InMemoryPantryHistoryRepository([], ZONE),
    personId: DEFAULT_PERSON_ID,
    ...sources,
    clock,
    timezone: ZONE,
    currency: 'PLN',
    sourceTimeoutMs: 3000,
    cacheMs: 0,
    onComputed: (s) => computed.push(s),
    ...o,
  });
  return { e, computed, clock };
}

/** Pools for URLs that point at nothing useful; `end()` closes them all. */
export function faultyPools() {
  const opened: pg.Pool[] = [];
  return {
    pool(url: string, statementTimeoutMs = 1000): pg.Pool {
      const p = sourcePool(url, 'faulty', statementTimeoutMs);
      opened.push(p);
      return p;
    },
    end: () => Promise.all(opened.map((p) => p.end().catch(() => {}))),
  };
}
