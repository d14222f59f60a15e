// The twin panel before any bridge ever answered: instead of an error, one screen of what to do (the
// command for each way to run the bridge, the docs, pairing a phone) and "Test connection" with the
// doctor's answer. Pure DOM building; the view passes the test and keeps its last report.
import { renderReport } from '../settings/connection-test';
import type { ConnectionReport } from '../settings/connection-test';
import type { TwinSnapshot } from '../twin/twin-store';
import { div, sectionTitle } from './dom';

/** The container image the release workflow publishes (README, "Run it always"). */
export const IMAGE = 'ghcr.io/digital-twin/digital-twin';
export const DOCS_URL = 'https://github.com/digital-twin/digital-twin/blob/main/docs/plugin.md#the-first-run';

/** Each way to run the bridge and its command. */
export const RUN_COMMANDS: readonly (readonly [how: string, command: string])[] = [
  ['With Node.js 20+', 'npx digital-twin'],
  ['In a clone of the repository', 'npm install && npm start'],
  ['In a container (or podman; the key in digital-twin.env)', `docker run -d -p 127.0.0.1:5677:5677 -v digital-twin-data:/data --env-file digital-twin.env ${IMAGE}`],
];

/** Whether the panel shows the first run: no bridge has answered yet and none can be reached now. */
export function isFirstRun(snapshot: TwinSnapshot, bridgeAnswered: boolean): boolean {
  return !bridgeAnswered && snapshot.status === null && snapshot.error?.kind === 'unreachable';
}

export interface FirstRunState {
  url: string;
  /** The last test's report; 'testing' while one runs. */
  report: ConnectionReport | 'testing' | null;
  test(): void;
}

export function renderFirstRun(root: HTMLElement, state: FirstRunState): void {
  root.empty();
  root.addClass('dt-panel');
  const el = div(root, 'dt-first-run');
  sectionTitle(el, 'Start the bridge');
  el.createDiv({ text: `The panel shows what the Digital Twin bridge reports; none answers at ${state.url} yet. Run it:` });
  const list = el.createEl('ul', { cls: 'dt-first-run-commands' });
  for (const [how, command] of RUN_COMMANDS) {
    const item = list.createEl('li', { text: `${how}:` });
    item.createEl('code', { text: command });
  }
  el.createDiv({ text: 'On a phone, open the link digital-twin pair prints.' });
  el.createEl('a', { text: 'How to set up the bridge', href: DOCS_URL });
  const test = div(el, 'dt-first-run-test');
  const testing = state.report === 'testing';
  const button = test.createEl('button', { text: testing ? 'Testing…' : 'Test connection', cls: 'mod-cta' });
  button.disabled = testing;
  button.onClickEvent(() => state.test());
  const report = state.report;
  if (report !== null && report !== 'testing') renderReport(test.createDiv({ cls: 'dt-doctor', attr: { role: 'status' } }), report);
}
