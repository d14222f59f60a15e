// Which domain statuses are news for the webhook: a degraded domain only after failed computations
// in a row, so one slow query pushes nothing; a domain that answers again is news at once.
import { describe, expect, it } from 'vitest';
import type { DomainName } from '../../../bridge/contract/twin-state';
import { DEGRADED_AFTER_FAILURES, settledStatuses } from '../../../bridge/webhook/domain-status-outbox';
import { twinState } from '../state-fixture';

const failures = (counts: Partial<Record<DomainName, number>>) => (domain: DomainName) => counts[domain] ?? 0;

describe('settledStatuses', () => {
  const down = twinState({ pantry: { status: 'degraded', error: 'pantry query timed out after 3000 ms' } });

  it('leaves out a domain that has failed once: its last recorded status stands', () => {
    expect(DEGRADED_AFTER_FAILURES).toBe(2);
    const s = settledStatuses(down, failures({ pantry: 1 }));
    expect(Object.keys(s).sort()).toEqual(['finance', 'health']);
    expect(s.health).toEqual({ status: 'ok', error: null });
  });

  it('settles it as degraded, with its error, from the second failure in a row on', () => {
    for (const n of [2, 3, 50]) {
      expect(settledStatuses(down, failures({ pantry: n })).pantry).toEqual({ status: 'degraded', error: 'pantry query timed out after 3000 ms' });
    }
  });

  it('settles every ok domain whatever the count says', () => {
    const s = settledStatuses(twinState(), failures({ health: 7, finance: 7, pantry: 7 }));
    expect(s).toEqual({ health: { status: 'ok', error: null }, finance: { status: 'ok', error: null }, pantry: { status: 'ok', error: null } });
  });
});
