// The settings tab. Each row is described once and drawn by its own `render`: Obsidian 1.13 and later
// take the rows from getSettingDefinitions() (so they show in the settings search), older apps call
// display(), which draws the same rows. What is typed or chosen goes through the setting's one rule
// (applySetting in settings.ts); a value it refuses is not saved and the row says what is allowed.
import { PluginSettingTab, SecretComponent, Setting, requireApiVersion } from 'obsidian';
import type { App, Plugin, SettingDefinitionRender } from 'obsidian';
import type { DailyNoteSource } from '../daily-note/daily-note-settings';
import { renderReport } from './connection-test';
import type { ConnectionReport } from './connection-test';
import { DEFAULT_SETTINGS, applySetting } from './settings';
import type { TwinData, TwinSettings } from './settings';

export interface TodaysNote {
  source: DailyNoteSource;
  path: string;
}

export interface SettingsHost {
  settings: TwinData;
  /** Persists the settings and applies them (status bar, refresh). */
  saveSettings(): Promise<void>;
  /** Asks the bridge for its status and says what it found, or which problem it met and its fix. */
  testConnection(): Promise<ConnectionReport>;
  /** Where today's note is, and which settings decided it. */
  todaysNote(): Promise<TodaysNote>;
}

/**
 * One row: a SettingDefinitionRender (name and description for the settings search, `render` to draw
 * it) whose `render` needs only the Setting, so that display() can draw it on apps older than 1.13.
 */
export interface SettingRow extends SettingDefinitionRender {
  desc?: string;
  render: (setting: Setting) => void;
}

const SOURCE_NAMES: Record<DailyNoteSource, string> = {
  'periodic-notes': 'the Periodic Notes plugin',
  'daily-notes': 'the core Daily notes plugin',
  plugin: 'the folder and format below (neither Periodic Notes nor Daily notes is on)',
};

export function describeTodaysNote(note: TodaysNote): string {
  return `${note.path}, as set by ${SOURCE_NAMES[note.source]}.`;
}

type TextKey = 'bridgeUrl' | 'refreshIntervalMinutes' | 'briefingTime' | 'dailyNoteFolder' | 'dailyNoteFormat';
type ToggleKey = 'briefingEnabled' | 'weekdaysOnly' | 'statusBarEnabled';
type ChoiceKey = 'briefingStyle' | 'missingMarkers';

/** What a row says about itself: its name, its description, and other words it is found by. */
interface RowWords {
  name: string;
  desc: string;
  aliases?: string[];
}

function rowOf(words: RowWords, render: (setting: Setting) => void): SettingRow {
  return { name: words.name, desc: words.desc, ...(words.aliases ? { aliases: words.aliases } : {}), render };
}

/**
 * Stores what was typed or chosen through the setting's rule and saves it; a refused value is not
 * saved, and the row shows what is allowed instead of its description until a good one comes.
 */
async function store(host: SettingsHost, setting: Setting, desc: string, key: keyof TwinSettings, input: string | boolean): Promise<void> {
  const problem = applySetting(host.settings, key, input);
  setting.setDesc(problem ?? desc);
  setting.settingEl.toggleClass('dt-setting-invalid', problem !== null);
  if (problem === null) await host.saveSettings();
}

/** Values are read when the row is drawn, not when it is declared (1.13 keeps the declarations). */
function textRow(host: SettingsHost, key: TextKey, words: RowWords & { placeholder?: string }): SettingRow {
  return rowOf(words, (setting) => {
    setting.addText((text) => {
      if (words.placeholder !== undefined) text.setPlaceholder(words.placeholder);
      text.setValue(String(host.settings[key])).onChange((value) => store(host, setting, words.desc, key, value));
    });
  });
}

function toggleRow(host: SettingsHost, key: ToggleKey, words: RowWords): SettingRow {
  return rowOf(words, (setting) => {
    setting.addToggle((toggle) => toggle.setValue(host.settings[key]).onChange((value) => store(host, setting, words.desc, key, value)));
  });
}

function choiceRow(host: SettingsHost, key: ChoiceKey, words: RowWords & { options: Record<string, string> }): SettingRow {
  return rowOf(words, (setting) => {
    setting.addDropdown((dropdown) =>
      dropdown
        .addOptions(words.options)
        .setValue(host.settings[key])
        .onChange((value) => store(host, setting, words.desc, key, value)),
    );
  });
}

export class TwinSettingTab extends PluginSettingTab {
  constructor(
    app: App,
    plugin: Plugin,
    private readonly host: SettingsHost,
  ) {
    super(app, plugin);
  }

  /** Obsidian 1.13+: the rows, for rendering and the settings search. */
  override getSettingDefinitions(): SettingRow[] {
    return settingRows(this.app, this.host);
  }

  /** Apps older than 1.13 draw the same rows here. */
  override display(): void {
    const { containerEl } = this;
    containerEl.empty();
    for (const row of settingRows(this.app, this.host)) {
      const setting = new Setting(containerEl).setName(row.name);
      if (row.desc !== undefined) setting.setDesc(row.desc);
      row.render(setting);
    }
  }
}

/** Every row, in the order shown. */
function settingRows(app: App, host: SettingsHost): SettingRow[] {
  return [
    textRow(host, 'bridgeUrl', {
      name: 'Bridge URL',
      desc: 'Address of the Digital Twin bridge. The plugin only talks to this address.',
      placeholder: DEFAULT_SETTINGS.bridgeUrl,
    }),
    apiKeyRow(app, host),
    textRow(host, 'refreshIntervalMinutes', {
      name: 'Refresh interval',
      desc: 'Minutes between automatic refreshes of an open twin panel and the status bar. 0 turns it off.',
    }),
    toggleRow(host, 'briefingEnabled', {
      name: 'Daily briefing',
      desc: "Write the briefing into today's daily note at the time below, or as soon as the app runs after it.",
      aliases: ['morning', 'daily note'],
    }),
    textRow(host, 'briefingTime', { name: 'Briefing time', desc: 'Local time of the daily briefing, as HH:MM (24-hour).', placeholder: '06:00' }),
    toggleRow(host, 'weekdaysOnly', {
      name: 'Weekdays only',
      desc: 'Write the scheduled briefing from Monday to Friday only. The refresh command works on any day.',
    }),
    choiceRow(host, 'briefingStyle', {
      name: 'Briefing style',
      desc: 'A callout with the full briefing, or one status line for the top of the note.',
      options: { callout: 'Callout', 'status-line': 'One status line' },
    }),
    choiceRow(host, 'missingMarkers', {
      name: 'Note without briefing markers',
      desc: "What to do when today's note has no briefing markers (for example a template without them).",
      options: { append: 'Add a block at the end', skip: 'Skip the note' },
    }),
    todaysNoteRow(host),
    ...dailyNoteRows(host),
    toggleRow(host, 'statusBarEnabled', { name: 'Status bar', desc: "Show the twin's state in the status bar (desktop only)." }),
    testConnectionRow(host),
  ];
}

function todaysNoteRow(host: SettingsHost): SettingRow {
  const finding = "Finding today's note…";
  return rowOf({ name: "Today's note", desc: finding, aliases: ['daily note', 'periodic notes'] }, (setting) => {
    setting.setDesc(finding);
    // A block body: Setting has a then() method, so returning it would make the promise chase it.
    void host.todaysNote().then((note) => {
      setting.setDesc(describeTodaysNote(note));
    });
  });
}

function dailyNoteRows(host: SettingsHost): SettingRow[] {
  return [
    textRow(host, 'dailyNoteFolder', {
      name: 'Daily note folder',
      desc: 'Folder of daily notes when neither Periodic Notes nor the core Daily notes plugin is on.',
      placeholder: DEFAULT_SETTINGS.dailyNoteFolder,
    }),
    textRow(host, 'dailyNoteFormat', {
      name: 'Daily note format',
      desc: 'Name of daily notes (a date format such as YYYY-MM-DD) when neither daily-note plugin is on.',
      placeholder: DEFAULT_SETTINGS.dailyNoteFormat,
    }),
  ];
}

function testConnectionRow(host: SettingsHost): SettingRow {
  const words = { name: 'Test connection', desc: 'Ask the bridge for its status now; a problem is named with its fix.', aliases: ['doctor'] };
  return rowOf(words, (setting) => {
    setting.addButton((button) =>
      button.setButtonText('Test').onClick(async () => {
        button.setDisabled(true);
        setting.setDesc('Connecting…');
        renderReport(setting.descEl, await host.testConnection());
        button.setDisabled(false);
      }),
    );
  });
}

function apiKeyRow(app: App, host: SettingsHost): SettingRow {
  const aliases = ['secret', 'X-API-KEY'];
  // Apps with secret storage pick a secret by name (SecretComponent; setValue and onChange 1.11.4).
  if (requireApiVersion('1.11.4')) {
    const desc = "The secret holding the bridge's key, sent as the X-API-KEY header. Secrets stay on this device, outside the vault.";
    return rowOf({ name: 'API key', desc, aliases }, (setting) => {
      new SecretComponent(app, setting.controlEl)
        .setValue(host.settings.apiKeySecret)
        .onChange((value) => store(host, setting, desc, 'apiKeySecret', value));
    });
  }
  const desc =
    "Sent as the X-API-KEY header; leave empty when the bridge has no key. This app keeps it in the plugin's data.json, which syncs with the vault; Obsidian 1.11.4 and later keep it in secret storage instead.";
  return rowOf({ name: 'API key', desc, aliases }, (setting) => {
    setting.addText((text) => {
      text.inputEl.type = 'password';
      text.setValue(host.settings.apiKey).onChange((value) => store(host, setting, desc, 'apiKey', value));
    });
  });
}
