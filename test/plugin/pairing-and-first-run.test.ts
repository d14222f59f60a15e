// Pairing a device from the link `digital-twin pair` prints, end to end in the in-memory Obsidian
// (the link opened → the protocol handler → the confirmation → the settings and the secret storage →
// the connection test), and the twin panel's first run, against real bridges on real ports.
// Runs in the node environment (the bridge needs node's URL class) with a DOM installed by hand.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VIEW_TYPE_TWIN_PANEL } from '../../plugin/views/twin-panel';
import { installDomGlobals } from '../fixtures/dom-globals';
import { freePort } from '../fixtures/free-port';
import { startMemoryBridge } from '../fixtures/memory-bridge';
import type { MemoryBridge } from '../fixtures/memory-bridge';
import { NEWEST_API_VERSION, Notice, setApiVersion } from '../fixtures/obsidian/index';
import type { Modal } from '../fixtures/obsidian/index';
import { deviceFleet } from '../fixtures/plugin-harness';
import type { Device } from '../fixtures/plugin-harness';

const KEY = 'pairing-key-0123456789abcdef';
let bridge: MemoryBridge;
let removeDom: () => Promise<void>;
let closedUrl: string;

/** The link `digital-twin pair` prints. */
const pairLink = (url: string, key?: string) =>
  `obsidian://digital-twin?url=${encodeURIComponent(url)}${key === undefined ? '' : `&key=${encodeURIComponent(key)}`}`;

const fleet = deviceFleet(() => ({ data: { bridgeUrl: closedUrl } }));
const saved = (d: Device) => JSON.parse(d.app.pluginData.get('digital-twin') ?? '{}') as Record<string, unknown>;
const modalOf = (d: Device): Modal | undefined => d.app.modals[0];
/** The buttons of the open modal, by their text. */
function button(d: Device, text: string): HTMLButtonElement {
  const found = Array.from(modalOf(d)?.contentEl.querySelectorAll('button') ?? []).find((b) => b.textContent === text);
  if (!found) throw new Error(`no ${text} button`);
  return found;
}

beforeAll(async () => {
  removeDom = installDomGlobals();
  bridge = await startMemoryBridge({ env: { DIGITAL_TWIN_API_KEY: KEY } });
  closedUrl = `http://127.0.0.1:${await freePort()}`;
});
afterAll(async () => {
  await bridge?.close();
  await removeDom?.();
});
afterEach(() => {
  Notice.reset();
  fleet.stopAll();
  setApiVersion(NEWEST_API_VERSION);
});

describe('pairing from a link', () => {
  it('shows what the link sets, saves it when asked, keeps the key in the secret storage and tests the connection', async () => {
    const d = await fleet.start();
    expect(await d.app.fixtureOpenUrl(pairLink(bridge.url, KEY))).toBe(true);

    // Nothing is saved before the person agrees.
    const modal = modalOf(d);
    expect(modal?.titleEl.textContent).toBe('Pair with the bridge');
    const text = modal?.contentEl.textContent ?? '';
    expect(text).toContain(`${bridge.url} (now ${closedUrl})`);
    expect(text).toContain('••••••••cdef, kept in this device\'s secret storage as digital-twin-api-key.');
    expect(text).not.toContain(KEY);
    expect(saved(d).bridgeUrl).toBe(closedUrl);
    expect(d.app.secretStorage.listSecrets()).toEqual([]);

    button(d, 'Save').click();
    await vi.waitFor(() => expect(modal?.contentEl.querySelector('.dt-doctor-title')?.textContent).toMatch(/^Connected to http:\/\/127\.0\.0\.1:\d+ in \d+ ms\.$/));
    expect(saved(d)).toMatchObject({ bridgeUrl: bridge.url, apiKeySecret: 'digital-twin-api-key', apiKey: '' });
    expect(JSON.stringify(saved(d))).not.toContain(KEY);
    expect(d.app.secretStorage.getSecret('digital-twin-api-key')).toBe(KEY);
    expect(d.plugin.store.snapshot.status).not.toBeNull();

    button(d, 'Close').click();
    expect(d.app.modals).toEqual([]);
  });

  it('Cancel changes nothing', async () => {
    const d = await fleet.start();
    await d.app.fixtureOpenUrl(pairLink(bridge.url, KEY));
    button(d, 'Cancel').click();
    expect(d.app.modals).toEqual([]);
    expect(saved(d).bridgeUrl).toBe(closedUrl);
    expect(d.app.secretStorage.listSecrets()).toEqual([]);
  });

  it('shows the doctor\'s answer when the paired bridge refuses the key', async () => {
    const d = await fleet.start();
    await d.app.fixtureOpenUrl(pairLink(bridge.url, 'not-the-key-of-this-bridge'));
    button(d, 'Save').click();
    await vi.waitFor(() => expect(modalOf(d)?.contentEl.querySelector('.dt-doctor-title')?.textContent).toBe('Wrong key: the bridge refused the API key (401).'));
    expect(modalOf(d)?.contentEl.querySelector('.dt-doctor')?.classList.contains('dt-doctor-problem')).toBe(true);
  });

  it('a link without a key keeps the key set now', async () => {
    const d = await fleet.start();
    d.app.secretStorage.setSecret('my-twin', KEY);
    d.plugin.settings.apiKeySecret = 'my-twin';
    await d.app.fixtureOpenUrl(pairLink(bridge.url));
    expect(modalOf(d)?.contentEl.textContent).toContain('None in the link; the key set now is kept.');
    button(d, 'Save').click();
    await vi.waitFor(() => expect(modalOf(d)?.contentEl.querySelector('.dt-doctor-title')?.textContent).toMatch(/^Connected/));
    expect(saved(d)).toMatchObject({ bridgeUrl: bridge.url, apiKeySecret: 'my-twin' });
  });

  it('on an app without secret storage, the key goes into data.json, and the confirmation says so', async () => {
    setApiVersion('1.10.0');
    const d = await fleet.start();
    await d.app.fixtureOpenUrl(pairLink(bridge.url, KEY));
    expect(modalOf(d)?.contentEl.textContent).toContain('kept in data.json (this app has no secret storage).');
    button(d, 'Save').click();
    await vi.waitFor(() => expect(saved(d).apiKey).toBe(KEY));
    expect(saved(d).apiKeySecret).toBe('');
  });

  it.each([
    ['no url', 'obsidian://digital-twin?key=abc', 'The link names no bridge URL (url=…).'],
    ['a url without a value', 'obsidian://digital-twin?url&key=abc', 'The link names no bridge URL (url=…).'],
    ['not http', pairLink('ftp://192.168.1.20:5677', KEY), 'Its URL is not a bridge address. The address must start with http:// or https://.'],
    ['javascript', pairLink('javascript:alert(1)', KEY), 'Its URL is not a bridge address. The address must start with http:// or https://.'],
    ['garbage', pairLink('not a bridge address', KEY), 'Its URL is not a bridge address. Enter a full address such as http://127.0.0.1:5677.'],
    ['a scheme only', pairLink('http://', KEY), 'Its URL is not a bridge address. Enter a full address such as http://127.0.0.1:5677.'],
  ])('a bad link (%s) gets a notice and changes nothing', async (_name, link, problem) => {
    const d = await fleet.start();
    await d.app.fixtureOpenUrl(link);
    expect(d.app.modals).toEqual([]);
    expect(Notice.messages).toEqual([`Digital twin: this pairing link was not used, nothing changed. ${problem}`]);
    expect(saved(d).bridgeUrl ?? closedUrl).toBe(closedUrl);
    expect(d.app.secretStorage.listSecrets()).toEqual([]);
  });

  it('the handler goes away with the plugin', async () => {
    const d = await fleet.start();
    fleet.stopAll();
    expect(await d.app.fixtureOpenUrl(pairLink(bridge.url, KEY))).toBe(false);
  });
});

describe('the first run', () => {
  const panelOf = (d: Device) => (d.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)[0]?.view as unknown as { contentEl: HTMLElement }).contentEl;

  it('with no bridge ever reached, shows what to do instead of an error, and tests the connection', async () => {
    const d = await fleet.start();
    await d.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    const el = panelOf(d);
    await vi.waitFor(() => expect(el.querySelector('.dt-first-run')).not.toBeNull());
    expect(el.querySelector('.dt-state-offline')).toBeNull();
    expect(el.textContent).toContain(`none answers at ${closedUrl} yet`);
    expect(Array.from(el.querySelectorAll('.dt-first-run-commands code')).map((c) => c.textContent)).toEqual([
      'npx digital-twin',
      'npm install && npm start',
      'docker run -d -p 127.0.0.1:5677:5677 -v digital-twin-data:/data --env-file digital-twin.env ghcr.io/digital-twin/digital-twin',
    ]);
    expect(el.querySelector('a')?.getAttribute('href')).toBe('https://github.com/digital-twin/digital-twin/blob/main/docs/plugin.md#the-first-run');

    (el.querySelector('.dt-first-run-test button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(el.querySelector('.dt-doctor-title')?.textContent).toBe(`Refused: nothing listens at ${closedUrl.slice('http://'.length)}.`));
    expect(el.querySelector('.dt-doctor-fix')?.textContent).toBe('Start the bridge (npx digital-twin) and check the port.');
  });

  it('once a bridge answered, an outage is shown as one, even after a restart', async () => {
    const d = await fleet.start({ data: { bridgeUrl: bridge.url, apiKey: KEY } });
    await d.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    await vi.waitFor(() => expect(panelOf(d).querySelector('.dt-health')).not.toBeNull());
    expect(saved(d).bridgeAnswered).toBe(true);

    // The bridge goes away: the figures stay, with the offline note.
    d.plugin.settings.bridgeUrl = closedUrl;
    await d.plugin.store.refresh();
    expect(panelOf(d).querySelector('.dt-state-offline')).not.toBeNull();
    expect(panelOf(d).querySelector('.dt-health')).not.toBeNull();
    expect(panelOf(d).querySelector('.dt-first-run')).toBeNull();

    // Restarted with the bridge still away: no figures to show, but an outage, not a first run.
    await d.plugin.saveSettings();
    fleet.stopAll();
    const again = await fleet.start({ app: d.app, data: {} });
    await again.plugin.openView(VIEW_TYPE_TWIN_PANEL);
    await vi.waitFor(() => expect(panelOf(again).querySelector('.dt-state-offline')).not.toBeNull());
    expect(panelOf(again).querySelector('.dt-first-run')).toBeNull();
  });
});
