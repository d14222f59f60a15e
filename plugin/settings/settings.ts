// Plugin settings: defaults, and a defensive merge of whatever data.json holds (it may be from an
// older version, hand-edited, or synced from another device).
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

/** Returns a message saying what is wrong with a bridge URL, or null when it is usable. */
export function validateBridgeUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'Enter a full address such as http://127.0.0.1:5677.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The address must start with http:// or https://.';
  return null;
}

export function parseRefreshInterval(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const minutes = Number(trimmed);
  return minutes <= MAX_REFRESH_INTERVAL_MINUTES ? minutes : null;
}

function pick<T>(value: unknown, check: (v: unknown) => v is T, fallback: T): T {
  return check(value) ? value : fallback;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isInterval = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_REFRESH_INTERVAL_MINUTES;
const isTime = (v: unknown): v is string => typeof v === 'string' && parseBriefingTime(v) !== null;
const isUrl = (v: unknown): v is string => typeof v === 'string' && validateBridgeUrl(v) === null;
const isSecretId = (v: unknown): v is string => typeof v === 'string' && (v === '' || SECRET_ID.test(v));
const isMissing = (v: unknown): v is MissingMarkers => v === 'append' || v === 'skip';
const isStyle = (v: unknown): v is BriefingStyle => v === 'callout' || v === 'status-line';
const isFolder = (v: unknown): v is string => typeof v === 'string' && !v.includes('..');
const isFormat = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isDateKey = (v: unknown): v is string | null => v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));

const isHeadline = (v: unknown): v is TwinData['lastHeadline'] => {
  if (typeof v !== 'object' || v === null) return false;
  const { id, text, date } = v as Record<string, unknown>;
  return typeof id === 'string' && typeof text === 'string' && typeof date === 'string' && isDateKey(date);
};

export function normaliseData(raw: unknown): TwinData {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    bridgeUrl: pick(r.bridgeUrl, isUrl, DEFAULT_SETTINGS.bridgeUrl),
    apiKey: pick(r.apiKey, isString, DEFAULT_SETTINGS.apiKey),
    apiKeySecret: pick(r.apiKeySecret, isSecretId, DEFAULT_SETTINGS.apiKeySecret),
    refreshIntervalMinutes: pick(r.refreshIntervalMinutes, isInterval, DEFAULT_SETTINGS.refreshIntervalMinutes),
    briefingTime: pick(r.briefingTime, isTime, DEFAULT_SETTINGS.briefingTime),
    briefingEnabled: pick(r.briefingEnabled, isBoolean, DEFAULT_SETTINGS.briefingEnabled),
    statusBarEnabled: pick(r.statusBarEnabled, isBoolean, DEFAULT_SETTINGS.statusBarEnabled),
    weekdaysOnly: pick(r.weekdaysOnly, isBoolean, DEFAULT_SETTINGS.weekdaysOnly),
    missingMarkers: pick(r.missingMarkers, isMissing, DEFAULT_SETTINGS.missingMarkers),
    briefingStyle: pick(r.briefingStyle, isStyle, DEFAULT_SETTINGS.briefingStyle),
    dailyNoteFolder: pick(r.dailyNoteFolder, isFolder, DEFAULT_SETTINGS.dailyNoteFolder),
    dailyNoteFormat: pick(r.dailyNoteFormat, isFormat, DEFAULT_SETTINGS.dailyNoteFormat),
    lastBriefedDate: pick(r.lastBriefedDate, isDateKey, null),
    offlineNoticeDate: pick(r.offlineNoticeDate, isDateKey, null),
    lastHeadline: pick(r.lastHeadline, isHeadline, null),
  };
}
