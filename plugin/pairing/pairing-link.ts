// What a pairing link carries. `digital-twin pair` on the bridge's computer prints
// obsidian://digital-twin?url=<bridge URL>&key=<API key> (each part encodeURIComponent'd); Obsidian
// decodes the query and hands its parameters to the plugin's protocol handler. Pure: the handler
// shows the result and saves nothing unless the person agrees.
import type { ObsidianProtocolData } from 'obsidian';
import { DEFAULT_SETTINGS, applySetting } from '../settings/settings';

/** The action of the link: obsidian://digital-twin, the plugin's id. */
export const PAIRING_ACTION = 'digital-twin';

export interface Pairing {
  url: string;
  /** The key; null when the link carries none (a bridge without a key), and the current one is kept. */
  key: string | null;
}

/** A parameter's value; Obsidian passes 'true' for a name with no value (`?url`), which is no value. */
function valueOf(params: ObsidianProtocolData, name: string): string {
  const raw = params[name];
  return typeof raw === 'string' && raw !== 'true' ? raw.trim() : '';
}

/** The pairing a link asks for, or what is wrong with the link (for a notice). */
export function pairingFrom(params: ObsidianProtocolData): Pairing | { problem: string } {
  const url = valueOf(params, 'url');
  if (url === '') return { problem: 'The link names no bridge URL (url=…).' };
  const wrong = applySetting({ ...DEFAULT_SETTINGS }, 'bridgeUrl', url);
  if (wrong !== null) return { problem: `Its URL is not a bridge address. ${wrong}` };
  const key = valueOf(params, 'key');
  return { url, key: key === '' ? null : key };
}

/** The key as the confirmation shows it: dots, and the last four characters of a long key. */
export function maskKey(key: string): string {
  return `••••••••${key.length >= 16 ? key.slice(-4) : ''}`;
}
