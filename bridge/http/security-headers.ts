// Headers for a JSON API that no browser should render, frame or cache.
import type { RequestHandler } from 'express';

// Set as they are on every response: express's res.set would convert and look at each one again.
const HEADERS: readonly (readonly [string, string])[] = [
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

export const securityHeaders: RequestHandler = (_req, res, next) => {
  // An index, not for…of with destructuring: that made an iterator and a pair per request.
  for (let i = 0; i < HEADERS.length; i++) res.setHeader(HEADERS[i][0], HEADERS[i][1]);
  next();
};
