// The settings tab. Each row is described once and drawn by its own `render`: Obsidian 1.13 and later
// take the rows from getSettingDefinitions() (so they show in the settings search), older apps call
// display(), which draws the same rows. Values are checked as they are typed; an invalid value is
// not saved and the row says what is allowed.
import { PluginSettingTab, SecretComponent, Setting, requireApiVersion } from 'obsidian';
import type { App, Plugin, SettingDefinitionRender } from 'obsidian';
import { parseBriefingTime } from '../daily-note/briefing-schedule';
import type { DailyNoteSource } from '../daily-note/daily-note-settings';
import { DEFAULT_SETTINGS, parseRefreshInterval, validateBridgeUrl } from './settings';
import type { BriefingStyle, TwinData } from './settings';

export interface TodaysNote {
  source: DailyNoteSource;
  path: string;
}

export interface SettingsHost {
  settings: TwinData;
  /** Persists the settings and applies them (status bar, refresh). */
  saveSettings(): Promise<void>;
  /** Asks the bridge for its status and describes what it found, for a person. */
  testConnection(): Promise<string>;
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

  /** Obsidian 1.13+: the rows, for rendering and the settings search. */
  override getSettingDefinitions(): SettingRow[] {
    return this.rows();
  }

  /** Apps older than 1.13 draw the same rows here. */
  override display(): void {
    const { containerEl } = this;
    containerEl.empty();
    for (const row of this.rows()) {
      const setting = new Setting(containerEl).setName(row.name);
      if (row.desc !== undefined) setting.setDesc(row.desc);
      row.render(setting);
    }
  }

  private save(): Promise<void> {
    return this.host.saveSettings();
  }

  /**
   * A text row: `accept` checks what was typed and, when it is fine, stores it in the settings and
   * returns null, or returns what is allowed; the row shows that instead of its description. Values
   * are read when the row is drawn, not when it is declared (1.13 keeps the declarations).
   */
  private textRow(o: { name: string; desc: string; placeholder?: string; value: () => string; accept: (value: string) => string | null }): SettingRow {
    return {
      name: o.name,
      desc: o.desc,
      render: (setting) =>
        void setting.addText((text) => {
          if (o.placeholder !== undefined) text.setPlaceholder(o.placeholder);
          text.setValue(o.value()).onChange(async (value) => {
            const problem = o.accept(value);
            invalid(setting, problem, o.desc);
            if (problem === null) await this.save();
          });
        }),
    };
  }

  private toggleRow(o: { name: string; desc: string; aliases?: string[]; key: 'briefingEnabled' | 'weekdaysOnly' | 'statusBarEnabled' }): SettingRow {
    const settings = this.host.settings;
    return {
      name: o.name,
      desc: o.desc,
      ...(o.aliases ? { aliases: o.aliases } : {}),
      render: (setting) =>
        void setting.addToggle((toggle) =>
          toggle.setValue(settings[o.key]).onChange(async (value) => {
            settings[o.key] = value;
            await this.save();
          }),
        ),
    };
  }

  private rows(): SettingRow[] {
    const settings = this.host.settings;
    const rows: SettingRow[] = [];

    rows.push(
      this.textRow({
        name: 'Bridge URL',
        desc: 'Address of the Digital Twin bridge. The plugin only talks to this address.',
        placeholder: DEFAULT_SETTINGS.bridgeUrl,
        value: () => settings.bridgeUrl,
        accept: (value) => {
          const problem = validateBridgeUrl(value);
          if (problem === null) settings.bridgeUrl = value.trim();
          return problem;
        },
      }),
    );

    rows.push(this.apiKeyRow());

    rows.push(
      this.textRow({
        name: 'Refresh interval',
        desc: 'Minutes between automatic refreshes of an open twin panel and the status bar. 0 turns it off.',
        value: () => String(settings.refreshIntervalMinutes),
        accept: (value) => {
          const minutes = parseRefreshInterval(value);
          if (minutes === null) return 'Enter a whole number of minutes from 0 to 1440.';
          settings.refreshIntervalMinutes = minutes;
          return null;
        },
      }),
    );

    rows.push(
      this.toggleRow({
        name: 'Daily briefing',
        desc: "Write the briefing into today's daily note at the time below, or as soon as the app runs after it.",
        aliases: ['morning', 'daily note'],
        key: 'briefingEnabled',
      }),
    );

    rows.push(
      this.textRow({
        name: 'Briefing time',
        desc: 'Local time of the daily briefing, as HH:MM (24-hour).',
        placeholder: '06:00',
        value: () => settings.briefingTime,
        accept: (value) => {
          const parsed = parseBriefingTime(value);
          if (parsed === null) return 'Enter a time such as 06:00 (00:00 to 23:59).';
          settings.briefingTime = `${String(parsed.hours).padStart(2, '0')}:${String(parsed.minutes).padStart(2, '0')}`;
          return null;
        },
      }),
    );

    rows.push(
      this.toggleRow({
        name: 'Weekdays only',
        desc: 'Write the scheduled briefing from Monday to Friday only. The refresh command works on any day.',
        key: 'weekdaysOnly',
      }),
    );

    rows.push({
      name: 'Briefing style',
      desc: 'A callout with the full briefing, or one status line for the top of the note.',
      render: (setting) =>
        void setting.addDropdown((dropdown) =>
          dropdown
            .addOptions({ callout: 'Callout', 'status-line': 'One status line' })
            .setValue(settings.briefingStyle)
            .onChange(async (value) => {
              settings.briefingStyle = value as BriefingStyle;
              await this.save();
            }),
        ),
    });

    rows.push({
      name: 'Note without briefing markers',
      desc: 'What to do when today\'s note has no briefing markers (for example a template without them).',
      render: (setting) =>
        void setting.addDropdown((dropdown) =>
          dropdown
            .addOptions({ append: 'Add a block at the end', skip: 'Skip the note' })
            .setValue(settings.missingMarkers)
            .onChange(async (value) => {
              settings.missingMarkers = value === 'skip' ? 'skip' : 'append';
              await this.save();
            }),
        ),
    });

    rows.push({
      name: "Today's note",
      desc: 'Finding today\'s note…',
      aliases: ['daily note', 'periodic notes'],
      render: (setting) => {
        setting.setDesc("Finding today's note…");
        // A block body: Setting has a then() method, so returning it would make the promise chase it.
        void this.host.todaysNote().then((note) => {
          setting.setDesc(describeTodaysNote(note));
        });
      },
    });

    rows.push(
      this.textRow({
        name: 'Daily note folder',
        desc: 'Folder of daily notes when neither Periodic Notes nor the core Daily notes plugin is on.',
        placeholder: DEFAULT_SETTINGS.dailyNoteFolder,
        value: () => settings.dailyNoteFolder,
        accept: (value) => {
          if (value.includes('..')) return 'Enter a folder inside the vault.';
          settings.dailyNoteFolder = value.trim().replace(/^\/+|\/+$/g, '');
          return null;
        },
      }),
    );

    rows.push(
      this.textRow({
        name: 'Daily note format',
        desc: 'Name of daily notes (a date format such as YYYY-MM-DD) when neither daily-note plugin is on.',
        placeholder: DEFAULT_SETTINGS.dailyNoteFormat,
        value: () => settings.dailyNoteFormat,
        accept: (value) => {
          settings.dailyNoteFormat = value.trim() || DEFAULT_SETTINGS.dailyNoteFormat;
          return null;
        },
      }),
    );

    rows.push(this.toggleRow({ name: 'Status bar', desc: "Show the twin's state in the status bar (desktop only).", key: 'statusBarEnabled' }));

    rows.push({
      name: 'Test connection',
      desc: 'Ask the bridge for its status now.',
      render: (setting) =>
        void setting.addButton((button) =>
          button.setButtonText('Test').onClick(async () => {
            button.setDisabled(true);
            setting.setDesc('Connecting…');
            setting.setDesc(await this.host.testConnection());
            button.setDisabled(false);
          }),
        ),
    });

    return rows;
  }

  private apiKeyRow(): SettingRow {
    const settings = this.host.settings;
    // Apps with secret storage pick a secret by name (SecretComponent; setValue and onChange 1.11.4).
    if (requireApiVersion('1.11.4')) {
      return {
        name: 'API key',
        desc: "The secret holding the bridge's key, sent as the X-API-KEY header. Secrets stay on this device, outside the vault.",
        aliases: ['secret', 'X-API-KEY'],
        render: (setting) => {
          new SecretComponent(this.app, setting.controlEl).setValue(settings.apiKeySecret).onChange(async (value) => {
            settings.apiKeySecret = value;
            await this.save();
          });
        },
      };
    }
    return {
      name: 'API key',
      desc: "Sent as the X-API-KEY header; leave empty when the bridge has no key. This app keeps it in the plugin's data.json, which syncs with the vault; Obsidian 1.11.4 and later keep it in secret storage instead.",
      aliases: ['secret', 'X-API-KEY'],
      render: (setting) =>
        void setting.addText((text) => {
          text.inputEl.type = 'password';
          text.setValue(settings.apiKey).onChange(async (value) => {
            settings.apiKey = value.trim();
            await this.save();
          });
        }),
    };
  }
}
