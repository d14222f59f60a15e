// Plugin settings: defaults, and a defensive merge of whatever data.json holds (it may be from an
// older version, hand-edited, or synced from another device).
import { parseBriefingTime } from '../daily-note/briefing-schedule';

export interface TwinSettings {
  bridgeUrl: string;
  apiKey: string;
  /** Minutes between automatic refreshes of the panel and status bar; 0 turns it off. */
  refreshIntervalMinutes: number;
  /** Local time of the daily briefing, HH:MM. */
  briefingTime: string;
  briefingEnabled: boolean;
  statusBarEnabled: boolean;
}

/** What the plugin stores in data.json: the settings plus a little state. */
export interface TwinData extends TwinSettings {
  /** Local date (YYYY-MM-DD) of the last daily note this device briefed. */
  lastBriefedDate: string | null;
}

export const DEFAULT_SETTINGS: TwinSettings = {
  bridgeUrl: 'http://127.0.0.1:5677',
  apiKey: '',
  refreshIntervalMinutes: 5,
  briefingTime: '06:00',
  briefingEnabled: true,
  statusBarEnabled: true,
};

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
const isDateKey = (v: unknown): v is string | null => v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));

export function normaliseData(raw: unknown): TwinData {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    bridgeUrl: pick(r.bridgeUrl, isUrl, DEFAULT_SETTINGS.bridgeUrl),
    apiKey: pick(r.apiKey, isString, DEFAULT_SETTINGS.apiKey),
    refreshIntervalMinutes: pick(r.refreshIntervalMinutes, isInterval, DEFAULT_SETTINGS.refreshIntervalMinutes),
    briefingTime: pick(r.briefingTime, isTime, DEFAULT_SETTINGS.briefingTime),
    briefingEnabled: pick(r.briefingEnabled, isBoolean, DEFAULT_SETTINGS.briefingEnabled),
    statusBarEnabled: pick(r.statusBarEnabled, isBoolean, DEFAULT_SETTINGS.statusBarEnabled),
    lastBriefedDate: pick(r.lastBriefedDate, isDateKey, null),
  };
}
