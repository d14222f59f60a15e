// One day of demo transactions, a pure function of (seed, date, volume): the same day comes out the
// same whether it is generated on the first start or by a later top-up.
import { addMonths, dayOfMonth, daysInMonth } from './calendar';
import type { CategoryType } from './finance-catalog';
import { EVERYDAY_ACCOUNTS, purchasesOn } from './month-spending';
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

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Transactions dated before the first day of the month a year before `today` count as imported history. */
export function historicalBefore(today: string): string {
  return addMonths(today, -12);
}

export function dataSourceFor(date: string, today: string): 'atomic' | 'Historical' {
  return date < historicalBefore(today) ? 'Historical' : 'atomic';
}

export function generateFinanceDay(seed: number, date: string, volume = 1): DemoTransaction[] {
  const rng = new Rng(seed, `finance:${date}`);
  const dom = dayOfMonth(date);
  const dim = daysInMonth(date);
  const prices = growth(date, 0.035);
  const period = `${date.slice(5, 7)}/${date.slice(0, 4)}`;
  const out: Omit<DemoTransaction, 'id' | 'createdAt'>[] = [];
  const add = (t: Omit<DemoTransaction, 'id' | 'createdAt' | 'date'>) => out.push({ ...t, date });
  const zl = (x: number) => Math.round(x) * 100;

  if (dom === 10) {
    add({ type: 'Income', category: 'SALARY', merchant: 'ACME Polska Sp. z o.o.', account: 'mBank Checking',
      amountCents: zl(12_000 * growth(date, 0.045) + rng.int(0, 400)), description: `Wynagrodzenie ${period}` });
  }
  if (dom === 20 && date.slice(5, 7) === '12') {
    add({ type: 'Income', category: 'BONUS', merchant: 'ACME Polska Sp. z o.o.', account: 'mBank Checking',
      amountCents: zl(rng.between(2500, 6000) * growth(date, 0.045)), description: `Premia roczna ${date.slice(0, 4)}` });
  }
  if (dom === dim) {
    add({ type: 'Income', category: 'INTEREST', merchant: 'mBank', account: 'mBank Savings',
      amountCents: Math.round(rng.between(20, 95) * 100), description: 'Odsetki od oszczędności' });
  }
  if (rng.chance(0.01)) {
    add({ type: 'Income', category: 'REFUNDS', merchant: 'Allegro', account: 'mBank Checking',
      amountCents: Math.round(rng.between(30, 400) * prices * 100), description: 'Zwrot za zamówienie' });
  }
  if (dom === 1) {
    add({ type: 'Expense', category: 'RENT', merchant: 'Wynajem mieszkania', account: 'mBank Checking',
      amountCents: rentCents(date), description: `Czynsz ${period}` });
    add({ type: 'Expense', category: 'GYM', merchant: 'Multisport', account: 'Santander Credit Card',
      amountCents: gymCardCents(date), description: 'Karta Multisport' });
  }
  if (dom === 3) add({ type: 'Expense', category: 'SUBSCRIPTIONS', merchant: 'Netflix', account: 'Santander Credit Card', amountCents: 4900, description: 'Netflix Standard' });
  if (dom === 7) add({ type: 'Expense', category: 'SUBSCRIPTIONS', merchant: 'Spotify', account: 'Santander Credit Card', amountCents: 2399, description: 'Spotify Premium' });
  if (dom === 15) {
    add({ type: 'Expense', category: 'SUBSCRIPTIONS', merchant: 'YouTube Premium', account: 'Santander Credit Card', amountCents: 2599, description: 'YouTube Premium' });
    add({ type: 'Expense', category: 'UTILITIES', merchant: 'PGE Obrót', account: 'mBank Checking',
      amountCents: Math.round(rng.between(160, 420) * prices * 100), description: `Prąd ${period}` });
  }
  if (dom === 5) add({ type: 'Expense', category: 'INTERNET', merchant: 'Orange Polska', account: 'mBank Checking', amountCents: 8999, description: 'Internet i telefon' });
  if (dom === 11) {
    add({ type: 'Transfer', category: 'SAVINGS', merchant: 'mBank', account: 'mBank Checking',
      amountCents: zl(Math.round(rng.between(15, 30)) * 100 * prices), description: 'Przelew na oszczędności' });
  }
  if (dom === 20) {
    add({ type: 'Transfer', category: 'CARD-PAYMENT', merchant: 'Santander Bank Polska', account: 'mBank Checking',
      amountCents: Math.round(rng.between(700, 2200) * prices * 100), description: 'Spłata karty kredytowej' });
  }

  for (const p of purchasesOn(seed, date, volume)) {
    add({ type: 'Expense', category: p.category, merchant: p.merchant, account: p.account, amountCents: p.amountCents, description: p.description });
  }
  for (const s of OCCASIONAL) {
    for (let i = rng.poisson(s.perDay); i > 0; i--) {
      const u = rng.float();
      // Skewed towards the small end; big-ticket prices follow inflation only loosely.
      const amount = (s.min + (s.max - s.min) * u * u) * Math.sqrt(prices);
      add({ type: 'Expense', category: s.category, merchant: rng.weighted(s.merchants), account: rng.weighted(EVERYDAY_ACCOUNTS),
        amountCents: Math.round(amount * 100), description: rng.pick(s.descriptions) });
    }
  }

  const timed = out.map((t) => ({ t, minute: rng.int(7 * 60, 22 * 60 + 59), second: rng.int(0, 59) }));
  timed.sort((a, b) => a.minute - b.minute || a.second - b.second);
  return timed.map(({ t, minute, second }, i) => ({
    ...t,
    id: `DEMO-${date}-${pad(i + 1, 3)}`,
    createdAt: `${date} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:${pad(second)}`,
  }));
}
