import { describe, expect, it } from 'vitest';
import { briefedDateOf, briefingLines } from '../../../plugin/daily-note/briefing-callout';
import { collectAlerts, shouldOpenBriefing } from '../../../plugin/twin/twin-alerts';
import { paymentLines } from '../../../bridge/briefing/domain-lines';
import { budgetAlert, REPORT_OK, statusResponse, upcomingSample } from '../../fixtures/twin-responses';

describe('briefing callout', () => {
  it('is collapsed when all is well', () => {
    const lines = briefingLines(statusResponse(), '2025-01-15', '06:00');
    expect(lines[0]).toBe('%% twin-briefing 2025-01-15 06:00 %%');
    expect(lines[1]).toBe('> [!info]- Twin briefing: all well');
    expect(lines).toContain('> 💰 Finance: +2,450 PLN MTD');
    expect(lines).toContain('>');
    expect(lines.slice(2).every((line) => line === '' || line.startsWith('>'))).toBe(true);
  });

  it.each([
    ['a HIGH budget alert', statusResponse({ alerts: [budgetAlert()] })],
    ['a CRITICAL budget alert', statusResponse({ alerts: [budgetAlert({ alert_severity: 'CRITICAL' })] })],
    ['overdue training', statusResponse({ daysSinceWorkout: 9 })],
    ['expired food', statusResponse({ expired: 2 })],
    ['a degraded domain', statusResponse({ degraded: ['pantry'] })],
    ['an alert word in the text', statusResponse({ report: '🚨 Anomaly in spending' })],
  ])('is open on %s', (_name, status) => {
    expect(shouldOpenBriefing(status)).toBe(true);
    expect(briefingLines(status, '2025-01-15', '06:00')[1]).toMatch(/^> \[!warning\]\+ /);
  });

  it("opens on the bridge's Urgent line for a payment due today or tomorrow, and stays collapsed for one due later in the week", () => {
    const withPayments = (upcoming: ReturnType<typeof upcomingSample>) =>
      statusResponse({ upcoming, report: [REPORT_OK, ...paymentLines(upcoming)].join('\n') });
    const urgent = withPayments(upcomingSample());
    const lines = briefingLines(urgent, '2025-01-15', '06:00');
    expect(lines[1]).toBe('> [!warning]+ Twin briefing: needs attention');
    expect(lines).toContain('> ⏰ Urgent: Internet i telefon (Orange) 90 PLN today, Ubezpieczenie mieszkania (PZU) 412 PLN tomorrow');
    const later = withPayments(upcomingSample().filter((p) => p.urgency !== 'today' && p.urgency !== 'tomorrow'));
    expect(briefingLines(later, '2025-01-15', '06:00')[1]).toBe('> [!info]- Twin briefing: all well');
    expect(briefingLines(later, '2025-01-15', '06:00')).toContain('> 🗓️ Due within 7 days: Spotify Premium 24 PLN in 5 days (2025-01-20)');
  });

  it('stays collapsed for a MEDIUM alert and for "alerts: 0"', () => {
    const status = statusResponse({ alerts: [budgetAlert({ alert_severity: 'MEDIUM' })], report: 'Budget alerts: 0' });
    expect(collectAlerts(status)).toEqual([]);
    expect(shouldOpenBriefing(status)).toBe(false);
  });

  it('reads the stamp back', () => {
    const lines = briefingLines(statusResponse(), '2025-01-15', '06:00');
    expect(briefedDateOf(lines.join('\n'))).toBe('2025-01-15');
    expect(briefedDateOf('> %% twin-briefing 2025-01-15 06:00 %%')).toBeNull();
    expect(briefedDateOf('')).toBeNull();
    expect(briefedDateOf(null)).toBeNull();
  });

  it('quotes CRLF and blank lines of the report', () => {
    const lines = briefingLines(statusResponse({ report: 'a\r\n\r\nb\r\n' }), '2025-01-15', '06:00');
    expect(lines.slice(2, 5)).toEqual(['> a', '>', '> b']);
  });
});
