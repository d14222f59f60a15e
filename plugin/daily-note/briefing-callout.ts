// The briefing as it goes into a note: a date stamp (an Obsidian comment, invisible when reading) and
// a callout holding the bridge's briefing text, collapsed when all is well and open on an alert.
import type { StatusResponse } from '../../bridge/contract/responses';
import { collectAlerts, shouldOpenBriefing } from '../twin/twin-alerts';

const STAMP = /^%% twin-briefing (\d{4}-\d{2}-\d{2})\b.*%%\s*$/;

export function stampLine(dateKey: string, time: string): string {
  return `%% twin-briefing ${dateKey} ${time} %%`;
}

/** The date a block was written for, read from its stamp; null when it has none. */
export function briefedDateOf(blockContent: string | null): string | null {
  if (blockContent === null) return null;
  for (const line of blockContent.split(/\r?\n/)) {
    const match = STAMP.exec(line);
    if (match) return match[1] ?? null;
  }
  return null;
}

function quote(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  return lines.map((line) => (line.trim() === '' ? '>' : `> ${line}`));
}

/** The lines between the markers for a status, stamped for `dateKey` at `time` (HH:MM), with the day's insight line if any. */
export function briefingLines(status: StatusResponse, dateKey: string, time: string, insight: string | null = null): string[] {
  const open = shouldOpenBriefing(status);
  const count = collectAlerts(status).length;
  // An answer for a day asked for (a past day's note) says which day it is.
  const of = status.date === undefined ? '' : ` of ${status.date}`;
  const title = open
    ? `Twin briefing${of}: ${count > 0 ? `${count} need${count === 1 ? 's' : ''} attention` : 'needs attention'}`
    : `Twin briefing${of}: all well`;
  const body = status.report.trim() === '' ? ['> The bridge sent no briefing text.'] : quote(status.report);
  const extra = insight === null ? [] : ['>', `> ${insight}`];
  const computed = status.date === undefined ? `> *Data computed ${status.computed_at}*` : `> *At the end of ${status.date}, computed ${status.computed_at}*`;
  return [stampLine(dateKey, time), `> [!${open ? 'warning' : 'info'}]${open ? '+' : '-'} ${title}`, ...body, ...extra, computed, ''];
}

/**
 * What goes between the markers when the bridge could not be reached: no stamp, so the next run
 * replaces it. A past day's note (`day`) is not briefed by the schedule: the command fills it in.
 */
export function unavailableLines(message: string, day: string | null = null): string[] {
  const later = day === null ? '> It is filled in automatically once the bridge answers.' : `> Insert the briefing of ${day} again once the bridge answers.`;
  return [`> [!failure]+ Twin briefing${day === null ? '' : ` of ${day}`} unavailable`, ...quote(message), later, ''];
}

/** A future day's block (from a template): no stamp, so the daily briefing fills it in on that day. */
export function comingDayLines(day: string): string[] {
  return [`> [!info]- Twin briefing of ${day}`, `> Written here on ${day} by the daily briefing.`, ''];
}

/**
 * The "one status line" style: the stamp and a single line for the top of the note, as the user's
 * own spec describes the BRIEFING block ("a unified system status line for the header").
 */
export function statusLineLines(status: StatusResponse, dateKey: string, time: string): string[] {
  const alerts = collectAlerts(status);
  const twin = status.date === undefined ? 'Twin' : `Twin on ${status.date}`;
  const summary =
    alerts.length === 0
      ? `✅ ${twin}: all well`
      : `⚠️ ${twin}: ${alerts.length} need${alerts.length === 1 ? 's' : ''} attention: ${alerts.map((alert) => alert.text.replace(/\s+/g, ' ').trim()).join(' · ')}`;
  // A past day's line names its day; the time it was written would read as a time of that day.
  return [stampLine(dateKey, time), status.date === undefined ? `${summary} (${time})` : summary];
}
