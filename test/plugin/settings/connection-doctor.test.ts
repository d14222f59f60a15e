// The connection doctor against real servers: each problem met as the plugin meets it (through the
// in-memory requestUrl over node's network stack, which fails with Chromium's net::ERR_ names as
// the desktop app does), named with its fix.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../../bridge/contract/api-version';
import { BridgeClient } from '../../../plugin/bridge-client/bridge-client';
import { testConnection } from '../../../plugin/settings/connection-test';
import type { ConnectionReport } from '../../../plugin/settings/connection-test';
import { TwinStore } from '../../../plugin/twin/twin-store';
import { startFakeBridge } from '../../fixtures/fake-bridge';
import type { FakeBridge } from '../../fixtures/fake-bridge';
import { freePort } from '../../fixtures/free-port';
import { startMemoryBridge } from '../../fixtures/memory-bridge';
import type { MemoryBridge } from '../../fixtures/memory-bridge';
import { requestUrl } from '../../fixtures/obsidian/index';
import { statusResponse } from '../../fixtures/twin-responses';

const KEY = 'the-right-key-of-the-bridge';
const now = () => new Date();

/** The connection test of a plugin set to `url` with `key`, on a computer or a phone. */
function test(url: string, o: { key?: string; timeoutMs?: number; mobile?: boolean } = {}): Promise<ConnectionReport> {
  const client = new BridgeClient(() => ({ baseUrl: url, apiKey: o.key ?? '' }), requestUrl, o.timeoutMs ?? 4000);
  const store = new TwinStore(() => client.getStatus(), { now });
  return testConnection(store, { url, mobile: o.mobile ?? false }, now);
}

const servers: { close(): unknown }[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('the connection doctor names what it met, with its fix', () => {
  it('says so when all is well', async () => {
    const bridge = await startMemoryBridge({ env: { DIGITAL_TWIN_API_KEY: KEY } });
    servers.push(bridge);
    const report = await test(bridge.url, { key: KEY });
    expect(report.problem).toBeNull();
    expect(report.title).toMatch(/^Connected to http:\/\/127\.0\.0\.1:\d+ in \d+ ms\.$/);
    expect(report.detail).toMatch(/^Data computed .*\. All sources answer\.$/);
  });

  it('refused: nothing listens on the port', async () => {
    const port = await freePort();
    const report = await test(`http://127.0.0.1:${port}`);
    expect(report).toEqual({
      problem: 'refused',
      title: `Refused: nothing listens at 127.0.0.1:${port}.`,
      detail: 'Start the bridge (npx digital-twin) and check the port.',
    });
    // On a phone, 127.0.0.1 is the phone: the fix says so, and how to pair it.
    expect((await test(`http://127.0.0.1:${port}`, { mobile: true })).detail).toBe(
      'Start the bridge (npx digital-twin) and check the port. On a phone, 127.0.0.1 is the phone: open a digital-twin pair link here.',
    );
  });

  it('unreachable: the name does not resolve', async () => {
    const report = await test('http://no-such-bridge.invalid:5677');
    expect(report.problem).toBe('unreachable');
    expect(report.title).toBe('Unreachable: no-such-bridge.invalid:5677 cannot be found from here.');
    expect(report.detail).toBe("Check the host name, and that this device is on the bridge's network or tailnet.");
  });

  it('timed out: a server that takes the connection and never answers', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const report = await test(`http://127.0.0.1:${port}`, { timeoutMs: 300 });
    expect(report.problem).toBe('timed-out');
    expect(report.title).toBe(`Timed out: 127.0.0.1:${port} did not answer.`);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  describe('certificate: a bridge behind HTTPS with a self-signed certificate', () => {
    let url: string;
    beforeAll(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-cert-'));
      const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
      const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => res.end('{}'));
      fs.rmSync(dir, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push({ close: () => new Promise((resolve) => server.close(resolve)) });
      url = `https://localhost:${(server.address() as net.AddressInfo).port}`;
    });

    it('is named with Caddy and Tailscale as the fix', async () => {
      const report = await test(url);
      expect(report.problem).toBe('certificate');
      expect(report.title).toBe("Certificate: the bridge's certificate is not trusted (self-signed?).");
      expect(report.detail).toBe('Give it a trusted one with Caddy or Tailscale (docs/security.md).');
    });

    it('on a phone, says that Obsidian there cannot trust one', async () => {
      expect((await test(url, { mobile: true })).detail).toBe('A phone cannot trust a self-signed one. Give it a trusted one with Caddy or Tailscale (docs/security.md).');
    });
  });

  describe('a bridge that answers with a refusal', () => {
    let bridge: MemoryBridge;
    beforeAll(async () => {
      // Reached through a proxy (TWIN_TRUST_PROXY), so wrong keys count and ban even on loopback.
      bridge = await startMemoryBridge({ env: { DIGITAL_TWIN_API_KEY: KEY, TWIN_TRUST_PROXY: '127.0.0.1' } });
      servers.push(bridge);
    });

    it('wrong key (401)', async () => {
      const report = await test(bridge.url, { key: 'a-wrong-key' });
      expect(report).toEqual({
        problem: 'wrong-key',
        title: 'Wrong key: the bridge refused the API key (401).',
        detail: "Set the bridge's key (DIGITAL_TWIN_API_KEY) or open a digital-twin pair link.",
      });
    });

    it('host refused (421): the bridge on loopback called by another name', async () => {
      // [::ffff:127.0.0.1] reaches the loopback listener, but is not one of the names it answers to.
      const url = bridge.url.replace('127.0.0.1', '[::ffff:127.0.0.1]');
      const report = await test(url, { key: KEY });
      expect(report.problem).toBe('host-refused');
      expect(report.title).toBe('Host refused: the bridge does not answer to the name [::ffff:127.0.0.1] (421).');
      expect(report.detail).toBe('Call it as localhost or 127.0.0.1, or add the name to TWIN_ALLOWED_HOSTS.');
    });

    it('locked out (429) after too many wrong keys, with the time left', async () => {
      // Ten wrong keys at once: each is counted as it arrives, the answers are held back.
      await Promise.all(Array.from({ length: 10 }, () => requestUrl({ url: `${bridge.url}/status`, headers: { 'X-API-KEY': 'guess' }, throw: false })));
      const report = await test(bridge.url, { key: KEY });
      expect(report).toEqual({
        problem: 'locked-out',
        title: 'Locked out: too many wrong keys from here (429), for about 60 more minutes.',
        detail: 'Set the right key, then wait or restart the bridge.',
      });
    });
  });

  describe('versions apart', () => {
    let fake: FakeBridge;
    beforeAll(async () => {
      fake = await startFakeBridge(statusResponse());
      servers.push(fake);
    });
    afterEach(() => fake.reset());

    it('a bridge older than the plugin needs, with the commands that upgrade it', async () => {
      fake.status = { ...statusResponse(), api_version: '0.9.0' };
      const report = await test(fake.url);
      expect(report.problem).toBe('versions-apart');
      expect(report.title).toBe(`Versions apart: the bridge has API 0.9.0, this plugin needs ${API_VERSION} or newer.`);
      expect(report.detail).toBe('Upgrade the bridge: npm install digital-twin@latest, or git pull && npm install in a clone.');
    });

    it('a bridge from before api_version', async () => {
      const { api_version: _, ...old } = statusResponse();
      fake.status = old as ReturnType<typeof statusResponse>;
      expect((await test(fake.url)).title).toBe(`Versions apart: the bridge has no API version, this plugin needs ${API_VERSION} or newer.`);
    });

    it('a bridge of a newer major version', async () => {
      fake.status = { ...statusResponse(), api_version: '2.0.0' };
      const report = await test(fake.url);
      expect(report.title).toBe('Versions apart: the bridge has API 2.0.0, this plugin needs API 1.');
      expect(report.detail).toBe('Update the plugin.');
    });

    it('a newer minor version is fine', async () => {
      fake.status = { ...statusResponse(), api_version: '1.7.0' };
      expect((await test(fake.url)).problem).toBeNull();
    });

    it('something that is not a bridge, and a bridge that fails: in the words of the client', async () => {
      fake.mode = 'garbage';
      const report = await test(fake.url);
      expect(report.problem).toBe('not-a-bridge');
      expect(report.title).toBe(`The bridge's status response is not in the expected format. Is ${fake.url} a Digital Twin bridge of a matching version?`);
      fake.mode = 'html';
      expect(await test(fake.url)).toEqual({ problem: 'bridge-error', title: 'The bridge answered 502: no readable message.', detail: '' });
    });
  });
});
