// Writing the briefing into today's daily note. Fetch first (nothing is written when the bridge is
// down), then one edit that replaces, merges or appends the marked block: through the editor when
// the note is open in one, else with the atomic Vault.process. A note whose block already carries
// today's stamp (another synced device got there first) is left alone unless forced.
import { moment } from '../time/moment';
import type { App } from 'obsidian';
import type { StatusResponse } from '../../bridge/contract/responses';
import type { BridgeResult } from '../bridge-client/bridge-client';
import type { BriefingStyle } from '../settings/settings';
import { briefedDateOf, briefingLines, statusLineLines } from './briefing-callout';
import { localDateKey } from './briefing-schedule';
import { dailyNotePath, readDailyNoteSettings } from './daily-note-settings';
import { ensureDailyNote } from './daily-note-file';
import { applyBlock, readBlock, scanBlocks } from './note-block';
import type { BlockEdit, MissingMarkers } from './note-block';
import { openEditorFor, replaceChangedSpan } from './open-editor';

export type BriefingOutcome =
  | { kind: 'written'; path: string; date: string }
  | { kind: 'already-briefed'; path: string; date: string }
  | { kind: 'no-markers'; path: string; date: string }
  | { kind: 'broken'; path: string; date: string; message: string }
  | { kind: 'offline'; message: string; date: string }
  | { kind: 'failed'; message: string; date: string };

export interface BriefingDeps {
  app: App;
  fetchStatus: () => Promise<BridgeResult<StatusResponse>>;
  now: () => Date;
  /** The day's insight line for the callout, or null (see insight-headline.ts). */
  headline?: (date: string) => Promise<string | null>;
}

export interface BriefingOptions {
  force: boolean;
  missing: MissingMarkers;
  style: BriefingStyle;
  /** Folder and format of today's note when neither daily-note plugin is on. */
  ownDailyNotes: { folder: string; format: string };
}

function briefedOn(text: string, dateKey: string): boolean {
  return briefedDateOf(readBlock(text)) === dateKey;
}

export function brokenMessage(path: string): string {
  return `${path} has a briefing start marker without an end marker. Add %%BRIEFING_END%% where the briefing should end; nothing was written.`;
}

/**
 * A note holding the briefing block more than once (a sync merge of two devices' edits keeps both):
 * the first block stays with its content, the others go. Nothing else changes; a broken note or a
 * block this plugin cannot rewrite is left alone. Returns whether the note changed.
 */
export async function mergeDuplicateBlocks(app: App, path: string): Promise<boolean> {
  const file = app.vault.getFileByPath(path);
  if (file === null) return false;
  const merge = (text: string): string => {
    const scan = scanBlocks(text);
    const first = scan.blocks[0];
    if (scan.brokenAt !== null || first === undefined || scan.blocks.length < 2) return text;
    try {
      return applyBlock(text, text.slice(first.contentStart, first.contentEnd)).text;
    } catch {
      return text;
    }
  };
  // Called on every save of today's note: an open editor's text is scanned once.
  const editor = openEditorFor(app, path);
  if (editor !== null) {
    const before = editor.getValue();
    const merged = merge(before);
    if (merged === before) return false;
    replaceChangedSpan(editor, merged);
    return true;
  }
  // Read first so that a note with nothing to merge is left untouched.
  const before = await app.vault.read(file);
  if (merge(before) === before) return false;
  await app.vault.process(file, merge);
  return true;
}

export async function writeDailyBriefing(deps: BriefingDeps, options: BriefingOptions): Promise<BriefingOutcome> {
  const now = deps.now();
  const date = localDateKey(now);
  try {
    const settings = await readDailyNoteSettings(deps.app, options.ownDailyNotes);
    const path = dailyNotePath(settings, now);
    const existing = deps.app.vault.getFileByPath(path);
    if (!options.force && existing !== null && briefedOn(await deps.app.vault.read(existing), date)) {
      await mergeDuplicateBlocks(deps.app, path);
      return { kind: 'already-briefed', path, date };
    }

    const result = await deps.fetchStatus();
    if (!result.ok) return { kind: 'offline', message: result.message, date };

    const file = await ensureDailyNote(deps.app, settings, now);
    const time = moment(deps.now()).format('HH:mm');
    const insight = options.style === 'status-line' ? null : ((await deps.headline?.(date)) ?? null);
    const lines = options.style === 'status-line' ? statusLineLines(result.data, date, time) : briefingLines(result.data, date, time, insight);
    const outcome: { skipped: boolean; edit: BlockEdit | null } = { skipped: false, edit: null };
    const change = (text: string): string => {
      // Checked again at the moment of the edit: another device's block may have arrived meanwhile.
      if (!options.force && briefedOn(text, date)) {
        outcome.skipped = true;
        return text;
      }
      outcome.edit = applyBlock(text, lines, { missing: options.missing });
      return outcome.edit.text;
    };

    const editor = openEditorFor(deps.app, file.path);
    if (editor !== null) replaceChangedSpan(editor, change(editor.getValue()));
    else await deps.app.vault.process(file, change);

    if (outcome.skipped) return { kind: 'already-briefed', path: file.path, date };
    const done = outcome.edit;
    if (done?.kind === 'broken') return { kind: 'broken', path: file.path, date, message: brokenMessage(file.path) };
    if (done?.kind === 'no-markers') return { kind: 'no-markers', path: file.path, date };
    return { kind: 'written', path: file.path, date };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error), date };
  }
}
