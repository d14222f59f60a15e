// The arguments the tools take, as an agent sees them (JSON Schema with what each means). They are
// checked here for their JSON type only; their values are the HTTP answer's to judge, so a bad one
// is refused with the HTTP 400's own words.
import { z } from 'zod';
import { HistoryEntity } from '../contract/responses';

/** At most this many transitions per history call, so that one answer stays within an agent's context. */
export const MCP_HISTORY_LIMIT = 50;

const date = z
  .string()
  .describe("a day as YYYY-MM-DD, today or before it, in the twin's time zone: the answer as it stood at that day's end; omit for now");

export const DayInput = z.object({ date: date.optional() });

export const MonthInput = z.object({
  month: z.int().min(1).max(12).optional().describe('the month, 1 to 12; omit for this month'),
  year: z.int().min(1900).max(9999).optional().describe('the year, e.g. 2025; needs month; omit for this year'),
});

const timestamp = (edge: string) =>
  z.string().optional().describe(`${edge}, an ISO 8601 timestamp with a zone, e.g. 2026-11-01T00:00:00Z`);

export const HistoryInput = z.object({
  since: timestamp('only transitions at or after this instant'),
  until: timestamp('only transitions at or before this instant'),
  entity: HistoryEntity.optional().describe('only this entity: health, finance, pantry (the twin writes these), or person, goal, training'),
  limit: z.int().min(1).max(MCP_HISTORY_LIMIT).optional().describe(`transitions per page, 1 to ${MCP_HISTORY_LIMIT}; default 20`),
  cursor: z.string().optional().describe('next_cursor of the previous page, for the next (older) page'),
});

export type ToolInput = typeof DayInput | typeof MonthInput | typeof HistoryInput;

/**
 * The arguments as query parameters, or what is wrong with their JSON types (null when nothing):
 * values out of range pass on, to be refused by the HTTP answer in its words.
 */
export function asQuery(input: ToolInput, args: Record<string, unknown>): { query: Record<string, string> } | { wrongType: string } {
  const result = input.safeParse(args);
  const wrongType = result.success ? [] : result.error.issues.filter((i) => i.code === 'invalid_type');
  if (wrongType.length > 0) {
    return { wrongType: wrongType.map((i) => `${i.path.join('.') || 'arguments'}: expected ${i.expected}`).join('; ') };
  }
  const query: Record<string, string> = {};
  for (const key of Object.keys(input.shape)) {
    const value = args[key];
    if (typeof value === 'string' || typeof value === 'number') query[key] = String(value);
  }
  return { query };
}
