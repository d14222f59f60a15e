// @vitest-environment happy-dom
// The 06:00 daily-note briefing, end to end through the real plugin on the in-memory Obsidian, with
// a fake clock and a real local HTTP server standing in for the bridge.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBlock } from '../../../plugin/daily-note/note-block';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { FileStore, Notice } from '../../fixtures/obsidian/index';
import { deviceFleet, FakeClock, stopDevice } from '../../fixtures/plugin-harness';
import { budgetAlert, statusResponse } from '../../fixtures/twin-responses';

// A new vault: core Daily notes on with no options saved, so today's note is at the vault root.
const NOTE = '2025-01-15.md';
const at = (h: number, m = 0, day = 15) => new Date(2025, 0, day, h, m);
const countBlocks = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() === '%%BRIEFING_START%%').length;

let fake: FakeBridge;

const fleet = deviceFleet(() => ({ data: { bridgeUrl: fake.url } }));
const device = fleet.start;

const statusRequests = () => fake.requests.filter((r) => r.path === '/status').length;

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

describe('daily briefing schedule', () => {
  it('writes nothing before 06:00 and one block after it', async () => {
    const d = await device({ clock: new FakeClock(at(5, 59)) });
    await d.plugin.onTrigger('startup');
    await d.plugin.onTick();
    expect(d.app.vault.getFileByPath(NOTE)).toBeNull();

    d.clock.set(at(6, 0));
    await d.plugin.onTick();
    const text = d.app.vault.store.readFile(NOTE) ?? '';
    expect(countBlocks(text)).toBe(1);
    expect(readBlock(text)).toContain('%% twin-briefing 2025-01-15 06:00 %%');
    expect(readBlock(text)).toContain('> [!info]- Twin briefing: all well');
    expect(d.plugin.data.lastBriefedDate).toBe('2025-01-15');

    // Later ticks leave the note alone.
    d.clock.set(at(6, 1));
    const requests = statusRequests();
    await d.plugin.onTick();
    await d.plugin.onTrigger('focus');
    expect(d.app.vault.store.readFile(NOTE)).toBe(text);
    expect(statusRequests()).toBe(requests);
  });

  it('opens the callout when there is an alert', async () => {
    fake.status = statusResponse({ alerts: [budgetAlert({ alert_severity: 'CRITICAL' })] });
    const d = await device({ clock: new FakeClock(at(6, 30)) });
    await d.plugin.onTick();
    expect(readBlock(d.app.vault.store.readFile(NOTE) ?? '')).toContain('> [!warning]+ Twin briefing: 1 needs attention');
  });

  it('catches up at a later start-up, once, and not again after a restart', async () => {
    const store = new FileStore();
    const first = await device({ store, clock: new FakeClock(at(14, 30)), data: { lastBriefedDate: '2025-01-14' }, layoutReady: true });
    await vi.waitFor(() => expect(countBlocks(first.app.vault.store.readFile(NOTE) ?? '')).toBe(1));
    const text = store.readFile(NOTE);
    stopDevice(first);

    const second = await device({ app: first.app, clock: new FakeClock(at(15, 0)), layoutReady: true });
    await second.plugin.onTick();
    expect(store.readFile(NOTE)).toBe(text);
  });

  it('briefs on the first tick after waking from sleep', async () => {
    const d = await device({ clock: new FakeClock(at(23, 0, 14)), data: { lastBriefedDate: '2025-01-14' } });
    await d.plugin.onTick();
    d.clock.set(at(7, 10));
    await d.plugin.onTick();
    expect(countBlocks(d.app.vault.store.readFile(NOTE) ?? '')).toBe(1);
  });

  it('briefs when the window gets focus', async () => {
    const d = await device({ clock: new FakeClock(at(8, 0)) });
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(countBlocks(d.app.vault.store.readFile(NOTE) ?? '')).toBe(1));
  });

  it('does nothing when the briefing is turned off', async () => {
    const d = await device({ clock: new FakeClock(at(8, 0)), data: { briefingEnabled: false } });
    await d.plugin.onTick();
    expect(d.app.vault.getFileByPath(NOTE)).toBeNull();
  });

  it('honours the configured time', async () => {
    const d = await device({ clock: new FakeClock(at(6, 30)), data: { briefingTime: '07:15' } });
    await d.plugin.onTick();
    expect(d.app.vault.getFileByPath(NOTE)).toBeNull();
    d.clock.set(at(7, 15));
    await d.plugin.onTick();
    expect(d.app.vault.getFileByPath(NOTE)).not.toBeNull();
  });
});

describe('bridge down at 06:00', () => {
  it('writes nothing, tells the user once, and retries on later ticks', async () => {
    const d = await device({ clock: new FakeClock(at(6, 0)) });
    await fake.stop();
    try {
      await d.plugin.onTick();
      d.clock.set(at(6, 1));
      await d.plugin.onTick();
      d.clock.set(at(6, 2));
      await d.plugin.onTrigger('focus');
      expect(d.app.vault.getFileByPath(NOTE)).toBeNull();
      expect(Notice.messages).toHaveLength(1);
      expect(Notice.messages[0]).toContain("Today's briefing is waiting for the bridge");
      expect(d.plugin.data.lastBriefedDate).toBeNull();
    } finally {
      await fake.resume();
    }
    d.clock.set(at(6, 3));
    await d.plugin.onTick();
    expect(countBlocks(d.app.vault.store.readFile(NOTE) ?? '')).toBe(1);
    expect(Notice.messages).toHaveLength(1);
  });

  it('writes nothing into an existing note either', async () => {
    const store = new FileStore({ [NOTE]: '# Today\n' });
    const d = await device({ store, clock: new FakeClock(at(6, 0)) });
    fake.mode = '500';
    await d.plugin.onTick();
    expect(store.readFile(NOTE)).toBe('# Today\n');
    expect(Notice.messages).toHaveLength(1);
  });
});

describe("today's daily note", () => {
  it('uses the core Daily notes settings: folder, sub-folder format and template with markers', async () => {
    const store = new FileStore({
      'Templates/Daily.md': '---\ndate: "{{date:YYYY-MM-DD}}"\n---\n# {{title}} ({{date:dddd}})\n%%BRIEFING_START%%\n%%BRIEFING_END%%\n## Journal\n',
    });
    const d = await device({ store, clock: new FakeClock(at(6, 5)) });
    d.app.internalPlugins.configureDailyNotes(true, { folder: 'Journal/Daily', format: 'YYYY/MM/YYYY-MM-DD', template: 'Templates/Daily' });
    await d.plugin.onTick();
    const text = store.readFile('Journal/Daily/2025/01/2025-01-15.md') ?? '';
    expect(text.startsWith('---\ndate: "2025-01-15"\n---\n# 2025-01-15 (Wednesday)\n%%BRIEFING_START%%\n%% twin-briefing 2025-01-15 06:05 %%\n')).toBe(true);
    expect(text.endsWith('%%BRIEFING_END%%\n## Journal\n')).toBe(true);
    expect(countBlocks(text)).toBe(1);
  });

  it('uses Periodic Notes when its daily notes are enabled', async () => {
    const store = new FileStore({ 'tpl/day.md': 'From periodic\n' });
    const d = await device({ store, clock: new FakeClock(at(6, 5)) });
    d.app.internalPlugins.configureDailyNotes(true, { folder: 'Core', format: 'YYYY-MM-DD' });
    d.app.plugins.enable('periodic-notes', { settings: { daily: { enabled: true, folder: 'Periodic/Days', format: 'DD.MM.YYYY', template: 'tpl/day.md' } } });
    await d.plugin.onTick();
    const text = store.readFile('Periodic/Days/15.01.2025.md') ?? '';
    expect(text.startsWith('From periodic\n\n%%BRIEFING_START%%\n')).toBe(true);
    expect(store.readFile('Core/2025-01-15.md')).toBeUndefined();
  });

  it("uses the plugin's own folder and format, 01_Daily_Notes/YYYY-MM-DD, when neither plugin is on", async () => {
    const d = await device({ clock: new FakeClock(at(6, 5)) });
    d.app.internalPlugins.configureDailyNotes(false);
    await d.plugin.onTick();
    expect(d.app.vault.store.readFile('01_Daily_Notes/2025-01-15.md')?.startsWith('%%BRIEFING_START%%\n')).toBe(true);
    expect(d.app.vault.store.readFile(NOTE)).toBeUndefined();
  });

  it("reads the core plugin's file when its options are not exposed", async () => {
    const store = new FileStore();
    store.configFiles.set('.obsidian/daily-notes.json', JSON.stringify({ folder: 'Days', format: 'YYYY-MM-DD' }));
    const d = await device({ store, clock: new FakeClock(at(6, 5)) });
    d.app.internalPlugins.configureDailyNotes(true);
    await d.plugin.onTick();
    expect(store.readFile('Days/2025-01-15.md')).toBeDefined();
  });

  it('keeps a CRLF note CRLF and every byte outside the block', async () => {
    const before = '---\r\nsleep_start: "22:00"\r\n---\r\n# Dzień\r\n> [!note]- Other automation\r\n> kept\r\n';
    const store = new FileStore({ [NOTE]: before });
    const d = await device({ store, clock: new FakeClock(at(6, 5)) });
    await d.plugin.onTick();
    const text = store.readFile(NOTE) ?? '';
    expect(text.startsWith(`${before}\r\n%%BRIEFING_START%%\r\n`)).toBe(true);
    expect(text.endsWith('%%BRIEFING_END%%\r\n')).toBe(true);
    expect(/(^|[^\r])\n/.test(text)).toBe(false);
  });

  it('does not brief a note already briefed today, unless refreshed by the command', async () => {
    const briefed = `# Today\n%%BRIEFING_START%%\n%% twin-briefing 2025-01-15 06:00 %%\n> [!info]- From the laptop\n%%BRIEFING_END%%\n`;
    const store = new FileStore({ [NOTE]: briefed });
    const d = await device({ store, clock: new FakeClock(at(6, 30)) });
    await d.plugin.onTick();
    expect(store.readFile(NOTE)).toBe(briefed);
    expect(statusRequests()).toBe(0);
    expect(d.plugin.data.lastBriefedDate).toBe('2025-01-15');

    fake.status = statusResponse({ report: 'Fresh text' });
    d.app.commands.executeCommandById('digital-twin:refresh-daily-briefing');
    await vi.waitFor(() => expect(store.readFile(NOTE)).toContain('> Fresh text'));
    expect(countBlocks(store.readFile(NOTE) ?? '')).toBe(1);
    expect(store.readFile(NOTE)?.startsWith('# Today\n%%BRIEFING_START%%\n')).toBe(true);
  });

  it("replaces yesterday's block in place", async () => {
    const note = `# Today\n%%BRIEFING_START%%\n%% twin-briefing 2025-01-14 06:00 %%\nold\n%%BRIEFING_END%%\nafter\n`;
    const store = new FileStore({ [NOTE]: note });
    const d = await device({ store, clock: new FakeClock(at(6, 30)) });
    await d.plugin.onTick();
    const text = store.readFile(NOTE) ?? '';
    expect(text).toContain('%% twin-briefing 2025-01-15 06:30 %%');
    expect(text).not.toContain('old');
    expect(text.endsWith('%%BRIEFING_END%%\nafter\n')).toBe(true);
  });
});

describe('two devices over one synced vault', () => {
  it('end with exactly one block and the user edit kept', async () => {
    const store = new FileStore();
    const laptop = await device({ store, clock: new FakeClock(at(6, 0)) });
    const phone = await device({ store, clock: new FakeClock(at(6, 0)) });

    await laptop.plugin.onTick();
    // The user edits the note on the phone (synced) before the phone's plugin runs.
    const file = phone.app.vault.getFileByPath(NOTE);
    expect(file).not.toBeNull();
    if (file) await phone.app.vault.process(file, (text) => `${text}\n- Kupić mleko\n`);
    const edited = store.readFile(NOTE);

    phone.clock.set(at(6, 5));
    await phone.plugin.onTick();
    expect(store.readFile(NOTE)).toBe(edited);
    expect(countBlocks(edited ?? '')).toBe(1);
    expect(edited).toContain('- Kupić mleko');
    expect(phone.plugin.data.lastBriefedDate).toBe('2025-01-15');
  });

  it('briefing at the same moment still gives one block', async () => {
    const store = new FileStore({ [NOTE]: '# Shared\n' });
    const a = await device({ store, clock: new FakeClock(at(6, 0)) });
    const b = await device({ store, clock: new FakeClock(at(6, 0)) });
    await Promise.all([a.plugin.onTick(), b.plugin.onTick()]);
    const text = store.readFile(NOTE) ?? '';
    expect(countBlocks(text)).toBe(1);
    expect(text.startsWith('# Shared\n')).toBe(true);
  });
});
