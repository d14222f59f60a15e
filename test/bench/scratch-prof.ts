import './happy-dom-globals';
import { createContainer } from '../fixtures/obsidian/index';
import { describeEntries, groupByDay, seriesOf } from '../../plugin/history-model';
const N = 1000;
const entries: any[] = [];
for (let i = 0; i < N; i++) entries.push({ id: String(i), entity_type: ['health','finance','pantry'][i%3], entity_id: 'x', update_data: i%3===0 ? { bodyweight_kg: 80 + i/100, bodyfat_pct: 15, days_since_workout: 1 } : i%3===1 ? { mtd_net: 100*i, active_budget_alerts: 1, alerts: [] } : { low_stock_items: ['a','b'], expired_count: 0 }, source_system: 'g', update_type: 's', created_at: new Date(Date.now() - i*3600e3).toISOString() });
let t = performance.now();
const d = describeEntries(entries); const g = groupByDay(d); seriesOf(entries as any, 'weight' as any);
console.log('model ms', performance.now() - t, g.length);
t = performance.now();
const el = createContainer();
for (let i = 0; i < 6000; i++) { const x = el.createDiv({ cls: 'a b' }); x.createSpan({ text: 'hi' }); }
console.log('12000 createEl ms', performance.now() - t);
t = performance.now();
const el2 = document.createElement('div');
for (let i = 0; i < 6000; i++) { const x = document.createElement('div'); x.className = 'a b'; el2.appendChild(x); const s = document.createElement('span'); s.textContent='hi'; x.appendChild(s) }
console.log('raw 12000 ms', performance.now() - t);
