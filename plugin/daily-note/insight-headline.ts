// The morning briefing's insight line: the strongest insight of the day (the bridge's `headline`),
// written only when it is new since the one last written, and at most one a day. What was written and
// its day are kept in data.json, so a rewrite the same day (a refresh, a restart) writes the same line.
import type { Headline, InsightsResponse } from '../../bridge/contract/insights';
import type { BridgeResult } from '../bridge-client/bridge-client';

export interface HeadlineMemory {
  id: string;
  text: string;
  /** Local date (YYYY-MM-DD) it was written for. */
  date: string;
}

/** The headline to write today, as it is to be remembered; null when there is none to write. */
export function headlineToWrite(headline: Headline | null, memory: HeadlineMemory | null, today: string): HeadlineMemory | null {
  // The day's line stays the day's line, whatever the bridge finds later that day.
  if (memory !== null && memory.date === today) return memory;
  if (headline === null || headline.id === memory?.id) return null;
  return { id: headline.id, text: headline.text, date: today };
}

export function headlineLine(text: string): string {
  return `💡 ${text.replace(/\s+/g, ' ').trim()}`;
}

export interface HeadlineDeps {
  fetchInsights: () => Promise<BridgeResult<InsightsResponse>>;
  memory: () => HeadlineMemory | null;
  remember: (memory: HeadlineMemory) => Promise<void>;
}

/** The line for today's briefing, or null; a bridge without insights leaves the briefing as it was. */
export async function todaysHeadline(deps: HeadlineDeps, today: string): Promise<string | null> {
  const before = deps.memory();
  // The bridge is asked only when today's line is not chosen yet.
  const result = before?.date === today ? null : await deps.fetchInsights();
  const choice = headlineToWrite(result?.ok ? result.data.headline : null, before, today);
  if (choice === null) return null;
  if (choice !== before) await deps.remember(choice);
  return headlineLine(choice.text);
}
