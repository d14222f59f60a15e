// @vitest-environment happy-dom
// Commands (insert at cursor), the public API for Templater, and the settings tab.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { findBlock, readBlock } from '../../plugin/daily-note/note-block';
import { startFakeBridge } from '../fixtures/fake-bridge';
import type { FakeBridge } from '../fixtures/fake-bridge';
import { Notice, secretComponentIn, settingsIn } from '../fixtures/obsidian/index';
import type { ButtonComponent, TextComponent, ToggleComponent } from '../fixtures/obsidian/index';
import { FakeClock, startDevice, stopDevice } from '../fixtures/plugin-harness';
import type { Device } from '../fixtures/plugin-harness';
import { statusResponse } from '../fixtures/twin-responses';

let fake: FakeBridge;
let d: Device;

beforeAll(async () => {
  fake = await startFakeBridge(statusResponse());
});
afterAll(() => fake.close());
beforeEach(async () => {
  Notice.reset();
  fake.apiKey = null;
  fake.status = statusResponse();
  d = await startDevice({ clock: new FakeClock(new Date(2025, 0, 15, 9, 30)), data: { bridgeUrl: fake.url } });
});
afterEach(() => stopDevice(d));

describe('commands', () => {
  it('registers its commands without the plugin id in their ids and without hotkeys', () => {
    const ids = Object.keys(d.app.commands.commands).sort();
    expect(ids).toEqual(['digital-twin:insert-briefing', 'digital-twin:insert-weekly-review', 'digital-twin:open-history', 'digital-twin:open-panel', 'digital-twin:refresh-daily-briefing']);
    for (const command of Object.values(d.app.commands.commands)) expect(command.hotkeys).toBeUndefined();
  });

  it('inserts the marked briefing at the cursor, then updates it in place', async () => {
    const view = await d.app.workspace.openMarkdown(null, 'Line one\nLine two');
    view.editor.setCursor(0, 4);
    expect(d.app.commands.executeCommandById('digital-twin:insert-briefing')).toBe(true);
    await vi.waitFor(() => expect(findBlock(view.editor.getValue())).not.toBeNull());
    const once = view.editor.getValue();
    expect(once.startsWith('Line\n%%BRIEFING_START%%\n%% twin-briefing 2025-01-15 09:30 %%\n')).toBe(true);
    expect(once.endsWith('%%BRIEFING_END%%\n one\nLine two')).toBe(true);

    fake.status = statusResponse({ report: 'Updated' });
    view.editor.setCursor(view.editor.lastLine(), 0);
    d.app.commands.executeCommandById('digital-twin:insert-briefing');
    await vi.waitFor(() => expect(view.editor.getValue()).toContain('> Updated'));
    const twice = view.editor.getValue();
    expect(twice.split('%%BRIEFING_START%%')).toHaveLength(2);
    expect(twice.endsWith('%%BRIEFING_END%%\n one\nLine two')).toBe(true);
  });

  it('is not available without an open note', () => {
    expect(d.app.commands.executeCommandById('digital-twin:insert-briefing')).toBe(false);
  });

  it('gives Templater a marked block and the status', async () => {
    const block = await d.plugin.getBriefing();
    expect(block.startsWith('%%BRIEFING_START%%\n%% twin-briefing 2025-01-15 09:30 %%\n')).toBe(true);
    expect(block.endsWith('%%BRIEFING_END%%\n')).toBe(true);
    expect((await d.plugin.getStatus())?.state.finance.mtd_net).toBe(2450);
  });

  it('gives a placeholder block without a stamp when the bridge is down, so the schedule fills it later', async () => {
    d.plugin.settings.bridgeUrl = 'http://127.0.0.1:9';
    const block = await d.plugin.getBriefing();
    expect(readBlock(block)).toContain('[!failure]+ Twin briefing unavailable');
    expect(readBlock(block)).not.toContain('twin-briefing 2025');
    expect(await d.plugin.getStatus()).toBeNull();
  });
});

describe('settings tab', () => {
  function open() {
    const tab = d.app.settingTabs[0];
    if (!tab) throw new Error('no settings tab');
    tab.display();
    return settingsIn(tab.containerEl);
  }
  const text = (s: Map<string, { components: unknown[] }>, name: string) => s.get(name)?.components[0] as TextComponent;

  it('lists the settings in sentence case', () => {
    expect([...open().keys()]).toEqual([
      'Bridge URL',
      'API key',
      'Refresh interval',
      'Daily briefing',
      'Briefing time',
      'Weekdays only',
      'Briefing style',
      'Note without briefing markers',
      "Today's note",
      'Daily note folder',
      'Daily note format',
      'Status bar',
      'Test connection',
    ]);
  });

  it('rejects bad values with a message and saves good ones', async () => {
    const s = open();
    await text(s, 'Bridge URL').type('localhost:5677');
    expect(s.get('Bridge URL')?.descEl.textContent).toBe('The address must start with http:// or https://.');
    expect(s.get('Bridge URL')?.settingEl.classList.contains('dt-setting-invalid')).toBe(true);
    expect(d.plugin.settings.bridgeUrl).toBe(fake.url);
    await text(s, 'Bridge URL').type('http://192.168.1.10:5677 ');
    expect(d.plugin.settings.bridgeUrl).toBe('http://192.168.1.10:5677');

    await text(s, 'Briefing time').type('25:00');
    expect(d.plugin.settings.briefingTime).toBe('06:00');
    await text(s, 'Briefing time').type('6:30');
    expect(d.plugin.settings.briefingTime).toBe('06:30');

    await text(s, 'Refresh interval').type('often');
    expect(d.plugin.settings.refreshIntervalMinutes).toBe(5);
    await text(s, 'Refresh interval').type('0');
    expect(d.plugin.settings.refreshIntervalMinutes).toBe(0);

    await (s.get('Daily briefing')?.components[0] as ToggleComponent).toggle();
    expect(d.plugin.settings.briefingEnabled).toBe(false);

    const saved = JSON.parse(d.app.pluginData.get('digital-twin') ?? '{}') as Record<string, unknown>;
    expect(saved).toMatchObject({ bridgeUrl: 'http://192.168.1.10:5677', briefingTime: '06:30', refreshIntervalMinutes: 0, briefingEnabled: false });
  });

  it('reports what the connection test found', async () => {
    const s = open();
    const button = s.get('Test connection')?.components[0] as ButtonComponent;
    await button.click();
    const desc = () => s.get('Test connection')?.descEl as HTMLElement;
    expect(desc().querySelector('.dt-doctor-title')?.textContent).toMatch(/^Connected to http:\/\/127\.0\.0\.1:\d+ in \d+ ms\.$/);
    expect(desc().querySelector('.dt-doctor-fix')?.textContent).toMatch(/^Data computed .*\. All sources answer\.$/);
    expect(desc().classList.contains('dt-doctor-problem')).toBe(false);

    fake.apiKey = 'right';
    await secretComponentIn(s.get('API key')?.controlEl as HTMLElement)?.choose('twin-bridge', 'wrong');
    await button.click();
    expect(desc().querySelector('.dt-doctor-title')?.textContent).toBe('Wrong key: the bridge refused the API key (401).');
    expect(desc().classList.contains('dt-doctor-problem')).toBe(true);
  });

  it('survives a hand-edited data.json', async () => {
    stopDevice(d);
    d.app.pluginData.set('digital-twin', JSON.stringify({ bridgeUrl: 'ftp://x', briefingTime: 'noon', refreshIntervalMinutes: -3, apiKey: 7 }));
    d = await startDevice({ app: d.app });
    expect(d.plugin.settings).toMatchObject({ bridgeUrl: 'http://127.0.0.1:5677', briefingTime: '06:00', refreshIntervalMinutes: 5, apiKey: '' });
  });
});
