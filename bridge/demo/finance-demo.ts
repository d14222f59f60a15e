// One day of demo transactions, a pure function of (seed, date, volume): the same day comes out the
// same whether it is generated on the first start or by a later top-up.
import { calendarDate, monthStartAfter, type LocalDate } from '../time/local-date';
import { CATEGORIES, type DemoTransaction } from './finance-catalog';
import { EVERYDAY_ACCOUNTS, PLANNED_SPENDS, purchasesOn } from './month-spending';
import { growth, gymCardCents, rentCents } from './prices';
import { Rng } from './random';

/** What a row of the table knows about its day: the calendar, the price and pay levels, "MM/YYYY". */
interface Day extends LocalDate {
  prices: number;
  pay: number;
  period: string;
}

type Weighted = readonly (readonly [string, number])[];

/** One kind of transaction outside the budgeted lines: income, bills, transfers, big purchases. */
interface Flow {
  category: string;
  /** How many of it happen on the day. */
  count: (d: Day, rng: Rng) => number;
  merchant: string | Weighted;
  account: string | Weighted;
  cents: (d: Day, rng: Rng) => number;
  description: (d: Day, rng: Rng) => string;
}

const on = (day: number | 'last', month?: number) => (d: Day) =>
  Number((day === 'last' ? d.daysInMonth : day) === d.day && (month === undefined || month === d.month));
const chance = (p: number) => (_: Day, rng: Rng) => Number(rng.chance(p));
const perDay = (mean: number) => (_: Day, rng: Rng) => rng.poisson(mean);
const zl = (x: number) => Math.round(x) * 100;
const fixed = (cents: number) => () => cents;
const text = (s: string) => () => s;
const pick = (options: readonly string[]) => (_: Day, rng: Rng) => rng.pick(options);
/** Big purchases: skewed towards the small end; their prices follow inflation only loosely. */
const big = (min: number, max: number) => (d: Day, rng: Rng) => {
  const u = rng.float();
  return Math.round((min + (max - min) * u * u) * Math.sqrt(d.prices) * 100);
};
const CARD = 'Santander Credit Card';
const CHECKING = 'mBank Checking';
const ACME = 'ACME Polska Sp. z o.o.';

// The order is the order the day's stream is drawn in: a new row goes at the end to keep the others.
const FLOWS: readonly Flow[] = [
  { category: 'SALARY', count: on(10), merchant: ACME, account: CHECKING,
    cents: (d, rng) => zl(12_000 * d.pay + rng.int(0, 400)), description: (d) => `Wynagrodzenie ${d.period}` },
  { category: 'BONUS', count: on(20, 12), merchant: ACME, account: CHECKING,
    cents: (d, rng) => zl(rng.between(2500, 6000) * d.pay), description: (d) => `Premia roczna ${d.year}` },
  { category: 'INTEREST', count: on('last'), merchant: 'mBank', account: 'mBank Savings',
    cents: (_, rng) => Math.round(rng.between(20, 95) * 100), description: text('Odsetki od oszczędności') },
  { category: 'REFUNDS', count: chance(0.01), merchant: 'Allegro', account: CHECKING,
    cents: (d, rng) => Math.round(rng.between(30, 400) * d.prices * 100), description: text('Zwrot za zamówienie') },
  { category: 'RENT', count: on(1), merchant: 'Wynajem mieszkania', account: CHECKING, cents: (d) => rentCents(d.date), description: (d) => `Czynsz ${d.period}` },
  { category: 'GYM', count: on(1), merchant: 'Multisport', account: CARD, cents: (d) => gymCardCents(d.date), description: text('Karta Multisport') },
  { category: 'SUBSCRIPTIONS', count: on(3), merchant: 'Netflix', account: CARD, cents: fixed(4900), description: text('Netflix Standard') },
  { category: 'SUBSCRIPTIONS', count: on(7), merchant: 'Spotify', account: CARD, cents: fixed(2399), description: text('Spotify Premium') },
  { category: 'SUBSCRIPTIONS', count: on(15), merchant: 'YouTube Premium', account: CARD, cents: fixed(2599), description: text('YouTube Premium') },
  { category: 'UTILITIES', count: on(15), merchant: 'PGE Obrót', account: CHECKING,
    cents: (d, rng) => Math.round(rng.between(160, 420) * d.prices * 100), description: (d) => `Prąd ${d.period}` },
  { category: 'INTERNET', count: on(5), merchant: 'Orange Polska', account: CHECKING, cents: fixed(8999), description: text('Internet i telefon') },
  { category: 'SAVINGS', count: on(11), merchant: 'mBank', account: CHECKING,
    cents: (d, rng) => zl(Math.round(rng.between(15, 30)) * 100 * d.prices), description: text('Przelew na oszczędności') },
  { category: 'CARD-PAYMENT', count: on(20), merchant: 'Santander Bank Polska', account: CHECKING,
    cents: (d, rng) => Math.round(rng.between(700, 2200) * d.prices * 100), description: text('Spłata karty kredytowej') },
  // Big purchases outside the plan: a few a year, on no budget line.
  { category: 'ELECTRONICS', count: perDay(0.005), merchant: [['Media Expert', 1], ['RTV Euro AGD', 1]], account: EVERYDAY_ACCOUNTS,
    cents: big(700, 5500), description: pick(['Nowy laptop', 'Telewizor', 'Zmywarka', 'Słuchawki', 'Telefon']) },
  { category: 'HOLIDAYS', count: perDay(0.004), merchant: [['Booking.com', 2], ['Ryanair', 1]], account: EVERYDAY_ACCOUNTS,
    cents: big(900, 6500), description: pick(['Wakacje', 'Lot', 'Hotel na weekend']) },
];

const TYPE_OF = new Map(CATEGORIES.map((c) => [c.key, c.type]));

/** Every merchant the generators book with, under the category it appears with first: the merchants table. */
export function demoMerchants(): { name: string; category: string }[] {
  const names = (m: string | Weighted) => (typeof m === 'string' ? [m] : m.map(([name]) => name));
  const seen = new Map<string, string>();
  for (const row of [...PLANNED_SPENDS, ...FLOWS]) {
    for (const name of names('merchants' in row ? row.merchants : row.merchant)) if (!seen.has(name)) seen.set(name, row.category);
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

export function generateFinanceDay(seed: number, date: string, volume = 1): DemoTransaction[] {
  const rng = new Rng(seed, `finance:${date}`);
  const facts = calendarDate(date);
  const day: Day = { ...facts, prices: growth(date, 0.035), pay: growth(date, 0.045), period: `${pad(facts.month)}/${facts.year}` };
  const out: Omit<DemoTransaction, 'id' | 'createdAt' | 'type'>[] = [];
  const choose = (c: string | Weighted) => (typeof c === 'string' ? c : rng.weighted(c));
  for (const f of FLOWS) {
    for (let n = f.count(day, rng); n > 0; n--) {
      const amountCents = f.cents(day, rng);
      out.push({ date, category: f.category, amountCents, merchant: choose(f.merchant), account: choose(f.account), description: f.description(day, rng) });
    }
  }
  for (const { day: _day, ...p } of purchasesOn(seed, date, volume)) out.push({ ...p, date });
  const timed = out.map((t) => ({ t, minute: rng.int(7 * 60, 22 * 60 + 59), second: rng.int(0, 59) }));
  timed.sort((a, b) => a.minute - b.minute || a.second - b.second);
  return timed.map(({ t, minute, second }, i) => ({
    ...t,
    type: TYPE_OF.get(t.category) ?? 'Expense',
    id: `DEMO-${date}-${pad(i + 1, 3)}`,
    createdAt: `${date} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:${pad(second)}`,
  }));
}
