// One POST against a real receiver: what counts as delivered, what as failed and why.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postTransition, WebhookDeliveryError } from '../../../bridge/webhook/webhook-post';
import { verifySignature } from '../../../bridge/webhook/webhook-signature';
import { freePort } from '../../fixtures/free-port';
import { WebhookReceiver } from './webhook-receiver';

const receivers: WebhookReceiver[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.stop();
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

async function receiver(...script: WebhookReceiver['script']): Promise<WebhookReceiver> {
  const r = new WebhookReceiver();
  r.script.push(...script);
  receivers.push(r);
  await r.start();
  return r;
}

const body = JSON.stringify({ id: 'd1', entity_type: 'finance', created_at: '2025-03-12T07:00:00.000Z', text: 'Zażółć' });
const never = new AbortController().signal;

async function failure(p: Promise<void>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WebhookDeliveryError);
  return (err as Error).message;
}

describe('one webhook POST', () => {
  it('is delivered on any 2xx, with the headers the README documents', async () => {
    const r = await receiver(204);
    await postTransition({ url: r.url, secret: 'sixteen-chars-ok', timeoutMs: 5000 }, body, 'd1', 'transition', never);
    const [got] = r.received;
    expect(got.raw).toBe(body);
    expect(got.headers).toMatchObject({ 'x-twin-event': 'transition', 'x-twin-delivery': 'd1', 'user-agent': 'digital-twin-bridge' });
    expect(verifySignature(got.raw, got.headers['x-twin-signature'] as string, 'sixteen-chars-ok')).toBe(true);
  });

  it('fails on an error status, a redirect, no answer in time, or nobody listening', async () => {
    const r = await receiver(500, 'hang');
    const target = { url: r.url, secret: null, timeoutMs: 500 };
    expect(await failure(postTransition(target, body, 'd1', 'transition', never))).toBe('receiver answered HTTP 500');
    expect(await failure(postTransition(target, body, 'd1', 'transition', never))).toBe('receiver did not answer within 500 ms');

    const redirect = http.createServer((_req, res) => res.writeHead(307, { Location: r.url }).end());
    servers.push(redirect);
    await new Promise<void>((resolve) => redirect.listen(0, '127.0.0.1', resolve));
    const moved = { url: `http://127.0.0.1:${(redirect.address() as AddressInfo).port}/hook`, secret: null, timeoutMs: 2000 };
    expect(await failure(postTransition(moved, body, 'd1', 'transition', never))).toBe('receiver answered HTTP 307');
    expect(r.received).toHaveLength(2); // the redirect was not followed

    const closed = { url: `http://127.0.0.1:${await freePort()}/hook`, secret: null, timeoutMs: 2000 };
    expect(await failure(postTransition(closed, body, 'd1', 'transition', never))).toMatch(/^receiver unreachable: ECONNREFUSED/);
  });

  it('gives up at once when the bridge stops', async () => {
    const r = await receiver('hang');
    const stop = new AbortController();
    const pending = postTransition({ url: r.url, secret: null, timeoutMs: 60_000 }, body, 'd1', 'transition', stop.signal);
    while (r.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    stop.abort();
    expect(await failure(pending)).toBe('delivery interrupted by shutdown');
  });

  it('sends a user and password of the URL as Basic auth (n8n Webhook node), not in the URL', async () => {
    const r = await receiver();
    const url = r.url.replace('http://', 'http://twin:p%40ss%20word@');
    await postTransition({ url, secret: null, timeoutMs: 5000 }, body, 'd1', 'transition', never);
    expect(r.received[0].headers.authorization).toBe(`Basic ${Buffer.from('twin:p@ss word').toString('base64')}`);
  });
});
