// The demo's scheduled payments in expense_calendar: one row per occurrence, a pure function of
// (seed, date, volume) like the transactions. The monthly bills the demo also books as transactions
// (rent, the sports card, internet, electricity, subscriptions) carry the booked amount and, once paid,
// the booked transaction's id; the rest never appear among the transactions: insurance, a loan
// instalment, quarterly waste and property tax, yearly policies and two one-offs a month (one in
// each half). Monthly bills fall on the 1st, 3rd, 5th, 7th, 15th, 22nd and 28th, so any 8 days hold
// an unpaid one; any 31 days hold a whole half-month, so an unpaid one-off too.
import { calendarDate, isoDate, monthStartAfter } from '../time/local-date';
import { generateFinanceDay } from './finance-demo';
import { gymCardCents, rentCents } from './prices';
import { Rng } from './random';

export interface DemoScheduled {
  name: string;
  amountCents: number;
  category: string;
  subCategory: string | null;
  frequency: 'one-time' | 'monthly' | 'quarterly' | 'annual';
  date: string;
  description: string;
  paid: boolean;
  /** The demo transaction that paid it, when the demo books one. */
  transactionId: string | null;
}

interface Schedule {
  name: string;
  category: string;
  subCategory: string | null;
  frequency: DemoScheduled['frequency'];
  /** Day of the month; months of the year (1–12) for the rarer ones. */
  day: number;
  months?: readonly number[];
  cents: (date: string) => number;
  /** The demo transaction's category key and merchant, when the demo books this bill. */
  booked?: { category: string; merchant: string };
}

const fixed = (cents: number) => () => cents;

const SCHEDULES: readonly Schedule[] = [
  { name: 'Czynsz', category: 'Housing', subCategory: 'Rent', frequency: 'monthly', day: 1, cents: rentCents, booked: { category: 'RENT', merchant: 'Wynajem mieszkania' } },
  { name: 'Karta Multisport', category: 'Health', subCategory: 'Gym', frequency: 'monthly', day: 1, cents: gymCardCents, booked: { category: 'GYM', merchant: 'Multisport' } },
  { name: 'Netflix', category: 'Entertainment', subCategory: 'Subscriptions', frequency: 'monthly', day: 3, cents: fixed(4900), booked: { category: 'SUBSCRIPTIONS', merchant: 'Netflix' } },
  { name: 'Internet i telefon (Orange)', category: 'Housing', subCategory: 'Internet & Phone', frequency: 'monthly', day: 5, cents: fixed(8999), booked: { category: 'INTERNET', merchant: 'Orange Polska' } },
  { name: 'Spotify Premium', category: 'Entertainment', subCategory: 'Subscriptions', frequency: 'monthly', day: 7, cents: fixed(2399), booked: { category: 'SUBSCRIPTIONS', merchant: 'Spotify' } },
  { name: 'Prąd (PGE)', category: 'Housing', subCategory: 'Utilities', frequency: 'monthly', day: 15, cents: fixed(28_000), booked: { category: 'UTILITIES', merchant: 'PGE Obrót' } },
  { name: 'Ubezpieczenie na życie (PZU)', category: 'Insurance', subCategory: 'Life', frequency: 'monthly', day: 22, cents: fixed(8900) },
  { name: 'Rata za telefon', category: 'Loans', subCategory: 'Phone', frequency: 'monthly', day: 28, cents: fixed(12_900) },
  { name: 'Wywóz śmieci', category: 'Housing', subCategory: 'Waste', frequency: 'quarterly', day: 10, months: [1, 4, 7, 10], cents: fixed(12_600) },
  { name: 'Podatek od nieruchomości', category: 'Taxes', subCategory: 'Property', frequency: 'quarterly', day: 15, months: [3, 5, 9, 11], cents: fixed(28_450) },
  { name: 'Ubezpieczenie OC/AC (Warta)', category: 'Insurance', subCategory: 'Car', frequency: 'annual', day: 12, months: [2], cents: fixed(184_000) },
  { name: 'Amazon Prime', category: 'Entertainment', subCategory: 'Subscriptions', frequency: 'annual', day: 24, months: [6], cents: fixed(4900) },
  { name: 'Ubezpieczenie mieszkania (PZU)', category: 'Insurance', subCategory: 'Home', frequency: 'annual', day: 20, months: [9], cents: fixed(41_200) },
  { name: 'Domena i hosting', category: 'Shopping', subCategory: 'Online', frequency: 'annual', day: 3, months: [11], cents: fixed(23_900) },
];

type OneOff = { name: string; category: string; subCategory: string | null; min: number; max: number };

/** The one-offs: one in each half of every month, each half drawing from its own list. */
const ONE_OFFS: readonly (readonly OneOff[])[] = [
  [
    { name: 'Przegląd samochodu', category: 'Transport', subCategory: 'Service', min: 250, max: 700 },
    { name: 'Wizyta u dentysty', category: 'Health', subCategory: 'Dentist', min: 200, max: 900 },
    { name: 'Serwis roweru', category: 'Transport', subCategory: 'Service', min: 120, max: 350 },
    { name: 'Zaliczka za wakacje', category: 'Travel', subCategory: 'Holidays', min: 800, max: 2500 },
    { name: 'Opłata za kurs językowy', category: 'Education', subCategory: null, min: 400, max: 1200 },
  ],
  [
    { name: 'Prezent ślubny', category: 'Lifestyle', subCategory: 'Gifts', min: 300, max: 800 },
    { name: 'Bilety na koncert', category: 'Entertainment', subCategory: 'Events', min: 150, max: 600 },
    { name: 'Badania okresowe', category: 'Health', subCategory: 'Doctor', min: 120, max: 450 },
    { name: 'Naprawa pralki', category: 'Housing', subCategory: 'Repairs', min: 200, max: 750 },
    { name: 'Składka na zbiórkę', category: 'Lifestyle', subCategory: 'Gifts', min: 50, max: 200 },
  ],
];

/** What the demo books on `date` for a bill: its amount and id; null when it books nothing. */
function bookedOn(seed: number, date: string, volume: number, booked: NonNullable<Schedule['booked']>) {
  const t = generateFinanceDay(seed, date, volume).find((x) => x.category === booked.category && x.merchant === booked.merchant);
  return t === undefined ? null : { cents: t.amountCents, id: t.id };
}

function occurrence(s: Schedule, date: string, o: { seed: number; today: string; volume: number }): DemoScheduled {
  const booked = s.booked ? bookedOn(o.seed, date, o.volume, s.booked) : null;
  const past = date < o.today;
  // Some quarterly and yearly payments are settled ahead of their date; a monthly bill never is.
  const early = s.frequency !== 'monthly' && new Rng(o.seed, `calendar:early:${s.name}:${date}`).chance(0.25);
  return {
    name: s.name,
    amountCents: booked?.cents ?? s.cents(date),
    category: s.category,
    subCategory: s.subCategory,
    frequency: s.frequency,
    date,
    description: s.frequency === 'monthly' ? 'Stałe zlecenie' : 'Płatność z kalendarza',
    paid: past || early,
    transactionId: past ? (booked?.id ?? null) : null,
  };
}

function oneOff(month: string, half: 0 | 1, o: { seed: number; today: string }): DemoScheduled {
  const rng = new Rng(o.seed, `calendar:one-off:${month}:${half}`);
  const list = ONE_OFFS[half];
  const pick = list[rng.int(0, list.length - 1)];
  const { year, month: m } = calendarDate(month);
  const date = half === 0 ? isoDate(year, m, rng.int(2, 14)) : isoDate(year, m, rng.int(15, 27));
  return {
    name: pick.name,
    amountCents: Math.round(rng.between(pick.min, pick.max)) * 100,
    category: pick.category,
    subCategory: pick.subCategory,
    frequency: 'one-time',
    date,
    description: 'Jednorazowa płatność',
    paid: date < o.today,
    transactionId: null,
  };
}

/** Every occurrence dated in [from, to], as it stands on `today`: paid before it, a few rarer ones early. */
export function scheduledPayments(seed: number, from: string, to: string, today: string, volume = 1): DemoScheduled[] {
  const o = { seed, today, volume };
  const out: DemoScheduled[] = [];
  for (let month = calendarDate(from).monthStart; month <= to; month = monthStartAfter(month, 1)) {
    const { year, month: m } = calendarDate(month);
    for (const s of SCHEDULES) {
      if (s.months && !s.months.includes(m)) continue;
      out.push(occurrence(s, isoDate(year, m, s.day), o));
    }
    out.push(oneOff(month, 0, o), oneOff(month, 1, o));
  }
  return out.filter((p) => p.date >= from && p.date <= to).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
