import { prepareCluster } from './datasets';
const c = await prepareCluster({ dataDir: '/work/benchdata/cluster', timezone: 'Europe/Warsaw', log: (m) => console.log(m) });
for (const s of c.sets) console.log(s.spec.name, JSON.stringify(s.urls), JSON.stringify(s.rows));
await c.stop();
