// Digital Twin for Obsidian: the twin panel, the history view, the daily-note briefing, commands,
// settings and the status bar. Wiring only; the work is done in the modules it imports.
import { Notice, Platform, Plugin } from 'obsidian';
import { moment } from './time/moment';
import type { Editor, WorkspaceLeaf } from 'obsidian';
import type { StatusResponse } from '../bridge/contract/responses';
import { BridgeClient } from './bridge-client/bridge-client';
import type { BridgeResult } from './bridge-client/bridge-client';
import { briefingLines, unavailableLines } from './daily-note/briefing-callout';
import { TickClassifier, isBriefingDue, localDateKey, parseBriefingTime } from './daily-note/briefing-schedule';
import type { TriggerReason } from './daily-note/briefing-schedule';
import { systemClock } from './time/clock';
import type { Clock } from './time/clock';
import { writeDailyBriefing } from './daily-note/daily-note-briefing';
import type { BriefingOutcome } from './daily-note/daily-note-briefing';
import { formatAge } from './twin/format';
import { HistoryView, VIEW_TYPE_HISTORY } from './views/history-view';
import { insertBlockInEditor } from './daily-note/insert-briefing';
import { renderBlock } from './daily-note/note-block';
import { normaliseData } from './settings/settings';
import type { TwinData } from './settings/settings';
import { TwinSettingTab } from './settings/settings-tab';
import type { SettingsHost } from './settings/settings-tab';
import { statusBarText, statusBarTooltip } from './views/status-bar';
import { degradedDomains } from './twin/twin-alerts';
import { TwinPanelView, VIEW_TYPE_TWIN_PANEL } from './views/twin-panel';
import { TwinStore } from './twin/twin-store';

/** The scheduler's heartbeat: briefing due checks, auto-refresh, wake-from-sleep detection. */
export const TICK_MS = 60_000;

export default class DigitalTwinPlugin extends Plugin implements SettingsHost {
  /** Replaceable before onload (tests use a fake clock). */
  clock: Clock = systemClock;
  data!: TwinData;
  store!: TwinStore;
  private client!: BridgeClient;
  private statusBarEl: HTMLElement | null = null;
  private readonly ticks = new TickClassifier(TICK_MS);
  private briefingRun: Promise<BriefingOutcome | null> | null = null;
  private offlineNoticeDate: string | null = null;

  get settings(): TwinData {
    return this.data;
  }

  override async onload(): Promise<void> {
    this.data = normaliseData(await this.loadData());
    this.client = new BridgeClient(() => ({ baseUrl: this.data.bridgeUrl, apiKey: this.data.apiKey }));
    this.store = new TwinStore(() => this.client.getStatus(), { now: () => this.clock.now() });
    this.register(this.store.subscribe(() => this.onStoreChange()));

    this.registerView(VIEW_TYPE_TWIN_PANEL, (leaf) => new TwinPanelView(leaf, { store: this.store, now: () => this.clock.now() }));
    this.registerView(VIEW_TYPE_HISTORY, (leaf) => new HistoryView(leaf, { fetchHistory: (query) => this.client.getHistory(query) }));

    this.addRibbonIcon('activity', 'Open twin panel', () => {
      void this.openView(VIEW_TYPE_TWIN_PANEL);
    });
    this.addCommand({
      id: 'insert-briefing',
      name: 'Insert briefing here',
      editorCallback: (editor: Editor) => {
        void this.insertBriefing(editor);
      },
    });
    this.addCommand({
      id: 'refresh-daily-briefing',
      name: "Refresh today's briefing",
      callback: () => {
        void this.refreshTodaysBriefing();
      },
    });
    this.addCommand({ id: 'open-panel', name: 'Open twin panel', callback: () => void this.openView(VIEW_TYPE_TWIN_PANEL) });
    this.addCommand({ id: 'open-history', name: 'Open history', callback: () => void this.openView(VIEW_TYPE_HISTORY) });

    this.addSettingTab(new TwinSettingTab(this.app, this, this));

    if (!Platform.isMobile) {
      this.statusBarEl = this.addStatusBarItem();
      this.statusBarEl.addClass('dt-status-bar');
      this.updateStatusBar();
    }

    this.registerInterval(window.setInterval(() => void this.onTick(), TICK_MS));
    this.registerDomEvent(window, 'focus', () => void this.onTrigger('focus'));
    this.app.workspace.onLayoutReady(() => void this.onTrigger('startup'));
  }

  // --- public API (Templater, other plugins) ---

  /** The briefing as a marked block (markers included), ready to put into a note. */
  async getBriefing(): Promise<string> {
    const result = await this.store.refresh();
    const now = this.clock.now();
    const lines = result.ok ? briefingLines(result.data, localDateKey(now), moment(now).format('HH:mm')) : unavailableLines(result.message);
    return renderBlock(lines);
  }

  /** The bridge's current status, or null when it cannot be had. */
  async getStatus(): Promise<StatusResponse | null> {
    const result = await this.store.refresh();
    return result.ok ? result.data : null;
  }

  // --- settings ---

  async saveSettings(): Promise<void> {
    await this.saveData(this.data);
    this.updateStatusBar();
  }

  async testConnection(): Promise<string> {
    const started = Date.now();
    const result: BridgeResult<StatusResponse> = await this.store.refresh();
    const ms = Date.now() - started;
    if (!result.ok) return result.message;
    const status = result.data;
    const degraded = degradedDomains(status);
    const now = this.clock.now();
    const computed = new Date(status.computed_at);
    const parts = [
      `Connected to ${this.data.bridgeUrl} in ${ms} ms.`,
      `Data computed ${Number.isNaN(computed.getTime()) ? status.computed_at : formatAge(computed, now)}.`,
      degraded.length === 0 ? 'All sources answer.' : `Degraded: ${degraded.join(', ')}.`,
    ];
    return parts.join(' ');
  }

  // --- scheduling ---

  /** One tick of the registered interval. Public so tests can drive it with a fake clock. */
  async onTick(): Promise<void> {
    const now = this.clock.now();
    const kind = this.ticks.classify(now.getTime());
    if (kind === 'wake' || this.autoRefreshDue(now)) void this.store.refresh();
    await this.maybeBrief(kind);
  }

  async onTrigger(reason: TriggerReason): Promise<void> {
    if (reason === 'startup') void this.store.refresh();
    await this.maybeBrief(reason);
  }

  private autoRefreshDue(now: Date): boolean {
    const minutes = this.data.refreshIntervalMinutes;
    if (minutes <= 0) return false;
    const visible = this.data.statusBarEnabled || this.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL).length > 0;
    if (!visible) return false;
    const { fetchedAt, errorAt } = this.store.snapshot;
    const last = Math.max(fetchedAt?.getTime() ?? 0, errorAt?.getTime() ?? 0);
    return now.getTime() - last >= minutes * 60_000 - 1000;
  }

  /** Writes today's briefing when it is due. Resolves to what happened, or null when nothing was due. */
  async maybeBrief(_reason: TriggerReason): Promise<BriefingOutcome | null> {
    if (!this.data.briefingEnabled) return null;
    const time = parseBriefingTime(this.data.briefingTime);
    if (time === null || !isBriefingDue(this.clock.now(), time, this.data.lastBriefedDate)) return null;
    return this.brief(false);
  }

  /** The refresh command: writes today's briefing now, replacing one that is already there. */
  async refreshTodaysBriefing(): Promise<BriefingOutcome | null> {
    const outcome = await this.brief(true);
    if (outcome?.kind === 'written') new Notice(`Briefing written to ${outcome.path}.`);
    return outcome;
  }

  private brief(force: boolean): Promise<BriefingOutcome | null> {
    if (this.briefingRun === null) {
      this.briefingRun = this.runBriefing(force).finally(() => {
        this.briefingRun = null;
      });
    }
    return this.briefingRun;
  }

  private async runBriefing(force: boolean): Promise<BriefingOutcome> {
    const outcome = await writeDailyBriefing(
      { app: this.app, fetchStatus: () => this.store.refresh(), now: () => this.clock.now() },
      { force },
    );
    if (outcome.kind === 'written' || outcome.kind === 'already-briefed') {
      this.offlineNoticeDate = null;
      if (this.data.lastBriefedDate !== outcome.date) {
        this.data.lastBriefedDate = outcome.date;
        await this.saveData(this.data);
      }
    } else if (force || this.offlineNoticeDate !== outcome.date) {
      // Tell the user once a day; the next tick retries quietly.
      this.offlineNoticeDate = outcome.date;
      const what = outcome.kind === 'offline' ? "Today's briefing is waiting for the bridge" : "Today's briefing could not be written";
      new Notice(`Digital twin: ${what}. ${outcome.message}`);
      if (outcome.kind === 'failed') console.error('Digital twin: briefing failed', outcome.message);
    }
    return outcome;
  }

  // --- views, editor, status bar ---

  private async insertBriefing(editor: Editor): Promise<void> {
    const result = await this.store.refresh();
    const now = this.clock.now();
    if (!result.ok) new Notice(`Digital twin: ${result.message}`);
    const lines = result.ok ? briefingLines(result.data, localDateKey(now), moment(now).format('HH:mm')) : unavailableLines(result.message);
    insertBlockInEditor(editor, lines);
  }

  async openView(type: string): Promise<void> {
    const { workspace } = this.app;
    let leaf: WorkspaceLeaf | null = workspace.getLeavesOfType(type)[0] ?? null;
    if (leaf === null) {
      leaf = workspace.getRightLeaf(false);
      if (leaf === null) return;
      await leaf.setViewState({ type, active: true });
    }
    await workspace.revealLeaf(leaf);
  }

  private onStoreChange(): void {
    this.updateStatusBar();
    for (const leaf of this.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL)) {
      if (leaf.view instanceof TwinPanelView) leaf.view.render();
    }
  }

  private updateStatusBar(): void {
    const el = this.statusBarEl;
    if (el === null) return;
    el.toggleClass('dt-hidden', !this.data.statusBarEnabled);
    const snapshot = this.store.snapshot;
    el.setText(statusBarText(snapshot));
    el.setAttr('aria-label', statusBarTooltip(snapshot));
  }
}
