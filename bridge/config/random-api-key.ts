// A fresh API key: 32 URL-safe characters from 24 random bytes (192 bits), far past the 16
// characters a bridge listening beyond loopback requires, and safe in a header, a URL or an env file.
import crypto from 'node:crypto';

export function randomApiKey(): string {
  return crypto.randomBytes(24).toString('base64url');
}
