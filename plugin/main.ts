// Digital Twin for Obsidian: the twin panel, the history view, the daily-note briefing, commands,
// settings and the status bar. Wiring only; the work is done in the modules it imports.
import { Platform, Plugin, requireApiVersion } from 'obsidian';
import type { Editor, MarkdownFileInfo, MarkdownView, ObsidianProtocolData, WorkspaceLeaf } from 'obsidian';
import type { StatusResponse } from '../bridge/contract/responses';
import { BridgeClient } from './bridge-client/bridge-client';
import { TickClassifier } from './daily-note/briefing-schedule';
import type { TriggerReason } from './daily-note/briefing-schedule';
import { DailyBriefing } from './daily-note/daily-briefing';
import { dailyNotePath, readDailyNoteSettings } from './daily-note/daily-note-settings';
import { captureTarget } from './daily-note/insert-briefing';
import { insertWeeklyReview } from './daily-note/weekly-review';
import { PAIRING_ACTION, pairingFrom } from './pairing/pairing-link';
import type { Pairing } from './pairing/pairing-link';
import { PairingModal } from './pairing/pairing-modal';
import { DEFAULT_SECRET_ID, migrateApiKey, resolveApiKey, storeApiKey } from './settings/api-key';
import { testConnection } from './settings/connection-test';
import type { ConnectionReport } from './settings/connection-test';
import { normaliseData } from './settings/settings';
import type { TwinData } from './settings/settings';
import { TwinSettingTab } from './settings/settings-tab';
import type { SettingsHost, TodaysNote } from './settings/settings-tab';
import { systemClock } from './time/clock';
import type { Clock } from './time/clock';
import { autoRefreshDue } from './twin/auto-refresh';
import { notify } from './twin/notify';
import { TwinStore } from './twin/twin-store';
import { HistoryView, VIEW_TYPE_HISTORY } from './views/history-view';
import { insightsStore } from './views/insights-store';
import type { InsightsStore } from './views/insights-store';
import { statusBarText, statusBarTooltip } from './views/status-bar';
import { TwinPanelView, VIEW_TYPE_TWIN_PANEL, renderTwinPanels, twinPanelShown } from './views/twin-panel';

/** The scheduler's heartbeat: briefing due checks, auto-refresh, wake-from-sleep detection. */
export const TICK_MS = 60_000;

export default class DigitalTwinPlugin extends Plugin implements SettingsHost {
  /** Replaceable before onload (tests use a fake clock). */
  clock: Clock = systemClock;
  /** Settings and a little state, as kept in data.json (Plugin.settings in the 1.13 typings). */
  declare settings: TwinData;
  store!: TwinStore;
  insights!: InsightsStore;
  private client!: BridgeClient;
  private briefing!: DailyBriefing;
  private statusBarEl: HTMLElement | null = null;
  private readonly ticks = new TickClassifier(TICK_MS);

  get data(): TwinData {
    return this.settings;
  }

  override async onload(): Promise<void> {
    this.settings = normaliseData(await this.loadData());
    // A key left in data.json by an older version or an older app moves to the secret storage once.
    if (migrateApiKey(this.app, this.settings)) await this.saveData(this.settings);
    const now = (): Date => this.clock.now();
    const client = new BridgeClient(() => ({ baseUrl: this.data.bridgeUrl, apiKey: resolveApiKey(this.app, this.data) }));
    const store = new TwinStore(() => client.getStatus(), { now });
    const insights = insightsStore(() => client.getInsights(), { now });
    this.client = client;
    this.store = store;
    this.insights = insights;
    this.register(store.subscribe(() => this.onStoreChange()));
    this.register(insights.subscribe(() => this.onStoreChange()));
    this.briefing = new DailyBriefing({
      app: this.app,
      store,
      fetchInsights: () => client.getInsights(),
      fetchStatusOn: (day) => client.getStatus(day),
      now,
      settings: () => this.data,
      persist: () => this.saveData(this.data),
    });

    this.registerView(
      VIEW_TYPE_TWIN_PANEL,
      (leaf) =>
        new TwinPanelView(leaf, {
          store,
          insights,
          now,
          connection: () => ({ url: this.data.bridgeUrl, answered: this.data.bridgeAnswered }),
          testConnection: () => this.testConnection(),
        }),
    );
    this.registerView(
      VIEW_TYPE_HISTORY,
      (leaf) => new HistoryView(leaf, { fetchHistory: (query) => client.getHistory(query), fetchStatusOn: (day) => client.getStatus(day), now }),
    );
    this.addCommands();
    this.addSettingTab(new TwinSettingTab(this.app, this, this));
    this.registerObsidianProtocolHandler(PAIRING_ACTION, (params) => this.onPairingLink(params));

    if (!Platform.isMobile) {
      this.statusBarEl = this.addStatusBarItem();
      this.statusBarEl.addClass('dt-status-bar');
      this.updateStatusBar();
    }

    this.briefing.register(this);
    this.registerInterval(window.setInterval(() => void this.onTick(), TICK_MS));
    this.registerDomEvent(window, 'focus', () => void this.onTrigger('focus'));
    this.app.workspace.onLayoutReady(() => void this.onTrigger('startup'));
  }

  private addCommands(): void {
    this.addRibbonIcon('activity', 'Open twin panel', () => {
      void this.openView(VIEW_TYPE_TWIN_PANEL);
    });
    this.addCommand({
      id: 'insert-briefing',
      name: 'Insert briefing here',
      editorCallback: (editor: Editor, ctx: MarkdownView | MarkdownFileInfo) => {
        // The target is taken now; the bridge may take seconds, and the user may move on meanwhile.
        void this.briefing.insert(editor, captureTarget(editor, ctx.file?.path ?? null));
      },
    });
    this.addCommand({
      id: 'insert-weekly-review',
      name: 'Insert weekly review',
      editorCallback: (editor: Editor, ctx: MarkdownView | MarkdownFileInfo) => {
        const deps = { app: this.app, fetchReview: (date: string) => this.client.getWeeklyReview(date), now: () => this.clock.now() };
        void insertWeeklyReview(deps, editor, captureTarget(editor, ctx.file?.path ?? null));
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
  }

  // --- public API (Templater, other plugins) ---

  /**
   * The briefing as a marked block (markers included), ready to put into a note. `note` is the path of
   * the note it goes into (Templater: `tp.file.path(true)`) or a day (YYYY-MM-DD): a past day's daily
   * note gets that day's briefing; without it, or for any other note, today's.
   */
  getBriefing(note?: string): Promise<string> {
    return this.briefing.markedBlock(note ?? null);
  }

  /** Writes today's briefing now, due or not; resolves to what happened. */
  refreshTodaysBriefing(): ReturnType<DailyBriefing['refreshToday']> {
    return this.briefing.refreshToday();
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

  /**
   * data.json changed on disk (a sync from another device): take the new settings, so that the next
   * save cannot write the stale copy back. The dates the schedule keeps only move forward.
   */
  override async onExternalSettingsChange(): Promise<void> {
    const fresh = normaliseData(await this.loadData());
    const later = (a: string | null, b: string | null) => (a !== null && (b === null || a > b) ? a : b);
    fresh.lastBriefedDate = later(this.settings.lastBriefedDate, fresh.lastBriefedDate);
    fresh.offlineNoticeDate = later(this.settings.offlineNoticeDate, fresh.offlineNoticeDate);
    Object.assign(this.settings, fresh);
    if (migrateApiKey(this.app, this.settings)) await this.saveData(this.settings);
    this.updateStatusBar();
  }

  async todaysNote(): Promise<TodaysNote> {
    const settings = await readDailyNoteSettings(this.app, { folder: this.data.dailyNoteFolder, format: this.data.dailyNoteFormat });
    return { source: settings.source, path: dailyNotePath(settings, this.clock.now()) };
  }

  testConnection(): Promise<ConnectionReport> {
    return testConnection(this.store, { url: this.data.bridgeUrl, mobile: Platform.isMobile }, () => this.clock.now());
  }

  // --- pairing (obsidian://digital-twin?url=…&key=…, printed by `digital-twin pair`) ---

  /** A pairing link was opened: shows what it would set and saves it only when asked to. */
  onPairingLink(params: ObsidianProtocolData): void {
    const pairing = pairingFrom(params);
    if ('problem' in pairing) {
      notify(`this pairing link was not used, nothing changed. ${pairing.problem}`);
      return;
    }
    const secretName = requireApiVersion('1.11.4') ? DEFAULT_SECRET_ID : null;
    new PairingModal(this.app, pairing, { currentUrl: this.data.bridgeUrl, secretName, save: (p) => this.savePairing(p) }).open();
  }

  private async savePairing(pairing: Pairing): Promise<ConnectionReport> {
    this.data.bridgeUrl = pairing.url;
    if (pairing.key !== null) storeApiKey(this.app, this.data, pairing.key);
    await this.saveSettings();
    return this.testConnection();
  }

  // --- scheduling ---

  /** One tick of the registered interval. Public so tests can drive it with a fake clock. */
  async onTick(): Promise<void> {
    const now = this.clock.now();
    const kind = this.ticks.classify(now.getTime());
    const shown = this.anythingShowsTheTwin();
    if (shown && (kind === 'wake' || autoRefreshDue(this.store.snapshot, now, this.data.refreshIntervalMinutes))) void this.store.refresh();
    await this.briefing.maybeBrief(kind);
  }

  async onTrigger(reason: TriggerReason): Promise<void> {
    if (reason === 'startup') void this.store.refresh();
    await this.briefing.maybeBrief(reason);
  }

  /** The status bar (desktop only; there is none on mobile) or a twin panel that is really displayed. */
  private anythingShowsTheTwin(): boolean {
    return (this.statusBarEl !== null && this.data.statusBarEnabled) || twinPanelShown(this.app);
  }

  // --- views and the status bar ---

  async openView(type: string): Promise<void> {
    const { workspace } = this.app;
    let leaf: WorkspaceLeaf | null = workspace.getLeavesOfType(type)[0] ?? null;
    if (leaf === null) {
      leaf = workspace.getRightLeaf(false);
      if (leaf === null) return;
      await leaf.setViewState({ type, active: true });
    }
    // revealLeaf (1.7.2+) also loads a deferred leaf; older apps have no deferred leaves.
    if (requireApiVersion('1.7.2')) await workspace.revealLeaf(leaf);
    else workspace.setActiveLeaf(leaf, { focus: true });
  }

  private onStoreChange(): void {
    // Once a bridge answered, an outage is shown as one (the last figures, their age), not as a first run.
    if (!this.data.bridgeAnswered && this.store.snapshot.status !== null) {
      this.data.bridgeAnswered = true;
      void this.saveData(this.data);
    }
    this.updateStatusBar();
    renderTwinPanels(this.app);
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
