import pg from 'pg';
import { startEmbeddedPostgres } from '../../bridge/db/embedded-postgres';
import { readFinance } from '../../bridge/sources/finance-source';
import { readHealth } from '../../bridge/sources/health-source';
import { MONTHLY_NET_SQL, monthlyNetRange } from '../../bridge/sources/monthly-net';
import { localDate } from '../../bridge/time/local-date';
import { freePort } from './processes';
const server = await startEmbeddedPostgres({ dataDir: '/work/benchdata/cluster', port: await freePort(), fsync: false, watchdogMs: 0 });
const today = localDate(new Date(), 'Europe/Warsaw');
async function time(label: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 30; i++) await f();
  const t0 = performance.now(); const N = 300;
  for (let i = 0; i < N; i++) await f();
  return `${label} ${((performance.now() - t0) / N).toFixed(3)}ms`;
}
for (const size of ['small', 'user', 'large']) {
  const fin = new pg.Pool({ connectionString: server.url(`bench_${size}_finance`), max: 1 });
  const tr = new pg.Pool({ connectionString: server.url(`bench_${size}_training`), max: 1 });
  const out = [size];
  out.push(await time('finance', () => readFinance(fin, { today, currency: 'PLN' })));
  out.push(await time('netsql', () => fin.query(MONTHLY_NET_SQL, monthlyNetRange(today))));
  out.push(await time('health', () => readHealth(tr, { today })));
  out.push(await time('body', () => tr.query('SELECT * FROM v_body_composition ORDER BY measurement_date DESC LIMIT 1')));
  console.log(out.join('  '));
  await fin.end(); await tr.end();
}
await server.stop();
