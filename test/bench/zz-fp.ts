import pg from 'pg';
import { startEmbeddedPostgres } from '../../bridge/db/embedded-postgres';
import { freePort } from './processes';
const server = await startEmbeddedPostgres({ dataDir: '/work/benchdata/cluster', port: await freePort(), fsync: false, watchdogMs: 0 });
const c = new pg.Client({ connectionString: server.url('bench_large_finance') }); await c.connect();
c.on('error', () => {});
for (const q of [
 `SELECT to_char(date_trunc('month', t.transaction_date::timestamp), 'YYYY-MM-DD') AS month, count(*) n, sum(hashtextextended(t::text, 0)::numeric) h FROM transactions t WHERE transaction_date < '2026-12-01' GROUP BY 1`,
 `SELECT to_char(date_trunc('month', t.transaction_date::timestamp), 'YYYY-MM-DD') AS month, count(*) n, sum(hashtextextended(concat_ws('|',transaction_id,transaction_date,type,amount,category_id,updated_at), 0)::numeric) h FROM transactions t WHERE transaction_date < '2026-12-01' GROUP BY 1`,
 `SELECT transaction_date, category_id, type, count(*), sum(amount) FROM transactions WHERE transaction_date < '2026-12-01' GROUP BY 1,2,3`,
]) { for (let i=0;i<3;i++){ const t0=performance.now(); const r = await c.query(q); console.log(r.rowCount, (performance.now()-t0).toFixed(1)); } }
await c.end(); await server.stop();
