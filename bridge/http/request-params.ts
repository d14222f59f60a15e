// Request input, validated once: the query string and, for POST, a JSON object body (n8n's
// nodes may wrap it in a one-element array). Both carry the same parameters; unknown ones are
// refused with the list of those allowed.
import type { Request } from 'express';
import { z } from 'zod';
import { HistoryEntity } from '../contract/responses';
import { decodeCursor, type CursorPosition } from '../history/history-cursor';
import { HttpError } from './http-error';

const format = z.enum(['json', 'text'], { message: 'format must be json or text (both answer JSON)' }).optional();

export const TextParams = z.strictObject({ format });

export const HistoryParams = z.strictObject({
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
});

function describe(error: z.ZodError, allowed: string[]): string {
  return error.issues
    .map((i) => {
      if (i.code === 'unrecognized_keys') return `unknown parameter ${i.keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}; allowed: ${allowed.join(', ') || 'none'}`;
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

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const merged = { ...bodyParams(req), ...(req.query as Record<string, unknown>) };
  const result = schema.safeParse(merged);
  if (!result.success) {
    const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
    throw new HttpError(400, 'invalid_parameter', describe(result.error, allowed));
  }
  return result.data;
}
