// The settings of the browser-facing defences and of history retention: defaults, the three ways
// to set them, and refusals that say what is allowed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bridge/config/config';
import { load, refusal } from './config-inputs';


describe('TWIN_CORS_ORIGINS', () => {
  it("defaults to Obsidian's own origins", () => {
    expect(load({}).corsOrigins).toEqual(['app://obsidian.md', 'capacitor://localhost', 'http://localhost']);
  });

  it('replaces them from the environment, a flag or .env, normalised as browsers send Origin', () => {
    expect(load({ env: { TWIN_CORS_ORIGINS: 'HTTP://127.0.0.1:8080/, app://obsidian.md,,' } }).corsOrigins).toEqual(['http://127.0.0.1:8080', 'app://obsidian.md']);
    expect(load({ argv: ['--cors-origins', 'https://dash.lan'] }).corsOrigins).toEqual(['https://dash.lan']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-web-'));
    try {
      fs.writeFileSync(path.join(dir, '.env'), 'TWIN_CORS_ORIGINS=capacitor://localhost\n');
      expect(loadConfig({ envFileDir: dir, env: {} }).corsOrigins).toEqual(['capacitor://localhost']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(load({ env: { TWIN_CORS_ORIGINS: 'none' } }).corsOrigins).toEqual([]);
  });

  it.each([
    ['*', /wildcards are not allowed/],
    ['https://*.example', /wildcards are not allowed/],
    ['obsidian.md', /".*" is not an origin; expected scheme:\/\/host\[:port\]/],
    ['http://localhost:5677/status', /".*" is not an origin/],
  ])('refuses %j', (value, message) => {
    expect(refusal({ env: { TWIN_CORS_ORIGINS: value } })).toMatch(new RegExp(`TWIN_CORS_ORIGINS \\(--cors-origins\\) = ".*": ${message.source}`));
  });
});

describe('TWIN_ALLOWED_HOSTS', () => {
  it('is empty by default and takes names in any case, with a trailing dot or not', () => {
    expect(load({}).allowedHosts).toEqual([]);
    expect(load({ env: { TWIN_ALLOWED_HOSTS: 'Digital-Twin-API, twin.lan., [fd00::1]' } }).allowedHosts).toEqual(['digital-twin-api', 'twin.lan', '[fd00::1]']);
    expect(load({ argv: ['--allowed-hosts', 'nas'] }).allowedHosts).toEqual(['nas']);
  });

  it.each(['twin.lan:5677', 'http://twin.lan', 'a b'])('refuses %j', (value) => {
    expect(refusal({ env: { TWIN_ALLOWED_HOSTS: value } })).toMatch(/TWIN_ALLOWED_HOSTS .* is not a host name; expected names without a port/);
  });
});

describe('TWIN_HISTORY_RETENTION_DAYS', () => {
  it('keeps everything unless set', () => {
    expect(load({}).historyRetentionDays).toBeNull();
    expect(load({ env: { TWIN_HISTORY_RETENTION_DAYS: '365' } }).historyRetentionDays).toBe(365);
    expect(load({ argv: ['--history-retention-days', '30'] }).historyRetentionDays).toBe(30);
  });

  it.each(['0', '-5', '1.5', 'year', '36501'])('refuses %j', (value) => {
    expect(refusal({ env: { TWIN_HISTORY_RETENTION_DAYS: value } })).toMatch(/TWIN_HISTORY_RETENTION_DAYS \(--history-retention-days\) = ".*": expected/);
  });
});
