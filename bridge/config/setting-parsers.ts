// The parsers of a setting's text (from a variable, a flag or a line of .env), each refusing with a
// message that says what is allowed.
import path from 'node:path';
import { z } from 'zod';

export const boolText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

export const intIn = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: `expected at least ${min}` }).max(max, { error: `expected at most ${max}` }));

export const minLength = (min: number) => z.string().min(min, { error: `expected at least ${min} characters` });

export const folder = z.string().min(1).transform((p) => path.resolve(p));

export const pgUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), { error: 'expected a postgres:// or postgresql:// URL' })
  .refine((v) => URL.canParse(v), { error: 'not a valid URL' });

// Only http and https: anything else (a typo, file:, ftp:) would fail every delivery silently.
export const webhookUrl = z
  .string()
  .refine((v) => URL.canParse(v), { error: 'not a valid URL; expected http:// or https://' })
  .refine((v) => !URL.canParse(v) || ['http:', 'https:'].includes(new URL(v).protocol), { error: 'expected an http:// or https:// URL' });

/** A comma-separated choice from `names`; `all` (or nothing) is every one, returned as null. */
export const nameList = (names: readonly string[]) =>
  z.string().transform((text, ctx): string[] | null => {
    const items = text.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
    if (items.length === 0 || (items.length === 1 && items[0] === 'all')) return null;
    const unknown = items.filter((i) => !names.includes(i));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown ${unknown.map((u) => JSON.stringify(u.slice(0, 40))).join(', ')}; choose from ${names.join(', ')}, or all` });
      return z.NEVER;
    }
    return [...new Set(items)];
  });

export const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected an IANA time zone such as Europe/Warsaw or UTC' },
);

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, { error: 'expected a three-letter ISO code such as PLN' });

export const uuid = z.uuid({ error: 'expected a uuid' });
