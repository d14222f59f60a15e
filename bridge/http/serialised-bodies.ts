// Many requests are answered from one computed value (a state, a cached history page): each
// endpoint's JSON body for it is built and serialised once, then sent as it is.
import { Buffer } from 'node:buffer';
import type { Response } from 'express';

const bodies = new WeakMap<object, Map<string, string>>();

export function bodyOnce(source: object, endpoint: string, build: () => object): string {
  let perSource = bodies.get(source);
  if (!perSource) {
    perSource = new Map();
    bodies.set(source, perSource);
  }
  let json = perSource.get(endpoint);
  if (json === undefined) {
    json = JSON.stringify(build());
    perSource.set(endpoint, json);
  }
  return json;
}

/** A serialised object body with `date` (the day a request asked for) first; unchanged without one. */
export function withDate(json: string, day: { date: string } | null): string {
  return day ? `{"date":${JSON.stringify(day.date)},${json.slice(1)}` : json;
}

/**
 * An endpoint's last body, kept with the texts it was made of: while a state is cached, request after
 * request sends the same body, and joining it (about 23 KB for /status) and encoding it for each was
 * most of what a request allocated. The text for the MCP tools (which read it), the bytes for HTTP.
 */
export class LastBody {
  private parts: readonly string[] = [];
  private last: { text: string; bytes: Buffer | null } | null = null;

  /** The text for these parts: `build`'s result when any part differs from the last call's. */
  text(parts: readonly string[], build: () => string): string {
    if (this.last === null || !samePartsAs(this.parts, parts)) {
      this.last = { text: build(), bytes: null };
      this.parts = parts;
    }
    return this.last.text;
  }

  /** The same body as bytes, encoded once per text. */
  of(parts: readonly string[], build: () => string): Buffer {
    this.text(parts, build);
    const last = this.last!;
    return (last.bytes ??= Buffer.from(last.text, 'utf8'));
  }
}

function samePartsAs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

// What express's res.type('application/json') followed by res.send(text) sets, without its lookups.
const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends serialised JSON, as bytes (the length is theirs, nothing is encoded again). */
export function sendJson(res: Response, body: Buffer | string): void {
  res.setHeader('Content-Type', JSON_TYPE);
  res.send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}
