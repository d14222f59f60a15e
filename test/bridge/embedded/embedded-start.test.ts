// `npm start` with no database configured: the bridge initialises its own PostgreSQL, fills it with
// demo data, serves it, stops it cleanly, reuses it, and recovers from hard kills.
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

  it('reuses the data on a second start', async () => {
    running = await startBridgeProcess(await env());
    const { body } = await status(running.url);
    expect(body.state.pantry.low_stock_count).toBeGreaterThan(0);
    expect(running.logs.some((l) => l.includes('demo data created'))).toBe(false);
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
