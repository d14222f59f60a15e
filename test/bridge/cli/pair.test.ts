// `digital-twin pair` as a user runs it: the link it prints gives the plugin the URL and key back,
// the QR code above it is that link, and it refuses plainly when a phone could not reach the bridge.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encode } from 'uqr';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../embedded/bridge-process';
import { modulesOf } from '../pair/qr-text';

const KEY = 'pairing-test-key-0123456789abcdef';
// No service installed: an empty config home, so this machine's own service is never read.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-pair-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

function pair(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DIGITAL_TWIN_API_KEY|HOST|PORT|TWIN_)/.test(k)));
  const r = spawnSync(process.execPath, [BIN, 'pair', ...args], { env: { ...base, XDG_CONFIG_HOME: home, ...env }, encoding: 'utf8', timeout: 60_000, cwd: '/' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The printed link, its query read as the plugin's handler will, and the QR code above it. */
function printed(out: string) {
  const lines = out.split('\n');
  const link = lines.find((l) => l.startsWith('obsidian://'))!;
  // The code's lines, its blank quiet zone included (the separating lines are empty).
  const qr = lines.filter((l) => /^[ ▀▄█]+$/.test(l));
  const query = new URL(link).searchParams;
  return { link, url: query.get('url'), key: query.get('key'), qr };
}

describe('digital-twin pair', () => {
  it('prints the link with the given URL and the key, and the QR code of that link', () => {
    const r = pair(['--url', 'https://twin.example.com/'], { DIGITAL_TWIN_API_KEY: KEY });
    expect(r.code).toBe(0);
    const p = printed(r.out);
    expect(new URL(p.link).protocol + new URL(p.link).host).toBe('obsidian:digital-twin');
    expect([p.url, p.key]).toEqual(['https://twin.example.com', KEY]);
    const modules = encode(p.link, { ecc: 'M', border: 2 }).data;
    // An odd count of rows ends with half a line of light modules.
    expect(modulesOf(p.qr)).toEqual(modules.length % 2 ? [...modules, modules[0].map(() => false)] : modules);
    expect(r.out).toMatch(/treat them as a password/);
  });

  it("proposes this machine's network address with the bridge's port when it listens there", () => {
    const addresses = Object.values(os.networkInterfaces()).flatMap((l) => (l ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address));
    const r = pair([], { HOST: '0.0.0.0', PORT: '6123', DIGITAL_TWIN_API_KEY: KEY });
    if (addresses.length === 0) {
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/no network address/);
      return;
    }
    expect(r.code).toBe(0);
    const url = new URL(printed(r.out).url!);
    expect([url.protocol, url.port]).toEqual(['http:', '6123']);
    expect(addresses).toContain(url.hostname);
    expect(r.out).toMatch(/Plain http/);
  });

  it('says plainly that a phone cannot reach a bridge on loopback, with what to set, and prints no link', () => {
    const r = pair([], { DIGITAL_TWIN_API_KEY: KEY });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/listens on 127\.0\.0\.1 \(HOST\), this machine only: a phone cannot reach it/);
    expect(r.err).toMatch(/HOST=0\.0\.0\.0 and DIGITAL_TWIN_API_KEY/);
  });

  it('reads the key of the bridge installed as a service', () => {
    const envFile = path.join(home, 'digital-twin', 'env');
    fs.mkdirSync(path.dirname(envFile), { recursive: true });
    fs.writeFileSync(envFile, `HOST=192.168.77.5\nPORT=5999\nDIGITAL_TWIN_API_KEY=${KEY}\n`);
    try {
      const r = pair([]);
      expect(r.code).toBe(0);
      expect([printed(r.out).url, printed(r.out).key]).toEqual(['http://192.168.77.5:5999', KEY]);
      expect(r.out).toContain(`Settings read from ${envFile}`);
    } finally {
      fs.rmSync(envFile);
    }
  });

  it('leaves the key out of the link when the bridge has none, and says so', () => {
    const r = pair(['--url=http://127.0.0.1:5677']);
    expect(r.code).toBe(0);
    expect(printed(r.out).link).toBe('obsidian://digital-twin?url=http%3A%2F%2F127.0.0.1%3A5677');
    expect(r.out).toMatch(/no API key/);
  });

  it('is listed by --help', () => {
    const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', timeout: 60_000, cwd: '/' });
    expect(r.stdout).toMatch(/^ {2}digital-twin pair \[--url URL\] +print the link and QR code/m);
  });

  it('refuses a URL the plugin could not use', () => {
    const r = pair(['--url', 'twin.lan:5677']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a URL|expected an http/);
  });
});
