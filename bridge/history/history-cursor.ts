// The /history paging cursor: the (created_at, id) of the last row of a page, opaque to clients.
import { z } from 'zod';

const Position = z.object({ t: z.iso.datetime({ offset: true }), id: z.uuid() });
export type CursorPosition = { createdAt: string; id: string };

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(JSON.stringify({ t: p.createdAt, id: p.id })).toString('base64url');
}

/** null when the text is not a cursor this bridge made. */
export function decodeCursor(text: string): CursorPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  try {
    const parsed = Position.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { createdAt: parsed.data.t, id: parsed.data.id } : null;
  } catch {
    return null;
  }
}
