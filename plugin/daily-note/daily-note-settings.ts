// Where today's daily note lives, decided the way Obsidian decides it: Periodic Notes when its daily
// notes are on, else the core Daily notes plugin (its defaults, the vault root and YYYY-MM-DD, for
// whatever options are unset), else this plugin's own folder and format. Both plugins' settings are
// internal (not in obsidian.d.ts), so they are read through narrow local interfaces, checked at runtime.
import { normalizePath } from 'obsidian';
import { moment } from '../time/moment';
import type { App, TFile } from 'obsidian';

export type DailyNoteSource = 'periodic-notes' | 'daily-notes' | 'plugin';

export interface DailyNoteSettings {
  folder: string;
  /** A moment.js format; may contain `/` for sub-folders, e.g. `YYYY/MM/YYYY-MM-DD`. */
  format: string;
  /** The template as the user typed it: a path or a link path, with or without `.md`; empty for none. */
  template: string;
  source: DailyNoteSource;
}

/** The core plugin's own defaults when an option is empty. */
export const CORE_DAILY_NOTE_DEFAULTS = { folder: '', format: 'YYYY-MM-DD', template: '' };

/** This plugin's folder and format, used when neither daily-note plugin is on (the user's convention). */
export const DEFAULT_OWN_DAILY_NOTES = { folder: '01_Daily_Notes', format: 'YYYY-MM-DD' };

interface RawDailyOptions {
  folder?: unknown;
  format?: unknown;
  template?: unknown;
  /** Periodic Notes 1.x calls the template `templatePath`. */
  templatePath?: unknown;
  enabled?: unknown;
}

interface InternalPluginsLike {
  getPluginById?(id: string): { enabled?: unknown; instance?: { options?: RawDailyOptions } } | null | undefined;
}

interface CommunityPluginsLike {
  getPlugin?(id: string): { settings?: unknown } | null | undefined;
}

interface AppInternals {
  internalPlugins?: InternalPluginsLike;
  plugins?: CommunityPluginsLike;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fromOptions(options: RawDailyOptions, source: DailyNoteSource): DailyNoteSettings {
  return {
    folder: str(options.folder).replace(/^\/+|\/+$/g, ''),
    format: str(options.format) || CORE_DAILY_NOTE_DEFAULTS.format,
    template: str(options.template) || str(options.templatePath),
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

/**
 * Periodic Notes keeps its settings in one of two shapes: its stable release has `settings.daily`;
 * its 1.x releases keep a Svelte store whose value holds `calendarSets` (each with a `day`) and the
 * id of the `activeCalendarSet`. A store hands its value to a subscriber synchronously.
 */
export function periodicDailyOptions(settings: unknown): RawDailyOptions | null {
  if (!isRecord(settings)) return null;
  if (isRecord(settings.daily)) return settings.daily;
  let value: unknown = settings;
  if (typeof settings.subscribe === 'function') {
    const subscribe = settings.subscribe as (run: (v: unknown) => void) => unknown;
    const stop = subscribe((v) => {
      value = v;
    });
    if (typeof stop === 'function') (stop as () => void)();
  }
  const store = value;
  if (!isRecord(store) || !Array.isArray(store.calendarSets)) return null;
  const sets = store.calendarSets.filter(isRecord);
  const active = sets.find((set) => set.id === store.activeCalendarSet) ?? sets[0];
  return active !== undefined && isRecord(active.day) ? active.day : null;
}

/** Reads the settings that decide today's note. Never throws. */
export async function readDailyNoteSettings(app: App, own: { folder: string; format: string } = DEFAULT_OWN_DAILY_NOTES): Promise<DailyNoteSettings> {
  const internals = app as unknown as AppInternals;

  const periodic = safely(() => periodicDailyOptions(internals.plugins?.getPlugin?.('periodic-notes')?.settings));
  if (periodic && periodic.enabled === true) return fromOptions(periodic, 'periodic-notes');

  const core = safely(() => internals.internalPlugins?.getPluginById?.('daily-notes'));
  if (core && core.enabled === true) {
    // When the plugin is on but its options are not exposed, read the file it keeps them in; a new
    // vault has no such file, and then every option is the default.
    const options = core.instance?.options ?? (await readCoreOptionsFile(app)) ?? {};
    return fromOptions(options, 'daily-notes');
  }

  return { folder: own.folder.trim(), format: own.format.trim() || DEFAULT_OWN_DAILY_NOTES.format, template: '', source: 'plugin' };
}

async function readCoreOptionsFile(app: App): Promise<RawDailyOptions | null> {
  try {
    const path = normalizePath(`${app.vault.configDir}/daily-notes.json`);
    if (!(await app.vault.adapter.exists(path))) return null;
    const parsed = JSON.parse(await app.vault.adapter.read(path)) as unknown;
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The template note, found as Obsidian finds a link: `Templates/Daily` or just `Daily` resolves
 * through the metadata cache; an exact path (with or without `.md`) is tried as well.
 */
export function findTemplateFile(app: App, template: string): TFile | null {
  const trimmed = template.trim();
  if (trimmed === '') return null;
  const linkpath = trimmed.replace(/\.md$/i, '');
  return app.metadataCache.getFirstLinkpathDest(linkpath, '') ?? app.vault.getFileByPath(normalizePath(`${linkpath}.md`));
}

/** The vault path of the daily note for `date` (local time). */
export function dailyNotePath(settings: DailyNoteSettings, date: Date): string {
  const name = moment(date).format(settings.format || CORE_DAILY_NOTE_DEFAULTS.format);
  const path = settings.folder ? `${settings.folder}/${name}` : name;
  return normalizePath(path.endsWith('.md') ? path : `${path}.md`);
}

/**
 * The day (YYYY-MM-DD) of the daily note at `path`, read back with the same folder and format that
 * name it; null when the path is not the daily note of any day (another note, a template).
 */
export function dailyNoteDay(settings: DailyNoteSettings, path: string): string | null {
  const folder = settings.folder ? `${settings.folder}/` : '';
  const normal = normalizePath(path);
  if (!normal.startsWith(folder) || !normal.endsWith('.md')) return null;
  const parsed = moment(normal.slice(folder.length, -'.md'.length), settings.format || CORE_DAILY_NOTE_DEFAULTS.format, undefined, true);
  if (!parsed.isValid()) return null;
  // Noon: the day stays the same whatever the clock change of that date.
  const day = new Date(parsed.year(), parsed.month(), parsed.date(), 12);
  // Written again to compare: a name the format parses but would not write (another case, another folder depth) is not the note.
  return dailyNotePath(settings, day) === normal ? parsed.format('YYYY-MM-DD') : null;
}

/**
 * Fills a daily-note template the way the core Daily notes plugin does: `{{title}}`, `{{date}}`,
 * `{{time}}`, with an optional `:FORMAT`, and `{{date+1d}}`-style offsets.
 */
export function applyTemplate(template: string, date: Date, settings: DailyNoteSettings): string {
  const format = settings.format || CORE_DAILY_NOTE_DEFAULTS.format;
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
