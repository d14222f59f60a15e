// The API key check: X-API-KEY or Authorization: Bearer, compared in constant time (both sides are
// hashed first, so neither the key's length nor its prefix leaks through timing).
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './http-error';

const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();

export function presentedKey(headers: Record<string, string | string[] | undefined>): string | null {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m) return m[1];
  }
  return null;
}

export function requireApiKey(apiKey: string | null, open: readonly string[]): RequestHandler {
  const expected = apiKey === null ? null : digest(apiKey);
  return (req, _res, next) => {
    // Express matches routes case-insensitively and with a trailing slash; so does this.
    const path = req.path.toLowerCase().replace(/\/+$/, '');
    if (expected === null || open.includes(path)) return next();
    const key = presentedKey(req.headers);
    if (key === null) return next(new HttpError(401, 'unauthorized', 'an API key is required: send it as X-API-KEY or Authorization: Bearer'));
    if (!crypto.timingSafeEqual(digest(key), expected)) return next(new HttpError(401, 'unauthorized', 'the API key is wrong'));
    next();
  };
}
