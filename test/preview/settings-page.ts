// The settings tab, drawn for a screenshot (bundled for the browser by settings-screenshot.ts): the
// real plugin on the in-memory Obsidian, its tab's display() in Obsidian's light and dark theme
// variables. Two states side by side per theme: an app with secret storage (the secret picker) and
// one older than 1.11.4 (the key in data.json, said under the setting).
import type { App as ObsidianApp, PluginManifest as ObsidianManifest } from 'obsidian';
import manifest from '../../manifest.json';
import DigitalTwinPlugin from '../../plugin/main';
import { App, FileStore, NEWEST_API_VERSION, setApiVersion } from '../fixtures/obsidian/index';

async function drawTab(parent: HTMLElement, theme: 'light' | 'dark', apiVersion: string, title: string): Promise<void> {
  setApiVersion(apiVersion);
  const app = new App(new FileStore());
  app.internalPlugins.configureDailyNotes(true, { folder: 'Dziennik', format: 'YYYY/MM/YYYY-MM-DD' });
  app.pluginData.set(manifest.id, JSON.stringify({ apiKeySecret: apiVersion === NEWEST_API_VERSION ? 'digital-twin-api-key' : '' }));
  const plugin = new DigitalTwinPlugin(app as unknown as ObsidianApp, manifest as ObsidianManifest);
  plugin.load();
  await (plugin as unknown as { loading: Promise<void> }).loading;
  const tab = app.settingTabs[0];
  if (!tab) throw new Error('The plugin added no settings tab.');
  tab.display();
  // Let the "Today's note" row fill in.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const frame = parent.createDiv({ cls: `preview-theme theme-${theme} settings-frame` });
  frame.createDiv({ cls: 'preview-theme-title', text: title });
  frame.appendChild(tab.containerEl);
  tab.containerEl.addClass('vertical-tab-content');
  setApiVersion(NEWEST_API_VERSION);
}

async function main(): Promise<void> {
  const theme = new URLSearchParams(location.search).get('theme') === 'dark' ? 'dark' : 'light';
  document.body.addClass(`theme-${theme}`);
  const root = document.body.createDiv({ cls: 'settings-preview' });
  await drawTab(root, theme, NEWEST_API_VERSION, `Obsidian ${NEWEST_API_VERSION} (secret storage)`);
  await drawTab(root, theme, '1.8.7', 'Obsidian 1.8.7 (no secret storage)');
  document.body.setAttr('data-ready', 'true');
}

void main();
