// Where today's daily note lives, read from the user's own settings: Periodic Notes when its daily
// notes are enabled, else the core Daily notes plugin, else the user's convention. Both are internal
// APIs (not in obsidian.d.ts), so they are read through narrow local interfaces and checked at runtime.
import { normalizePath } from 'obsidian';
import { moment } from '../time/moment';
import type { App } from 'obsidian';

export interface DailyNoteSettings {
  folder: string;
  /** A moment.js format; may contain `/` for sub-folders, e.g. `YYYY/MM/YYYY-MM-DD`. */
  format: string;
  /** Path of the template note, with or without `.md`; empty for none. */
  template: string;
  source: 'periodic-notes' | 'daily-notes' | 'default';
}

export const DEFAULT_DAILY_NOTE_SETTINGS: DailyNoteSettings = {
  folder: '01_Daily_Notes',
  format: 'YYYY-MM-DD',
  template: '',
  source: 'default',
};

interface RawDailyOptions {
  folder?: unknown;
  format?: unknown;
  template?: unknown;
  enabled?: unknown;
}

interface InternalPluginsLike {
  getPluginById?(id: string): { enabled?: unknown; instance?: { options?: RawDailyOptions } } | null | undefined;
}

interface CommunityPluginsLike {
  getPlugin?(id: string): { settings?: { daily?: RawDailyOptions } } | null | undefined;
}

interface AppInternals {
  internalPlugins?: InternalPluginsLike;
  plugins?: CommunityPluginsLike;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Null when the options set nothing (a plugin switched on but never configured). */
function fromOptions(options: RawDailyOptions, source: DailyNoteSettings['source']): DailyNoteSettings | null {
  if (str(options.folder) === '' && str(options.format) === '' && str(options.template) === '') return null;
  return {
    folder: str(options.folder),
    format: str(options.format) || DEFAULT_DAILY_NOTE_SETTINGS.format,
    template: str(options.template),
    source,
  };
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Reads the settings that decide today's note. Never throws. */
export async function readDailyNoteSettings(app: App): Promise<DailyNoteSettings> {
  const internals = app as unknown as AppInternals;

  const periodic = safely(() => internals.plugins?.getPlugin?.('periodic-notes')?.settings?.daily);
  if (periodic && periodic.enabled === true) {
    const settings = fromOptions(periodic, 'periodic-notes');
    if (settings) return settings;
  }

  const core = safely(() => internals.internalPlugins?.getPluginById?.('daily-notes'));
  if (core && core.enabled === true) {
    // When the plugin is on but its options are not exposed, read the file it keeps them in.
    const options = core.instance?.options ?? (await readCoreOptionsFile(app));
    const settings = options ? fromOptions(options, 'daily-notes') : null;
    if (settings) return settings;
  }

  return DEFAULT_DAILY_NOTE_SETTINGS;
}

async function readCoreOptionsFile(app: App): Promise<RawDailyOptions | null> {
  try {
    const path = normalizePath(`${app.vault.configDir}/daily-notes.json`);
    if (!(await app.vault.adapter.exists(path))) return null;
    const parsed = JSON.parse(await app.vault.adapter.read(path)) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed) : null;
  } catch {
    return null;
  }
}

/** The vault path of the daily note for `date` (local time). */
export function dailyNotePath(settings: DailyNoteSettings, date: Date): string {
  const name = moment(date).format(settings.format || DEFAULT_DAILY_NOTE_SETTINGS.format);
  const path = settings.folder ? `${settings.folder}/${name}` : name;
  return normalizePath(path.endsWith('.md') ? path : `${path}.md`);
}

export function templateFilePath(template: string): string | null {
  const trimmed = template.trim();
  if (trimmed === '') return null;
  return normalizePath(trimmed.endsWith('.md') ? trimmed : `${trimmed}.md`);
}

/**
 * Fills a daily-note template the way the core Daily notes plugin does: `{{title}}`, `{{date}}`,
 * `{{time}}`, with an optional `:FORMAT`, and `{{date+1d}}`-style offsets.
 */
export function applyTemplate(template: string, date: Date, settings: DailyNoteSettings): string {
  const format = settings.format || DEFAULT_DAILY_NOTE_SETTINGS.format;
  const title = moment(date).format(format).split('/').pop() ?? '';
  return template
    .replace(/{{\s*title\s*}}/gi, title)
    .replace(/{{\s*(date|time)\s*(([+-]\d+)([yqmwdhs]))?\s*(:(.+?))?\s*}}/gi, (_all, kind: string, offset, amount, unit, _c, fmt) => {
      const m = moment(date);
      if (offset) m.add(Number(amount), unit as 'y');
      const fallback = kind.toLowerCase() === 'time' ? 'HH:mm' : format;
      return m.format(typeof fmt === 'string' && fmt.trim() !== '' ? fmt.trim() : fallback);
    })
    .replace(/{{\s*yesterday\s*}}/gi, moment(date).subtract(1, 'day').format(format))
    .replace(/{{\s*tomorrow\s*}}/gi, moment(date).add(1, 'day').format(format));
}
