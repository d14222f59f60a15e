// The API key check: X-API-KEY, Authorization: Bearer, or HTTP Basic with the key as password (what
// a browser can send for the /docs page), compared in constant time (both sides are hashed first,
// so neither the key's length nor its prefix leaks through timing).
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './http-error';
import type { LoginAttempts } from './login-attempts';

const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();

export function presentedKey(headers: Record<string, string | string[] | undefined>): string | null {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m) return m[1];
    const basic = /^Basic\s+([A-Za-z0-9+/=]{1,1000})$/i.exec(auth.trim());
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0 && colon < decoded.length - 1) return decoded.slice(colon + 1);
    }
  }
  return null;
}

// Only the reference page asks a browser for the key with its login dialog; a dashboard's fetch
// must never make Obsidian pop one up.
const CHALLENGED = /^\/docs(\/|$)/;
const CHALLENGE = 'Basic realm="Digital Twin bridge", charset="UTF-8"';

/**
 * `attempts`, given when others reach the bridge (beyond loopback, or through a proxy), slows down and then bans a client
 * address that keeps sending wrong keys; a banned address is refused even with the right key, so
 * that the answer cannot tell a guess right.
 */
export function requireApiKey(apiKey: string | null, open: readonly string[], attempts: LoginAttempts | null = null): RequestHandler {
  const expected = apiKey === null ? null : digest(apiKey);
  return (req, res, next) => {
    if (expected === null) return next();
    // Express matches routes case-insensitively and with a trailing slash; so does this.
    const path = req.path.toLowerCase().replace(/\/+$/, '');
    if (open.includes(path)) return next();
    // The connection's address, or the forwarded client's behind a trusted proxy (TWIN_TRUST_PROXY).
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const ban = attempts?.ban(client);
    if (ban) {
      res.set('Retry-After', String(ban.seconds));
      return next(new HttpError(429, 'too_many_attempts', `too many wrong API keys from this address; refused until ${ban.until.toISOString()}`));
    }
    const key = presentedKey(req.headers);
    if (key !== null && crypto.timingSafeEqual(digest(key), expected)) {
      attempts?.rightKey(client);
      return next();
    }
    if (CHALLENGED.test(path)) res.set('WWW-Authenticate', CHALLENGE);
    if (key === null) return next(new HttpError(401, 'unauthorized', 'an API key is required: send it as X-API-KEY or Authorization: Bearer'));
    const wrong = new HttpError(401, 'unauthorized', 'the API key is wrong');
    if (!attempts) return next(wrong);
    const { delayMs } = attempts.wrongKey(client);
    setTimeout(() => next(wrong), delayMs);
  };
}
