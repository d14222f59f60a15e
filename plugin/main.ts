// Digital Twin for Obsidian: the twin panel, the history view, the daily-note briefing, commands,
// settings and the status bar. Wiring only; the work is done in the modules it imports.
import { Notice, Platform, Plugin, requireApiVersion } from 'obsidian';
import { moment } from './time/moment';
import type { Editor, MarkdownFileInfo, MarkdownView, WorkspaceLeaf } from 'obsidian';
import type { StatusResponse } from '../bridge/contract/responses';
import { BridgeClient } from './bridge-client/bridge-client';
import type { BridgeResult } from './bridge-client/bridge-client';
import { briefingLines, statusLineLines, unavailableLines } from './daily-note/briefing-callout';
import { RetryBackoff } from './daily-note/briefing-retry';
import { TickClassifier, isBriefingDue, localDateKey, parseBriefingTime } from './daily-note/briefing-schedule';
import type { TriggerReason } from './daily-note/briefing-schedule';
import { systemClock } from './time/clock';
import type { Clock } from './time/clock';
import { mergeDuplicateBlocks, writeDailyBriefing } from './daily-note/daily-note-briefing';
import { dailyNotePath, readDailyNoteSettings } from './daily-note/daily-note-settings';
import { openEditorFor, replaceChangedSpan } from './daily-note/open-editor';
import type { BriefingOutcome } from './daily-note/daily-note-briefing';
import { formatAge } from './twin/format';
import { HistoryView, VIEW_TYPE_HISTORY } from './views/history-view';
import { captureTarget, planInsertion } from './daily-note/insert-briefing';
import type { InsertTarget } from './daily-note/insert-briefing';
import { renderBlock } from './daily-note/note-block';
import { migrateApiKey, resolveApiKey, secretPickerClass, secretStoreOf } from './settings/api-key';
import { normaliseData } from './settings/settings';
import type { TwinData } from './settings/settings';
import { TwinSettingTab } from './settings/settings-tab';
import type { SettingsHost, TodaysNote } from './settings/settings-tab';
import { statusBarText, statusBarTooltip } from './views/status-bar';
import { degradedDomains } from './twin/twin-alerts';
import { TwinPanelView, VIEW_TYPE_TWIN_PANEL } from './views/twin-panel';
import { TwinStore } from './twin/twin-store';
import { InsightsStore } from './views/insights-store';
import { todaysHeadline } from './daily-note/insight-headline';
import { insertWeeklyReview } from './daily-note/weekly-review';

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
  private statusBarEl: HTMLElement | null = null;
  private readonly ticks = new TickClassifier(TICK_MS);
  private readonly retry = new RetryBackoff();
  private briefingRun: Promise<BriefingOutcome | null> | null = null;
  /** Date of the last broken-block notice this run, so that it is said once. */
  private brokenNoticeDate: string | null = null;

  get data(): TwinData {
    return this.settings;
  }

  override async onload(): Promise<void> {
    this.settings = normaliseData(await this.loadData());
    // A key left in data.json by an older version or an older app moves to the secret storage once.
    if (migrateApiKey(this.app, this.settings)) await this.saveData(this.settings);
    this.client = new BridgeClient(() => ({ baseUrl: this.data.bridgeUrl, apiKey: resolveApiKey(this.app, this.data) }));
    this.store = new TwinStore(() => this.client.getStatus(), { now: () => this.clock.now() });
    this.register(this.store.subscribe(() => this.onStoreChange()));
    this.insights = new InsightsStore(() => this.client.getInsights(), { now: () => this.clock.now() });
    this.register(this.insights.subscribe(() => this.onStoreChange()));

    this.registerView(VIEW_TYPE_TWIN_PANEL, (leaf) => new TwinPanelView(leaf, { store: this.store, insights: this.insights, now: () => this.clock.now() }));
    this.registerView(VIEW_TYPE_HISTORY, (leaf) => new HistoryView(leaf, { fetchHistory: (query) => this.client.getHistory(query) }));

    this.addRibbonIcon('activity', 'Open twin panel', () => {
      void this.openView(VIEW_TYPE_TWIN_PANEL);
    });
    this.addCommand({
      id: 'insert-briefing',
      name: 'Insert briefing here',
      editorCallback: (editor: Editor, ctx: MarkdownView | MarkdownFileInfo) => {
        // The target is taken now; the bridge may take seconds, and the user may move on meanwhile.
        void this.insertBriefing(editor, captureTarget(editor, ctx.file?.path ?? null));
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

    this.addSettingTab(new TwinSettingTab(this.app, this, this));

    if (!Platform.isMobile) {
      this.statusBarEl = this.addStatusBarItem();
      this.statusBarEl.addClass('dt-status-bar');
      this.updateStatusBar();
    }

    this.registerInterval(window.setInterval(() => void this.onTick(), TICK_MS));
    // Sync writes other devices' edits into the vault; a merge may have doubled the briefing block.
    this.registerEvent(this.app.vault.on('modify', (file) => void this.onNoteModified(file.path)));
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

  usesSecretStorage(): boolean {
    return secretStoreOf(this.app) !== null && secretPickerClass() !== null;
  }

  async todaysNote(): Promise<TodaysNote> {
    const settings = await readDailyNoteSettings(this.app, { folder: this.data.dailyNoteFolder, format: this.data.dailyNoteFormat });
    return { source: settings.source, path: dailyNotePath(settings, this.clock.now()) };
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
    if ((kind === 'wake' && this.anythingShowsTheTwin()) || this.autoRefreshDue(now)) void this.store.refresh();
    await this.maybeBrief(kind);
  }

  async onTrigger(reason: TriggerReason): Promise<void> {
    if (reason === 'startup') void this.store.refresh();
    await this.maybeBrief(reason);
  }

  /**
   * Whether anything on screen shows the twin: the status bar (desktop only; there is none on
   * mobile) or a twin panel that is really displayed. A deferred leaf (1.7.2+: restored but not yet
   * shown, its view a placeholder) and a panel in a collapsed sidebar do not count.
   */
  private anythingShowsTheTwin(): boolean {
    if (this.statusBarEl !== null && this.data.statusBarEnabled) return true;
    return this.app.workspace.getLeavesOfType(VIEW_TYPE_TWIN_PANEL).some((leaf) => {
      if (requireApiVersion('1.7.2') && leaf.isDeferred) return false;
      return leaf.view instanceof TwinPanelView && leaf.view.containerEl.isShown();
    });
  }

  private autoRefreshDue(now: Date): boolean {
    const minutes = this.data.refreshIntervalMinutes;
    if (minutes <= 0 || !this.anythingShowsTheTwin()) return false;
    const { fetchedAt, errorAt } = this.store.snapshot;
    const last = Math.max(fetchedAt?.getTime() ?? 0, errorAt?.getTime() ?? 0);
    return now.getTime() - last >= minutes * 60_000 - 1000;
  }

  /** Writes today's briefing when it is due. Resolves to what happened, or null when nothing was due. */
  async maybeBrief(reason: TriggerReason): Promise<BriefingOutcome | null> {
    if (!this.data.briefingEnabled) return null;
    const time = parseBriefingTime(this.data.briefingTime);
    const now = this.clock.now();
    if (time === null || !isBriefingDue(now, time, this.data.lastBriefedDate, this.data.weekdaysOnly)) return null;
    // After a failure, scheduled attempts wait (1, 2, 5, 15 … minutes); a start-up tries at once.
    if (reason !== 'startup' && !this.retry.mayTry(now.getTime(), localDateKey(now))) return null;
    return this.brief(false);
  }

  /** The refresh command: writes today's briefing now, replacing one that is already there. */
  async refreshTodaysBriefing(): Promise<BriefingOutcome | null> {
    const outcome = await this.brief(true);
    if (outcome?.kind === 'written') new Notice(`Briefing written to ${outcome.path}.`);
    if (outcome?.kind === 'no-markers') new Notice(`${outcome.path} has no briefing markers; nothing was written (see the plugin's settings).`);
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
      {
        app: this.app,
        fetchStatus: () => this.store.refresh(),
        now: () => this.clock.now(),
        headline: (date) => todaysHeadline({ fetchInsights: () => this.client.getInsights(), memory: () => this.data.lastHeadline, remember: (m) => this.rememberHeadline(m) }, date),
      },
      {
        force,
        missing: this.data.missingMarkers,
        style: this.data.briefingStyle,
        ownDailyNotes: { folder: this.data.dailyNoteFolder, format: this.data.dailyNoteFormat },
      },
    );
    const nowMs = this.clock.now().getTime();
    if (outcome.kind === 'written' || outcome.kind === 'already-briefed' || outcome.kind === 'no-markers') {
      this.retry.reset();
      this.store.setBriefingIssue(null);
      if (this.data.lastBriefedDate !== outcome.date) {
        this.data.lastBriefedDate = outcome.date;
        await this.saveData(this.data);
      }
    } else if (outcome.kind === 'broken') {
      // Never guess where a broken block ends: say so once, in a notice and in the panel.
      this.retry.failed(nowMs, outcome.date);
      this.store.setBriefingIssue(outcome.message);
      if (force || this.brokenNoticeDate !== outcome.date) {
        this.brokenNoticeDate = outcome.date;
        new Notice(`Digital twin: ${outcome.message}`);
      }
    } else {
      this.retry.failed(nowMs, outcome.date);
      // Tell the user once a day (remembered across restarts); later attempts are quiet.
      if (force || this.data.offlineNoticeDate !== outcome.date) {
        this.data.offlineNoticeDate = outcome.date;
        await this.saveData(this.data);
        const what = outcome.kind === 'offline' ? "Today's briefing is waiting for the bridge" : "Today's briefing could not be written";
        new Notice(`Digital twin: ${what}. ${outcome.message}`);
      }
      if (outcome.kind === 'failed') console.error('Digital twin: briefing failed', outcome.message);
    }
    return outcome;
  }

  private async rememberHeadline(memory: TwinData['lastHeadline']): Promise<void> {
    this.data.lastHeadline = memory;
    await this.saveData(this.data);
  }

  // --- views, editor, status bar ---

  /** Lines for the block at the insertion point, in the configured style. */
  private async blockLines(): Promise<string[]> {
    const result = await this.store.refresh();
    const now = this.clock.now();
    if (!result.ok) {
      new Notice(`Digital twin: ${result.message}`);
      return unavailableLines(result.message);
    }
    const style = this.data.briefingStyle === 'status-line' ? statusLineLines : briefingLines;
    return style(result.data, localDateKey(now), moment(now).format('HH:mm'));
  }

  /** Inserts into the note captured when the command ran, never into another one. */
  async insertBriefing(editor: Editor, target: InsertTarget): Promise<void> {
    const lines = await this.blockLines();
    const file = target.path === null ? null : this.app.vault.getFileByPath(target.path);
    if (target.path !== null && file === null) {
      new Notice(`Digital twin: ${target.path} is gone; the briefing was not inserted.`);
      return;
    }
    // The note's own editor if it is open (the command's leaf may show another note by now).
    const open = target.path === null ? editor : openEditorFor(this.app, target.path);
    const result: { problem: string | null } = { problem: null };
    const change = (current: string): string => {
      const plan = planInsertion(target, current, lines);
      if (plan.kind === 'text') return plan.text;
      result.problem = plan.kind === 'broken' ? 'the note has a briefing start marker without an end marker' : 'the note changed around the cursor';
      return current;
    };
    if (open !== null) replaceChangedSpan(open, change(open.getValue()));
    else if (file !== null) await this.app.vault.process(file, change);
    if (result.problem !== null) new Notice(`Digital twin: the briefing was not inserted: ${result.problem}.`);
  }

  /** Merges duplicated briefing blocks in today's or yesterday's daily note, and only there. */
  async onNoteModified(path: string): Promise<void> {
    const settings = await readDailyNoteSettings(this.app, { folder: this.data.dailyNoteFolder, format: this.data.dailyNoteFormat });
    const today = this.clock.now();
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1, 12);
    if (path !== dailyNotePath(settings, today) && path !== dailyNotePath(settings, yesterday)) return;
    await mergeDuplicateBlocks(this.app, path);
  }

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
