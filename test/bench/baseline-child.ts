// The benchmark's baseline: a bare express app answering every GET with one constant JSON body (the
// bridge's own /status body, read from BASELINE_BODY_FILE), serialised per request as the bridge does.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';

const body: unknown = JSON.parse(fs.readFileSync(process.env.BASELINE_BODY_FILE!, 'utf8'));
const app = express();
app.get('/{*any}', (_req, res) => {
  res.json(body);
});
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send!({ url: `http://127.0.0.1:${port}`, pid: process.pid });
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('disconnect', stop);
