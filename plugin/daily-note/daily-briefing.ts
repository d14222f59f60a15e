// The daily briefing as a service: when it is due (the configured time, or the first moment the app
// runs after it), one write at a time, waits after a failure, what the user is told and what is
// remembered in data.json; the "insert here" and refresh commands; and merging the duplicate blocks
// that a sync of two devices' edits can leave. The plugin creates it and hands it its register helper.
import { Notice } from 'obsidian';
import type { App, Editor, Plugin } from 'obsidian';
import type { StatusResponse } from '../../bridge/contract/responses';
import type { BridgeResult } from '../bridge-client/bridge-client';
import type { TwinData } from '../settings/settings';
import type { TwinStore } from '../twin/twin-store';
import { notify } from '../twin/notify';
import { moment } from '../time/moment';
import { briefingLines, comingDayLines, statusLineLines, unavailableLines } from './briefing-callout';
import { RetryBackoff } from './briefing-retry';
import { isBriefingDue, localDateKey, parseBriefingTime } from './briefing-schedule';
import type { TriggerReason } from './briefing-schedule';
import { mergeDuplicateBlocks, writeDailyBriefing } from './daily-note-briefing';
import type { BriefingOutcome } from './daily-note-briefing';
import { dailyNoteDay, dailyNotePath, readDailyNoteSettings } from './daily-note-settings';
import { planInsertion } from './insert-briefing';
import type { InsertTarget } from './insert-briefing';
import { todaysHeadline, type HeadlineDeps, type HeadlineMemory } from './insight-headline';
import { renderBlock } from './note-block';
import { openEditorFor, replaceChangedSpan } from './open-editor';

export interface DailyBriefingDeps {
  app: App;
  store: TwinStore;
  /** The bridge's insights, for the briefing's line of the day. */
  fetchInsights: HeadlineDeps['fetchInsights'];
  /** The twin at the end of a past day (YYYY-MM-DD), for that day's note. */
  fetchStatusOn: (day: string) => Promise<BridgeResult<StatusResponse>>;
  now: () => Date;
  /** The plugin's settings object as it is now (it is replaced on load). */
  settings: () => TwinData;
  /** Writes the settings (and the dates kept with them) to data.json. */
  persist: () => Promise<void>;
}

type Style = typeof briefingLines;

/** A day's block lines, or why there are none: the day is still to come, or the bridge failed. */
type DayLines = { ok: true; lines: string[] } | { ok: false; future: boolean; message: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The folder and format the plugin's settings give for daily notes (used when no daily-note plugin is on). */
function ownDailyNotes(deps: DailyBriefingDeps): { folder: string; format: string } {
  const settings = deps.settings();
  return { folder: settings.dailyNoteFolder, format: settings.dailyNoteFormat };
}

async function rememberHeadline(deps: DailyBriefingDeps, memory: HeadlineMemory): Promise<void> {
  deps.settings().lastHeadline = memory;
  await deps.persist();
}

function today(deps: DailyBriefingDeps): string {
  return localDateKey(deps.now());
}

/** The day a note's briefing is for: its daily note's day, a day given as YYYY-MM-DD, else today. */
async function dayOf(deps: DailyBriefingDeps, note: string | null): Promise<string> {
  if (note === null) return today(deps);
  if (DAY.test(note)) return note;
  const settings = await readDailyNoteSettings(deps.app, ownDailyNotes(deps));
  return dailyNoteDay(settings, note) ?? today(deps);
}

/** The block lines of `day`: today's from the twin's store, a past day's from the bridge, none for a day to come. */
async function linesFor(deps: DailyBriefingDeps, day: string, style: Style): Promise<DayLines> {
  const now = deps.now();
  const todayKey = localDateKey(now);
  if (day > todayKey) return { ok: false, future: true, message: `${day} is still to come; its briefing can be inserted on that day.` };
  const result = day === todayKey ? await deps.store.refresh() : await deps.fetchStatusOn(day);
  if (!result.ok) return { ok: false, future: false, message: result.message };
  return { ok: true, lines: style(result.data, day, moment(now).format('HH:mm')) };
}

/**
 * Lines for the block at the insertion point, in the configured style; null when nothing goes in. For
 * today a failure leaves a placeholder the schedule fills in; a past or future day gets only a notice.
 */
async function blockLinesFor(deps: DailyBriefingDeps, note: string | null): Promise<string[] | null> {
  const day = await dayOf(deps, note);
  const style = deps.settings().briefingStyle === 'status-line' ? statusLineLines : briefingLines;
  const made = await linesFor(deps, day, style);
  if (made.ok) return made.lines;
  if (day === today(deps)) {
    notify(`${made.message}`);
    return unavailableLines(made.message);
  }
  notify(`the briefing of ${day} was not inserted. ${made.message}`);
  return null;
}

export class DailyBriefing {
  private readonly retry = new RetryBackoff();
  private run: Promise<BriefingOutcome | null> | null = null;
  /** Date of the last broken-block notice this run, so that it is said once. */
  private brokenNoticeDate: string | null = null;

  constructor(private readonly deps: DailyBriefingDeps) {}

  /** Sync writes other devices' edits into the vault; a merge may have doubled the briefing block. */
  register(plugin: Pick<Plugin, 'registerEvent'>): void {
    plugin.registerEvent(this.deps.app.vault.on('modify', (file) => void this.mergeAfterSync(file.path)));
  }

  /** Writes today's briefing when it is due. Resolves to what happened, or null when nothing was due. */
  async maybeBrief(reason: TriggerReason): Promise<BriefingOutcome | null> {
    const settings = this.deps.settings();
    if (!settings.briefingEnabled) return null;
    const time = parseBriefingTime(settings.briefingTime);
    const now = this.deps.now();
    if (time === null || !isBriefingDue(now, time, settings.lastBriefedDate, settings.weekdaysOnly)) return null;
    // After a failure, scheduled attempts wait (1, 2, 5, 15 … minutes); a start-up tries at once.
    if (reason !== 'startup' && !this.retry.mayTry(now.getTime(), localDateKey(now))) return null;
    return this.brief(false);
  }

  /** The refresh command: writes today's briefing now, replacing one that is already there. */
  async refreshToday(): Promise<BriefingOutcome | null> {
    const outcome = await this.brief(true);
    if (outcome?.kind === 'written') new Notice(`Briefing written to ${outcome.path}.`);
    if (outcome?.kind === 'no-markers') new Notice(`${outcome.path} has no briefing markers; nothing was written (see the plugin's settings).`);
    return outcome;
  }

  /**
   * The briefing as a marked block (markers included), ready to put into a note: the day of `note` (a
   * daily note's path, or a day as YYYY-MM-DD), else today's. A future day's block is left for that day.
   */
  async markedBlock(note: string | null = null): Promise<string> {
    const { deps } = this;
    const day = await dayOf(deps, note);
    const made = await linesFor(deps, day, briefingLines);
    if (made.ok) return renderBlock(made.lines);
    if (made.future) return renderBlock(comingDayLines(day));
    return renderBlock(unavailableLines(made.message, day === today(deps) ? null : day));
  }

  /**
   * Inserts into the note captured when the command ran, never into another one: a past day's daily
   * note gets that day's briefing, any other note today's; a future day's note gets nothing.
   */
  async insert(editor: Editor, target: InsertTarget): Promise<void> {
    const { deps } = this;
    const { app } = deps;
    const lines = await blockLinesFor(deps, target.path);
    if (lines === null) return;
    const file = target.path === null ? null : app.vault.getFileByPath(target.path);
    if (target.path !== null && file === null) {
      notify(`${target.path} is gone; the briefing was not inserted.`);
      return;
    }
    // The note's own editor if it is open (the command's leaf may show another note by now).
    const open = target.path === null ? editor : openEditorFor(app, target.path);
    const result: { problem: string | null } = { problem: null };
    const change = (current: string): string => {
      const plan = planInsertion(target, current, lines);
      if (plan.kind === 'text') return plan.text;
      result.problem = plan.kind === 'broken' ? 'the note has a briefing start marker without an end marker' : 'the note changed around the cursor';
      return current;
    };
    if (open !== null) replaceChangedSpan(open, change(open.getValue()));
    else if (file !== null) await app.vault.process(file, change);
    if (result.problem !== null) notify(`the briefing was not inserted: ${result.problem}.`);
  }

  /** Merges duplicated briefing blocks in today's or yesterday's daily note, and only there. */
  async mergeAfterSync(path: string): Promise<void> {
    const { deps } = this;
    const settings = await readDailyNoteSettings(deps.app, ownDailyNotes(deps));
    const today = deps.now();
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1, 12);
    if (path !== dailyNotePath(settings, today) && path !== dailyNotePath(settings, yesterday)) return;
    await mergeDuplicateBlocks(deps.app, path);
  }

  /** One write at a time: a trigger that arrives while one runs gets its outcome. */
  private brief(force: boolean): Promise<BriefingOutcome | null> {
    if (this.run === null) {
      this.run = this.write(force).finally(() => {
        this.run = null;
      });
    }
    return this.run;
  }

  private async write(force: boolean): Promise<BriefingOutcome> {
    const { deps } = this;
    const settings = deps.settings();
    const outcome = await writeDailyBriefing(
      {
        app: deps.app,
        fetchStatus: () => deps.store.refresh(),
        now: deps.now,
        headline: (date) => todaysHeadline({ fetchInsights: deps.fetchInsights, memory: () => settings.lastHeadline, remember: (m) => rememberHeadline(deps, m) }, date),
      },
      { force, missing: settings.missingMarkers, style: settings.briefingStyle, ownDailyNotes: ownDailyNotes(deps) },
    );
    await this.record(outcome, force);
    return outcome;
  }

  /** What an outcome changes: the retry wait, the panel's note problem, data.json and notices. */
  private async record(outcome: BriefingOutcome, force: boolean): Promise<void> {
    const { deps, retry } = this;
    const settings = deps.settings();
    const nowMs = deps.now().getTime();
    if (outcome.kind === 'written' || outcome.kind === 'already-briefed' || outcome.kind === 'no-markers') {
      retry.reset();
      deps.store.setBriefingIssue(null);
      if (settings.lastBriefedDate !== outcome.date) {
        settings.lastBriefedDate = outcome.date;
        await deps.persist();
      }
    } else if (outcome.kind === 'broken') {
      // Never guess where a broken block ends: say so once, in a notice and in the panel.
      retry.failed(nowMs, outcome.date);
      deps.store.setBriefingIssue(outcome.message);
      if (force || this.brokenNoticeDate !== outcome.date) {
        this.brokenNoticeDate = outcome.date;
        notify(`${outcome.message}`);
      }
    } else {
      retry.failed(nowMs, outcome.date);
      // Tell the user once a day (remembered across restarts); later attempts are quiet.
      if (force || settings.offlineNoticeDate !== outcome.date) {
        settings.offlineNoticeDate = outcome.date;
        await deps.persist();
        const what = outcome.kind === 'offline' ? "Today's briefing is waiting for the bridge" : "Today's briefing could not be written";
        notify(`${what}. ${outcome.message}`);
      }
      if (outcome.kind === 'failed') console.error('Digital twin: briefing failed', outcome.message);
    }
  }
}
