// The human texts of /workout, /forecast, /pantry and /finance/alerts, in the style of the
// briefing: emoji first, money signed with thousands separators, short enough for Telegram.
import type { AlertRow, OutflowForecast, PantryReport, WorkoutData } from '../contract/n8n-responses';
import type { PantryDomain } from '../contract/twin-state';
import { worstFirst } from '../contract/alert-order';
import { dayLine } from './day-line';
import { alertLine, degradedLine, listed, pantryLines, plural } from './domain-lines';
import { signedMoney } from './money';

const TREND_ICON = { up: '⬆️', flat: '➡️', down: '⬇️', new: '🆕' } as const;
const kg = (v: number | null) => (v === null ? '?' : `${Math.round(v * 10) / 10}`);
const seconds = (v: number | null) => (v === null ? '?' : `${v}`);

export function workoutText(d: WorkoutData, past = false): string {
  const lines = ['🏋️ WORKOUT', dayLine(d.today, past), ''];
  if (d.sessions.length === 0) return [...lines, 'No workouts logged yet: log your first workout.'].join('\n');
  lines.push(`🗓️ Last ${plural(d.sessions.length, 'session')}:`);
  for (const s of d.sessions) {
    const details = [s.location, s.duration_min === null ? null : `${s.duration_min} min`, plural(s.exercises, 'exercise')].filter(Boolean);
    const scores = [s.recovery_score === null ? null : `recovery ${s.recovery_score}/5`, s.mood_score === null ? null : `mood ${s.mood_score}/5`].filter(Boolean);
    lines.push(`• ${s.date} ${s.template_name ?? s.template_id} (${details.join(', ')})${scores.length ? ` · ${scores.join(', ')}` : ''}`);
  }
  lines.push('', `📈 Progression (last sessions of each exercise, ${d.window_weeks} weeks):`);
  if (d.progression.length === 0) lines.push('• no sets logged in that time');
  for (const p of d.progression.slice(0, 15)) {
    const [newest, oldest] = [p.sets[0], p.sets[p.sets.length - 1]];
    const weight = p.sets.length > 1 && newest.weight_kg !== oldest.weight_kg ? `${kg(oldest.weight_kg)} → ${kg(newest.weight_kg)} kg` : `${kg(newest.weight_kg)} kg`;
    const tut = p.sets.length > 1 && newest.tut_seconds !== oldest.tut_seconds ? `${seconds(oldest.tut_seconds)} → ${seconds(newest.tut_seconds)} s` : `${seconds(newest.tut_seconds)} s`;
    lines.push(`• ${TREND_ICON[p.trend]} ${p.exercise_name}: ${weight}, ${tut}`);
  }
  if (d.progression.length > 15) lines.push(`• and ${d.progression.length - 15} more`);
  return lines.join('\n');
}

/** `pastDay`: the day a past forecast was made on (its history ends the day before, as on that day). */
export function forecastText(f: OutflowForecast, pastDay: string | null = null): string {
  const lines = ['🔮 FORECAST', `📅 ${f.from} to ${f.to}`, ...(pastDay ? [`🕰️ As forecast on ${pastDay}`] : []), ''];
  const money = (v: number) => signedMoney(-v, f.currency);
  if (f.median === null || f.p10 === null || f.p90 === null || f.p25 === null || f.p75 === null) {
    return [...lines, '💸 Outflow: not enough history yet (needs 30 days of transactions)', ...scheduledLines(f)].join('\n');
  }
  lines.push(`💸 Outflow: ${money(f.median)} expected in 30 days`);
  lines.push(`📊 80 % range: ${money(f.p10)} to ${money(f.p90)} · half of recent periods ${money(f.p25)} to ${money(f.p75)}`);
  lines.push(`🧾 Last 30 days: ${money(f.last_30_days)}`);
  lines.push(`ℹ️ From ${plural(f.periods, '30-day period')} since ${f.history_from ?? f.history_to}`);
  lines.push(...scheduledLines(f));
  if (f.expected_with_scheduled !== null && f.scheduled_added > 0) lines.push(`🧮 With scheduled payments: ${money(f.expected_with_scheduled)} expected`);
  return lines.join('\n');
}

/** The scheduled payments of the forecast's days: what is added on top, and what the usual outflow already holds. */
function scheduledLines(f: OutflowForecast): string[] {
  const named = (counted: string) => f.scheduled.filter((s) => s.counted === counted).map((s) => `${s.name} ${s.expense_date}`);
  const [added, inHistory, other] = [named('added'), named('in_history'), named('other_currency')];
  const lines: string[] = [];
  if (added.length > 0) lines.push(`🗓️ Scheduled on top: ${signedMoney(-f.scheduled_added, f.currency)} (${listed(added)})`);
  if (inHistory.length > 0) lines.push(`🔁 Already in the usual outflow (monthly, paid last month): ${listed(inHistory)}`);
  if (other.length > 0) lines.push(`💱 Scheduled in another currency, not added: ${listed(other)}`);
  return lines;
}

export function pantryText(p: PantryDomain, runOut: PantryReport['run_out'], today: string, past = false): string {
  const lines = ['🛒 PANTRY', dayLine(today, past), '', ...pantryLines(p)];
  const warning = p.expiring.filter((i) => i.level === 'warning');
  if (warning.length > 0) lines.push(`📆 Expiring within 30 days: ${listed(warning.map((i) => `${i.product} (${i.next_expiry})`))}`);
  const dated = (runOut ?? []).filter((u) => u.runs_out_on !== null);
  if (past) return lines.join('\n');
  if (runOut === null) lines.push('📉 Run-out dates: not enough history yet');
  else if (dated.length > 0) lines.push(`📉 Runs out: ${listed(dated.map((u) => `${u.name} ${u.runs_out_on ?? ''}`))}`);
  return lines.join('\n');
}

export function alertsText(rows: readonly AlertRow[], o: { today: string; past?: boolean; status: string; error: string | null; as_of: string | null }): string {
  const lines = ['🚨 BUDGET ALERTS', dayLine(o.today, o.past), ''];
  if (o.status !== 'ok') lines.push(degradedLine('💰', 'Finance', o));
  if (rows.length === 0) lines.push('✅ No budget alerts');
  // `data` keeps the function's order; a person reads the worst first, as in the briefing.
  for (const a of worstFirst(rows).slice(0, 10)) lines.push(alertLine(a));
  if (rows.length > 10) lines.push(`• and ${rows.length - 10} more`);
  return lines.join('\n');
}
