// The plugin's connection screens, drawn for screenshots (bundled for the browser by
// connection-screenshots.ts) with the plugin's own render code: the twin panel's first run (its
// connection test answered "refused"), the panel's note on a bridge older than the plugin, the
// settings' "Test connection" row with each answer of the connection doctor, and the pairing
// confirmation. Query: theme = light | dark.
import type { App as ObsidianApp } from 'obsidian';
import type { BridgeFailure } from '../../plugin/bridge-client/bridge-client';
import { TIMED_OUT } from '../../plugin/bridge-client/bridge-client';
import { PairingModal } from '../../plugin/pairing/pairing-modal';
import { diagnose } from '../../plugin/settings/connection-diagnosis';
import { renderReport } from '../../plugin/settings/connection-test';
import type { ConnectionReport } from '../../plugin/settings/connection-test';
import type { TwinSnapshot } from '../../plugin/twin/twin-store';
import { renderFirstRun } from '../../plugin/views/first-run';
import { renderTwinPanel } from '../../plugin/views/twin-panel-render';
import { App, Setting } from '../fixtures/obsidian/index';
import { statusResponse } from '../fixtures/twin-responses';

const URL_SET = 'http://127.0.0.1:5677';
const now = new Date('2025-01-15T06:00:00.000Z');

function report(url: string, failure: BridgeFailure | null, apiVersion?: string | null, mobile = false): ConnectionReport {
  const found = diagnose({ url, mobile }, failure, apiVersion);
  return found === null
    ? { problem: null, title: `Connected to ${url} in 23 ms.`, detail: 'Data computed 2 minutes ago. All sources answer.' }
    : { problem: found.problem, title: found.title, detail: found.fix };
}

const net = (cause: string): BridgeFailure => ({ ok: false, kind: 'unreachable', message: `could not be reached (${cause})`, cause });
const http = (status: number, extra: Partial<BridgeFailure> = {}): BridgeFailure => ({ ok: false, kind: 'http', status, message: `answered ${status}`, ...extra });

/** Each answer of the doctor, as the settings row shows it. */
const ANSWERS: [string, ConnectionReport][] = [
  ['Connected', report(URL_SET, null)],
  ['Refused', report(URL_SET, net('net::ERR_CONNECTION_REFUSED'))],
  ['Refused, on a phone', report(URL_SET, net('java.net.ConnectException: Failed to connect to /127.0.0.1:5677'), undefined, true)],
  ['Unreachable', report('http://twin.lan:5677', net('net::ERR_NAME_NOT_RESOLVED'))],
  ['Timed out', report('http://192.168.1.20:5677', net(TIMED_OUT))],
  ['Certificate', report('https://192.168.1.20:5677', net('net::ERR_CERT_AUTHORITY_INVALID'))],
  ['Certificate, on a phone', report('https://192.168.1.20:5677', net('The certificate for this server is invalid.'), undefined, true)],
  ['Wrong key', report(URL_SET, { ...http(401), kind: 'unauthorised' })],
  ['Locked out', report(URL_SET, http(429, { retryAfter: '2710' }))],
  ['Host refused', report('http://desktop.local:5677', http(421, { code: 'misdirected_request' }))],
  ['Bridge too old', report(URL_SET, null, '0.9.0')],
  ['Bridge too new', report(URL_SET, null, '2.0.0')],
];

function leaf(parent: HTMLElement, name: string, title: string): HTMLElement {
  const frame = parent.createDiv({ cls: 'workspace-leaf mod-sidebar', attr: { 'data-preview-leaf': name } });
  const container = frame.createDiv({ cls: 'workspace-leaf-content' });
  container.createDiv({ cls: 'view-header' }).createSpan({ cls: 'view-header-title', text: title });
  return container.createDiv({ cls: 'view-content' });
}

function main(): void {
  const theme = new URLSearchParams(location.search).get('theme') === 'dark' ? 'dark' : 'light';
  document.body.addClass(`theme-${theme}`);
  const root = document.body.createDiv({ cls: `preview-theme theme-${theme}` });
  const leaves = root.createDiv({ cls: 'preview-leaves' });

  renderFirstRun(leaf(leaves, 'first-run', 'Digital twin'), { url: URL_SET, report: report(URL_SET, net('net::ERR_CONNECTION_REFUSED')), test: () => {} });

  const old = statusResponse();
  old.api_version = '0.9.0';
  const snapshot: TwinSnapshot = { status: old, fetchedAt: now, loading: false, error: null, errorAt: null };
  renderTwinPanel(leaf(leaves, 'upgrade', 'Digital twin'), snapshot, now);

  const settings = root.createDiv({ cls: 'settings-frame vertical-tab-content', attr: { 'data-preview': 'doctor' } });
  for (const [name, answer] of ANSWERS) {
    const row = new Setting(settings).setName(`Test connection: ${name.toLowerCase()}`);
    row.addButton((button) => button.setButtonText('Test'));
    renderReport(row.descEl, answer);
  }

  // The pairing confirmation, in a frame that stands for the modal.
  const app = new App();
  const modal = new PairingModal(app as unknown as ObsidianApp, { url: 'https://desktop.tail1234.ts.net', key: 'dt_9f8e7d6c5b4a39281706f5e4d3c2b1a0' }, {
    currentUrl: URL_SET,
    secretName: 'digital-twin-api-key',
    save: () => Promise.resolve(report('https://desktop.tail1234.ts.net', null)),
  });
  modal.open();
  const frame = root.createDiv({ cls: 'preview-modal', attr: { 'data-preview': 'pairing' } });
  frame.appendChild(modal.modalEl);
  document.body.setAttr('data-ready', 'true');
}

main();
