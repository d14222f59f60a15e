// The weekly review as text: one line per figure, this week first, then last week and a year ago
// with the change where it says something. The plugin inserts it into a note as it is.
import { signedMoney } from '../briefing/money';
import type { ReviewPeriod, WeeklyReview } from '../contract/weekly-review';

type Figure = (p: ReviewPeriod) => number | null;

const one = (v: number) => (Math.round(v * 10) / 10).toFixed(1);
const DASH = '–';

function compared(periods: readonly ReviewPeriod[], figure: Figure, show: (v: number) => string, delta?: (d: number) => string): string {
  const [now, last, yearAgo] = periods.map(figure);
  const other = (label: string, v: number | null) => {
    if (v === null) return `${label} ${DASH}`;
    const change = delta && now !== null ? ` (${delta(now - v)})` : '';
    return `${label} ${show(v)}${change}`;
  };
  return [now === null ? DASH : show(now), other('last week', last), other('a year ago', yearAgo)].join(' · ');
}

const signed = (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : '±'}${one(Math.abs(d))}`;

export function reviewText(r: WeeklyReview): string {
  const [now, , yearAgo] = r.periods;
  const money = (v: number) => signedMoney(v, r.currency);
  const days = now.first_day === now.last_day ? now.first_day : `${now.first_day} to ${now.last_day}`;
  const lines = [
    '📅 WEEKLY REVIEW',
    `🗓️ ${days}, against the same days last week and in the week of ${yearAgo.first_day}`,
    '',
    `💪 Workouts: ${compared(r.periods, (p) => p.training.workouts, String)}`,
    `⏱️ Training time: ${compared(r.periods, (p) => p.training.minutes, (v) => `${v} min`)}`,
    `🔋 Recovery: ${compared(r.periods, (p) => p.training.mean_recovery, (v) => `${one(v)}/5`)}`,
    `🙂 Mood: ${compared(r.periods, (p) => p.training.mean_mood, (v) => `${one(v)}/5`)}`,
    `⚖️ Weight: ${compared(r.periods, (p) => p.training.mean_weight_kg, (v) => `${one(v)} kg`, (d) => `${signed(d)} kg`)}`,
    `💸 Spent: ${compared(r.periods, (p) => p.money.expense, (v) => money(-v))}`,
    `💰 Net: ${compared(r.periods, (p) => p.money.net, money)}`,
    `🛒 Low stock at the end: ${compared(r.periods, (p) => p.pantry?.low_stock_count ?? null, (v) => `${v} items`)}`,
  ];
  return lines.join('\n');
}
