// @vitest-environment happy-dom
// The twin panel's upcoming payments: the bridge's list in its order, today's and tomorrow's marked,
// the soonest three then "Show N more", and what an empty list or an older bridge shows.
import { describe, expect, it } from 'vitest';
import type { FinanceDomain } from '../../../bridge/contract/twin-state';
import { renderTwinPanel } from '../../../plugin/views/twin-panel-render';
import { renderUpcoming } from '../../../plugin/views/upcoming-list';
import { EMPTY_SNAPSHOT } from '../../../plugin/twin/twin-store';
import { createContainer } from '../../fixtures/obsidian/index';
import { statusResponse, upcomingSample } from '../../fixtures/twin-responses';

const now = new Date('2025-01-15T05:10:00.000Z');
const texts = (el: HTMLElement, selector: string) => Array.from(el.querySelectorAll(selector)).map((e) => e.textContent ?? '');

function panel(o: Parameters<typeof statusResponse>[0]): HTMLElement {
  const el = createContainer();
  renderTwinPanel(el, { ...EMPTY_SNAPSHOT, status: statusResponse(o), fetchedAt: now }, now);
  return el;
}

describe('upcoming payments in the twin panel', () => {
  it("lists the soonest three in the bridge's order, today's and tomorrow's marked, before the budgets", () => {
    const el = panel({ upcoming: upcomingSample() });
    const finance = el.querySelector('.dt-finance');
    expect(texts(el, '.dt-upcoming-block .dt-subtitle')).toEqual(['Upcoming payments (5, 2 due by tomorrow)']);
    expect(texts(el, '.dt-upcoming-name')).toEqual(['Internet i telefon (Orange)', 'Ubezpieczenie mieszkania (PZU)', 'Spotify Premium']);
    expect(texts(el, '.dt-upcoming-amount')).toEqual(['89.99 PLN', '412 PLN', '23.99 PLN']);
    expect(texts(el, '.dt-upcoming-urgent .dt-badge')).toEqual(['Due today', 'Due tomorrow']);
    expect(texts(el, '.dt-upcoming-when')).toEqual(['Due todayWed 15 Jan · Housing', 'Due tomorrowThu 16 Jan · Insurance', 'In 5 days · Mon 20 Jan · Entertainment']);
    expect(el.querySelector('.dt-upcoming-this-week')?.classList.contains('dt-upcoming-urgent')).toBe(false);
    // Before the budgets' subtitle, inside the finance section.
    const subtitles = texts(finance as HTMLElement, '.dt-subtitle');
    expect(subtitles[0]).toMatch(/^Upcoming payments/);
    expect(el.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('shows the rest on "Show 2 more", and keeps them shown on the next render', () => {
    const el = panel({ upcoming: upcomingSample() });
    const button = el.querySelector<HTMLButtonElement>('.dt-upcoming-block .dt-show-more');
    expect(button?.textContent).toBe('Show 2 more');
    button?.click();
    expect(texts(el, '.dt-upcoming-name')).toHaveLength(5);
    expect(texts(el, '.dt-upcoming-when').at(-1)).toBe('In 27 days · Tue 11 Feb · Taxes');
    renderTwinPanel(el, { ...EMPTY_SNAPSHOT, status: statusResponse({ upcoming: upcomingSample() }), fetchedAt: now }, now);
    expect(texts(el, '.dt-upcoming-name')).toHaveLength(5);
  });

  it("says nothing is due, or the bridge's note on why the list is empty", () => {
    expect(texts(panel({ upcoming: [] }), '.dt-upcoming-note')).toEqual(['Nothing due in the next 30 days.']);
    const note = 'No scheduled payments: the finance database has no expense_calendar table.';
    expect(texts(panel({ upcoming: [], upcomingNote: note }), '.dt-upcoming-note')).toEqual([note]);
  });

  it('shows nothing of it for a bridge older than the upcoming payments', () => {
    const finance = { ...statusResponse().state.finance } as Partial<FinanceDomain>;
    delete finance.upcoming;
    delete finance.upcoming_note;
    const el = createContainer();
    renderUpcoming(el, finance as FinanceDomain, { expanded: false, onExpand: () => {} });
    expect(el.childElementCount).toBe(0);
  });
});
