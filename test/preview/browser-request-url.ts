// requestUrl for the browser preview: the in-memory Obsidian's request-url.ts speaks node:http, which
// a browser bundle cannot hold, so the preview bundle swaps that module for this one (see bundle.ts).
// Same exports and semantics (status, headers, text, json, arrayBuffer; rejects on network errors and
// on status >= 400 unless `throw: false`), over the browser's fetch. The page's requests go to the
// preview server, which forwards them to the bridge, so there is no CORS to deal with.

export interface RequestUrlParam {
  url: string;
  method?: string;
  contentType?: string;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
  throw?: boolean;
}

export interface RequestUrlResponse {
  status: number;
  headers: Record<string, string>;
  arrayBuffer: ArrayBuffer;
  json: unknown;
  text: string;
}

export interface RequestUrlResponsePromise extends Promise<RequestUrlResponse> {
  arrayBuffer: Promise<ArrayBuffer>;
  json: Promise<unknown>;
  text: Promise<string>;
}

/** Fixture: every request made, in order. */
export const requestLog: RequestUrlParam[] = [];

async function send(param: RequestUrlParam): Promise<RequestUrlResponse> {
  const headers: Record<string, string> = { ...(param.headers ?? {}) };
  if (param.contentType) headers['Content-Type'] = param.contentType;
  const res = await fetch(param.url, { method: param.method ?? 'GET', headers, body: param.body, cache: 'no-store' });
  const buffer = await res.arrayBuffer();
  const text = new TextDecoder().decode(buffer);
  const responseHeaders: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    responseHeaders[key] = value;
  });
  const response: RequestUrlResponse = {
    status: res.status,
    headers: responseHeaders,
    arrayBuffer: buffer,
    text,
    get json() {
      return JSON.parse(text) as unknown;
    },
  };
  if (res.status >= 400 && param.throw !== false) {
    throw Object.assign(new Error(`Request failed, status ${res.status}`), { status: res.status, headers: responseHeaders });
  }
  return response;
}

export function requestUrl(request: RequestUrlParam | string): RequestUrlResponsePromise {
  const param = typeof request === 'string' ? { url: request } : request;
  requestLog.push(param);
  const promise = send(param) as RequestUrlResponsePromise;
  Object.defineProperties(promise, {
    arrayBuffer: { get: () => promise.then((r) => r.arrayBuffer) },
    json: { get: () => promise.then((r) => r.json) },
    text: { get: () => promise.then((r) => r.text) },
  });
  return promise;
}
