// TWIN_WEBHOOK_URL and TWIN_WEBHOOK_SECRET at the edge: only http(s), secrets never echoed, and
// --help lists them from the settings list.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../bridge/config/config';
import { BIN } from '../embedded/bridge-process';

const load = (env: Record<string, string>) => loadConfig({ env, envFileDir: null });

describe('webhook settings', () => {
  it('are off unless a URL is set', () => {
    expect(load({}).webhook).toBeNull();
  });

  it('take an http or https URL, a secret and a timeout', () => {
    expect(load({ TWIN_WEBHOOK_URL: 'https://n8n.example/webhook/twin', TWIN_WEBHOOK_SECRET: 'sixteen-chars-ok' }).webhook).toEqual({
      url: 'https://n8n.example/webhook/twin',
      secret: 'sixteen-chars-ok',
      timeoutMs: 10_000,
    });
    expect(loadConfig({ env: {}, envFileDir: null, argv: ['--webhook-url', 'http://n8n:5678/webhook/x', '--webhook-timeout-ms', '2500'] }).webhook).toEqual({
      url: 'http://n8n:5678/webhook/x',
      secret: null,
      timeoutMs: 2500,
    });
  });

  it.each(['ftp://n8n.example/x', 'file:///etc/passwd', 'javascript:alert(1)', 'n8n.example/webhook', 'http//missing-colon'])(
    'stop the start on %s with a message that says what is allowed, without echoing the value',
    (url) => {
      let error: unknown;
      try {
        load({ TWIN_WEBHOOK_URL: url });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/TWIN_WEBHOOK_URL \(--webhook-url\) = \(hidden\): .*http:\/\/ or https:\/\//);
      expect((error as Error).message).not.toContain(url);
    },
  );

  it('refuse a short secret, a secret without a URL and a timeout out of range', () => {
    expect(() => load({ TWIN_WEBHOOK_URL: 'http://localhost:5678/x', TWIN_WEBHOOK_SECRET: 'short' })).toThrow(/TWIN_WEBHOOK_SECRET .*= \(hidden\): expected at least 16/);
    expect(() => load({ TWIN_WEBHOOK_SECRET: 'sixteen-chars-ok' })).toThrow(/TWIN_WEBHOOK_SECRET .*without TWIN_WEBHOOK_URL/);
    expect(() => load({ TWIN_WEBHOOK_URL: 'http://localhost:5678/x', TWIN_WEBHOOK_TIMEOUT_MS: '100' })).toThrow(/TWIN_WEBHOOK_TIMEOUT_MS .*at least 500/);
  });

  it('appear in --help, and a bad URL stops the program before anything starts', () => {
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, cwd: '/', env: { ...process.env, TWIN_DATA_DIR: '/nonexistent/never-created' } });
    const help = run(['--help']);
    expect(help.status).toBe(0);
    for (const flag of ['--webhook-url', '--webhook-secret', '--webhook-timeout-ms']) expect(help.stdout).toContain(flag);
    expect(help.stdout).toMatch(/X-Twin-Signature: sha256=/);
    const bad = run(['--webhook-url', 'ftp://n8n.example/hook']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/TWIN_WEBHOOK_URL .*expected an http:\/\/ or https:\/\/ URL/);
  });
});
