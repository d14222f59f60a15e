// The link that hands the bridge's address and key to Obsidian on a phone: the plugin registers the
// `digital-twin` action of Obsidian's URI scheme and reads these two parameters.
export const PAIRING_ACTION = 'digital-twin';

/** `obsidian://digital-twin?url=…&key=…`; without `key` when the bridge has none. */
export function pairingLink(url: string, key: string | null): string {
  const params = [`url=${encodeURIComponent(url)}`];
  if (key) params.push(`key=${encodeURIComponent(key)}`);
  return `obsidian://${PAIRING_ACTION}?${params.join('&')}`;
}

export type PairingUrl = { ok: true; url: string } | { ok: false; message: string };

/** A URL given with `--url`: http or https, no query or fragment (the plugin adds the paths), no trailing slash. */
export function parsePairingUrl(text: string): PairingUrl {
  if (!URL.canParse(text)) return { ok: false, message: `--url "${text}" is not a URL; expected e.g. https://twin.example.com or http://192.168.1.20:5677` };
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: `--url "${text}": expected an http:// or https:// URL` };
  if (url.search || url.hash || url.username || url.password) {
    return { ok: false, message: `--url "${text}": the bridge's base URL only, without a query, a fragment or credentials (the key travels apart)` };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
