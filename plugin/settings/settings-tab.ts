// The settings tab. Values are checked as they are typed; an invalid value is not saved and the
// setting says what is allowed.
import { PluginSettingTab, Setting } from 'obsidian';
import type { App, Plugin } from 'obsidian';
import { parseBriefingTime } from '../daily-note/briefing-schedule';
import { DEFAULT_SETTINGS, parseRefreshInterval, validateBridgeUrl } from './settings';
import type { TwinSettings } from './settings';

export interface SettingsHost {
  settings: TwinSettings;
  /** Persists the settings and applies them (status bar, refresh). */
  saveSettings(): Promise<void>;
  /** Asks the bridge for its status and describes what it found, for a person. */
  testConnection(): Promise<string>;
}

function invalid(setting: Setting, message: string | null, fallbackDesc: string): void {
  setting.setDesc(message ?? fallbackDesc);
  setting.settingEl.toggleClass('dt-setting-invalid', message !== null);
}

export class TwinSettingTab extends PluginSettingTab {
  constructor(
    app: App,
    plugin: Plugin,
    private readonly host: SettingsHost,
  ) {
    super(app, plugin);
  }

  display(): void {
    const { containerEl } = this;
    containerEl.empty();
    const settings = this.host.settings;

    const urlDesc = 'Address of the Digital Twin bridge. The plugin only talks to this address.';
    const url = new Setting(containerEl).setName('Bridge URL').setDesc(urlDesc);
    url.addText((text) =>
      text
        .setPlaceholder(DEFAULT_SETTINGS.bridgeUrl)
        .setValue(settings.bridgeUrl)
        .onChange(async (value) => {
          const problem = validateBridgeUrl(value);
          invalid(url, problem, urlDesc);
          if (problem !== null) return;
          settings.bridgeUrl = value.trim();
          await this.host.saveSettings();
        }),
    );

    new Setting(containerEl)
      .setName('API key')
      .setDesc('Sent as the X-API-KEY header. Leave empty when the bridge has no key. Stored in this vault\'s plugin data.')
      .addText((text) => {
        text.inputEl.type = 'password';
        text.setValue(settings.apiKey).onChange(async (value) => {
          settings.apiKey = value.trim();
          await this.host.saveSettings();
        });
      });

    const intervalDesc = 'Minutes between automatic refreshes of the panel and status bar. 0 turns it off.';
    const interval = new Setting(containerEl).setName('Refresh interval').setDesc(intervalDesc);
    interval.addText((text) =>
      text.setValue(String(settings.refreshIntervalMinutes)).onChange(async (value) => {
        const minutes = parseRefreshInterval(value);
        invalid(interval, minutes === null ? 'Enter a whole number of minutes from 0 to 1440.' : null, intervalDesc);
        if (minutes === null) return;
        settings.refreshIntervalMinutes = minutes;
        await this.host.saveSettings();
      }),
    );

    new Setting(containerEl)
      .setName('Daily briefing')
      .setDesc('Write the briefing into today\'s daily note at the time below, or as soon as the app runs after it.')
      .addToggle((toggle) =>
        toggle.setValue(settings.briefingEnabled).onChange(async (value) => {
          settings.briefingEnabled = value;
          await this.host.saveSettings();
        }),
      );

    const timeDesc = 'Local time of the daily briefing, as HH:MM (24-hour).';
    const time = new Setting(containerEl).setName('Briefing time').setDesc(timeDesc);
    time.addText((text) =>
      text
        .setPlaceholder('06:00')
        .setValue(settings.briefingTime)
        .onChange(async (value) => {
          const parsed = parseBriefingTime(value);
          invalid(time, parsed === null ? 'Enter a time such as 06:00 (00:00 to 23:59).' : null, timeDesc);
          if (parsed === null) return;
          settings.briefingTime = `${String(parsed.hours).padStart(2, '0')}:${String(parsed.minutes).padStart(2, '0')}`;
          await this.host.saveSettings();
        }),
    );

    new Setting(containerEl)
      .setName('Status bar')
      .setDesc('Show the twin\'s state in the status bar (desktop only).')
      .addToggle((toggle) =>
        toggle.setValue(settings.statusBarEnabled).onChange(async (value) => {
          settings.statusBarEnabled = value;
          await this.host.saveSettings();
        }),
      );

    const test = new Setting(containerEl).setName('Test connection').setDesc('Ask the bridge for its status now.');
    test.addButton((button) =>
      button.setButtonText('Test').onClick(async () => {
        button.setDisabled(true);
        test.setDesc('Connecting…');
        test.setDesc(await this.host.testConnection());
        button.setDisabled(false);
      }),
    );
  }
}
