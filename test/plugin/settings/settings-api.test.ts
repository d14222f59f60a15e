// @vitest-environment happy-dom
// The settings against today's API: declarative definitions (1.13) next to display(), settings synced
// from another device, and the API key in the secret storage (1.11.4) with a fallback and a one-time
// move out of data.json.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SettingRow } from '../../../plugin/settings/settings-tab';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { App, Notice, Setting, secretComponentIn, setApiVersion, settingsIn } from '../../fixtures/obsidian/index';
import type { TextComponent } from '../../fixtures/obsidian/index';
import { NEWEST_API_VERSION } from '../../fixtures/obsidian/api-version';
import { deviceFleet, FakeClock, stopDevice } from '../../fixtures/plugin-harness';
import type { Device } from '../../fixtures/plugin-harness';
import { statusResponse } from '../../fixtures/twin-responses';

let fake: FakeBridge;
const saved = (app: App) => JSON.parse(app.pluginData.get('digital-twin') ?? '{}') as Record<string, unknown>;

const fleet = deviceFleet(() => ({ clock: new FakeClock(new Date(2025, 0, 15, 9, 0)), data: { bridgeUrl: fake.url } }));
const device = fleet.start;

function tabOf(d: Device) {
  const tab = d.app.settingTabs[0];
  if (!tab) throw new Error('no settings tab');
  return tab as typeof tab & { getSettingDefinitions(): SettingRow[] };
}

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
  setApiVersion(NEWEST_API_VERSION);
});

describe('declarative settings (1.13)', () => {
  it('describes the same rows as display(), each drawing its own control', async () => {
    const d = await device();
    const tab = tabOf(d);
    const rows = tab.getSettingDefinitions();
    tab.display();
    expect(rows.map((row) => row.name)).toEqual([...settingsIn(tab.containerEl).keys()]);
    for (const row of rows) expect(row.desc ?? '').not.toBe('');

    // A row drawn by Obsidian's renderer works like the one display() draws.
    const host = document.createElement('div');
    const weekdays = rows.find((row) => row.name === 'Weekdays only');
    const setting = new Setting(host);
    weekdays?.render(setting as never);
    await (setting.components[0] as unknown as { toggle(): Promise<void> }).toggle();
    expect(d.plugin.settings.weekdaysOnly).toBe(true);
    expect(saved(d.app).weekdaysOnly).toBe(true);
  });
});

describe('settings changed on another device', () => {
  it('are reloaded, and the stale copy is never written back', async () => {
    const d = await device({ data: { briefingTime: '06:00', lastBriefedDate: '2025-01-15' } });
    // Sync delivers a data.json written on the phone.
    await d.app.fixtureReceivePluginData(
      'digital-twin',
      JSON.stringify({ ...saved(d.app), briefingTime: '07:30', weekdaysOnly: true, lastBriefedDate: '2025-01-14' }),
    );
    expect(d.plugin.settings.briefingTime).toBe('07:30');
    expect(d.plugin.settings.weekdaysOnly).toBe(true);
    // The later briefing date wins, so this device does not brief twice.
    expect(d.plugin.settings.lastBriefedDate).toBe('2025-01-15');

    // A change made here afterwards saves the synced values with it, not the old ones.
    const tab = tabOf(d);
    tab.display();
    await (settingsIn(tab.containerEl).get('Refresh interval')?.components[0] as TextComponent).type('10');
    expect(saved(d.app)).toMatchObject({ briefingTime: '07:30', weekdaysOnly: true, refreshIntervalMinutes: 10 });
  });
  it('are what a row declared before the change draws (1.13 keeps the declarations)', async () => {
    const d = await device({ data: { briefingTime: '06:00' } });
    const rows = tabOf(d).getSettingDefinitions();
    await d.app.fixtureReceivePluginData('digital-twin', JSON.stringify({ ...saved(d.app), briefingTime: '07:30' }));
    const setting = new Setting(document.createElement('div'));
    rows.find((row) => row.name === 'Briefing time')?.render(setting as never);
    expect((setting.components[0] as TextComponent).getValue()).toBe('07:30');
  });
});

describe('the API key', () => {
  it('moves from data.json into the secret storage once, and is sent from there', async () => {
    fake.apiKey = 'klucz-123';
    const app = new App();
    const d = await device({ app, data: { apiKey: 'klucz-123' } });
    expect(saved(app).apiKey).toBe('');
    expect(saved(app).apiKeySecret).toBe('digital-twin-api-key');
    expect(app.secretStorage.getSecret('digital-twin-api-key')).toBe('klucz-123');
    expect(JSON.stringify(saved(app))).not.toContain('klucz-123');
    expect((await d.plugin.store.refresh()).ok).toBe(true);
    expect(fake.requests.at(-1)?.apiKey).toBe('klucz-123');

    // A restart finds nothing to move.
    app.secretStorage.setSecret('digital-twin-api-key', 'rotated');
    stopDevice(d);
    await device({ app });
    expect(app.secretStorage.getSecret('digital-twin-api-key')).toBe('rotated');
  });

  it('written to data.json by an older device, neither replaces the chosen secret nor moves again', async () => {
    // The phone runs an app without secret storage and keeps its key in the synced data.json.
    fake.apiKey = 'mine';
    const app = new App();
    app.secretStorage.setSecret('bridge-key', 'mine');
    const d = await device({ app, data: { apiKeySecret: 'bridge-key' } });
    await app.fixtureReceivePluginData('digital-twin', JSON.stringify({ ...saved(app), apiKey: 'phone-key' }));
    expect(app.secretStorage.getSecret('bridge-key')).toBe('mine');
    expect(saved(app).apiKey).toBe('phone-key');
    stopDevice(d);
    await device({ app });
    expect(app.secretStorage.getSecret('bridge-key')).toBe('mine');
    expect(saved(app).apiKey).toBe('phone-key');
    expect((await fleet.started.at(-1)?.plugin.store.refresh())?.ok).toBe(true);
    expect(fake.requests.at(-1)?.apiKey).toBe('mine');
  });

  it('is chosen with the secret picker and never written to data.json', async () => {
    fake.apiKey = 'from-picker';
    const d = await device();
    const tab = tabOf(d);
    tab.display();
    const row = settingsIn(tab.containerEl).get('API key');
    expect(row?.descEl.textContent).toContain('Secrets stay on this device');
    await secretComponentIn(row?.controlEl as HTMLElement)?.choose('bridge-key', 'from-picker');
    expect(saved(d.app).apiKeySecret).toBe('bridge-key');
    expect(JSON.stringify(saved(d.app))).not.toContain('from-picker');
    expect((await d.plugin.store.refresh()).ok).toBe(true);
  });

  it('stays in data.json on apps older than 1.11.4, and the setting says so', async () => {
    setApiVersion('1.8.7');
    fake.apiKey = 'old-app';
    const d = await device({ data: { apiKey: 'old-app' } });
    expect(saved(d.app).apiKey).toBe('old-app');
    const tab = tabOf(d);
    tab.display();
    const row = settingsIn(tab.containerEl).get('API key');
    expect(secretComponentIn(row?.controlEl as HTMLElement)).toBeNull();
    expect(row?.descEl.textContent).toContain("keeps it in the plugin's data.json");
    expect((await d.plugin.store.refresh()).ok).toBe(true);
  });
});
