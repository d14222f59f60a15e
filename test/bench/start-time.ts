// Bridge start with the embedded database, as a user starts it (`node bridge/bin/digital-twin.mjs
// start`, durability on): the first start in a fresh data folder (initdb, schemas, demo data) and a
// later start on the same folder, each timed from spawn to the "listening on" log line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startCliBridge } from './processes';

export interface StartTimes {
  firstMs: number;
  laterMs: number;
}

export async function measureStartTimes(timezone: string): Promise<StartTimes> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-bench-start-'));
  try {
    const env = { TWIN_DATA_DIR: dataDir, PORT: '0', TWIN_PG_PORT: String(await freePort()), TWIN_TIMEZONE: timezone };
    const first = await startCliBridge(env);
    await first.stop();
    const later = await startCliBridge(env);
    await later.stop();
    return { firstMs: first.startMs, laterMs: later.startMs };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
