// @vitest-environment happy-dom
// Each setting has one rule, used by the settings tab and by the load of data.json: a value typed into
// the tab is refused with a message saying what is allowed (and nothing is saved), a good one is saved
// in the form data.json keeps, and whatever the tab saves, the next load keeps.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, applySetting, normaliseData } from '../../../plugin/settings/settings';
import type { TwinSettings } from '../../../plugin/settings/settings';
import { settingsIn } from '../../fixtures/obsidian/index';
import type { DropdownComponent, TextComponent } from '../../fixtures/obsidian/index';
import { FakeClock, startDevice, stopDevice } from '../../fixtures/plugin-harness';
import type { Device } from '../../fixtures/plugin-harness';

let d: Device;
const saved = () => JSON.parse(d.app.pluginData.get('digital-twin') ?? '{}') as Record<string, unknown>;

function open() {
  const tab = d.app.settingTabs[0];
  if (!tab) throw new Error('no settings tab');
  tab.display();
  return settingsIn(tab.containerEl);
}

beforeEach(async () => {
  d = await startDevice({ clock: new FakeClock(new Date(2025, 0, 15, 9, 30)), data: { bridgeUrl: 'http://127.0.0.1:5677' } });
  // Something saved first, so that "nothing saved" below compares with a real data.json.
  await d.plugin.saveSettings();
});
afterEach(() => stopDevice(d));

const cases: { row: string; key: keyof TwinSettings; bad: string; message: string; good: string; stored: unknown }[] = [
  { row: 'Bridge URL', key: 'bridgeUrl', bad: 'ftp://192.168.1.10:5677', message: 'The address must start with http:// or https://.', good: ' https://twin.example:8443 ', stored: 'https://twin.example:8443' },
  { row: 'Bridge URL', key: 'bridgeUrl', bad: 'twin bridge', message: 'Enter a full address such as http://127.0.0.1:5677.', good: 'http://10.0.0.2:5677', stored: 'http://10.0.0.2:5677' },
  { row: 'Refresh interval', key: 'refreshIntervalMinutes', bad: '1441', message: 'Enter a whole number of minutes from 0 to 1440.', good: ' 15 ', stored: 15 },
  { row: 'Refresh interval', key: 'refreshIntervalMinutes', bad: '2.5', message: 'Enter a whole number of minutes from 0 to 1440.', good: '1440', stored: 1440 },
  { row: 'Briefing time', key: 'briefingTime', bad: '24:00', message: 'Enter a time such as 06:00 (00:00 to 23:59).', good: '7:05', stored: '07:05' },
  { row: 'Daily note folder', key: 'dailyNoteFolder', bad: '../Elsewhere', message: 'Enter a folder inside the vault.', good: '/Journal/Daily/', stored: 'Journal/Daily' },
];

describe('the settings tab', () => {
  it.each(cases)('$row: refuses "$bad" with what is allowed and saves nothing, then saves "$good"', async ({ row, key, bad, message, good, stored }) => {
    const rows = open();
    const setting = rows.get(row);
    const desc = setting?.descEl.textContent;
    const before = { setting: d.plugin.settings[key], saved: saved() };

    await (setting?.components[0] as TextComponent).type(bad);
    expect(setting?.descEl.textContent).toBe(message);
    expect(setting?.settingEl.classList.contains('dt-setting-invalid')).toBe(true);
    expect(d.plugin.settings[key]).toBe(before.setting);
    expect(saved()).toEqual(before.saved);

    await (setting?.components[0] as TextComponent).type(good);
    expect(setting?.descEl.textContent).toBe(desc);
    expect(setting?.settingEl.classList.contains('dt-setting-invalid')).toBe(false);
    expect(d.plugin.settings[key]).toBe(stored);
    expect(saved()[key]).toBe(stored);
  });

  it('takes an emptied daily note format as the default one its placeholder shows', async () => {
    const setting = open().get('Daily note format');
    await (setting?.components[0] as TextComponent).type('DD.MM.YYYY');
    expect(saved().dailyNoteFormat).toBe('DD.MM.YYYY');
    await (setting?.components[0] as TextComponent).type('  ');
    expect(saved().dailyNoteFormat).toBe(DEFAULT_SETTINGS.dailyNoteFormat);
    expect(setting?.settingEl.classList.contains('dt-setting-invalid')).toBe(false);
  });

  it('saves the choices of its dropdowns', async () => {
    const rows = open();
    await (rows.get('Briefing style')?.components[0] as DropdownComponent).select('status-line');
    await (rows.get('Note without briefing markers')?.components[0] as DropdownComponent).select('skip');
    expect(saved()).toMatchObject({ briefingStyle: 'status-line', missingMarkers: 'skip' });
  });
});

describe('one rule for the tab and data.json', () => {
  const typed = fc.oneof(
    fc.string(),
    fc.constantFrom('06:00', '6:5', '23:59', '24:00', ' 10 ', '0', '1440', '1441', '-1', '1e3', 'http://x', 'ftp://x', '../a', 'a/../b', '/a/b/', ''),
  );
  const keys = fc.constantFrom<keyof TwinSettings>('bridgeUrl', 'apiKey', 'refreshIntervalMinutes', 'briefingTime', 'dailyNoteFolder', 'dailyNoteFormat');

  it('never stores a value that the next load of data.json would throw away', () => {
    fc.assert(
      fc.property(keys, typed, (key, text) => {
        const settings = { ...DEFAULT_SETTINGS };
        const problem = applySetting(settings, key, text);
        if (problem !== null) expect(settings).toEqual(DEFAULT_SETTINGS);
        expect(normaliseData(JSON.parse(JSON.stringify(settings)))).toMatchObject(settings);
      }),
    );
  });

  it('refuses in data.json what it refuses in the tab', () => {
    const loaded = normaliseData(Object.fromEntries(cases.map(({ key, bad }) => [key, key === 'refreshIntervalMinutes' ? Number(bad) : bad])));
    for (const { key } of cases) expect(loaded[key]).toBe(DEFAULT_SETTINGS[key]);
    expect(normaliseData({ briefingStyle: 'banner', missingMarkers: 'ask', weekdaysOnly: 'yes', apiKeySecret: 'My Key' })).toMatchObject({
      briefingStyle: DEFAULT_SETTINGS.briefingStyle,
      missingMarkers: DEFAULT_SETTINGS.missingMarkers,
      weekdaysOnly: DEFAULT_SETTINGS.weekdaysOnly,
      apiKeySecret: '',
    });
  });
});
