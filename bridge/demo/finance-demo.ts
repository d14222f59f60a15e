// One day of demo transactions, a pure function of (seed, date, volume): the same day comes out the
// same whether it is generated on the first start or by a later top-up.
import { addMonths, dayOfMonth, daysInMonth, dayNumber } from './calendar';
import type { CategoryType } from './finance-catalog';
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

interface Spend {
  category: string;
  /** Mean count per day at volume 1. */
  perDay: number;
  /** Scaled by `volume` (small everyday expenses) or not (big purchases). */
  scaled: boolean;
  merchants: readonly (readonly [string, number])[];
  min: number;
  max: number;
  descriptions: readonly string[];
  /** Always at least one on the 1st of the month, so that this month's budgets have spending from day one. */
  onFirstOfMonth?: boolean;
}

const SPENDS: readonly Spend[] = [
  { category: 'GROCERIES', perDay: 0.75, scaled: true, merchants: [['Biedronka', 4], ['Lidl', 3], ['Carrefour', 1], ['Auchan', 1]], min: 25, max: 260, descriptions: ['Zakupy spożywcze', 'Zakupy tygodniowe', 'Zakupy'], onFirstOfMonth: true },
  { category: 'GROCERIES', perDay: 0.45, scaled: true, merchants: [['Żabka', 1]], min: 6, max: 45, descriptions: ['Żabka', 'Przekąski', 'Pieczywo i mleko'] },
  { category: 'RESTAURANTS', perDay: 0.3, scaled: true, merchants: [['Pyszne.pl', 3], ['Bistro Mama', 2], ['Sushi Master', 1], ['Pizza Hut', 1], ['Bar Mleczny Prasowy', 2]], min: 24, max: 170, descriptions: ['Obiad', 'Kolacja', 'Lunch w pracy', 'Jedzenie na dowóz'], onFirstOfMonth: true },
  { category: 'COFFEE', perDay: 0.4, scaled: true, merchants: [['Starbucks', 1], ['Costa Coffee', 1]], min: 11, max: 26, descriptions: ['Kawa', 'Kawa na wynos'] },
  { category: 'FUEL', perDay: 0.11, scaled: true, merchants: [['Orlen', 3], ['BP', 1], ['Shell', 1]], min: 170, max: 340, descriptions: ['Tankowanie', 'Paliwo'], onFirstOfMonth: true },
  { category: 'PUBLIC-TRANSPORT', perDay: 0.2, scaled: true, merchants: [['ZTM Warszawa', 1]], min: 4.4, max: 15, descriptions: ['Bilet ZTM', 'Bilet 75-minutowy'] },
  { category: 'TRAIN', perDay: 0.03, scaled: true, merchants: [['PKP Intercity', 1]], min: 49, max: 189, descriptions: ['Bilet PKP Intercity'] },
  { category: 'ONLINE-SHOPPING', perDay: 0.13, scaled: true, merchants: [['Allegro', 3], ['Amazon.pl', 1]], min: 19, max: 420, descriptions: ['Zamówienie online', 'Allegro — drobiazgi', 'Akcesoria'] },
  { category: 'CLOTHING', perDay: 0.035, scaled: true, merchants: [['Reserved', 1], ['Decathlon', 1]], min: 59, max: 420, descriptions: ['Ubrania', 'Buty', 'Odzież sportowa'] },
  { category: 'PHARMACY', perDay: 0.08, scaled: true, merchants: [['Rossmann', 2], ['Apteka Gemini', 1]], min: 9, max: 140, descriptions: ['Drogeria', 'Apteka', 'Witaminy'] },
  { category: 'CINEMA', perDay: 0.03, scaled: true, merchants: [['Cinema City', 1]], min: 28, max: 90, descriptions: ['Kino'] },
  { category: 'GIFTS', perDay: 0.015, scaled: true, merchants: [['Empik', 1]], min: 40, max: 300, descriptions: ['Prezent', 'Książki'] },
  { category: 'ELECTRONICS', perDay: 0.005, scaled: false, merchants: [['Media Expert', 1], ['RTV Euro AGD', 1]], min: 700, max: 5500, descriptions: ['Nowy laptop', 'Telewizor', 'Zmywarka', 'Słuchawki', 'Telefon'] },
  { category: 'HOLIDAYS', perDay: 0.004, scaled: false, merchants: [['Booking.com', 2], ['Ryanair', 1]], min: 900, max: 6500, descriptions: ['Wakacje', 'Lot', 'Hotel na weekend'] },
];

const EVERYDAY_ACCOUNTS = [['mBank Checking', 6], ['Santander Credit Card', 3], ['Cash', 1]] as const;

/** Prices and salary grow over the years, so fifteen years of history stay believable. */
function growth(date: string, yearlyRate: number): number {
  return Math.pow(1 + yearlyRate, (dayNumber(date) - dayNumber('2026-01-01')) / 365.25);
}

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
      amountCents: zl(2_600 * prices), description: `Czynsz ${period}` });
    add({ type: 'Expense', category: 'GYM', merchant: 'Multisport', account: 'Santander Credit Card',
      amountCents: zl(159 * prices), description: 'Karta Multisport' });
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

  for (const s of SPENDS) {
    let count = rng.poisson(s.perDay * (s.scaled ? volume : 1));
    if (s.onFirstOfMonth && dom === 1) count = Math.max(count, 1);
    for (let i = 0; i < count; i++) {
      const u = rng.float();
      // Skewed towards the small end: most shopping trips are small.
      const amount = (s.min + (s.max - s.min) * u * u) * (s.scaled ? prices : Math.sqrt(prices));
      add({ type: 'Expense', category: s.category, merchant: rng.weighted(s.merchants), account: rng.weighted(EVERYDAY_ACCOUNTS),
        amountCents: Math.max(1, Math.round(amount * 100)), description: rng.pick(s.descriptions) });
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
