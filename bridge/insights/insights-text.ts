// The human text of /insights, for n8n and Telegram: one line per domain, then the listed links.
import { dayLine } from '../briefing/day-line';
import type { Insights } from '../contract/insights';

const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v)}`;

function bodyLine(i: Insights): string {
  const b = i.body;
  if (b.status !== 'ok') return `💪 Body: unavailable (${b.error ?? 'no data'})`;
  const w = b.weight_kg_per_week_30d;
  const pace = w === null ? 'too few weigh-ins in 30 days' : `${signed(w)} kg/week over 30 days`;
  const target = b.target_reached
    ? `, at or below ${b.target_bodyfat_pct} % body fat`
    : b.target_date
      ? `, ${b.target_bodyfat_pct} % body fat between ${b.target_date.earliest} and ${b.target_date.latest}`
      : '';
  return `💪 Body: ${pace}${target}`;
}

function trainingLine(i: Insights): string {
  const t = i.training;
  if (t.status !== 'ok') return `🏋️ Training: unavailable (${t.error ?? 'no data'})`;
  const stalled = t.exercises.filter((e) => e.status === 'stalled').map((e) => e.exercise_name);
  const rate = `${t.sessions_per_week_4w ?? 0} sessions/week (4 weeks) against ${t.sessions_per_week_12w ?? 0} (12 weeks)`;
  return `🏋️ Training: ${rate}${stalled.length ? `; stalled: ${stalled.join(', ')}` : ''}`;
}

function moneyLine(i: Insights): string {
  const m = i.money;
  if (m.status !== 'ok') return `💰 Money: unavailable (${m.error ?? 'no data'})`;
  const above = m.categories.filter((c) => c.status === 'above').map((c) => c.category_path);
  return `💰 Money: ${above.length ? `above your usual by this day: ${above.join(', ')}` : 'every category within its usual range'}`;
}

function pantryLine(i: Insights): string {
  const p = i.pantry;
  if (p.status !== 'ok') return `🛒 Pantry: unavailable (${p.error ?? 'no data'})`;
  if (p.insufficient_history) return `🛒 Pantry: not enough history yet (${p.history_days} days)`;
  const soon = p.products.filter((x) => x.runs_out_on !== null).slice(0, 3);
  return `🛒 Pantry: ${soon.length ? soon.map((x) => `${x.name} runs out ${x.runs_out_on}`).join(', ') : 'no consumption seen'}`;
}

export function insightsText(i: Insights): string {
  const lines = ['🔭 INSIGHTS', dayLine(i.today, i.past), ''];
  if (i.headline) lines.push(`⭐ ${i.headline.text}`, '');
  lines.push(bodyLine(i), trainingLine(i), moneyLine(i), pantryLine(i));
  const c = i.correlations;
  if (c.status !== 'ok') lines.push(`🔗 Links: unavailable (${c.error ?? 'no data'})`);
  else if (c.listed.length === 0) lines.push(`🔗 Links: none found (${c.tested} tested over ${c.weeks} weeks)`);
  else lines.push(`🔗 Links (${c.listed.length} of ${c.tested} tested):`, ...c.listed.map((x) => `• ${x.sentence}`));
  return lines.join('\n');
}
