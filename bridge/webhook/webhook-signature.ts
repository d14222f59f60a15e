// X-Twin-Signature: sha256=<hex HMAC-SHA256 of the raw body with TWIN_WEBHOOK_SECRET>, the scheme
// GitHub and Stripe receivers already know. The body carries `sent_at`, so the time is signed too.
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Twin-Signature';

export function signBody(body: string, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** For receivers written in Node: constant-time comparison of the header with the expected value. */
export function verifySignature(body: string, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
