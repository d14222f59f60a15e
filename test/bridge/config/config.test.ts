// Configuration: defaults < .env < environment < flags, and clear refusals of bad values.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERSON_ID, systemTimeZone } from '../../../bridge/config/settings';
import { load, refusal } from './config-inputs';

let envDir: string;
beforeAll(() => {
  envDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-config-'));
  fs.writeFileSync(
    path.join(envDir, '.env'),
    ['# the person\'s .env', 'PORT=1111', 'TWIN_CURRENCY=EUR', 'TWIN_TIMEZONE="Europe/Warsaw"', 'TWIN_CACHE_MS=500', 'NOT_A_SETTING=whatever', ''].join('\n'),
  );
});
afterAll(() => {
  fs.rmSync(envDir, { recursive: true, force: true });
});


const URLS = {
  FINANCE_DATABASE_URL: 'postgres://twin:pw@db.lan:5432/autonomous_finance',
  TRAINING_DATABASE_URL: 'postgres://twin:pw@db.lan:5432/autonomous_training',
  PANTRY_DATABASE_URL: 'postgresql://twin:pw@db.lan:5432/autonomous_pantry',
};

describe('loadConfig defaults', () => {
  it('serves the embedded databases on loopback port 5677 in the system zone', () => {
    const c = load({});
    expect(c).toMatchObject({
      port: 5677,
      host: '127.0.0.1',
      apiKey: null,
      allowInsecureBind: false,
      databases: null,
      timezone: systemTimeZone(),
      currency: 'PLN',
      personId: DEFAULT_PERSON_ID,
      syncIntervalSeconds: 900,
      cacheMs: 2000,
      sourceTimeoutMs: 3000,
      poolSize: 4,
      logLevel: 'info',
    });
    expect(c.embedded).toMatchObject({ port: 54329, demoData: true });
    expect(path.isAbsolute(c.embedded.dataDir)).toBe(true);
  });

  it('uses the three source URLs, with history in the finance database unless TWIN_DATABASE_URL says otherwise', () => {
    expect(load({ env: URLS }).databases).toEqual({
      finance: URLS.FINANCE_DATABASE_URL,
      training: URLS.TRAINING_DATABASE_URL,
      pantry: URLS.PANTRY_DATABASE_URL,
      twin: URLS.FINANCE_DATABASE_URL,
    });
    const twin = 'postgres://twin:pw@other:5432/twin';
    expect(load({ env: { ...URLS, TWIN_DATABASE_URL: twin } }).databases?.twin).toBe(twin);
  });
});

describe('loadConfig layers', () => {
  it('reads .env, lets the environment beat it and flags beat both', () => {
    const fromFile = load({ envFileDir: envDir });
    expect([fromFile.port, fromFile.currency, fromFile.timezone, fromFile.cacheMs]).toEqual([1111, 'EUR', 'Europe/Warsaw', 500]);

    const fromEnv = load({ envFileDir: envDir, env: { PORT: '2222', TWIN_CURRENCY: 'USD' } });
    expect([fromEnv.port, fromEnv.currency, fromEnv.timezone]).toEqual([2222, 'USD', 'Europe/Warsaw']);

    const fromFlags = load({ envFileDir: envDir, env: { PORT: '2222' }, argv: ['--port', '3333', '--timezone=UTC', '--allow-insecure-bind'] });
    expect([fromFlags.port, fromFlags.currency, fromFlags.timezone, fromFlags.allowInsecureBind]).toEqual([3333, 'EUR', 'UTC', true]);
  });

  it('ignores empty values, so an exported but empty variable keeps the lower layer', () => {
    expect(load({ envFileDir: envDir, env: { PORT: '' } }).port).toBe(1111);
  });

  it('reads no .env when the folder has none', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-config-empty-'));
    try {
      expect(load({ envFileDir: empty }).port).toBe(5677);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('loadConfig refusals name the setting and what is allowed', () => {
  it('PORT=abc', () => {
    const m = refusal({ env: { PORT: 'abc' } });
    expect(m).toContain('PORT');
    expect(m).toContain('"abc"');
    expect(m).toMatch(/whole number from 0 to 65535/);
  });

  it('PORT out of range, from a flag', () => {
    expect(refusal({ argv: ['--port', '70000'] })).toMatch(/PORT \(--port\).*at most 65535/);
  });

  it('TWIN_TIMEZONE=Mars/Base', () => {
    const m = refusal({ env: { TWIN_TIMEZONE: 'Mars/Base' } });
    expect(m).toContain('TWIN_TIMEZONE');
    expect(m).toMatch(/IANA time zone such as Europe\/Warsaw/);
  });

  it('a database URL that is not postgres://, without echoing its password', () => {
    const m = refusal({ env: { ...URLS, FINANCE_DATABASE_URL: 'mysql://root:s3cret-pass@db.lan/finance' } });
    expect(m).toContain('FINANCE_DATABASE_URL');
    expect(m).toMatch(/postgres:\/\/ or postgresql:\/\/ URL/);
    expect(m).not.toContain('s3cret-pass');
  });

  it('only one of the three source URLs set: names the missing ones', () => {
    const m = refusal({ env: { FINANCE_DATABASE_URL: URLS.FINANCE_DATABASE_URL } });
    expect(m).toContain('TRAINING_DATABASE_URL');
    expect(m).toContain('PANTRY_DATABASE_URL');
    expect(m).toMatch(/all three|Set all three/i);
  });

  it('TWIN_DATABASE_URL without the sources', () => {
    expect(refusal({ env: { TWIN_DATABASE_URL: 'postgres://u:p@h/db' } })).toContain('TWIN_DATABASE_URL');
  });

  it('every bad setting at once, each on its line', () => {
    const m = refusal({ env: { PORT: '-1', TWIN_CURRENCY: 'złoty', TWIN_DEMO_DATA: 'maybe', TWIN_PERSON_ID: 'me' } });
    expect(m).toMatch(/PORT .*whole number/);
    expect(m).toMatch(/TWIN_CURRENCY .*three-letter/);
    expect(m).toMatch(/TWIN_DEMO_DATA .*true or false/);
    expect(m).toMatch(/TWIN_PERSON_ID .*uuid/);
  });

  it('an unknown flag', () => {
    expect(refusal({ argv: ['--prot', '80'] })).toMatch(/prot/);
  });

  it('a too short API key, without echoing it', () => {
    const m = refusal({ env: { DIGITAL_TWIN_API_KEY: 'abc12' } });
    expect(m).toMatch(/DIGITAL_TWIN_API_KEY.*at least 8 characters/);
    expect(m).not.toContain('abc12');
  });
});

describe('loadConfig binding beyond loopback', () => {
  it('refuses a non-loopback HOST without an API key, and says how to allow it', () => {
    const m = refusal({ env: { HOST: '0.0.0.0' } });
    expect(m).toContain('HOST');
    expect(m).toContain('DIGITAL_TWIN_API_KEY');
    expect(m).toContain('TWIN_ALLOW_INSECURE_BIND');
    expect(refusal({ argv: ['--host', '192.168.1.20'] })).toContain('192.168.1.20');
  });

  it('accepts it with a key, or with the explicit allow setting or flag', () => {
    expect(load({ env: { HOST: '0.0.0.0', DIGITAL_TWIN_API_KEY: 'a-long-enough-key' } })).toMatchObject({ host: '0.0.0.0', apiKey: 'a-long-enough-key' });
    expect(load({ env: { HOST: '0.0.0.0', TWIN_ALLOW_INSECURE_BIND: 'true' } }).allowInsecureBind).toBe(true);
    expect(load({ argv: ['--host', '0.0.0.0', '--allow-insecure-bind'] }).host).toBe('0.0.0.0');
  });

  it('treats every loopback address as local', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) expect(load({ env: { HOST: host } }).host).toBe(host);
  });

  it('needs a key of 16 characters or more beyond loopback, and still 8 on loopback', () => {
    const m = refusal({ env: { HOST: '0.0.0.0', DIGITAL_TWIN_API_KEY: 'fifteen-chars-k' } });
    expect(m).toMatch(/DIGITAL_TWIN_API_KEY .*at least 16 characters/);
    expect(m).toContain('digital-twin key');
    expect(m).not.toContain('fifteen-chars-k');
    expect(load({ env: { HOST: '0.0.0.0', DIGITAL_TWIN_API_KEY: 'sixteen-chars-ky' } }).apiKey).toBe('sixteen-chars-ky');
    expect(load({ env: { HOST: '127.0.0.1', DIGITAL_TWIN_API_KEY: 'eight-ch' } }).apiKey).toBe('eight-ch');
  });
});

describe('loadConfig behind a reverse proxy (TWIN_TRUST_PROXY)', () => {
  const KEY = 'a-long-enough-key';

  it('trusts no proxy by default', () => {
    expect(load({}).trustProxy).toEqual([]);
  });

  it('takes addresses, subnets and the names of the private ranges', () => {
    const c = load({ env: { DIGITAL_TWIN_API_KEY: KEY, TWIN_TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8,FD7A:115C:A1E0::/48 ,::1,Loopback,uniquelocal,10.0.0.0/8' } });
    expect(c.trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd7a:115c:a1e0::/48', '::1', 'loopback', 'uniquelocal']);
    expect(load({ argv: ['--trust-proxy', '172.16.0.0/12', '--api-key', KEY] }).trustProxy).toEqual(['172.16.0.0/12']);
  });

  it.each(['true', '*', '1', 'caddy', '10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '10.0.0.0/255.0.0.0', '300.1.1.1'])('refuses %s, saying what is allowed', (value) => {
    const m = refusal({ env: { DIGITAL_TWIN_API_KEY: KEY, TWIN_TRUST_PROXY: value } });
    expect(m).toContain(`TWIN_TRUST_PROXY (--trust-proxy) = ${JSON.stringify(value)}: ${JSON.stringify(value)} is not a proxy address`);
    expect(m).toMatch(/expected addresses or subnets, e\.g\. 127\.0\.0\.1,10\.0\.0\.0\/8/);
  });

  it('needs the API key, of 16 characters or more, even on loopback: the proxy brings the network', () => {
    const m = refusal({ env: { TWIN_TRUST_PROXY: '127.0.0.1' } });
    expect(m).toMatch(/TWIN_TRUST_PROXY \(--trust-proxy\): listening behind the proxies of TWIN_TRUST_PROXY needs DIGITAL_TWIN_API_KEY/);
    expect(refusal({ env: { TWIN_TRUST_PROXY: '127.0.0.1', DIGITAL_TWIN_API_KEY: 'fifteen-chars-k' } })).toMatch(/at least 16 characters/);
    expect(load({ env: { TWIN_TRUST_PROXY: '127.0.0.1', TWIN_ALLOW_INSECURE_BIND: 'true' } }).trustProxy).toEqual(['127.0.0.1']);
  });
});
