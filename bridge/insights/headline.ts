// The strongest insight of the day, with an id that stays the same for the same finding (not its
// figures), so a reader can tell whether it is new since yesterday. The order of the kinds says
// what matters most: money running above its usual, a link between domains, training that stalled
// or went back, something running out within a week, then where the body is heading.
import type { Headline, Insights } from '../contract/insights';
import { addDays } from '../time/local-date';

type Parts = Pick<Insights, 'today' | 'body' | 'training' | 'money' | 'pantry' | 'correlations'>;

const signed = (v: number, unit: string) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v)} ${unit}`;

function moneyHeadline(p: Parts): Headline | null {
  const { money } = p;
  if (money.status !== 'ok') return null;
  const above = money.categories.filter((c) => c.status === 'above');
  // The most money past the usual upper quartile, not the largest ratio: 30 over a usual 0 is less news than 300 over 400.
  const top = above.sort((a, b) => b.spent_to_date - b.baseline_p75 - (a.spent_to_date - a.baseline_p75))[0];
  if (!top) return null;
  return {
    id: `money-above:${money.month}:${top.category_path}`,
    domain: 'money',
    text: `${top.category_path}: ${Math.round(top.spent_to_date)} ${money.currency} so far this month, above your usual ${Math.round(top.baseline_p25)}–${Math.round(top.baseline_p75)} ${money.currency} by this day.`,
  };
}

function correlationHeadline(p: Parts): Headline | null {
  const top = p.correlations.status === 'ok' ? p.correlations.listed[0] : undefined;
  return top ? { id: `correlation:${top.x}:${top.y}:${top.lag_weeks}`, domain: 'correlations', text: top.sentence } : null;
}

function trainingHeadline(p: Parts): Headline | null {
  if (p.training.status !== 'ok') return null;
  const e = p.training.exercises.find((x) => x.status === 'stalled' || x.status === 'regressing');
  if (!e) return null;
  const at = e.last_weight_kg === null ? '' : ` at ${e.last_weight_kg} kg`;
  const verb = e.status === 'stalled' ? 'has stalled' : 'went back';
  return { id: `training-${e.status}:${e.exercise_id}`, domain: 'training', text: `${e.exercise_name} ${verb} over its last 4 sessions${at}.` };
}

function pantryHeadline(p: Parts): Headline | null {
  if (p.pantry.status !== 'ok') return null;
  const soon = p.pantry.products.find((x) => x.runs_out_on !== null && x.runs_out_on <= addDays(p.today, 7));
  if (!soon?.runs_out_on) return null;
  return { id: `pantry-runs-out:${soon.name}`, domain: 'pantry', text: `${soon.name} runs out around ${soon.runs_out_on} at ${soon.used_per_week} a week.` };
}

function bodyHeadline(p: Parts): Headline | null {
  const b = p.body;
  if (b.status !== 'ok') return null;
  if (b.target_date) {
    return {
      id: `body-target:${b.target_bodyfat_pct}`,
      domain: 'body',
      text: `Body fat ${b.target_bodyfat_pct} % between ${b.target_date.earliest} and ${b.target_date.latest} at the pace of the last 30 days.`,
    };
  }
  const w = b.weight_kg_per_week_30d;
  if (w === null || Math.abs(w) < 0.1) return null;
  return { id: `body-weight:${w < 0 ? 'losing' : 'gaining'}`, domain: 'body', text: `Weight ${signed(w, 'kg')} a week over the last 30 days.` };
}

const ORDER = [moneyHeadline, correlationHeadline, trainingHeadline, pantryHeadline, bodyHeadline];

export function headline(parts: Parts): Headline | null {
  for (const pick of ORDER) {
    const h = pick(parts);
    if (h) return h;
  }
  return null;
}
