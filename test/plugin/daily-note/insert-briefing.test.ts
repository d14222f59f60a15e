// @vitest-environment happy-dom
// "Insert briefing here" and getBriefing (for templates) in a daily note of another day: a past day's
// note gets that day's briefing, found with the daily-note settings; today's note and any other note
// get today's; a future day's note gets nothing from the command and a block the schedule fills in
// on that day from a template. A bridge that cannot answer for the day never puts today's twin there.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorBody } from '../../../bridge/http/http-error';
import { findBlock, readBlock } from '../../../plugin/daily-note/note-block';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { App, FileStore, Notice } from '../../fixtures/obsidian/index';
import type { MarkdownView } from '../../fixtures/obsidian/index';
import { deviceFleet, FakeClock } from '../../fixtures/plugin-harness';
import type { Device } from '../../fixtures/plugin-harness';
import { statusOnDay, statusResponse } from '../../fixtures/twin-responses';

const at = (day: number, h: number, m = 0) => new Date(2025, 0, day, h, m);
let fake: FakeBridge;

const fleet = deviceFleet(() => ({ clock: new FakeClock(at(15, 9, 30)), data: { bridgeUrl: fake.url } }));
const device = fleet.start;

beforeAll(async () => {
  fake = await startFakeBridge(statusResponse());
});
afterAll(() => fake.close());
beforeEach(() => {
  Notice.reset();
  fake.reset();
  fake.statusOn = (date) => (date <= '2025-01-15' ? { code: 200, body: statusOnDay(date) } : { code: 400, body: errorBody('bad_request', `date: ${date} is in the future`) });
});
afterEach(() => fleet.stopAll());

/** Opens `path` in a new leaf with the cursor at the end of its first line, and runs the command there. */
async function insertInto(d: Device, path: string): Promise<MarkdownView> {
  const file = d.app.vault.getFileByPath(path);
  if (!file) throw new Error(`no ${path}`);
  const leaf = d.app.workspace.getLeaf();
  await leaf.openFile(file);
  d.app.workspace.setActiveLeaf(leaf);
  const view = leaf.view as unknown as MarkdownView;
  view.editor.setCursor(0, view.editor.getLine(0).length);
  expect(d.app.commands.executeCommandById('digital-twin:insert-briefing')).toBe(true);
  return view;
}

const paths = () => fake.requests.map((r) => r.path);

describe('"Insert briefing here" in a daily note', () => {
  it("puts a past day's briefing into that day's note, asked for that day", async () => {
    const d = await device({ store: new FileStore({ '2025-01-10.md': '# Piątek\n' }) });
    const view = await insertInto(d, '2025-01-10.md');
    await vi.waitFor(() => expect(findBlock(view.editor.getValue())).not.toBeNull());
    const block = readBlock(view.editor.getValue()) ?? '';
    expect(block.split('\n').slice(0, 4)).toEqual([
      '%% twin-briefing 2025-01-10 09:30 %%',
      '> [!info]- Twin briefing of 2025-01-10: all well',
      '> 📊 AUTONOMOUS LIVING STATUS',
      '> 📅 2025-01-10, as it stood at the end of the day',
    ]);
    expect(block).toContain('> *At the end of 2025-01-10, computed');
    expect(paths()).toEqual(['/status?date=2025-01-10']);
  });

  it('finds the day with the daily-note settings: a folder and a format with sub-folders', async () => {
    const app = new App(new FileStore({ 'Journal/2024/12/2024-12-31.md': 'Sylwester\n', 'Journal/2024/12/notes.md': 'x\n' }));
    app.internalPlugins.configureDailyNotes(true, { folder: 'Journal', format: 'YYYY/MM/YYYY-MM-DD' });
    const d = await device({ app });
    await insertInto(d, 'Journal/2024/12/2024-12-31.md');
    await vi.waitFor(() => expect(app.vault.store.readFile('Journal/2024/12/2024-12-31.md')).toContain('Twin briefing of 2024-12-31'));
    await insertInto(d, 'Journal/2024/12/notes.md');
    await vi.waitFor(() => expect(app.vault.store.readFile('Journal/2024/12/notes.md')).toContain('%% twin-briefing 2025-01-15 09:30 %%'));
    expect(paths()).toEqual(['/status?date=2024-12-31', '/status']);
  });

  it("gives today's note and a note that is not a daily note today's briefing, as before", async () => {
    const d = await device({ store: new FileStore({ '2025-01-15.md': '# Środa\n', 'Plan.md': 'Plan\n' }) });
    for (const path of ['2025-01-15.md', 'Plan.md']) {
      const view = await insertInto(d, path);
      await vi.waitFor(() => expect(findBlock(view.editor.getValue())).not.toBeNull());
      expect(readBlock(view.editor.getValue())?.split('\n').slice(0, 2)).toEqual(['%% twin-briefing 2025-01-15 09:30 %%', '> [!info]- Twin briefing: all well']);
    }
    expect(paths()).toEqual(['/status', '/status']);
  });

  it("inserts nothing into a future day's note, and says so", async () => {
    const d = await device({ store: new FileStore({ '2025-01-16.md': '# Czwartek\n' }) });
    await insertInto(d, '2025-01-16.md');
    await vi.waitFor(() => expect(Notice.messages).toEqual(['Digital twin: the briefing of 2025-01-16 was not inserted. 2025-01-16 is still to come; its briefing can be inserted on that day.']));
    expect(d.app.vault.store.readFile('2025-01-16.md')).toBe('# Czwartek\n');
    expect(paths()).toEqual([]);
  });

  it("never puts today's twin into a past day's note: a bridge that ignores the date, or refuses the day, leaves the note as it was", async () => {
    const d = await device({ store: new FileStore({ '2025-01-10.md': '# Piątek\n' }) });
    fake.statusOn = null;
    await insertInto(d, '2025-01-10.md');
    await vi.waitFor(() => expect(Notice.messages.join('\n')).toContain('older than this plugin and cannot show past days'));
    fake.statusOn = () => ({ code: 400, body: errorBody('bad_request', 'date: 2025-01-10 is before the first data') });
    await insertInto(d, '2025-01-10.md');
    await vi.waitFor(() => expect(Notice.messages.join('\n')).toContain('The bridge answered 400: date: 2025-01-10 is before the first data.'));
    expect(Notice.messages.every((m) => m.startsWith('Digital twin: the briefing of 2025-01-10 was not inserted.'))).toBe(true);
    expect(d.app.vault.store.readFile('2025-01-10.md')).toBe('# Piątek\n');
  });

  it('writes a past day in the one-status-line style without a time of day', async () => {
    const d = await device({ store: new FileStore({ '2025-01-10.md': '# Piątek\n' }), data: { briefingStyle: 'status-line' } });
    const view = await insertInto(d, '2025-01-10.md');
    await vi.waitFor(() => expect(readBlock(view.editor.getValue())).toBe('%% twin-briefing 2025-01-10 09:30 %%\n✅ Twin on 2025-01-10: all well\n'));
  });
});

describe('getBriefing for templates', () => {
  it("gives a past day's note, named by its path or by its day, that day's block", async () => {
    const d = await device();
    expect(await d.plugin.getBriefing('2025-01-10.md')).toContain('%% twin-briefing 2025-01-10 09:30 %%\n> [!info]- Twin briefing of 2025-01-10');
    expect(await d.plugin.getBriefing('2025-01-09')).toContain('Twin briefing of 2025-01-09');
    expect(await d.plugin.getBriefing('Plan.md')).toContain('%% twin-briefing 2025-01-15 09:30 %%\n> [!info]- Twin briefing: all well');
    expect(paths()).toEqual(['/status?date=2025-01-10', '/status?date=2025-01-09', '/status']);
  });

  it("gives a past day's note a block that says what failed, without claiming the schedule will fill it", async () => {
    const d = await device();
    fake.statusOn = null;
    const block = readBlock(await d.plugin.getBriefing('2025-01-10.md')) ?? '';
    expect(block).toContain('> [!failure]+ Twin briefing of 2025-01-10 unavailable');
    expect(block).toContain('> Insert the briefing of 2025-01-10 again once the bridge answers.');
    expect(block).not.toContain('twin-briefing 2025');
  });

  it("gives a future day's note a block without a stamp, which the daily briefing fills in on that day", async () => {
    const d = await device({ data: { briefingTime: '06:00' } });
    const block = await d.plugin.getBriefing('2025-01-16.md');
    expect(readBlock(block)).toBe('> [!info]- Twin briefing of 2025-01-16\n> Written here on 2025-01-16 by the daily briefing.\n\n');
    expect(paths()).toEqual([]);
    await d.app.vault.create('2025-01-16.md', `# Czwartek\n${block}## Notatki\n`);
    d.clock.set(at(16, 6, 5));
    await d.plugin.onTick();
    const note = d.app.vault.store.readFile('2025-01-16.md') ?? '';
    expect(readBlock(note)?.startsWith('%% twin-briefing 2025-01-16 06:05 %%\n> [!info]- Twin briefing: all well')).toBe(true);
    expect(note.endsWith('%%BRIEFING_END%%\n## Notatki\n')).toBe(true);
  });
});
