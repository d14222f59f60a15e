// The briefing text: pure, from a state to what Telegram and the daily note show.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { briefing, fitTelegram, TELEGRAM_LIMIT } from '../../../bridge/briefing/briefing';
import { listed } from '../../../bridge/briefing/domain-lines';
import { money, signedMoney } from '../../../bridge/briefing/money';
import type { ExpiryItem, LowStockItem, UpcomingPayment } from '../../../bridge/contract/twin-state';
import { alert, twinState } from '../state-fixture';

const lines = (text: string) => text.split('\n');
/** No lone UTF-16 surrogate: the text encodes to valid UTF-8. */
const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('briefing', () => {
  it('starts with the status title and gives one emoji line per domain, money signed with thousands separators', () => {
    const text = briefing(twinState());
    const l = lines(text);
    expect(l[0]).toBe('📊 AUTONOMOUS LIVING STATUS');
    expect(text).toContain('2025-03-12');
    expect(l.find((x) => x.startsWith('💪 Health:'))).toMatch(/2 workouts this week/);
    expect(l.find((x) => x.startsWith('💰 Finance:'))).toBe('💰 Finance: +2,450 PLN MTD');
    expect(l.find((x) => x.startsWith('🛒 Pantry:'))).toMatch(/^🛒 Pantry: 2 items low stock: Jajka, Mleko$/);
    expect(text).toContain('Train Today');
  });

  it('names each budget alert with its category path and recommended action', () => {
    const text = briefing(
      twinState({
        finance: {
          active_budget_alerts: 2,
          alerts: [
            alert(),
            alert({ budget_id: 'B-2', alert_severity: 'MEDIUM', category_path: 'Transport > Fuel', utilization_pct: 40, recommended_action: '📊 PROJECTED OVERSPEND: Current rate suggests 240.00 PLN overage' }),
          ],
        },
      }),
    );
    expect(text).toMatch(/Budget Alert: 2 active/);
    expect(text).toContain('Lifestyle > Groceries');
    expect(text).toContain('🚨 STOP SPENDING: Budget exceeded by 200.50 PLN');
    expect(text).toContain('Transport > Fuel');
    expect(text).toContain('240.00 PLN overage');
  });

  it('lists alerts worst first, as the panel does: CRITICAL, HIGH, MEDIUM, then by utilization', () => {
    // In the function's order: budget priority first, so the worst alert comes last.
    const text = briefing(
      twinState({
        finance: {
          active_budget_alerts: 4,
          alerts: [
            alert({ budget_id: 'M', alert_severity: 'MEDIUM', category_path: 'Fun > Cinema', utilization_pct: 40, priority: 'Critical' }),
            alert({ budget_id: 'H1', alert_severity: 'HIGH', category_path: 'Transport > Fuel', utilization_pct: 85, priority: 'High' }),
            alert({ budget_id: 'H2', alert_severity: 'HIGH', category_path: 'Home > Energy', utilization_pct: 95, priority: 'Low' }),
            alert({ budget_id: 'C', alert_severity: 'CRITICAL', category_path: 'Lifestyle > Groceries', utilization_pct: 120.05, priority: 'Low' }),
          ],
        },
      }),
    );
    const order = lines(text).filter((l) => l.startsWith('• ')).map((l) => l.split(' ').slice(1, 3).join(' '));
    expect(order).toEqual(['CRITICAL Lifestyle', 'HIGH Home', 'HIGH Transport', 'MEDIUM Fun']);
  });

  it('shows a negative month as a minus amount', () => {
    expect(briefing(twinState({ finance: { mtd_net: -1234.4 } }))).toMatch(/💰 Finance: [-−]1,234 PLN MTD/);
  });

  it('names every degraded domain with its reason, and when last known values are shown, from when', () => {
    const state = twinState({
      health: { status: 'degraded', error: 'training database unreachable (connection refused at 10.0.0.5:5432)', as_of: null },
      finance: { status: 'degraded', error: 'finance database did not answer within 3000 ms', as_of: '2025-03-12T06:45:00.000Z' },
      pantry: { status: 'degraded', error: 'pantry database error: a table or view the twin reads is missing', as_of: null },
    });
    const l = lines(briefing(state));
    const health = l.find((x) => x.startsWith('💪'));
    const finance = l.find((x) => x.startsWith('💰'));
    const pantry = l.find((x) => x.startsWith('🛒'));
    expect(health).toMatch(/Health.*Failure.*training database unreachable \(connection refused at 10\.0\.0\.5:5432\)/);
    expect(finance).toMatch(/Finance.*Failure.*finance database did not answer within 3000 ms.*2025-03-12 06:45/);
    expect(pantry).toMatch(/Pantry.*Failure.*a table or view the twin reads is missing/);
    // The last known alerts are still named under the degraded finance line.
    expect(l.join('\n')).toContain('Lifestyle > Groceries');
  });

  it('cuts long lists: at most five names and a count of the rest', () => {
    const products = Array.from({ length: 30 }, (_, i) => `Produkt ${String(i).padStart(2, '0')}`);
    const low: LowStockItem[] = products.map((p) => ({ product: p, quantity: 0, unit: 'szt', critical_threshold: 1, locations: [] }));
    const alerts = Array.from({ length: 20 }, (_, i) => alert({ budget_id: `B-${i}`, category_path: `Kategoria ${i}` }));
    const text = briefing(twinState({ pantry: { low_stock_count: 30, low_stock_items: products, low_stock: low }, finance: { alerts, active_budget_alerts: 20 } }));
    const pantry = lines(text).find((x) => x.startsWith('🛒'))!;
    expect(pantry).toContain('30 items low stock');
    expect(pantry).toContain('and 25 more');
    expect(products.filter((p) => pantry.includes(p))).toHaveLength(5);
    expect(text).toContain('Budget Alert: 20 active');
    expect(text).toContain('and 15 more');
    expect(alerts.filter((a) => text.includes(`${a.category_path} `))).toHaveLength(5);
  });

  it('says the pantry is fine and the first workout is to be logged on a quiet, empty state', () => {
    const text = briefing(
      twinState({
        pantry: { low_stock_count: 0, low_stock_items: [], low_stock: [], expiring: [], expired_count: 0, expiring_count: 0 },
        finance: { alerts: [], active_budget_alerts: 0, mtd_net: 0 },
        health: { last_workout: null, days_since_workout: null, workouts_this_week: 0, training_suggestion: { code: 'no_workouts', text: '📝 Log your first workout' } },
      }),
    );
    expect(text).toContain('🛒 Pantry: stock OK');
    expect(text).toContain('💰 Finance: 0 PLN MTD');
    expect(text).toContain('Log your first workout');
    expect(text).not.toContain('Budget Alert');
    expect(text).not.toContain('Failure');
  });
});

describe('briefing: payments due', () => {
  const due = (name: string, amount: number, days: number, urgency: UpcomingPayment['urgency']): UpcomingPayment => ({
    name, amount, currency: 'PLN', category: 'Housing', expense_date: `2025-03-${String(12 + days).padStart(2, '0')}`, days_until: days, urgency,
  });
  const upcoming = [due('Czynsz', 3150, 0, 'today'), due('Prąd', 312.4, 1, 'tomorrow'), due('Spotify', 23.99, 5, 'this_week'), due('Netflix', 49, 7, 'this_week'), due('Woda', 180, 8, 'later')];

  it("calls today's and tomorrow's payments urgent and lists the rest of the 7 days, without what is due later", () => {
    const l = lines(briefing(twinState({ finance: { upcoming } })));
    expect(l.filter((x) => x.startsWith('⏰') || x.startsWith('🗓️'))).toEqual([
      '⏰ Urgent: Czynsz 3,150 PLN today, Prąd 312 PLN tomorrow',
      '🗓️ Due within 7 days: Spotify 24 PLN in 5 days (2025-03-17), Netflix 49 PLN in 7 days (2025-03-19)',
    ]);
    // In the finance section, after the budget alerts.
    expect(l.indexOf('⏰ Urgent: Czynsz 3,150 PLN today, Prąd 312 PLN tomorrow')).toBeGreaterThan(l.findIndex((x) => x.startsWith('🚨 Budget Alert')));
  });

  it('says nothing of payments when none is due within 7 days, and nothing of a list known only from before an outage', () => {
    expect(briefing(twinState({ finance: { upcoming: [due('Woda', 180, 8, 'later')] } }))).not.toMatch(/Urgent|Due within/);
    const degraded = briefing(twinState({ finance: { upcoming, status: 'degraded', error: 'finance database unreachable' } }));
    expect(degraded).toContain('⚠️ Failure: finance database unreachable');
    expect(degraded).not.toMatch(/Urgent|Due within/);
  });

  it('writes no Urgent line when only the week has payments, so the note section stays collapsed', () => {
    const text = briefing(twinState({ health: { training_suggestion: null }, finance: { alerts: [], upcoming: [due('Spotify', 23.99, 5, 'this_week')] } }));
    expect(text).toContain('🗓️ Due within 7 days: Spotify 24 PLN in 5 days (2025-03-17)');
    expect(text).not.toMatch(/urgent/i);
  });
});

describe('money', () => {
  it('writes a bill without a sign, whole units with thousands separators', () => {
    expect([money(3150, 'PLN'), money(23.99, 'PLN'), money(0.4, 'EUR'), money(1234567.5, 'PLN')]).toEqual(['3,150 PLN', '24 PLN', '0 EUR', '1,234,568 PLN']);
  });

  it('signs and separates thousands in whole units', () => {
    expect(signedMoney(2450, 'PLN')).toBe('+2,450 PLN');
    expect(signedMoney(-1234, 'PLN')).toMatch(/^[-−]1,234 PLN$/);
    expect(signedMoney(1234567.89, 'PLN')).toBe('+1,234,568 PLN');
    expect(signedMoney(999.5, 'EUR')).toBe('+1,000 EUR');
    expect(signedMoney(0, 'PLN')).toBe('0 PLN');
    expect(signedMoney(-0.4, 'PLN')).toBe('0 PLN'); // no "−0"
    expect(signedMoney(0.4, 'PLN')).toBe('0 PLN');
  });

  it('lists at most the given number of items', () => {
    expect(listed(['a', 'b'])).toBe('a, b');
    expect(listed(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});

describe('Telegram limit', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 400 });
  const longText = fc.string({ unit: 'grapheme', maxLength: 3000 });
  // One long line, mostly emoji (two UTF-16 units each): the cut has to fall inside it.
  const longLine = fc.string({ unit: fc.constantFrom('😀', '🥛', 'a', 'ż', ' '), minLength: 3000, maxLength: 6000 });

  it('fitTelegram: never longer than the limit, a prefix of the text, and valid Unicode', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, longText), { maxLength: 8 }), fc.integer({ min: 10, max: TELEGRAM_LIMIT }), (parts, limit) => {
        const input = parts.join('\n');
        const out = fitTelegram(input, limit);
        expect(out.length).toBeLessThanOrEqual(limit);
        expect(wellFormed(out)).toBe(true);
        if (input.length <= limit) expect(out).toBe(input);
        else expect(input.startsWith(out.slice(0, -2))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('briefing: names every degraded domain with its reason, however many alerts and items there are', () => {
    const short = fc.string({ unit: 'grapheme', maxLength: 100 });
    fc.assert(
      fc.property(
        fc.subarray(['health', 'finance', 'pantry'] as const),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }).filter((e) => !e.includes('\n')),
        fc.array(fc.record({ category_path: short, recommended_action: short }), { maxLength: 60 }),
        fc.array(short, { maxLength: 100 }),
        (down, error, alertTexts, lowNames) => {
          const degraded = { status: 'degraded' as const, error };
          const state = twinState({
            health: down.includes('health') ? degraded : {},
            finance: { ...(down.includes('finance') ? degraded : {}), alerts: alertTexts.map((a, i) => alert({ budget_id: `B-${i}`, ...a })) },
            pantry: { ...(down.includes('pantry') ? degraded : {}), low_stock_count: lowNames.length, low_stock_items: lowNames },
          });
          const l = lines(briefing(state));
          for (const [domain, icon] of [['health', '💪'], ['finance', '💰'], ['pantry', '🛒']] as const) {
            if (down.includes(domain)) expect(l.some((x) => x.startsWith(icon) && x.includes(error))).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('briefing: at most 4096 characters and valid Unicode for any large state', () => {
    const expiry = fc.record({
      product: text,
      level: fc.constantFrom<ExpiryItem['level']>('expired', 'critical', 'warning'),
    });
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 200 }),
        fc.array(fc.record({ category_path: text, recommended_action: text }), { maxLength: 100 }),
        fc.array(expiry, { maxLength: 200 }),
        fc.option(fc.oneof(longText, longLine), { nil: null }),
        fc.option(fc.oneof(longText, longLine), { nil: null }),
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        (lowNames, alertTexts, expiring, healthError, financeError, net) => {
          const state = twinState({
            health: healthError === null ? {} : { status: 'degraded', error: healthError },
            finance: {
              mtd_net: net,
              active_budget_alerts: alertTexts.length,
              alerts: alertTexts.map((a, i) => alert({ budget_id: `B-${i}`, ...a })),
              ...(financeError === null ? {} : { status: 'degraded' as const, error: financeError }),
            },
            pantry: {
              low_stock_count: lowNames.length,
              low_stock_items: lowNames,
              low_stock: lowNames.map((p) => ({ product: p, quantity: 0, unit: null, critical_threshold: 0, locations: [] })),
              expiring: expiring.map((e) => ({ ...e, location: null, next_expiry: '2025-03-13', days_left: 1, quantity: 1, unit: null })),
            },
          });
          const out = briefing(state);
          expect(out.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
          expect(wellFormed(out)).toBe(true);
          expect(out.startsWith('📊 AUTONOMOUS LIVING STATUS')).toBe(true);
        },
      ),
      { numRuns: 150, endOnFailure: true },
    );
  });
});
