import fs from 'node:fs';
import { freePort, startCliBridge } from './processes';
const dir = fs.mkdtempSync('/tmp/twin-start-');
const env = { TWIN_DATA_DIR: dir, PORT: '0', TWIN_PG_PORT: String(await freePort()), LOG_LEVEL: 'debug' };
for (let i = 0; i < 3; i++) {
  const t0 = Date.now();
  const b = await startCliBridge(env);
  console.log('run', i, Math.round(b.startMs), 'ms');
  for (const l of b.logs) console.log('  ', l.time ? Number(l.time) - t0 : '?', String(l.msg).slice(0, 100), l.ms ?? '');
  await b.stop();
}
fs.rmSync(dir, { recursive: true, force: true });
