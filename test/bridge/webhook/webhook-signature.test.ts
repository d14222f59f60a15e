// The signature header, checked against an HMAC any receiver can recompute.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../../bridge/webhook/webhook-signature';

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the raw body, as any receiver can recompute it', () => {
    const body = '{"id":"x","text":"🚨 Zakupy"}';
    const expected = crypto.createHmac('sha256', 'a-secret-of-16-chars').update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signBody(body, 'a-secret-of-16-chars')).toBe(`sha256=${expected}`);
  });

  it('verifies only the same body with the same secret', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (body, secret, other) => {
        const header = signBody(body, secret);
        expect(verifySignature(body, header, secret)).toBe(true);
        if (other !== body) expect(verifySignature(other, header, secret)).toBe(false);
        expect(verifySignature(body, header, `${secret}x`)).toBe(false);
        expect(verifySignature(body, undefined, secret)).toBe(false);
        expect(verifySignature(body, header.slice(0, -1), secret)).toBe(false);
      }),
    );
  });
});
