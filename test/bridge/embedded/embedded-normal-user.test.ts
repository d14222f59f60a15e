// The same start as a normal (non-root) user. Run as root, the test drops to the `postgres`
// system user for the bridge process; run as a normal user, embedded-start.test.ts already is this path.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../fixtures/free-port';
import { startBridgeProcess } from './bridge-process';

function userIds(name: string): { uid: number; gid: number } | null {
  try {
    return { uid: Number(execFileSync('id', ['-u', name]).toString()), gid: Number(execFileSync('id', ['-g', name]).toString()) };
  } catch {
    return null;
  }
}

const asRoot = process.getuid?.() === 0;
const user = asRoot ? userIds('postgres') : null;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-user-'));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the bridge run by a normal user', () => {
  it.skipIf(!user)('initialises and serves its embedded database without root', async () => {
    fs.chownSync(dataDir, user!.uid, user!.gid);
    const bridge = await startBridgeProcess(
      { TWIN_DATA_DIR: dataDir, PORT: String(await freePort()), TWIN_PG_PORT: String(await freePort()), HOME: dataDir },
      user!,
    );
    try {
      const res = await fetch(`${bridge.url}/status`);
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.data.degraded).toEqual([]);
      // Everything in the data folder belongs to the user who ran it.
      expect(fs.statSync(path.join(dataDir, 'pg')).uid).toBe(user!.uid);
      expect(fs.statSync(path.join(dataDir, 'pg-password')).uid).toBe(user!.uid);
    } finally {
      bridge.child.kill('SIGTERM');
      expect(await bridge.exited).toBe(0);
    }
  });
});
