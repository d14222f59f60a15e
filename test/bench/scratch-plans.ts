import { prepareCluster } from './datasets';
import { checkQueryPlans } from './query-plans';
const c = await prepareCluster({ dataDir: '/tmp/twin-bench-data', timezone: 'Europe/Warsaw', log: console.log });
for (const s of [c.sets[2]]) {
  const f = await checkQueryPlans(s, { timezone: c.timezone, personId: c.personId });
  console.log(s.spec.name); for (const x of f) console.log(JSON.stringify(x));
}
await c.stop();
