// A start that fails half-way leaves nothing behind: what the stages before the failure started
// (the embedded PostgreSQL, the pools, the ledger and its watching connection, the recorder, the webhook,
// the engine, the insights) is stopped again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bridge/config/config';
import { portFree } from '../../../bridge/db/embedded-postgres';
import { StartAborted, startBridge } from '../../../bridge/server';
import { adminQuery, freshDatabases } from '../../fixtures/databases';
import { freePort } from '../../fixtures/free-port';
import { pidAlive, waitUntil } from '../embedded/bridge-process';

// TEST-NET-1 (RFC 5737) is on no interface of this machine: listening there fails, and it fails in
// the HTTP stage, after every stage before it has started.
const UNBINDABLE_HOST = '192.0.2.1';
const API_KEY = crypto.randomBytes(24).toString('base64url');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-failed-start-'));
const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

function config(env: Record<string, string>) {
  return loadConfig({
    env: { PORT: '0', TWIN_DEMO_DATA: 'false', TWIN_TIMEZONE: 'Europe/Warsaw', TWIN_SYNC_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent', ...env },
    envFileDir: null,
  });
}

function postmasterPid(): number | null {
  return fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
}

describe('a start that fails half-way', () => {
  it('stops the embedded PostgreSQL it started when a later stage throws', async () => {
    const pgPort = await freePort();
    const seen: { pid: number | null } = { pid: null };
    const starting = startBridge(config({ TWIN_DATA_DIR: dataDir, TWIN_PG_PORT: String(pgPort) }), {
      embeddedFsync: false,
      extraRoutes: () => {
        seen.pid = postmasterPid();
        throw new Error('routes could not be built');
      },
    });
    await expect(starting).rejects.toThrow('routes could not be built');
    // PostgreSQL was running when the HTTP stage failed, and is gone with its port and lock file.
    expect(seen.pid).not.toBeNull();
    expect(pidAlive(seen.pid!)).toBe(false);
    expect(await portFree(pgPort)).toBe(true);
    expect(fs.existsSync(pidFile)).toBe(false);
  });

  it('gives up at the next stage when asked to stop during start-up, and leaves nothing running', async () => {
    const pgPort = await freePort();
    const aborter = new AbortController();
    const seen: { pid: number | null } = { pid: null };
    // The stop arrives while the stages run (here, as the HTTP stage mounts its routes, with the embedded
    // PostgreSQL up): a fixed point of the start, so the test does not race the machine's speed.
    const starting = startBridge(config({ TWIN_DATA_DIR: dataDir, TWIN_PG_PORT: String(pgPort) }), {
      embeddedFsync: false,
      signal: aborter.signal,
      extraRoutes: () => {
        seen.pid = postmasterPid();
        aborter.abort();
        return [];
      },
    });
    await expect(starting).rejects.toBeInstanceOf(StartAborted);
    expect(seen.pid).not.toBeNull();
    expect(pidAlive(seen.pid!)).toBe(false);
    expect(await portFree(pgPort)).toBe(true);
  });

  it('unwinds when the HTTP server cannot listen, and the PostgreSQL it stopped needs no recovery', async () => {
    const pgPort = await freePort();
    const { logger, lines } = capturedLogger();
    const seen: { pid: number | null } = { pid: null };
    const starting = startBridge(
      config({ TWIN_DATA_DIR: dataDir, TWIN_PG_PORT: String(pgPort), HOST: UNBINDABLE_HOST, DIGITAL_TWIN_API_KEY: API_KEY }),
      {
        logger,
        embeddedFsync: false,
        extraRoutes: () => {
          seen.pid = postmasterPid();
          return [];
        },
      },
    );
    await expect(starting).rejects.toMatchObject({ code: 'EADDRNOTAVAIL' });
    expect(seen.pid).not.toBeNull();
    expect(pidAlive(seen.pid!)).toBe(false);
    expect(await portFree(pgPort)).toBe(true);
    // The cluster was stopped cleanly by the first test's unwinding: this start found it shut down.
    expect(lines.some((l) => l.includes('database system was shut down'))).toBe(true);
    expect(lines.some((l) => /not properly shut down|automatic recovery|was interrupted/.test(l))).toBe(false);
  });

  it('ends its pools and stops the webhook and the recorder over configured databases', async () => {
    const dbs = await freshDatabases();
    const { logger, lines } = capturedLogger();
    const starting = startBridge(
      config({
        FINANCE_DATABASE_URL: dbs.finance,
        TRAINING_DATABASE_URL: dbs.training,
        PANTRY_DATABASE_URL: dbs.pantry,
        TWIN_DATABASE_URL: dbs.twin,
        HOST: UNBINDABLE_HOST,
        DIGITAL_TWIN_API_KEY: API_KEY,
        TWIN_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
      }),
      { logger },
    );
    await expect(starting).rejects.toMatchObject({ code: 'EADDRNOTAVAIL' });
    const stopped = lines.map((l) => JSON.parse(l) as { msg: string; step?: string }).filter((l) => l.step && l.msg.endsWith('stopped'));
    expect(stopped.map((l) => l.step)).toEqual(['insights', 'engine', 'ledger', 'activity watch', 'webhook', 'history writes', 'database pools']);
    // The history stage connected; with its pool ended, no connection of the bridge is left open.
    const open = () =>
      adminQuery(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ANY($1) AND application_name LIKE 'digital-twin:%'`, [
        Object.values(dbs.names),
      ]).then((r) => (r.rows[0] as { n: number }).n);
    expect(await waitUntil(async () => (await open()) === 0, 5000)).toBe(true);
    await dbs.drop();
  });
});
