// One day of demo transactions, a pure function of (seed, date, volume): the same day comes out the
// same whether it is generated on the first start or by a later top-up.
import { calendarDate, monthStartAfter, type LocalDate } from '../time/local-date';
import { CATEGORIES, type CategoryType } from './finance-catalog';
import { EVERYDAY_ACCOUNTS, PLANNED_SPENDS, purchasesOn } from './month-spending';
import { growth, gymCardCents, rentCents } from './prices';
import { Rng } from './random';

export interface DemoTransaction {
  id: string;
  date: string;
  type: CategoryType;
  /** Always > 0; the direction comes from `type`. */
  amountCents: number;
  merchant: string;
  description: string;
  account: string;
  category: string;
  /** 'YYYY-MM-DD HH:MM:SS' (the column is timestamp without time zone). */
  createdAt: string;
}

/** What a recurring row knows about its day: the calendar, the price and pay levels, "MM/YYYY". */
interface Day extends LocalDate {
  prices: number;
  pay: number;
  period: string;
}

/** Income, bills and transfers that come on a known day of the month (or, `chance`, on any day). */
interface Recurring {
  category: string;
  merchant: string;
  account: string;
  /** Day of the month; 'last' for its last day. */
  on?: number | 'last';
  /** Only in this month (1–12). */
  month?: number;
  /** Instead of a day: the chance of it happening on any day. */
  chance?: number;
  cents: (d: Day, rng: Rng) => number;
  description: (d: Day) => string;
}

const zl = (x: number) => Math.round(x) * 100;
const fixed = (cents: number) => () => cents;
const text = (s: string) => () => s;
const CARD = 'Santander Credit Card';
const CHECKING = 'mBank Checking';

// The order is the order the day's stream is drawn in: a new row goes at the end to keep the others.
const RECURRING: readonly Recurring[] = [
  { category: 'SALARY', merchant: 'ACME Polska Sp. z o.o.', account: CHECKING, on: 10,
    cents: (d, rng) => zl(12_000 * d.pay + rng.int(0, 400)), description: (d) => `Wynagrodzenie ${d.period}` },
  { category: 'BONUS', merchant: 'ACME Polska Sp. z o.o.', account: CHECKING, on: 20, month: 12,
    cents: (d, rng) => zl(rng.between(2500, 6000) * d.pay), description: (d) => `Premia roczna ${d.year}` },
  { category: 'INTEREST', merchant: 'mBank', account: 'mBank Savings', on: 'last',
    cents: (_, rng) => Math.round(rng.between(20, 95) * 100), description: text('Odsetki od oszczędności') },
  { category: 'REFUNDS', merchant: 'Allegro', account: CHECKING, chance: 0.01,
    cents: (d, rng) => Math.round(rng.between(30, 400) * d.prices * 100), description: text('Zwrot za zamówienie') },
  { category: 'RENT', merchant: 'Wynajem mieszkania', account: CHECKING, on: 1, cents: (d) => rentCents(d.date), description: (d) => `Czynsz ${d.period}` },
  { category: 'GYM', merchant: 'Multisport', account: CARD, on: 1, cents: (d) => gymCardCents(d.date), description: text('Karta Multisport') },
  { category: 'SUBSCRIPTIONS', merchant: 'Netflix', account: CARD, on: 3, cents: fixed(4900), description: text('Netflix Standard') },
  { category: 'SUBSCRIPTIONS', merchant: 'Spotify', account: CARD, on: 7, cents: fixed(2399), description: text('Spotify Premium') },
  { category: 'SUBSCRIPTIONS', merchant: 'YouTube Premium', account: CARD, on: 15, cents: fixed(2599), description: text('YouTube Premium') },
  { category: 'UTILITIES', merchant: 'PGE Obrót', account: CHECKING, on: 15,
    cents: (d, rng) => Math.round(rng.between(160, 420) * d.prices * 100), description: (d) => `Prąd ${d.period}` },
  { category: 'INTERNET', merchant: 'Orange Polska', account: CHECKING, on: 5, cents: fixed(8999), description: text('Internet i telefon') },
  { category: 'SAVINGS', merchant: 'mBank', account: CHECKING, on: 11,
    cents: (d, rng) => zl(Math.round(rng.between(15, 30)) * 100 * d.prices), description: text('Przelew na oszczędności') },
  { category: 'CARD-PAYMENT', merchant: 'Santander Bank Polska', account: CHECKING, on: 20,
    cents: (d, rng) => Math.round(rng.between(700, 2200) * d.prices * 100), description: text('Spłata karty kredytowej') },
];

/** Big purchases outside the plan: a few a year, on no budget line. */
interface Occasional {
  category: string;
  /** Mean count per day. */
  perDay: number;
  merchants: readonly (readonly [string, number])[];
  min: number;
  max: number;
  descriptions: readonly string[];
}

const OCCASIONAL: readonly Occasional[] = [
  { category: 'ELECTRONICS', perDay: 0.005, merchants: [['Media Expert', 1], ['RTV Euro AGD', 1]], min: 700, max: 5500, descriptions: ['Nowy laptop', 'Telewizor', 'Zmywarka', 'Słuchawki', 'Telefon'] },
  { category: 'HOLIDAYS', perDay: 0.004, merchants: [['Booking.com', 2], ['Ryanair', 1]], min: 900, max: 6500, descriptions: ['Wakacje', 'Lot', 'Hotel na weekend'] },
];

const TYPE_OF = new Map(CATEGORIES.map((c) => [c.key, c.type]));

/** Every merchant the generators book with, under the category it appears with first: the merchants table. */
export function demoMerchants(): { name: string; category: string }[] {
  const seen = new Map<string, string>();
  const weighted = (rows: readonly { category: string; merchants: readonly (readonly [string, number])[] }[]) =>
    rows.flatMap((r) => r.merchants.map(([merchant]) => ({ merchant, category: r.category })));
  for (const { merchant, category } of [...weighted(PLANNED_SPENDS), ...RECURRING, ...weighted(OCCASIONAL)]) {
    if (!seen.has(merchant)) seen.set(merchant, category);
  }
  return [...seen].map(([name, category]) => ({ name, category }));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Transactions dated before the first day of the month a year before `today` count as imported history. */
export function historicalBefore(today: string): string {
  return monthStartAfter(today, -12);
}

export function dataSourceFor(date: string, today: string): 'atomic' | 'Historical' {
  return date < historicalBefore(today) ? 'Historical' : 'atomic';
}

function isDue(r: Recurring, d: Day, rng: Rng): boolean {
  if (r.chance !== undefined) return rng.chance(r.chance);
  return (r.on === 'last' ? d.daysInMonth : r.on) === d.day && (r.month === undefined || r.month === d.month);
}

export function generateFinanceDay(seed: number, date: string, volume = 1): DemoTransaction[] {
  const rng = new Rng(seed, `finance:${date}`);
  const facts = calendarDate(date);
  const day: Day = { ...facts, prices: growth(date, 0.035), pay: growth(date, 0.045), period: `${pad(facts.month)}/${facts.year}` };
  const out: Omit<DemoTransaction, 'id' | 'createdAt' | 'type'>[] = [];
  for (const r of RECURRING) {
    if (isDue(r, day, rng)) out.push({ date, category: r.category, merchant: r.merchant, account: r.account, amountCents: r.cents(day, rng), description: r.description(day) });
  }
  for (const p of purchasesOn(seed, date, volume)) {
    out.push({ date, category: p.category, merchant: p.merchant, account: p.account, amountCents: p.amountCents, description: p.description });
  }
  for (const s of OCCASIONAL) {
    for (let i = rng.poisson(s.perDay); i > 0; i--) {
      const u = rng.float();
      // Skewed towards the small end; big-ticket prices follow inflation only loosely.
      const amount = (s.min + (s.max - s.min) * u * u) * Math.sqrt(day.prices);
      out.push({ date, category: s.category, merchant: rng.weighted(s.merchants), account: rng.weighted(EVERYDAY_ACCOUNTS),
        amountCents: Math.round(amount * 100), description: rng.pick(s.descriptions) });
    }
  }
  const timed = out.map((t) => ({ t, minute: rng.int(7 * 60, 22 * 60 + 59), second: rng.int(0, 59) }));
  timed.sort((a, b) => a.minute - b.minute || a.second - b.second);
  return timed.map(({ t, minute, second }, i) => ({
    ...t,
    type: TYPE_OF.get(t.category) ?? 'Expense',
    id: `DEMO-${date}-${pad(i + 1, 3)}`,
    createdAt: `${date} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:${pad(second)}`,
  }));
}
