// Defence against DNS rebinding: a web page can make its own host name resolve to 127.0.0.1 and
// then talk to the bridge as if it were same-origin. While the bridge listens on loopback, only
// requests that name it by a loopback name (or a name the user listed) are answered.
import type { RequestHandler } from 'express';
import type { Logger } from '../log/logger';
import { HttpError } from './http-error';

export const LOOPBACK_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** The name part of a Host header (lower case, without port or trailing dot); null when malformed. */
export function hostName(header: string): string | null {
  const text = header.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!m) return null;
  if (m[2] !== undefined && Number(m[2]) > 65535) return null;
  return m[1].replace(/\.$/, '');
}

export function hostCheck(o: { extraNames: readonly string[]; open: readonly string[]; log: Logger }): RequestHandler {
  const accepted = new Set([...LOOPBACK_HOST_NAMES, ...o.extraNames]);
  return (req, _res, next) => {
    const path = req.path.toLowerCase().replace(/\/+$/, '');
    if (o.open.includes(path)) return next();
    const header = req.headers.host;
    const name = typeof header === 'string' ? hostName(header) : null;
    if (name !== null && accepted.has(name)) return next();
    const shown = typeof header === 'string' ? header.slice(0, 100) : '(none)';
    o.log.warn({ host: shown, path: req.path.slice(0, 100) }, 'request refused: Host is not a name of this bridge');
    next(
      new HttpError(
        421,
        'misdirected_request',
        // The extra names are not listed: a rebinding page could read this answer.
        `Host ${JSON.stringify(shown)} is not a name of this bridge; call it as localhost, 127.0.0.1 or [::1], or add the name to TWIN_ALLOWED_HOSTS`,
      ),
    );
  };
}

/** The extra names plus the address the bridge listens on (127.0.0.2, say), as a Host header names it. */
export function namesWithBoundHost(bindHost: string, extraNames: readonly string[]): string[] {
  const bound = bindHost.includes(':') ? `[${bindHost.toLowerCase()}]` : bindHost.toLowerCase();
  return [...new Set([...extraNames, bound])];
}
