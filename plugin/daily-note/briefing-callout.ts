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
  const title = open
    ? `Twin briefing: ${count > 0 ? `${count} need${count === 1 ? 's' : ''} attention` : 'needs attention'}`
    : 'Twin briefing: all well';
  const body = status.report.trim() === '' ? ['> The bridge sent no briefing text.'] : quote(status.report);
  const extra = insight === null ? [] : ['>', `> ${insight}`];
  return [stampLine(dateKey, time), `> [!${open ? 'warning' : 'info'}]${open ? '+' : '-'} ${title}`, ...body, ...extra, `> *Data computed ${status.computed_at}*`, ''];
}

/** What goes between the markers when the bridge could not be reached: no stamp, so the next run replaces it. */
export function unavailableLines(message: string): string[] {
  return ['> [!failure]+ Twin briefing unavailable', ...quote(message), '> It is filled in automatically once the bridge answers.', ''];
}

/**
 * The "one status line" style: the stamp and a single line for the top of the note, as the user's
 * own spec describes the BRIEFING block ("a unified system status line for the header").
 */
export function statusLineLines(status: StatusResponse, dateKey: string, time: string): string[] {
  const alerts = collectAlerts(status);
  const summary =
    alerts.length === 0
      ? '✅ Twin: all well'
      : `⚠️ Twin: ${alerts.length} need${alerts.length === 1 ? 's' : ''} attention: ${alerts.map((alert) => alert.text.replace(/\s+/g, ' ').trim()).join(' · ')}`;
  return [stampLine(dateKey, time), `${summary} (${time})`];
}
