// @vitest-environment happy-dom
// Edits that never damage a note, through the real plugin: a broken block is reported and left
// alone, the missing-markers setting, weekdays only, the status-line style, and writing through the
// editor when today's note is open.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { findBlock, readBlock } from '../../../plugin/daily-note/note-block';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { FileStore, Notice } from '../../fixtures/obsidian/index';
import { deviceFleet, FakeClock } from '../../fixtures/plugin-harness';
import type { Device } from '../../fixtures/plugin-harness';
import { statusResponse } from '../../fixtures/twin-responses';

const NOTE = '2025-01-15.md';
const START = '%%BRIEFING_START%%';
const END = '%%BRIEFING_END%%';
const at = (h: number, m = 0, day = 15) => new Date(2025, 0, day, h, m);
const countBlocks = (text: string) => text.split('\n').filter((line) => line.trim() === START).length;
let fake: FakeBridge;

const fleet = deviceFleet(() => ({ clock: new FakeClock(at(6, 5)), data: { bridgeUrl: fake.url } }));
const device = fleet.start;

beforeAll(async () => {
  fake = await startFakeBridge(statusResponse());
});
afterAll(() => fake.close());
beforeEach(() => {
  Notice.reset();
  fake.reset();
});
afterEach(() => {
  fleet.stopAll();
});

describe('a broken block', () => {
  it('is never guessed at: nothing written, one notice, and the panel status says why', async () => {
    const note = `# Dziś\n${START}\nwhat the user wrote\n## Journal\n`;
    const store = new FileStore({ [NOTE]: note });
    const d = await device({ store });
    await d.plugin.onTick();
    d.clock.set(at(7, 0));
    await d.plugin.onTick();
    await d.plugin.onTrigger('focus');
    expect(store.readFile(NOTE)).toBe(note);
    expect(Notice.messages).toHaveLength(1);
    expect(Notice.messages[0]).toContain('start marker without an end marker');
    expect(d.plugin.store.snapshot.briefingIssue).toContain(NOTE);

    // Fixed by the user: the next attempt writes, and the status clears.
    store.writeFile(NOTE, `# Dziś\n${START}\n${END}\n## Journal\n`);
    d.clock.set(at(9, 0));
    await d.plugin.onTick();
    expect(countBlocks(store.readFile(NOTE) ?? '')).toBe(1);
    expect(readBlock(store.readFile(NOTE) ?? '')).toContain('twin-briefing 2025-01-15');
    expect(d.plugin.store.snapshot.briefingIssue).toBeNull();
  });
});

describe('settings for the scheduled briefing', () => {
  it('skips a note without markers when set to, and adds a block at the end by default', async () => {
    const store = new FileStore({ [NOTE]: '# No markers here\n' });
    const skip = await device({ store, data: { missingMarkers: 'skip' } });
    await skip.plugin.onTick();
    expect(store.readFile(NOTE)).toBe('# No markers here\n');
    expect(skip.plugin.settings.lastBriefedDate).toBe('2025-01-15');
    expect(Notice.messages).toHaveLength(0);

    const append = await device({ store: new FileStore({ [NOTE]: '# No markers here\n' }) });
    await append.plugin.onTick();
    expect(append.app.vault.store.readFile(NOTE)?.startsWith(`# No markers here\n\n${START}\n`)).toBe(true);
  });

  it('briefs on weekdays only when set to', async () => {
    // 2025-01-18 is a Saturday, 2025-01-20 a Monday.
    const d = await device({ clock: new FakeClock(at(6, 5, 18)), data: { weekdaysOnly: true } });
    await d.plugin.onTick();
    d.clock.set(at(6, 5, 19));
    await d.plugin.onTick();
    expect(d.app.vault.getFileByPath('2025-01-18.md')).toBeNull();
    expect(d.app.vault.getFileByPath('2025-01-19.md')).toBeNull();
    d.clock.set(at(6, 5, 20));
    await d.plugin.onTick();
    expect(countBlocks(d.app.vault.store.readFile('2025-01-20.md') ?? '')).toBe(1);
  });

  it('writes one status line when that style is chosen', async () => {
    const d = await device({ data: { briefingStyle: 'status-line' } });
    await d.plugin.onTick();
    expect(readBlock(d.app.vault.store.readFile(NOTE) ?? '')).toBe('%% twin-briefing 2025-01-15 06:05 %%\n✅ Twin: all well (06:05)\n');
  });

  it('merges a block that sync duplicated back into one, where the first was', async () => {
    const block = (time: string) => `${START}\n%% twin-briefing 2025-01-15 ${time} %%\n> [!info]- Twin briefing: all well\n${END}\n`;
    const note = `# Dziś\n${block('06:00')}- zadanie\n${block('06:02')}koniec\n`;
    const store = new FileStore({ [NOTE]: note });
    const d = await device({ store });
    await d.plugin.onTick();
    expect(store.readFile(NOTE)).toBe(`# Dziś\n${block('06:00')}- zadanie\nkoniec\n`);
  });
});

describe('today\'s note open in an editor', () => {
  it('is written through the editor: cursor, selection, scroll and undo history kept', async () => {
    const store = new FileStore({ [NOTE]: '# Dziś\nPisałem to rano.\n' });
    const d = await device({ store });
    const file = d.app.vault.getFileByPath(NOTE);
    if (!file) throw new Error('no note');
    const leaf = d.app.workspace.getLeaf();
    await leaf.openFile(file);
    const view = leaf.view as unknown as import('../../fixtures/obsidian/index').MarkdownView;
    view.editor.replaceRange(' Dalej.', { line: 1, ch: 16 });
    view.editor.setSelection({ line: 1, ch: 0 }, { line: 1, ch: 7 });
    view.editor.scrollTo(null, 120);
    const depth = view.editor.undoDepth();

    await d.plugin.onTick();
    const text = view.editor.getValue();
    expect(store.readFile(NOTE)).toBe(text);
    expect(countBlocks(text)).toBe(1);
    expect(view.editor.getSelection()).toBe('Pisałem');
    expect(view.editor.getScrollInfo().top).toBe(120);
    expect(view.editor.undoDepth()).toBe(depth + 1);
    view.editor.undo();
    expect(view.editor.getValue()).toBe('# Dziś\nPisałem to rano. Dalej.\n');
  });

  it('a closed note goes through Vault.process, and an editor showing another note is not touched', async () => {
    const store = new FileStore({ [NOTE]: '# Dziś\n', 'Inna.md': 'Other note\n' });
    const d = await device({ store });
    const other = d.app.vault.getFileByPath('Inna.md');
    if (!other) throw new Error('no note');
    const leaf = d.app.workspace.getLeaf();
    await leaf.openFile(other);
    await d.plugin.onTick();
    expect(countBlocks(store.readFile(NOTE) ?? '')).toBe(1);
    expect(store.readFile('Inna.md')).toBe('Other note\n');
  });
});

describe('"Insert briefing here"', () => {
  async function openAt(d: Device, path: string, line: number, ch: number) {
    const file = d.app.vault.getFileByPath(path);
    if (!file) throw new Error(`no ${path}`);
    const leaf = d.app.workspace.getLeaf();
    await leaf.openFile(file);
    d.app.workspace.setActiveLeaf(leaf);
    const view = leaf.view as unknown as import('../../fixtures/obsidian/index').MarkdownView;
    view.editor.setCursor(line, ch);
    return { leaf, view };
  }

  it('inserts into the note and position captured when the command ran, even after the leaf moved on', async () => {
    const store = new FileStore({ 'Plan.md': 'Rano\nWieczór\n', 'Inna.md': 'Other\n' });
    const d = await device({ store });
    const { leaf } = await openAt(d, 'Plan.md', 1, 0);
    const release = fake.hold();
    d.app.commands.executeCommandById('digital-twin:insert-briefing');
    // The user switches the same leaf to another note while the bridge answers.
    const inna = d.app.vault.getFileByPath('Inna.md');
    if (inna) await leaf.openFile(inna);
    release();
    await vi.waitFor(() => expect(findBlock(store.readFile('Plan.md') ?? '')).not.toBeNull());
    expect(store.readFile('Plan.md')?.startsWith(`Rano\n${START}\n`)).toBe(true);
    expect(store.readFile('Plan.md')?.endsWith(`${END}\nWieczór\n`)).toBe(true);
    expect(store.readFile('Inna.md')).toBe('Other\n');
  });

  it('follows the position when the note changed after it, and inserts nothing when the text around it changed', async () => {
    const store = new FileStore({ 'Plan.md': 'Rano\nWieczór\n' });
    const d = await device({ store });
    const { view } = await openAt(d, 'Plan.md', 1, 0);
    let release = fake.hold();
    d.app.commands.executeCommandById('digital-twin:insert-briefing');
    view.editor.replaceRange('Dopisane na końcu\n', { line: 2, ch: 0 });
    release();
    await vi.waitFor(() => expect(findBlock(view.editor.getValue())).not.toBeNull());
    expect(view.editor.getValue().endsWith(`${END}\nWieczór\nDopisane na końcu\n`)).toBe(true);

    view.editor.setValue('Pierwsza\nDruga\n');
    view.editor.setCursor(1, 0);
    release = fake.hold();
    d.app.commands.executeCommandById('digital-twin:insert-briefing');
    view.editor.setValue('Całkiem\ninny tekst\n');
    release();
    await vi.waitFor(() => expect(Notice.messages.some((m) => m.includes('the note changed around the cursor'))).toBe(true));
    expect(view.editor.getValue()).toBe('Całkiem\ninny tekst\n');
  });
});
