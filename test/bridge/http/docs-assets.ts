// What the /docs tests share: the key they start their bridges with, and the files a page loads.
export const DOCS_KEY = 'the-docs-are-private';
export const withKey = { headers: { 'x-api-key': DOCS_KEY } };

/** The /docs/… files the page loads, read from its HTML. */
export function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/docs\/[^"]+)"/g)].map((m) => m[1]);
}
