// @vitest-environment happy-dom
// Today's note is the note Obsidian opens as today's: Periodic Notes (both settings shapes), else core
// Daily notes with its defaults for empty options, else the plugin's own folder and format; the
// template found as a link; the settings tab says which source decided and where the note is.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dailyNoteDay, periodicDailyOptions, readDailyNoteSettings } from '../../../plugin/daily-note/daily-note-settings';
import type { DailyNoteSettings } from '../../../plugin/daily-note/daily-note-settings';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { App, FileStore, Notice, settingsIn } from '../../fixtures/obsidian/index';
import type { App as ObsidianApp } from 'obsidian';
import { deviceFleet, FakeClock } from '../../fixtures/plugin-harness';
import { statusResponse } from '../../fixtures/twin-responses';

const at = (h: number, m = 0) => new Date(2025, 0, 15, h, m);
const real = (app: App) => app as unknown as ObsidianApp;
let fake: FakeBridge;

const fleet = deviceFleet(() => ({ clock: new FakeClock(at(6, 5)), data: { bridgeUrl: fake.url } }));
const device = fleet.start;

/** A Periodic Notes 1.x settings store: a Svelte writable, which calls a subscriber at once. */
function svelteStore<T>(value: T) {
  return { subscribe: (run: (v: T) => void) => (run(value), () => undefined), set: () => undefined };
}

beforeAll(async () => {
  fake = await startFakeBridge(statusResponse());
});
afterAll(() => fake.close());
beforeEach(() => Notice.reset());
afterEach(() => {
  fleet.stopAll();
});

describe('which settings decide', () => {
  it('a new vault: core Daily notes on with no options means the vault root and YYYY-MM-DD', async () => {
    const app = new App();
    expect(await readDailyNoteSettings(real(app))).toEqual({ folder: '', format: 'YYYY-MM-DD', template: '', source: 'daily-notes' });
  });

  it('partly set core options take the defaults for the rest', async () => {
    const app = new App();
    app.internalPlugins.configureDailyNotes(true, { folder: 'Journal/' });
    expect(await readDailyNoteSettings(real(app))).toEqual({ folder: 'Journal', format: 'YYYY-MM-DD', template: '', source: 'daily-notes' });
    app.internalPlugins.configureDailyNotes(true, { format: 'DD.MM.YYYY', template: 'Daily' });
    expect(await readDailyNoteSettings(real(app))).toMatchObject({ folder: '', format: 'DD.MM.YYYY', template: 'Daily' });
  });

  it('reads Periodic Notes in its stable shape (daily) and its 1.x shape (calendarSets, the active one)', async () => {
    expect(periodicDailyOptions({ daily: { enabled: true, folder: 'P' } })).toEqual({ enabled: true, folder: 'P' });
    const v1 = {
      activeCalendarSet: 'work',
      calendarSets: [
        { id: 'default', day: { enabled: true, folder: 'Default', format: 'YYYY-MM-DD' } },
        { id: 'work', day: { enabled: true, folder: 'Work/Days', format: 'YYYY/MM/DD', templatePath: 'Templates/Work day.md' } },
      ],
    };
    expect(periodicDailyOptions(v1)?.folder).toBe('Work/Days');
    expect(periodicDailyOptions(svelteStore(v1))?.folder).toBe('Work/Days');

    const app = new App();
    app.plugins.enable('periodic-notes', { settings: svelteStore(v1) });
    expect(await readDailyNoteSettings(real(app))).toEqual({ folder: 'Work/Days', format: 'YYYY/MM/DD', template: 'Templates/Work day.md', source: 'periodic-notes' });
  });

  it('Periodic Notes with daily notes off leaves the decision to core Daily notes', async () => {
    const app = new App();
    app.plugins.enable('periodic-notes', { settings: { daily: { enabled: false, folder: 'Unused' } } });
    expect((await readDailyNoteSettings(real(app))).source).toBe('daily-notes');
  });

  it("neither plugin on: the plugin's own folder and format", async () => {
    const app = new App();
    app.internalPlugins.configureDailyNotes(false);
    expect(await readDailyNoteSettings(real(app))).toMatchObject({ folder: '01_Daily_Notes', format: 'YYYY-MM-DD', source: 'plugin' });
    const d = await device({ app, data: { dailyNoteFolder: 'Dziennik', dailyNoteFormat: 'YYYY/MM-DD' } });
    await d.plugin.onTick();
    expect(app.vault.store.readFile('Dziennik/2025/01-15.md')).toContain('%%BRIEFING_START%%');
  });
});

describe('the note the briefing goes into', () => {
  it('is created at the vault root in a new vault, not in a folder the user never chose', async () => {
    const d = await device();
    await d.plugin.onTick();
    expect(d.app.vault.store.readFile('2025-01-15.md')).toContain('%%BRIEFING_START%%');
    expect(d.app.vault.getFolderByPath('01_Daily_Notes')).toBeNull();
  });

  it('uses a template given as a link path, found the way a link is resolved', async () => {
    const store = new FileStore({ 'Szablony/Dzienny.md': '# {{title}}\n%%BRIEFING_START%%\n%%BRIEFING_END%%\n## Notatki\n' });
    const app = new App(store);
    app.internalPlugins.configureDailyNotes(true, { template: 'Dzienny' });
    const d = await device({ app });
    await d.plugin.onTick();
    const text = store.readFile('2025-01-15.md') ?? '';
    expect(text.startsWith('# 2025-01-15\n%%BRIEFING_START%%\n%% twin-briefing 2025-01-15 06:05 %%\n')).toBe(true);
    expect(text.endsWith('%%BRIEFING_END%%\n## Notatki\n')).toBe(true);
  });

  it('uses the 1.x Periodic Notes template path', async () => {
    const store = new FileStore({ 'T/Day.md': 'From the 1.x template\n' });
    const app = new App(store);
    app.plugins.enable('periodic-notes', {
      settings: svelteStore({ activeCalendarSet: 'a', calendarSets: [{ id: 'a', day: { enabled: true, folder: 'Days', format: 'YYYY-MM-DD', templatePath: 'T/Day.md' } }] }),
    });
    const d = await device({ app });
    await d.plugin.onTick();
    expect(store.readFile('Days/2025-01-15.md')?.startsWith('From the 1.x template\n\n%%BRIEFING_START%%\n')).toBe(true);
  });
});

describe("a note's day", () => {
  const settings = (folder: string, format: string): DailyNoteSettings => ({ folder, format, template: '', source: 'daily-notes' });

  it('reads the day back from the path with the same folder and format that name the notes', () => {
    expect(dailyNoteDay(settings('', 'YYYY-MM-DD'), '2025-01-10.md')).toBe('2025-01-10');
    expect(dailyNoteDay(settings('01_Daily_Notes', 'YYYY-MM-DD'), '01_Daily_Notes/2024-02-29.md')).toBe('2024-02-29');
    expect(dailyNoteDay(settings('Journal', 'YYYY/MM/YYYY-MM-DD'), 'Journal/2024/12/2024-12-31.md')).toBe('2024-12-31');
    expect(dailyNoteDay(settings('', '[Day] DD.MM.YYYY'), 'Day 03.03.2025.md')).toBe('2025-03-03');
  });

  it('is null for any other note: another folder, another name, a day that does not exist, a sub-folder the format does not make', () => {
    const s = settings('01_Daily_Notes', 'YYYY-MM-DD');
    expect(dailyNoteDay(s, '2025-01-10.md')).toBeNull();
    expect(dailyNoteDay(s, 'Archive/01_Daily_Notes/2025-01-10.md')).toBeNull();
    expect(dailyNoteDay(s, '01_Daily_Notes/2025-1-10.md')).toBeNull();
    expect(dailyNoteDay(s, '01_Daily_Notes/2025-02-30.md')).toBeNull();
    expect(dailyNoteDay(s, '01_Daily_Notes/2025-01-10 plan.md')).toBeNull();
    expect(dailyNoteDay(s, '01_Daily_Notes/old/2025-01-10.md')).toBeNull();
    expect(dailyNoteDay(s, '01_Daily_Notes/2025-01-10.canvas')).toBeNull();
    expect(dailyNoteDay(s, 'Templates/Daily.md')).toBeNull();
  });
});

describe('the settings tab', () => {
  it("shows which source decided and today's path", async () => {
    const app = new App();
    app.internalPlugins.configureDailyNotes(true, { folder: 'Journal', format: 'YYYY/MM/YYYY-MM-DD' });
    const d = await device({ app });
    const tab = d.app.settingTabs[0];
    if (!tab) throw new Error('no settings tab');
    tab.display();
    const row = settingsIn(tab.containerEl).get("Today's note");
    await vi.waitFor(() => expect(row?.descEl.textContent).toBe('Journal/2025/01/2025-01-15.md, as set by the core Daily notes plugin.'));

    app.internalPlugins.configureDailyNotes(false);
    tab.display();
    const own = settingsIn(tab.containerEl).get("Today's note");
    await vi.waitFor(() => expect(own?.descEl.textContent).toMatch(/^01_Daily_Notes\/2025-01-15\.md, as set by the folder and format below/));
  });
});
