// Where the bridge's API key lives. data.json syncs with the vault and is often committed with it, so
// on apps with secret storage (App.secretStorage, 1.11.4) the key is kept there and data.json holds
// only the secret's name; older apps keep the key in data.json, and the settings tab says so. Every
// use of the secret API sits behind requireApiVersion('1.11.4'), which the lint rule
// obsidianmd/no-unsupported-api checks against the manifest's minAppVersion.
import { requireApiVersion } from 'obsidian';
import type { App } from 'obsidian';
import type { TwinData } from './settings';

/** The secret this plugin creates when it moves a key out of data.json. */
export const DEFAULT_SECRET_ID = 'digital-twin-api-key';

/** The key to send, wherever it is kept; empty when there is none. */
export function resolveApiKey(app: App, data: Pick<TwinData, 'apiKey' | 'apiKeySecret'>): string {
  if (requireApiVersion('1.11.4') && data.apiKeySecret !== '') return app.secretStorage.getSecret(data.apiKeySecret) ?? '';
  return data.apiKey;
}

/**
 * Moves a key found in data.json into the secret storage, once: the key is stored under this
 * plugin's secret name, data.json keeps the name and loses the key. Returns whether `data` changed
 * (the caller saves it). Does nothing on apps without secret storage, nor once a secret is named:
 * a key that then appears in data.json was put there by a device with an older app, which needs it
 * there, and it must not overwrite the secret chosen here.
 */
export function migrateApiKey(app: App, data: TwinData): boolean {
  if (requireApiVersion('1.11.4') && data.apiKey !== '' && data.apiKeySecret === '') {
    app.secretStorage.setSecret(DEFAULT_SECRET_ID, data.apiKey);
    data.apiKeySecret = DEFAULT_SECRET_ID;
    data.apiKey = '';
    return true;
  }
  return false;
}

/**
 * Sets the key (a pairing link's): into the secret storage as this plugin's secret, which the setting
 * then names; into data.json on apps without secret storage. The caller saves `data`.
 */
export function storeApiKey(app: App, data: TwinData, key: string): void {
  if (requireApiVersion('1.11.4')) {
    app.secretStorage.setSecret(DEFAULT_SECRET_ID, key);
    data.apiKeySecret = DEFAULT_SECRET_ID;
    data.apiKey = '';
  } else data.apiKey = key;
}
