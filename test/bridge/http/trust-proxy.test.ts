// Behind a reverse proxy: with TWIN_TRUST_PROXY the wrong-key bans count the client the proxy names
// in X-Forwarded-For, so a guesser is refused and not everyone behind the proxy; without it, or from
// a client that is not the proxy, X-Forwarded-For changes nothing. Clients connect from distinct
// loopback addresses (127.0.0.2, 127.0.0.3, …), as distinct machines would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LOGIN_POLICY } from '../../../bridge/http/login-attempts';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';

const KEY = 'correct-horse-battery-staple';

interface Proxy {
  url: string;
  close(): Promise<void>;
}

/** A reverse proxy as nginx's `proxy_add_x_forwarded_for` does it: the sender's address appended to X-Forwarded-For. */
async function startForwardingProxy(target: string): Promise<Proxy> {
  const server = http.createServer((req, res) => {
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, 'x-forwarded-for': forwarded }, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** GET /status from the local address `from`, with `key`; resolves with the status code. */
function statusFrom(url: string, from: string, key: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/status`, { localAddress: from, agent: false, headers: { 'x-api-key': key, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

const tenGuesses = (url: string, from: string, headers: (i: number) => Record<string, string> = () => ({})) =>
  Promise.all(Array.from({ length: LOGIN_POLICY.threshold }, (_, i) => statusFrom(url, from, `guess-number-${i}-of-many`, headers(i))));

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function bridge(env: Record<string, string>): Promise<MemoryBridge> {
  const b = await startMemoryBridge({ env: { DIGITAL_TWIN_API_KEY: KEY, ...env } });
  open.push(b);
  return b;
}

async function proxyTo(b: MemoryBridge): Promise<Proxy> {
  const p = await startForwardingProxy(b.url.replace('0.0.0.0', '127.0.0.1'));
  open.push(p);
  return p;
}

describe('TWIN_TRUST_PROXY', () => {
  it('bans the forwarded client that guesses, and not the others behind the same proxy', async () => {
    const proxy = await proxyTo(await bridge({ TWIN_TRUST_PROXY: '127.0.0.1' }));
    expect(await tenGuesses(proxy.url, '127.0.0.2')).toEqual(Array(LOGIN_POLICY.threshold).fill(401));
    expect(await statusFrom(proxy.url, '127.0.0.2', KEY)).toBe(429);
    expect(await statusFrom(proxy.url, '127.0.0.3', KEY)).toBe(200);
    // A guesser cannot escape by claiming another address: the proxy appends the one it saw.
    expect(await statusFrom(proxy.url, '127.0.0.2', KEY, { 'x-forwarded-for': '198.51.100.9' })).toBe(429);
  });

  it('ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const b = await bridge({ TWIN_TRUST_PROXY: '127.0.0.1' });
    const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i + 1}` });
    expect(await tenGuesses(b.url, '127.0.0.4', forged)).toEqual(Array(LOGIN_POLICY.threshold).fill(401));
    expect(await statusFrom(b.url, '127.0.0.4', KEY, { 'x-forwarded-for': '198.51.100.77' })).toBe(429);
    expect(await statusFrom(b.url, '127.0.0.5', KEY, { 'x-forwarded-for': '127.0.0.4' })).toBe(200);
  });
});

describe('without TWIN_TRUST_PROXY', () => {
  it('counts the connection, whatever X-Forwarded-For a direct client forges', async () => {
    const b = await bridge({ HOST: '0.0.0.0' });
    const url = b.url.replace('0.0.0.0', '127.0.0.1');
    const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i + 1}` });
    expect(await tenGuesses(url, '127.0.0.6', forged)).toEqual(Array(LOGIN_POLICY.threshold).fill(401));
    expect(await statusFrom(url, '127.0.0.6', KEY, { 'x-forwarded-for': '198.51.100.77' })).toBe(429);
    // Naming the banned address does not ban an innocent client either.
    expect(await statusFrom(url, '127.0.0.7', KEY, { 'x-forwarded-for': '127.0.0.6' })).toBe(200);
  });

  it('behind a proxy, every client shares the proxy\'s address: a guesser bans them all', async () => {
    const proxy = await proxyTo(await bridge({ HOST: '0.0.0.0' }));
    expect(await tenGuesses(proxy.url, '127.0.0.2')).toEqual(Array(LOGIN_POLICY.threshold).fill(401));
    expect(await statusFrom(proxy.url, '127.0.0.3', KEY)).toBe(429);
  });
});
