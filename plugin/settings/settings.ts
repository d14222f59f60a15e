// Plugin settings: defaults, the one rule of each setting, and a defensive merge of whatever data.json
// holds (it may be from an older version, hand-edited, or synced from another device). The settings
// tab stores what a person enters through the same rules (applySetting).
import { parseBriefingTime } from '../daily-note/briefing-schedule';
import type { MissingMarkers } from '../daily-note/note-block';

export type BriefingStyle = 'callout' | 'status-line';

export interface TwinSettings {
  bridgeUrl: string;
  /** The key itself, only on apps without secret storage (older than 1.11.4); empty otherwise. */
  apiKey: string;
  /** Name of the secret in Obsidian's secret storage that holds the key; empty for none. */
  apiKeySecret: string;
  /** Minutes between automatic refreshes of the panel and status bar; 0 turns it off. */
  refreshIntervalMinutes: number;
  /** Local time of the daily briefing, HH:MM. */
  briefingTime: string;
  briefingEnabled: boolean;
  statusBarEnabled: boolean;
  /** Brief on Monday to Friday only (the user's morning jobs run on weekdays). */
  weekdaysOnly: boolean;
  /** A note without briefing markers: add a block at the end, or leave the note alone. */
  missingMarkers: MissingMarkers;
  briefingStyle: BriefingStyle;
  /** Today's note when neither Periodic Notes nor the core Daily notes plugin is on. */
  dailyNoteFolder: string;
  dailyNoteFormat: string;
}

/** What the plugin stores in data.json: the settings plus a little state. */
export interface TwinData extends TwinSettings {
  /** Local date (YYYY-MM-DD) of the last daily note this device briefed. */
  lastBriefedDate: string | null;
  /** Local date of the last "bridge offline" notice, so that it shows at most once a day. */
  offlineNoticeDate: string | null;
  /** The insight last written into a briefing and the day it was for (one a day, only new ones). */
  lastHeadline: { id: string; text: string; date: string } | null;
  /** Whether a bridge ever answered: until then, an unreachable bridge shows the first-run screen. */
  bridgeAnswered: boolean;
}

export const DEFAULT_SETTINGS: TwinSettings = {
  bridgeUrl: 'http://127.0.0.1:5677',
  apiKey: '',
  apiKeySecret: '',
  refreshIntervalMinutes: 5,
  briefingTime: '06:00',
  briefingEnabled: true,
  statusBarEnabled: true,
  weekdaysOnly: false,
  missingMarkers: 'append',
  briefingStyle: 'callout',
  dailyNoteFolder: '01_Daily_Notes',
  dailyNoteFormat: 'YYYY-MM-DD',
};

/** Secret storage ids: lowercase letters, digits and dashes (SecretStorage.setSecret in obsidian.d.ts). */
export const SECRET_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const MAX_REFRESH_INTERVAL_MINUTES = 24 * 60;

/** A setting's check: the value to store, or what is wrong and what is allowed, for a person to read. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The one rule of a setting. `check` decides for data.json (whatever it holds) and for the settings
 * tab alike; `fromText` only tidies what a person typed into the form data.json keeps.
 */
interface SettingRule<T> {
  check: (value: unknown) => Checked<T>;
  fromText?: (text: string) => unknown;
}

function rule<T>(accepts: (value: unknown) => value is T, message: string, fromText?: (text: string) => unknown): SettingRule<T> {
  return { check: (value) => (accepts(value) ? { ok: true, value } : { ok: false, message }), fromText };
}

function checkBridgeUrl(value: unknown): Checked<string> {
  const example = { ok: false, message: 'Enter a full address such as http://127.0.0.1:5677.' } as const;
  if (typeof value !== 'string') return example;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return example;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'The address must start with http:// or https://.' };
  return { ok: true, value };
}

function briefingTimeFromText(text: string): string {
  const time = parseBriefingTime(text);
  return time === null ? text : `${String(time.hours).padStart(2, '0')}:${String(time.minutes).padStart(2, '0')}`;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isInterval = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_REFRESH_INTERVAL_MINUTES;
const isTime = (v: unknown): v is string => typeof v === 'string' && parseBriefingTime(v) !== null;
const isSecretId = (v: unknown): v is string => typeof v === 'string' && (v === '' || SECRET_ID.test(v));
const isMissing = (v: unknown): v is MissingMarkers => v === 'append' || v === 'skip';
const isStyle = (v: unknown): v is BriefingStyle => v === 'callout' || v === 'status-line';
const isFolder = (v: unknown): v is string => typeof v === 'string' && !v.includes('..');
const isFormat = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isDateKey = (v: unknown): v is string | null => v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));

const ON_OFF = 'Choose on or off.';
const LISTED = 'Choose one of the listed options.';

const RULES: { [K in keyof TwinSettings]: SettingRule<TwinSettings[K]> } = {
  bridgeUrl: { check: checkBridgeUrl, fromText: (text) => text.trim() },
  apiKey: rule(isString, 'Enter the key as text.', (text) => text.trim()),
  apiKeySecret: rule(isSecretId, 'Choose a secret whose name has only lowercase letters, digits and dashes.'),
  refreshIntervalMinutes: rule(isInterval, `Enter a whole number of minutes from 0 to ${MAX_REFRESH_INTERVAL_MINUTES}.`, (text) =>
    /^\d+$/.test(text.trim()) ? Number(text.trim()) : text,
  ),
  briefingTime: rule(isTime, 'Enter a time such as 06:00 (00:00 to 23:59).', briefingTimeFromText),
  briefingEnabled: rule(isBoolean, ON_OFF),
  statusBarEnabled: rule(isBoolean, ON_OFF),
  weekdaysOnly: rule(isBoolean, ON_OFF),
  missingMarkers: rule(isMissing, LISTED),
  briefingStyle: rule(isStyle, LISTED),
  dailyNoteFolder: rule(isFolder, 'Enter a folder inside the vault.', (text) => text.trim().replace(/^\/+|\/+$/g, '')),
  // An emptied field means the default format, as its placeholder shows.
  dailyNoteFormat: rule(isFormat, 'Enter a date format such as YYYY-MM-DD.', (text) => text.trim() || DEFAULT_SETTINGS.dailyNoteFormat),
};

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof TwinSettings)[];

/**
 * Stores what a person typed or chose as setting `key` when the setting's rule allows it. Returns null
 * when it was stored, or what is wrong and what is allowed; `settings` is then left as it was.
 */
export function applySetting<K extends keyof TwinSettings>(settings: TwinSettings, key: K, input: string | boolean): string | null {
  const { check, fromText } = RULES[key];
  const checked = check(typeof input === 'string' && fromText ? fromText(input) : input);
  if (!checked.ok) return checked.message;
  settings[key] = checked.value;
  return null;
}

function pick<T>(value: unknown, check: (v: unknown) => v is T, fallback: T): T {
  return check(value) ? value : fallback;
}

const isHeadline = (v: unknown): v is TwinData['lastHeadline'] => {
  if (typeof v !== 'object' || v === null) return false;
  const { id, text, date } = v as Record<string, unknown>;
  return typeof id === 'string' && typeof text === 'string' && typeof date === 'string' && isDateKey(date);
};

export function normaliseData(raw: unknown): TwinData {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) copySetting(settings, r, key);
  return {
    ...settings,
    lastBriefedDate: pick(r.lastBriefedDate, isDateKey, null),
    offlineNoticeDate: pick(r.offlineNoticeDate, isDateKey, null),
    lastHeadline: pick(r.lastHeadline, isHeadline, null),
    bridgeAnswered: r.bridgeAnswered === true,
  };
}

/** Takes setting `key` from data.json when its rule allows it; `settings` keeps the default otherwise. */
function copySetting<K extends keyof TwinSettings>(settings: TwinSettings, raw: Record<string, unknown>, key: K): void {
  const checked = RULES[key].check(raw[key]);
  if (checked.ok) settings[key] = checked.value;
}
