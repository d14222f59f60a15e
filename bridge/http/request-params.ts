// Request input, validated once: the query string and, for POST, a JSON object body (n8n's
// nodes may wrap it in a one-element array). Both carry the same parameters. n8n's router and AI
// tool nodes add fields of their own (chat_id, query, …): unknown parameters are ignored (and logged
// at debug level), while known ones with bad values are refused with what is allowed.
import type { Request } from 'express';
import type { Logger } from '../log/logger';
import { z } from 'zod';
import { HistoryEntity } from '../contract/responses';
import { decodeCursor, type CursorPosition } from '../history/history-cursor';
import { isoDate } from '../time/local-date';
import { HttpError } from './http-error';

const format = z.enum(['json', 'text'], { error: 'format must be json or text (both answer JSON)' }).optional();

export const TextParams = z.object({ format });

/** A day that exists, as YYYY-MM-DD, from 1901 to 9998 (a year ago and the week's Monday stay in range). */
function calendarDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  const exists = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  return exists && year > 1900 && year < 9999 ? isoDate(year, month, day) : null;
}

/** `date=YYYY-MM-DD`: the day an answer describes (whether it is not in the future is the route's to say). */
export const DayParams = TextParams.extend({
  date: z
    .string()
    .optional()
    .transform((v, ctx): string | null => {
      if (v === undefined || v.trim() === '') return null;
      const day = calendarDay(v.trim());
      if (day === null) {
        ctx.addIssue({ code: 'custom', message: `date must be a day that exists, as YYYY-MM-DD, e.g. 2026-12-02 (got ${JSON.stringify(v.slice(0, 40))})` });
        return z.NEVER;
      }
      return day;
    }),
});

export type DayQuery = z.output<typeof DayParams>;

const ISO_TIMESTAMP = z.iso.datetime({ offset: true });

// Bounds keep every accepted instant one that PostgreSQL's timestamptz and toISOString agree on.
const EARLIEST_MS = Date.UTC(1900, 0, 1);
const LATEST_MS = Date.UTC(9999, 11, 31);

/** An ISO 8601 timestamp with a zone (Z or ±hh:mm), as UTC with milliseconds. */
const timestamp = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx): string | null => {
      if (v === undefined || v === '') return null;
      const text = v.trim();
      // zod's pattern also refuses dates that do not exist (2026-02-30).
      const ms = ISO_TIMESTAMP.safeParse(text).success ? Date.parse(text) : Number.NaN;
      if (!(ms >= EARLIEST_MS && ms < LATEST_MS)) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be an ISO 8601 timestamp with a time zone between the years 1900 and 9999, e.g. 2026-11-01T00:00:00Z or 2026-11-01T00:00:00+01:00 (got ${JSON.stringify(v.slice(0, 40))})`,
        });
        return z.NEVER;
      }
      return new Date(ms).toISOString();
    });

export const HistoryParams = z.object({
  format,
  limit: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return 20;
      const text = String(v).trim();
      const n = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isInteger(n) || n < 1 || n > 500) {
        ctx.addIssue({ code: 'custom', message: `limit must be a whole number from 1 to 500 (got ${JSON.stringify(String(v).slice(0, 40))})` });
        return z.NEVER;
      }
      return n;
    }),
  entity: HistoryEntity.optional().transform((v) => v ?? null),
  cursor: z
    .string()
    .optional()
    .transform((v, ctx): CursorPosition | null => {
      if (v === undefined || v === '') return null;
      const position = decodeCursor(v);
      if (!position) {
        ctx.addIssue({ code: 'custom', message: 'cursor must be a next_cursor value returned by /history' });
        return z.NEVER;
      }
      return position;
    }),
  since: timestamp('since'),
  until: timestamp('until'),
}).superRefine((p, ctx) => {
  if (p.since !== null && p.until !== null && p.since > p.until) {
    ctx.addIssue({ code: 'custom', path: ['until'], message: `until (${p.until}) must not be before since (${p.since})` });
  }
});

function describe(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      if (i.code === 'invalid_value' && i.path[0] === 'entity') return `entity must be one of ${HistoryEntity.options.join(', ')}`;
      if (i.code === 'invalid_type') return `${String(i.path[0] ?? 'parameter')} must be given once, as text`;
      return i.message;
    })
    .join('; ');
}

function bodyParams(req: Request): Record<string, unknown> {
  let body: unknown = req.body;
  if (body === undefined || body === null || body === '') return {};
  if (Array.isArray(body)) {
    if (body.length === 0) return {};
    if (body.length > 1) throw new HttpError(400, 'invalid_body', 'the body must be one JSON object (or an array holding one)');
    body = body[0];
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_body', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

// Most requests name no parameter at all, and the parse of none is the same every time.
const parsedNone = new WeakMap<z.ZodType, z.ZodSafeParseResult<unknown>>();

function parseNone<S extends z.ZodType>(schema: S): z.ZodSafeParseResult<z.output<S>> {
  let result = parsedNone.get(schema) as z.ZodSafeParseResult<z.output<S>> | undefined;
  if (!result) {
    result = schema.safeParse({});
    // Shared by every such request: nobody may change it.
    if (result.success && typeof result.data === 'object' && result.data !== null) Object.freeze(result.data);
    parsedNone.set(schema, result);
  }
  return result;
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const merged = { ...bodyParams(req), ...(req.query as Record<string, unknown>) };
  if (isEmpty(merged)) return resultData(parseNone(schema));
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const unknown = Object.keys(merged).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    const log = (req.app.locals as { log?: Logger }).log;
    log?.debug({ path: req.path.slice(0, 100), ignored: unknown.slice(0, 20).map((k) => k.slice(0, 40)) }, 'unknown parameters ignored');
  }
  return resultData(schema.safeParse(merged));
}

function resultData<T>(result: z.ZodSafeParseResult<T>): T {
  if (!result.success) throw new HttpError(400, 'invalid_parameter', describe(result.error));
  return result.data;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}
