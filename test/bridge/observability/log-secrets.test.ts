// No secret in the log: neither the API key (right or wrong) nor the password of a database the
// bridge connects to.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';
import { logLines } from '../http/raw-request';

const KEY = 'log-test-secret-key';
const log = logLines();

let tb: TestBridge;
beforeAll(async () => {
  tb = await startTestBridge({ env: { DIGITAL_TWIN_API_KEY: KEY, TWIN_CACHE_MS: '0' }, logger: pino({ level: 'debug' }, log) });
});
afterAll(async () => {
  await tb?.close();
});

const get = (path: string, headers: Record<string, string>) => fetch(`${tb.url}${path}`, { headers });

describe('logs', () => {
  it('never contains the API key or a database password', async () => {
    await get('/status', { authorization: `Bearer ${KEY}` });
    await get('/status', { 'x-api-key': 'wrong-key-attempt' });
    const password = new URL(tb.dbs.finance).password;
    const all = JSON.stringify(log.lines);
    expect(all).not.toContain(KEY);
    expect(all).not.toContain('wrong-key-attempt');
    expect(all).not.toContain(password);
  });
});
