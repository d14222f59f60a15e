// requestUrl for the browser preview: the in-memory Obsidian's request-url.ts speaks node:http, which
// a browser bundle cannot hold, so the preview bundle swaps that module for this one (see bundle.ts).
// The page's requests go to the preview server, which forwards them to the bridge: no CORS.
import { requestUrlOver, type RawAnswer, type RequestUrlParam } from '../fixtures/obsidian/request-url-core';

export type { RequestUrlParam, RequestUrlResponse, RequestUrlResponsePromise } from '../fixtures/obsidian/request-url-core';
export { requestLog } from '../fixtures/obsidian/request-url-core';

async function fetchTransport(param: RequestUrlParam, headers: Record<string, string>): Promise<RawAnswer> {
  const res = await fetch(param.url, { method: param.method ?? 'GET', headers, body: param.body, cache: 'no-store' });
  const responseHeaders: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    responseHeaders[key] = value;
  });
  return { status: res.status, headers: responseHeaders, body: await res.arrayBuffer() };
}

export const requestUrl = requestUrlOver(fetchTransport);
