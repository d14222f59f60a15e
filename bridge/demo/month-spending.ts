// The demo person's everyday spending on the budgeted lines, one month at a time. Like most households
// they keep roughly to their plan: a line usually ends the month between about 70 % of its amount and
// its alert threshold, now and then one ends just past the threshold or over the budget. Spending is
// drawn from the plan; the plan (budget-demo.ts) never looks at spending.
//
// The whole month is drawn at once from a stream keyed by (seed, month, line), so any day of it comes
// out the same whenever it is generated, and the month's total is known before its first day.
import { calendarDate } from '../time/local-date';
import { monthBudgets } from './budget-demo';
import type { DemoTransaction } from './finance-catalog';
import { growth } from './prices';
import { Rng } from './random';

export interface PlannedSpend {
  category: string;
  /** The part of the line's month this kind of purchase takes (a line may have several kinds). */
  share: number;
  merchants: readonly (readonly [string, number])[];
  /** One purchase in złoty at 2026 prices, skewed towards `min`. */
  min: number;
  max: number;
  descriptions: readonly string[];
  /** The month's first purchase is on the 1st, so that the month's budget has spending from day one. */
  onFirstOfMonth?: boolean;
}

export const PLANNED_SPENDS: readonly PlannedSpend[] = [
  { category: 'GROCERIES', share: 0.85, merchants: [['Biedronka', 4], ['Lidl', 3], ['Carrefour', 1], ['Auchan', 1]], min: 25, max: 260, descriptions: ['Zakupy spożywcze', 'Zakupy tygodniowe', 'Zakupy'], onFirstOfMonth: true },
  { category: 'GROCERIES', share: 0.15, merchants: [['Żabka', 1]], min: 6, max: 45, descriptions: ['Żabka', 'Przekąski', 'Pieczywo i mleko'] },
  { category: 'RESTAURANTS', share: 1, merchants: [['Pyszne.pl', 3], ['Bistro Mama', 2], ['Sushi Master', 1], ['Pizza Hut', 1], ['Bar Mleczny Prasowy', 2]], min: 24, max: 170, descriptions: ['Obiad', 'Kolacja', 'Lunch w pracy', 'Jedzenie na dowóz'], onFirstOfMonth: true },
  { category: 'COFFEE', share: 1, merchants: [['Starbucks', 1], ['Costa Coffee', 1]], min: 11, max: 26, descriptions: ['Kawa', 'Kawa na wynos'] },
  { category: 'FUEL', share: 1, merchants: [['Orlen', 3], ['BP', 1], ['Shell', 1]], min: 170, max: 340, descriptions: ['Tankowanie', 'Paliwo'], onFirstOfMonth: true },
  { category: 'PUBLIC-TRANSPORT', share: 1, merchants: [['ZTM Warszawa', 1]], min: 4.4, max: 15, descriptions: ['Bilet ZTM', 'Bilet 75-minutowy'] },
  { category: 'TRAIN', share: 1, merchants: [['PKP Intercity', 1]], min: 49, max: 189, descriptions: ['Bilet PKP Intercity'] },
  { category: 'ONLINE-SHOPPING', share: 1, merchants: [['Allegro', 3], ['Amazon.pl', 1]], min: 19, max: 420, descriptions: ['Zamówienie online', 'Allegro — drobiazgi', 'Akcesoria'] },
  { category: 'CLOTHING', share: 1, merchants: [['Reserved', 1], ['Decathlon', 1]], min: 59, max: 420, descriptions: ['Ubrania', 'Buty', 'Odzież sportowa'] },
  { category: 'PHARMACY', share: 1, merchants: [['Rossmann', 2], ['Apteka Gemini', 1]], min: 9, max: 140, descriptions: ['Drogeria', 'Apteka', 'Witaminy'] },
  { category: 'CINEMA', share: 1, merchants: [['Cinema City', 1]], min: 28, max: 90, descriptions: ['Kino'] },
  { category: 'GIFTS', share: 1, merchants: [['Empik', 1]], min: 40, max: 300, descriptions: ['Prezent', 'Książki'] },
];

/** How often a line ends the month over its budget, and how often between its threshold and 100 %. */
const OVER = 0.05;
const NEAR = 0.08;

export interface PlannedPurchase extends Pick<DemoTransaction, 'category' | 'amountCents' | 'merchant' | 'description' | 'account'> {
  day: number;
}

export const EVERYDAY_ACCOUNTS = [['mBank Checking', 6], ['Santander Credit Card', 3], ['Cash', 1]] as const;

/** Where the line ends the month, as a fraction of its amount. */
function monthEnding(rng: Rng, threshold: number): number {
  const alertAt = Math.min(threshold, 100) / 100;
  const r = rng.float();
  if (r < OVER) return rng.between(1.02, 1.2);
  // A threshold of 100 % has no room below the budget: such a month simply ends high on track.
  if (r < OVER + NEAR) return alertAt < 1 ? rng.between(alertAt + 0.005, 0.99) : rng.between(0.9, 0.99);
  return rng.between(0.68, alertAt - 0.01);
}

/**
 * Purchases of one kind adding up to `targetCents`: drawn one by one until the next would pass the
 * target, which then gets the rest (or, when the rest is smaller than a purchase, the purchase before does).
 */
function purchasesOf(rng: Rng, spend: PlannedSpend, targetCents: number, prices: number, dim: number): PlannedPurchase[] {
  const out: PlannedPurchase[] = [];
  const minCents = Math.round(spend.min * prices * 100);
  let sum = 0;
  while (sum < targetCents) {
    const u = rng.float();
    let cents = Math.round((spend.min + (spend.max - spend.min) * u * u) * prices * 100);
    const rest = targetCents - sum;
    if (cents > rest) {
      if (rest < minCents && out.length > 0) {
        out[out.length - 1].amountCents += rest;
        break;
      }
      cents = rest;
    }
    out.push({
      category: spend.category,
      day: 0,
      amountCents: cents,
      merchant: rng.weighted(spend.merchants),
      description: rng.pick(spend.descriptions),
      account: rng.weighted(EVERYDAY_ACCOUNTS),
    });
    sum += cents;
  }
  // Spread over the month as people shop, roughly evenly but not like clockwork: the n-th of N
  // purchases falls within a slot of two N-ths of the month around its even place.
  out.forEach((p, i) => {
    const at = Math.min(Math.max((i + rng.between(-0.5, 1.5)) / out.length, 0), 0.999);
    p.day = spend.onFirstOfMonth && i === 0 ? 1 : 1 + Math.floor(at * dim);
  });
  return out;
}

/** Every purchase on the budgeted lines in the month that starts on `first`. */
export function monthPurchases(seed: number, first: string, volume: number): PlannedPurchase[] {
  const month = first.slice(0, 7);
  const dim = calendarDate(first).daysInMonth;
  const prices = growth(`${month}-15`, 0.035);
  const out: PlannedPurchase[] = [];
  for (const budget of monthBudgets(first, volume)) {
    const spends = PLANNED_SPENDS.filter((s) => s.category === budget.category);
    if (spends.length === 0) continue;
    const rng = new Rng(seed, `finance-month:${month}:${budget.category}`);
    const ending = monthEnding(rng, budget.threshold);
    for (const spend of spends) out.push(...purchasesOf(rng, spend, Math.round(budget.amountCents * ending * spend.share), prices, dim));
  }
  return out;
}

// A day's generator asks for its month; consecutive days share one month, so the last one is kept.
let cached: { key: string; purchases: PlannedPurchase[] } | null = null;

/** The purchases on the budgeted lines on one day. */
export function purchasesOn(seed: number, date: string, volume: number): PlannedPurchase[] {
  const { monthStart, day } = calendarDate(date);
  const key = `${seed}|${monthStart}|${volume}`;
  if (cached?.key !== key) cached = { key, purchases: monthPurchases(seed, monthStart, volume) };
  return cached.purchases.filter((p) => p.day === day);
}
