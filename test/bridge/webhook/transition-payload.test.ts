// The webhook body from history rows: what changed, the Telegram text, the severity a receiver
// filters on, and its agreement with the schema published in the OpenAPI document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TELEGRAM_LIMIT } from '../../../bridge/briefing/briefing';
import { TransitionPayload } from '../../../bridge/contract/webhook-payload';
import { newAlertSeverity, transitionChanges } from '../../../bridge/contract/transition';
import { domainStatusPayload, transitionPayload, type TransitionRow } from '../../../bridge/webhook/transition-payload';
import { transitionText } from '../../../bridge/webhook/transition-text';

const finance = (alerts: { budget_id: string; category: string; severity: string }[], mtd_net = -120.5, month = '2025-03') => ({
  month,
  currency: 'PLN',
  mtd_net,
  mtd_income: 0,
  mtd_expense: -mtd_net,
  active_budget_alerts: alerts.length,
  alerts,
});

const row = (entity: TransitionRow['entity_type'], update_data: unknown): TransitionRow => ({
  id: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  entity_type: entity,
  entity_id: '00000000-0000-4000-8000-000000000001',
  created_at: '2025-03-12T07:00:00.123Z',
  update_type: 'status_sync',
  update_data,
});

const groceries = { budget_id: 'B-GROC', category: 'Lifestyle > Groceries', severity: 'CRITICAL' };
const fuel = { budget_id: 'B-FUEL', category: 'Transport > Fuel', severity: 'HIGH' };

describe('transition changes', () => {
  it('names new, worse, eased and cleared budget alerts', () => {
    const before = finance([{ ...groceries, severity: 'HIGH' }, fuel, { budget_id: 'B-HOME', category: 'Home > Energy', severity: 'MEDIUM' }]);
    const after = finance([groceries, { ...fuel, severity: 'MEDIUM' }, { budget_id: 'B-FUN', category: 'Fun', severity: 'HIGH' }], -300);
    const changes = transitionChanges('finance', before, after);
    // The figures first, then the alerts worst first (as the history view lists them), cleared last.
    expect(changes).toEqual([
      { kind: 'mtd_net_changed', value: -300, previous: -120.5 },
      { kind: 'alert_escalated', budget_id: 'B-GROC', category: 'Lifestyle > Groceries', severity: 'CRITICAL', previous_severity: 'HIGH' },
      { kind: 'alert_new', budget_id: 'B-FUN', category: 'Fun', severity: 'HIGH' },
      { kind: 'alert_eased', budget_id: 'B-FUEL', category: 'Transport > Fuel', severity: 'MEDIUM', previous_severity: 'HIGH' },
      { kind: 'alert_cleared', budget_id: 'B-HOME', category: 'Home > Energy', previous_severity: 'MEDIUM' },
    ]);
    expect(newAlertSeverity(changes)).toBe('CRITICAL');
  });

  it('does not announce an alert again while it stays as it was', () => {
    const changes = transitionChanges('finance', finance([groceries], -100), finance([groceries], -150));
    expect(changes.map((c) => c.kind)).toEqual(['mtd_net_changed']);
    expect(newAlertSeverity(changes)).toBeNull();
  });

  it('announces the alerts of an entity\'s first row as new', () => {
    const changes = transitionChanges('finance', null, finance([fuel]));
    expect(changes[0]).toEqual({ kind: 'first_snapshot' });
    expect(newAlertSeverity(changes)).toBe('HIGH');
  });

  it('names pantry and health changes', () => {
    const pantry = transitionChanges(
      'pantry',
      { low_stock_count: 1, low_stock_items: ['Mleko'], expired_count: 0, expiring_count: 1 },
      { low_stock_count: 2, low_stock_items: ['Jajka', 'Chleb'], expired_count: 1, expiring_count: 1 },
    );
    expect(pantry).toEqual([
      { kind: 'low_stock_count_changed', value: 2, previous: 1 },
      { kind: 'low_stock_new', product: 'Jajka' },
      { kind: 'low_stock_new', product: 'Chleb' },
      { kind: 'low_stock_cleared', product: 'Mleko' },
      { kind: 'expired_changed', value: 1, previous: 0 },
    ]);
    const health = transitionChanges(
      'health',
      { last_workout_date: '2025-03-05', suggestion: 'training_day', days_since_workout: 5, bodyweight_kg: 82, bodyfat_pct: 18 },
      { last_workout_date: '2025-03-05', suggestion: 'overdue', days_since_workout: 6, bodyweight_kg: 82, bodyfat_pct: 18 },
    );
    expect(health).toEqual([
      { kind: 'days_since_workout_changed', value: 6, previous: 5 },
      { kind: 'suggestion_changed', value: 'overdue', previous: 'training_day' },
    ]);
  });

  it('reads rows of any shape (other systems write the table too) without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom('finance', 'pantry', 'health', 'person', 'goal', 'training'), fc.jsonValue(), fc.jsonValue(), (entity, a, b) => {
        const changes = transitionChanges(entity as TransitionRow['entity_type'], a, b);
        const text = transitionText(entity as TransitionRow['entity_type'], b, changes);
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
      }),
    );
  });
});

describe('transition text', () => {
  it('puts the news first, then the state in the briefing\'s words', () => {
    const changes = transitionChanges('finance', finance([]), finance([groceries], -2450));
    expect(transitionText('finance', finance([groceries], -2450), changes)).toBe(
      '🚨 New CRITICAL budget alert: Lifestyle > Groceries\n💰 Finance: -2,450 PLN MTD · 1 budget alert',
    );
  });

  it('words the training rule the way the twin does', () => {
    const snapshot = { last_workout_date: '2025-03-05', suggestion: 'overdue', days_since_workout: 6, workouts_this_week: 0, bodyweight_kg: 82.04, bodyfat_pct: null };
    const text = transitionText('health', snapshot, transitionChanges('health', { ...snapshot, suggestion: 'training_day' }, snapshot));
    expect(text).toBe('⚠️ Overdue: 6 days without a workout, Train Today\n💪 Health: 0 workouts this week · 82.0 kg');
  });

  it('keeps a long pantry list within Telegram\'s limit', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `Produkt ${i}`);
    const text = transitionText('pantry', { low_stock_items: items, low_stock_count: items.length }, transitionChanges('pantry', { low_stock_items: [] }, { low_stock_items: items }));
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    expect(text).toMatch(/^🛒 Low stock: Produkt 0\n/);
  });
});

describe('transition payload', () => {
  it('carries the row, the previous row, the changes, the severity and the text, as the published schema says', () => {
    const previous = { id: 'a1b2c3d4-0000-4000-8000-000000000000', created_at: '2025-03-11T07:00:00.000Z', update_data: finance([]) };
    const body = transitionPayload(row('finance', finance([groceries])), previous, new Date('2025-03-12T07:00:01Z'));
    expect(TransitionPayload.parse(body)).toEqual(body);
    expect(body).toMatchObject({
      event: 'transition',
      id: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
      entity_type: 'finance',
      created_at: '2025-03-12T07:00:00.123Z',
      previous: { id: previous.id, created_at: previous.created_at, snapshot: previous.update_data },
      alert_severity: 'CRITICAL',
      notify: true,
      sent_at: '2025-03-12T07:00:01.000Z',
    });
    expect(body.snapshot).toEqual(finance([groceries]));
  });

  it('does not ask for a message for a MEDIUM alert or a figure that moved', () => {
    const medium = { budget_id: 'B-X', category: 'X', severity: 'MEDIUM' };
    const body = transitionPayload(row('finance', finance([medium], -10)), { id: 'p', created_at: 'x', update_data: finance([], -5) }, new Date(0));
    expect(body).toMatchObject({ alert_severity: 'MEDIUM', notify: false });
    expect(TransitionPayload.parse(body).changes.map((c) => c.kind)).toEqual(['mtd_net_changed', 'alert_count_changed', 'alert_new']);
  });

  it('words a degraded domain as the briefing does, and asks for a message; its return does not', () => {
    const event = { domain: 'finance' as const, error: 'finance database unreachable', changed_at: '2025-03-12T07:00:00.000Z', changed_exact: '2025-03-12T07:00:00.000001Z', event_id: 'e1' };
    const down = domainStatusPayload({ ...event, status: 'degraded' }, '00000000-0000-4000-8000-000000000001', new Date(0));
    expect(TransitionPayload.parse(down)).toEqual(down);
    expect(down).toMatchObject({ event: 'domain_status', id: 'e1', entity_type: 'finance', notify: true, changes: [{ kind: 'domain_degraded', error: 'finance database unreachable' }] });
    expect(down.text).toBe('💰 Finance: ⚠️ Failure: finance database unreachable');
    const back = domainStatusPayload({ ...event, status: 'ok', error: null }, '00000000-0000-4000-8000-000000000001', new Date(0));
    expect(back).toMatchObject({ notify: false, changes: [{ kind: 'domain_back' }] });
    expect(back.text).toMatch(/^✅ Finance: back/);
  });
});
