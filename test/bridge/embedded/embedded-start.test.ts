// `npm start` with no database configured: the bridge initialises its own PostgreSQL, fills it with
// demo data, serves it, stops it cleanly (requests in flight answered, no crash recovery on the next
// start), reuses it, and recovers from hard kills.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../fixtures/free-port';
import { pidAlive, startBridgeProcess, waitUntil, type BridgeProcess } from './bridge-process';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-embedded-'));
let running: BridgeProcess | null = null;

afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
  const pid = postmasterPid();
  if (pid && pidAlive(pid)) process.kill(pid, 'SIGINT');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function postmasterPid(): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

async function env() {
  return { TWIN_DATA_DIR: dataDir, PORT: String(await freePort()), TWIN_PG_PORT: String(await freePort()), TWIN_TIMEZONE: 'Europe/Warsaw' };
}

// What PostgreSQL says on start after a clean stop, and after an unclean one.
const CLEAN_START = 'database system was shut down';
const RECOVERY = /not properly shut down|automatic recovery|was interrupted/;

async function pgClient(database: string) {
  const port = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'twin', password, database });
  await client.connect();
  return client;
}

async function status(url: string) {
  const res = await fetch(`${url}/status`);
  return { code: res.status, body: await res.json() };
}

describe('the bridge with its embedded PostgreSQL', () => {
  it('starts on a fresh data folder with demo data, and stops PostgreSQL on SIGTERM', async () => {
    running = await startBridgeProcess(await env());
    const { code, body } = await status(running.url);
    expect(code).toBe(200);
    expect(body.state.finance.status).toBe('ok');
    expect(body.state.finance.active_budget_alerts).toBeGreaterThan(0);
    expect(body.state.pantry.low_stock_count).toBeGreaterThan(0);
    expect(body.state.health.bodyweight_kg).toBeGreaterThan(40);
    expect(running.logs.some((l) => l.includes('demo data created'))).toBe(true);
    // The password is generated and private to the owner.
    const mode = fs.statSync(path.join(dataDir, 'pg-password')).mode & 0o777;
    expect(mode).toBe(0o600);
    // PostgreSQL listens on loopback only and takes that password, not a default one.
    const pgPort = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
    const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
    const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'twin', password, database: 'postgres' });
    await client.connect();
    expect((await client.query('SHOW listen_addresses')).rows[0].listen_addresses).toBe('127.0.0.1');
    await client.end();
    const guessed = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'twin', password: 'password', database: 'postgres' });
    await expect(guessed.connect()).rejects.toThrow(/password authentication failed/);

    const pid = postmasterPid();
    expect(pid && pidAlive(pid)).toBeTruthy();
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(await waitUntil(() => !pidAlive(pid!), 5000)).toBe(true);
  });

  it('on SIGTERM answers the request in flight, then stops PostgreSQL without need of recovery', async () => {
    // Debug level: PostgreSQL's own start-up lines are in the bridge's log.
    running = await startBridgeProcess({ ...(await env()), LOG_LEVEL: 'debug', TWIN_CACHE_MS: '0' });
    const bridge = running;
    expect(bridge.logs.some((l) => l.includes(CLEAN_START))).toBe(true);
    expect(bridge.logs.some((l) => RECOVERY.test(l))).toBe(false);
    // Hold the transactions table so that the next /status waits inside the finance query.
    const locker = await pgClient('autonomous_finance');
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE transactions IN ACCESS EXCLUSIVE MODE');
    const inflight = status(bridge.url);
    const waiting = async () =>
      (await locker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`)).rows[0].n > 0;
    expect(await waitUntil(waiting, 10_000)).toBe(true);
    const pid = postmasterPid()!;
    bridge.child.kill('SIGTERM');
    expect(await waitUntil(() => bridge.logs.some((l) => l.includes('SIGTERM: finishing requests')), 10_000)).toBe(true);
    await locker.query('COMMIT');
    await locker.end();
    const answer = await inflight;
    expect(answer.code).toBe(200);
    expect(answer.body.state.finance.status).toBe('ok');
    expect(await bridge.exited).toBe(0);
    expect(pidAlive(pid)).toBe(false);
    // A clean stop removes PostgreSQL's lock file; a crash leaves it.
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('reuses the data on a second start', async () => {
    running = await startBridgeProcess({ ...(await env()), LOG_LEVEL: 'debug' });
    const { body } = await status(running.url);
    expect(body.state.pantry.low_stock_count).toBeGreaterThan(0);
    expect(running.logs.some((l) => l.includes('demo data created'))).toBe(false);
    expect(running.logs.some((l) => l.includes(CLEAN_START))).toBe(true);
    expect(running.logs.some((l) => RECOVERY.test(l))).toBe(false);
  });

  it('restarts its PostgreSQL when it is killed, answering degraded meanwhile', async () => {
    const pid = postmasterPid()!;
    process.kill(pid, 'SIGKILL');
    // Requests keep being answered (degraded or ok), never with a failure of the whole bridge.
    const during = await status(running!.url).catch((err) => {
      throw new Error(`${err}\n${running!.logs.slice(-20).join('\n')}`);
    });
    expect(during.code).toBe(200);
    const recovered = await waitUntil(async () => {
      const pidNow = postmasterPid();
      if (!pidNow || pidNow === pid) return false;
      const res = await fetch(`${running!.url}/health/ready`);
      return res.status === 200;
    }, 30_000);
    expect(recovered).toBe(true);
    // Killed hard, PostgreSQL recovers on its restart, and says so: the check above can tell.
    expect(running!.logs.some((l) => RECOVERY.test(l))).toBe(true);
    const after = await status(running!.url);
    expect(after.body.data.degraded).toEqual([]);
  });

  it('starts again after the whole bridge was killed hard (stale PostgreSQL and lock)', async () => {
    running!.child.kill('SIGKILL');
    await running!.exited;
    // PostgreSQL outlives the killed bridge; the next start must deal with it.
    running = await startBridgeProcess(await env());
    const { code, body } = await status(running.url);
    expect(code).toBe(200);
    expect(body.data.degraded).toEqual([]);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });
});
