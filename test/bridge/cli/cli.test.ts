// The command line as a user meets it: invalid configuration, key, doctor (--help: help.test.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { load } from '../config/config-inputs';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { freePort } from '../../fixtures/free-port';
import { BIN } from '../embedded/bridge-process';

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000, cwd: '/' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dbs: TestDatabases;
beforeAll(async () => {
  dbs = await freshDatabases();
});
afterAll(async () => {
  await dbs?.drop();
});

describe('digital-twin', () => {
  it('stops before listening when the configuration is invalid, naming the setting', () => {
    const r = run(['start', '--port', 'abc'], { TWIN_TIMEZONE: 'Mars/Olympus' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/PORT \(--port\) = "abc": expected a whole number from 0 to 65535/);
    expect(r.err).toMatch(/TWIN_TIMEZONE .*IANA time zone/);
  });

  it('key prints a fresh random key that a bridge listening beyond loopback accepts', () => {
    const [a, b] = [run(['key']), run(['key'])];
    expect(a.code).toBe(0);
    const key = a.out.trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(b.out.trim()).not.toBe(key);
    expect(load({ env: { HOST: '0.0.0.0', DIGITAL_TWIN_API_KEY: key } }).apiKey).toBe(key);
    // The same through npm, as the documentation says.
    expect(spawnSync('npm', ['run', '-s', 'key'], { encoding: 'utf8' }).stdout.trim()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('--version prints the release of the package', () => {
    for (const args of [['--version'], ['-v'], ['start', '--version']]) expect(run(args)).toEqual({ code: 0, out: `${packageJson.version}\n`, err: '' });
  });

  it('refuses an unknown flag', () => {
    const r = run(['--prot', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--prot/);
  });

  it('doctor reports each source and passes on a complete database', () => {
    const env = { FINANCE_DATABASE_URL: dbs.finance, TRAINING_DATABASE_URL: dbs.training, PANTRY_DATABASE_URL: dbs.pantry, TWIN_TIMEZONE: 'Europe/Warsaw' };
    const r = run(['doctor'], env);
    expect(r.out).toMatch(/^source\s+check\s+ok\s+detail/m);
    expect(r.out).toMatch(/pantry\s+layout\s+yes\s+with location/);
    // No bridge ran on these databases: the doctor applies the store's migrations as a start would.
    expect(r.out).toMatch(/twin\s+migrations\s+yes\s+(\d+) of \1 applied, \1 of them now\n/);
    expect(r.out).toMatch(/twin\s+ledger of closed months\s+yes\s+present/);
    expect(r.out).toMatch(/twin\s+right to create the ledger\s+yes\s+present/);
    expect(run(['doctor'], env).out).toMatch(/twin\s+migrations\s+yes\s+(\d+) of \1 applied\n/);
    expect(r.out).toMatch(/All checks passed/);
    expect(r.code).toBe(0);
  });

  it('doctor fails and says why when a source is unreachable', () => {
    const env = { FINANCE_DATABASE_URL: dbs.finance, TRAINING_DATABASE_URL: dbs.training, PANTRY_DATABASE_URL: 'postgres://x:y@127.0.0.1:1/none', TWIN_TIMEZONE: 'Europe/Warsaw' };
    const r = run(['doctor'], env);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/pantry\s+reachable\s+NO\s+pantry database unreachable/);
  });

  it('doctor says to start the bridge when its embedded database is not running', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-doctor-'));
    try {
      fs.writeFileSync(path.join(dir, 'pg-password'), 'x\n');
      const r = run(['doctor'], { TWIN_DATA_DIR: dir, TWIN_PG_PORT: String(await freePort()) });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/embedded\s+running\s+NO\s+nothing listens .* start the bridge first/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
