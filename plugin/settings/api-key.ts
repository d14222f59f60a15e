// Where the bridge's API key lives. data.json syncs with the vault and is often committed with it, so
// on apps with secret storage (1.11.4+) the key is kept there and data.json holds only the secret's
// name; older apps keep the key in data.json, and the settings tab says so.
import * as obsidian from 'obsidian';
import { requireApiVersion } from 'obsidian';
import type { App } from 'obsidian';
import type { TwinData } from './settings';

/** The secret this plugin creates when it moves a key out of data.json. */
export const DEFAULT_SECRET_ID = 'digital-twin-api-key';

/** The part of SecretStorage (obsidian.d.ts, 1.11.4) used here; read through this interface so the
 * code also compiles against typings older than the API. */
export interface SecretStore {
  getSecret(id: string): string | null;
  setSecret(id: string, secret: string): void;
}

/** SecretComponent (obsidian.d.ts, 1.11.1; setValue/onChange 1.11.4): picks a secret by name. */
export interface SecretPicker {
  setValue(value: string): SecretPicker;
  onChange(cb: (value: string) => unknown): SecretPicker;
}
type SecretPickerConstructor = new (app: App, containerEl: HTMLElement) => SecretPicker;

/** The app's secret storage, or null when the app is older than 1.11.4 or has none. */
export function secretStoreOf(app: App): SecretStore | null {
  if (!requireApiVersion('1.11.4')) return null;
  const storage = (app as unknown as { secretStorage?: Partial<SecretStore> }).secretStorage;
  if (typeof storage?.getSecret !== 'function' || typeof storage.setSecret !== 'function') return null;
  return storage as SecretStore;
}

/** SecretComponent's constructor, or null on apps without it. */
export function secretPickerClass(): SecretPickerConstructor | null {
  if (!requireApiVersion('1.11.4')) return null;
  const ctor = (obsidian as unknown as { SecretComponent?: SecretPickerConstructor }).SecretComponent;
  return typeof ctor === 'function' ? ctor : null;
}

/** The key to send, wherever it is kept; empty when there is none. */
export function resolveApiKey(app: App, data: Pick<TwinData, 'apiKey' | 'apiKeySecret'>): string {
  const store = secretStoreOf(app);
  if (store === null) return data.apiKey;
  if (data.apiKeySecret === '') return data.apiKey;
  return store.getSecret(data.apiKeySecret) ?? '';
}

/**
 * Moves a key found in data.json into the secret storage, once: the key is stored under this
 * plugin's secret name, data.json keeps the name and loses the key. Returns whether `data` changed
 * (the caller saves it). Does nothing on apps without secret storage, nor once a secret is named:
 * a key that then appears in data.json was put there by a device with an older app, which needs it
 * there, and it must not overwrite the secret chosen here.
 */
export function migrateApiKey(app: App, data: TwinData): boolean {
  const store = secretStoreOf(app);
  if (store === null || data.apiKey === '' || data.apiKeySecret !== '') return false;
  store.setSecret(DEFAULT_SECRET_ID, data.apiKey);
  data.apiKeySecret = DEFAULT_SECRET_ID;
  data.apiKey = '';
  return true;
}
