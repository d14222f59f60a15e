// "Insert weekly review": the bridge's review of the week (Monday to the day, against last week and
// the same week a year ago) goes at the cursor, on lines of its own. The day is the note's own when
// its name is a date (a daily note), else today. Like the briefing, the note and cursor are taken
// when the command runs and the text goes there once the bridge has answered, or nowhere.
import type { App, Editor } from 'obsidian';
import type { WeeklyReviewResponse } from '../../bridge/contract/weekly-review';
import type { BridgeResult } from '../bridge-client/bridge-client';
import { notify } from '../twin/notify';
import { localDateKey } from './briefing-schedule';
import { relocate } from './insert-briefing';
import type { InsertTarget } from './insert-briefing';
import { detectEol } from './note-block';
import { openEditorFor, replaceChangedSpan } from './open-editor';

export interface WeeklyReviewDeps {
  app: App;
  fetchReview: (date: string) => Promise<BridgeResult<WeeklyReviewResponse>>;
  now: () => Date;
}

const DATE_NAME = /^(\d{4}-\d{2}-\d{2})$/;

/** The note's date when its file name is one (YYYY-MM-DD.md in any folder), else today. */
export function reviewDateFor(path: string | null, now: Date): string {
  const name = path?.split('/').pop()?.replace(/\.md$/, '') ?? '';
  const match = DATE_NAME.exec(name);
  return match?.[1] ?? localDateKey(now);
}

/** The note with `text` at the captured cursor, on lines of its own; null when the place is lost. */
export function withTextAt(target: InsertTarget, current: string, text: string): string | null {
  const at = relocate(target, current);
  if (at === null) return null;
  const eol = detectEol(current);
  const before = at > 0 && current[at - 1] !== '\n' ? eol : '';
  // A line break follows unless the cursor was already at one.
  const after = current[at] === '\n' || current[at] === '\r' ? '' : eol;
  const body = text.replace(/\r?\n/g, eol).replace(/\s+$/, '');
  return `${current.slice(0, at)}${before}${body}${after}${current.slice(at)}`;
}

export async function insertWeeklyReview(deps: WeeklyReviewDeps, editor: Editor, target: InsertTarget): Promise<void> {
  const result = await deps.fetchReview(reviewDateFor(target.path, deps.now()));
  if (!result.ok) {
    notify(`the weekly review was not inserted. ${result.message}`);
    return;
  }
  const file = target.path === null ? null : deps.app.vault.getFileByPath(target.path);
  if (target.path !== null && file === null) {
    notify(`${target.path} is gone; the weekly review was not inserted.`);
    return;
  }
  const outcome = { lost: false };
  const change = (current: string): string => {
    const next = withTextAt(target, current, result.data.report);
    outcome.lost = next === null;
    return next ?? current;
  };
  // The note's own editor if it is open (the command's leaf may show another note by now).
  const open = target.path === null ? editor : openEditorFor(deps.app, target.path);
  if (open !== null) replaceChangedSpan(open, change(open.getValue()));
  else if (file !== null) await deps.app.vault.process(file, change);
  if (outcome.lost) notify('the note changed where the weekly review was to go, so it was not inserted.');
}
