import { prepareCluster } from './datasets';
import { forkServer } from './processes';
import { pluginTimes, mainJsSize } from './plugin-figures';
const c = await prepareCluster({ dataDir: '/tmp/twin-bench-data', timezone: 'Europe/Warsaw', log: console.log });
const s = c.sets[2];
const b = await forkServer('test/bench/bridge-child.ts', { ...process.env, PORT: '0', LOG_LEVEL: 'silent', FINANCE_DATABASE_URL: s.urls.finance, TRAINING_DATABASE_URL: s.urls.training, PANTRY_DATABASE_URL: s.urls.pantry, TWIN_DATABASE_URL: s.urls.twin, TWIN_TIMEZONE: 'Europe/Warsaw' });
console.log(b.url);
const status = await (await fetch(b.url + '/status')).json();
const history: unknown[] = []; let cursor: string | null = null;
while (history.length < 1000) { const r: any = await (await fetch(b.url + '/history?limit=100' + (cursor ? '&cursor=' + cursor : ''))).json(); history.push(...r.items); cursor = r.next_cursor; if (!cursor) break; }
console.log(JSON.stringify(status).length, history.length);
console.log(mainJsSize());
console.log(await pluginTimes({ status, history: history as any }));
await b.stop(); await c.stop();
