// "Insert weekly review" against a real bridge over real PostgreSQL: the review of the note's week
// goes at the cursor on lines of its own, through the editor; a bridge error inserts nothing.
// Runs in the node environment (the bridge needs node's URL class) with a DOM installed by hand.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { reviewDateFor, withTextAt } from '../../../plugin/daily-note/weekly-review';
import { startTestBridge } from '../../fixtures/bridge-server';
import type { TestBridge } from '../../fixtures/bridge-server';
import { installDomGlobals } from '../../fixtures/dom-globals';
import { Notice } from '../../fixtures/obsidian/index';
import { deviceFleet, FakeClock } from '../../fixtures/plugin-harness';

let tb: TestBridge;
let removeDom: () => Promise<void>;
const fleet = deviceFleet(() => ({ clock: new FakeClock(new Date(2025, 0, 15, 9, 30)), data: { bridgeUrl: tb.url, briefingEnabled: false } }));

beforeAll(async () => {
  removeDom = installDomGlobals();
  tb = await startTestBridge({ clock: { now: () => new Date('2025-01-15T08:30:00Z') } });
  const pool = (await import('../../bridge/source-rows')).sourcePool(tb.dbs.finance);
  try {
    await pool.query(
      `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source) VALUES
       ('a', '2025-01-13', 'Expense', 120.00, 't'), ('b', '2025-01-06', 'Expense', 80.00, 't'), ('c', '2024-06-04', 'Expense', 55.00, 't')`,
    );
  } finally {
    await pool.end();
  }
}, 120_000);
afterAll(async () => {
  await tb?.close();
  await removeDom?.();
});
afterEach(() => {
  fleet.stopAll();
  Notice.reset();
});

describe('insert weekly review', () => {
  it('reviews the week of a daily note, else of today', () => {
    expect(reviewDateFor('01_Daily_Notes/2024-06-05.md', new Date(2025, 0, 15, 9))).toBe('2024-06-05');
    expect(reviewDateFor('Projects/Plan.md', new Date(2025, 0, 15, 9))).toBe('2025-01-15');
    expect(reviewDateFor(null, new Date(2025, 0, 15, 9))).toBe('2025-01-15');
  });

  it('puts the text on lines of its own, keeping CRLF notes CRLF', () => {
    const target = { path: null, text: 'ab\r\ncd', offset: 1 };
    expect(withTextAt(target, 'ab\r\ncd', 'X\nY\n')).toBe('a\r\nX\r\nY\r\nb\r\ncd');
    expect(withTextAt({ path: null, text: 'ab', offset: 2 }, 'ab', 'X')).toBe('ab\nX\n');
    expect(withTextAt({ path: null, text: 'ab\ncd', offset: 2 }, 'ab\ncd', 'X')).toBe('ab\nX\ncd');
    expect(withTextAt({ path: null, text: 'ab', offset: 1 }, 'zzz', 'X')).toBeNull();
  });

  it('inserts the bridge’s review at the cursor through the editor', async () => {
    const d = await fleet.start();
    const file = await d.app.vault.create('2024-06-05.md', 'Before\nAfter');
    const view = await d.app.workspace.openMarkdown(file, 'Before\nAfter');
    view.editor.setCursor(1, 0);
    expect(d.app.commands.executeCommandById('digital-twin:insert-weekly-review')).toBe(true);
    await vi.waitFor(() => expect(view.editor.getValue()).toContain('WEEKLY REVIEW'));
    const text = view.editor.getValue();
    expect(text.startsWith('Before\n📅 WEEKLY REVIEW\n🗓️ 2024-06-03 to 2024-06-05, against the same days last week and in the week of 2023-06-05\n')).toBe(true);
    expect(text).toContain('💸 Spent: -55 PLN · last week 0 PLN · a year ago 0 PLN');
    expect(text.endsWith('\nAfter')).toBe(true);
  });

  it('reviews today’s week in a note without a date, and inserts nothing when the bridge refuses', async () => {
    const d = await fleet.start();
    const view = await d.app.workspace.openMarkdown(null, 'Note');
    view.editor.setCursor(0, 4);
    d.app.commands.executeCommandById('digital-twin:insert-weekly-review');
    await vi.waitFor(() => expect(view.editor.getValue()).toContain('💸 Spent: -120 PLN · last week -80 PLN'));

    d.plugin.settings.bridgeUrl = `${tb.url}/nowhere`;
    const before = view.editor.getValue();
    d.app.commands.executeCommandById('digital-twin:insert-weekly-review');
    await vi.waitFor(() => expect(Notice.messages.some((m) => m.includes('the weekly review was not inserted'))).toBe(true));
    expect(view.editor.getValue()).toBe(before);
  });
});
