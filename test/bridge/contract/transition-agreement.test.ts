// The sidebar's history and the webhook's message describe a change the same way: the same timelines
// of states, recorded as the history writer records them (a row only when a domain is ok and its
// snapshot changed), go to the webhook payload builder and to the history view's line builder, and
// both must find the same changes, in words a person can match.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../bridge/contract/responses';
import { snapshotOf } from '../../../bridge/contract/snapshot';
import type { TransitionChange } from '../../../bridge/contract/transition-change';
import { type DomainName, type TwinState } from '../../../bridge/contract/twin-state';
import { TransitionPayload } from '../../../bridge/contract/webhook-payload';
import { transitionPayload } from '../../../bridge/webhook/transition-payload';
import { describeEntries } from '../../../plugin/views/history-model';
import { alert, twinState } from '../state-fixture';

const PERSON = '00000000-0000-4000-8000-000000000001';
const degraded = { status: 'degraded' as const, error: 'source database unreachable' };

/** The rows the history writer would record for these states, oldest first. */
function record(states: TwinState[]): HistoryEntry[] {
  const rows: HistoryEntry[] = [];
  const last = new Map<DomainName, string>();
  states.forEach((state, i) => {
    for (const domain of ['health', 'finance', 'pantry'] as const) {
      const snapshot = snapshotOf(state, domain);
      if (snapshot === null || last.get(domain) === JSON.stringify(snapshot)) continue;
      last.set(domain, JSON.stringify(snapshot));
      const at = new Date(Date.UTC(2025, 2, 1 + i, 7, rows.length)).toISOString();
      rows.push({ id: `row-${rows.length}`, entity_type: domain, entity_id: PERSON, update_data: snapshot, source_system: 'g04_engine', update_type: 'status_sync', created_at: at });
    }
  });
  return rows;
}

/**
 * Each row's webhook payload and the history view's description of it. The payload is built against
 * the row the outbox reads as its predecessor: the same entity's row before it from the same system.
 */
function bothSides(rows: HistoryEntry[]) {
  const view = describeEntries([...rows].reverse()).reverse();
  return rows.map((row, i) => {
    const previous = rows.slice(0, i).filter((r) => r.entity_type === row.entity_type && r.source_system === row.source_system).pop() ?? null;
    return { row, payload: TransitionPayload.parse(transitionPayload(row, previous, new Date(0))), view: view[i]! };
  });
}

/** The line of the history view that names this change, as a person would look for it. */
function viewWords(c: TransitionChange): string | null {
  switch (c.kind) {
    case 'alert_new':
      return `New alert: ${c.category} (${c.severity})`;
    case 'alert_escalated':
    case 'alert_eased':
      return `Alert ${c.category}: ${c.previous_severity} → ${c.severity}`;
    case 'alert_cleared':
      return `Alert cleared: ${c.category}`;
    case 'new_month':
      return c.previous_month === null ? null : `New month: ${c.month}`;
    case 'low_stock_new':
    case 'low_stock_cleared':
      return c.product;
    default:
      return null;
  }
}

const isAlert = (c: TransitionChange) => c.kind.startsWith('alert_') && c.kind !== 'alert_count_changed';

function expectAgreement(rows: HistoryEntry[]): ReturnType<typeof bothSides> {
  const sides = bothSides(rows);
  for (const { payload, view } of sides) {
    expect(view.changes).toEqual(payload.changes);
    for (const c of payload.changes) {
      const words = viewWords(c);
      if (words !== null) expect(view.lines.some((l) => l.includes(words)), `${c.kind} in ${view.lines.join(' | ')}`).toBe(true);
      // The Telegram text names every alert that changed, as the sidebar does.
      if (isAlert(c) && 'category' in c) expect(payload.text).toContain(c.category);
    }
    const alertLines = view.lines.filter((l) => /^(New alert|Alert )/.test(l));
    expect(alertLines).toHaveLength(payload.changes.filter(isAlert).length);
  }
  return sides;
}

const groceries = (severity: 'CRITICAL' | 'HIGH' | 'MEDIUM', budget_id = 'BUD-2025-03-FOOD') =>
  alert({ budget_id, category_path: 'Lifestyle > Groceries', alert_severity: severity });
const fuel = (severity: 'CRITICAL' | 'HIGH' | 'MEDIUM', budget_id = 'BUD-2025-03-FUEL') => alert({ budget_id, category_path: 'Transport > Fuel', alert_severity: severity });
const finance = (month: string, mtd_net: number, alerts: ReturnType<typeof alert>[]) => twinState({ finance: { month, mtd_net, alerts, active_budget_alerts: alerts.length } });

describe('the webhook and the history view find the same changes', () => {
  it('for budget alerts that appear, change severity, clear, and go through a degraded source', () => {
    const rows = record([
      finance('2025-03', 900, [groceries('MEDIUM')]),
      finance('2025-03', 700, [groceries('HIGH'), fuel('MEDIUM')]),
      twinState({ finance: degraded }),
      finance('2025-03', 650, [fuel('CRITICAL')]),
      finance('2025-03', 600, [fuel('HIGH')]),
    ]).filter((r) => r.entity_type === 'finance');
    // Another system's finance row in between is no predecessor of the bridge's next row.
    rows.splice(2, 0, { ...rows[1]!, id: 'n8n-row', source_system: 'n8n', update_data: { mtd_net: 5, alerts: [] } });
    const sides = expectAgreement(rows).filter((s) => s.row.source_system === 'g04_engine');
    expect(sides.map((s) => s.payload.alert_severity)).toEqual(['MEDIUM', 'HIGH', 'CRITICAL', null]);
    // The degraded computation wrote nothing: the row after it is compared with the one before.
    expect(sides[2]!.payload.changes.map((c) => c.kind)).toEqual(['mtd_net_changed', 'alert_count_changed', 'alert_escalated', 'alert_cleared']);
  });

  it('across a month boundary: one "new month", the new month\'s alerts are new, last month\'s are not cleared', () => {
    const sides = expectAgreement(
      record([
        finance('2025-03', 300, [groceries('CRITICAL'), fuel('HIGH')]),
        finance('2025-04', -40, [groceries('HIGH', 'BUD-2025-04-FOOD')]),
        finance('2025-04', -90, [groceries('CRITICAL', 'BUD-2025-04-FOOD'), fuel('MEDIUM', 'BUD-2025-04-FUEL')]),
        finance('2025-05', 10, []),
      ]).filter((r) => r.entity_type === 'finance'),
    );
    const april = sides[1]!;
    expect(april.payload.changes).toEqual([
      { kind: 'new_month', month: '2025-04', previous_month: '2025-03' },
      { kind: 'mtd_net_changed', value: -40, previous: null },
      { kind: 'alert_count_changed', value: 1, previous: null },
      { kind: 'alert_new', budget_id: 'BUD-2025-04-FOOD', category: 'Lifestyle > Groceries', severity: 'HIGH' },
    ]);
    expect(april.payload).toMatchObject({ alert_severity: 'HIGH', notify: true });
    expect(april.view.lines).toEqual(['New month: 2025-04', 'Net this month -40 PLN', 'Budget alerts 1', 'New alert: Lifestyle > Groceries (HIGH)']);
    // Within the month, alerts are matched by budget again.
    expect(sides[2]!.payload.changes.filter(isAlert).map((c) => c.kind)).toEqual(['alert_escalated', 'alert_new']);
    // A month that starts without alerts reports no "cleared" for the month that ended.
    expect(sides[3]!.payload.changes.map((c) => c.kind)).toEqual(['new_month', 'mtd_net_changed', 'alert_count_changed']);
    expect(sides[3]!.view.lines.join('\n')).not.toContain('cleared');
  });

  it('for health and pantry, with first rows, unknown figures and degraded sources', () => {
    const sides = expectAgreement(
      record([
        twinState(),
        twinState({ health: { bodyweight_kg: 80.1, bodyfat_pct: null }, pantry: { low_stock_items: ['Mleko', 'Chleb'], expired_count: 0 } }),
        twinState({ health: degraded, pantry: degraded }),
        twinState({
          health: { bodyweight_kg: 80.1, bodyfat_pct: null, days_since_workout: 0, training_suggestion: { code: 'done_today', text: '✅' }, last_workout: null },
          pantry: { low_stock_items: [], low_stock_count: 0, expired_count: 0 },
        }),
      ]).filter((r) => r.entity_type !== 'finance'),
    );
    expect(sides.map((s) => s.row.entity_type)).toEqual(['health', 'pantry', 'health', 'pantry', 'health', 'pantry']);
    expect(sides[0]!.payload.changes[0]).toEqual({ kind: 'first_snapshot' });
    expect(sides[0]!.view.lines[0]).toBe('Weight 80.5 kg');
    expect(sides[3]!.view.lines).toEqual(['Now low: Chleb', 'Restocked: Jajka', 'Expired 1 → 0 (-1)']);
  });

  it('for rows of other writers: numbers as text, alerts without a severity or a budget', () => {
    const row = (id: string, update_data: unknown, minute: number): HistoryEntry => ({
      id, entity_type: 'finance', entity_id: PERSON, update_data, source_system: 'n8n', update_type: 'sync', created_at: new Date(Date.UTC(2025, 2, 1, 7, minute)).toISOString(),
    });
    const sides = expectAgreement([
      row('a', { month: '2025-03', mtd_net: '120.50', active_budget_alerts: 1, alerts: [{ budget_id: 'X', severity: 'LOW' }] }, 0),
      row('b', { month: '2025-03', mtd_net: 80, active_budget_alerts: '2', alerts: [{ severity: 'HIGH' }, { budget_id: 7, category: 'Fun', severity: 'HIGH' }] }, 1),
    ]);
    expect(sides[1]!.payload.changes).toEqual([
      { kind: 'mtd_net_changed', value: 80, previous: 120.5 },
      { kind: 'alert_count_changed', value: 2, previous: 1 },
      { kind: 'alert_new', budget_id: '7', category: 'Fun', severity: 'HIGH' },
    ]);
  });
});
