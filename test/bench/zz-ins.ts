import { createPool } from '../../bridge/db/pools';
import { startEmbeddedPostgres } from '../../bridge/db/embedded-postgres';
import { readBodyInsights } from '../../bridge/insights/body-insights';
import { readTrainingInsights } from '../../bridge/insights/training-insights';
import { readMoneyInsights } from '../../bridge/insights/money-insights';
import { readPantryInsights } from '../../bridge/insights/pantry-insights';
import { readWeeklySeries } from '../../bridge/insights/weekly-series';
import { DEFAULT_PERSON_ID } from '../../bridge/config/settings';
import { localDate } from '../../bridge/time/local-date';
import { freePort } from './processes';
const server = await startEmbeddedPostgres({ dataDir: '/work/benchdata/cluster', port: await freePort(), fsync: false, watchdogMs: 0 });
const today = localDate(new Date(), 'Europe/Warsaw');
const ctx = { today, currency: 'PLN', personId: DEFAULT_PERSON_ID };
async function time(label: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await f();
  const t0 = performance.now(); const N = 10;
  for (let i = 0; i < N; i++) await f();
  return `${label} ${((performance.now() - t0) / N).toFixed(1)}ms`;
}
for (const size of ['small', 'user', 'large']) {
  const fin = createPool(server.url(`bench_${size}_finance`), { name: 'f', timezone: 'Europe/Warsaw', max: 4, statementTimeoutMs: 30000 });
  const tr = createPool(server.url(`bench_${size}_training`), { name: 't', timezone: 'Europe/Warsaw', max: 4, statementTimeoutMs: 30000 });
  const out = [size];
  out.push(await time('body', () => readBodyInsights(tr, ctx)));
  out.push(await time('training', () => readTrainingInsights(tr, ctx)));
  out.push(await time('money', () => readMoneyInsights(fin, ctx)));
  out.push(await time('pantry', () => readPantryInsights(fin, ctx)));
  out.push(await time('weekly', () => readWeeklySeries({ finance: fin, training: tr, twin: fin }, ctx)));
  console.log(out.join('  '));
  await fin.end(); await tr.end();
}
await server.stop();
