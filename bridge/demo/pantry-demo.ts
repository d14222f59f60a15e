// Demo rows of autonomous_pantry, relative to `today`: Polish product names, three storage places, a
// few products kept in two of them, some low, some out, some expired or about to expire.
import { addDays } from '../time/local-date';

export interface DemoPantryItem {
  category: string;
  location: 'Spizarka' | 'Lodowka' | 'Zamrazarka';
  quantity: number;
  unit: 'szt' | 'l' | 'kg' | 'paczka' | 'opak';
  /** null: not tracked. */
  threshold: number | null;
  /** Days from today to the next expiry; null when nothing expires. */
  expiresIn: number | null;
  /** Days since the row was last updated. */
  updatedAgo: number;
  synonyms: string;
}

type Row = [DemoPantryItem['category'], DemoPantryItem['location'], number, DemoPantryItem['unit'], number | null, number | null, number, string];

// category, location, quantity, unit, threshold, expires in (days), updated (days ago), AI synonyms
const ROWS: readonly Row[] = [
  ['Mleko', 'Lodowka', 1, 'l', 2, 3, 0, 'mleko 2%, mleko UHT, milk'],
  ['Jajka', 'Lodowka', 10, 'szt', 6, 12, 1, 'jaja, eggs, jajka L'],
  ['Chleb', 'Spizarka', 1, 'szt', 1, 2, 0, 'pieczywo, chleb żytni, bread'],
  ['Bułki', 'Spizarka', 0, 'szt', 0, null, 1, 'bułka, kajzerka, rolls'],
  ['Masło', 'Lodowka', 0, 'szt', 1, null, 2, 'masło extra, butter'],
  ['Masło', 'Zamrazarka', 2, 'szt', 1, 120, 20, 'masło extra, butter'],
  ['Ser żółty', 'Lodowka', 0.3, 'kg', 0.2, -2, 3, 'gouda, edam, cheese'],
  ['Jogurt naturalny', 'Lodowka', 3, 'szt', 2, 5, 1, 'jogurt grecki, yoghurt'],
  ['Twaróg', 'Lodowka', 2, 'szt', 1, 4, 2, 'ser biały, twarożek, quark'],
  ['Śmietana', 'Lodowka', 1, 'szt', null, -1, 6, 'śmietana 18%, sour cream'],
  ['Kefir', 'Lodowka', 0.5, 'l', 1, 9, 1, 'maślanka, kefir naturalny'],
  ['Szynka', 'Lodowka', 0.2, 'kg', null, 3, 1, 'wędlina, ham'],
  ['Kurczak', 'Lodowka', 0.3, 'kg', 1, 2, 0, 'pierś z kurczaka, filet, chicken'],
  ['Kurczak', 'Zamrazarka', 0.2, 'kg', 1, 75, 30, 'pierś z kurczaka, filet, chicken'],
  ['Hummus', 'Lodowka', 1, 'szt', null, -3, 8, 'pasta z ciecierzycy'],
  ['Pomidory', 'Lodowka', 1, 'kg', 0.5, 6, 2, 'pomidor, tomatoes'],
  ['Ogórki', 'Lodowka', 0.6, 'kg', 0.5, 8, 2, 'ogórek, cucumbers'],
  ['Jabłka', 'Lodowka', 2, 'kg', 1, 14, 4, 'jabłko, apples'],
  ['Banany', 'Spizarka', 0.8, 'kg', 0.5, 3, 1, 'banan, bananas'],
  ['Marchew', 'Lodowka', 1, 'kg', 0.5, 20, 5, 'marchewka, carrots'],
  ['Sok pomarańczowy', 'Lodowka', 1, 'l', null, 25, 3, 'sok, orange juice'],
  ['Cebula', 'Spizarka', 1.5, 'kg', 0.5, 40, 9, 'cebula żółta, onions'],
  ['Ziemniaki', 'Spizarka', 3, 'kg', 2, 45, 9, 'kartofle, potatoes'],
  ['Makaron', 'Spizarka', 3, 'paczka', 1, 300, 12, 'spaghetti, penne, pasta'],
  ['Ryż', 'Spizarka', 1.5, 'kg', 0.5, 400, 14, 'ryż basmati, rice'],
  ['Kasza gryczana', 'Spizarka', 2, 'paczka', 1, 250, 10, 'gryczana, buckwheat'],
  ['Mąka', 'Spizarka', 2, 'kg', 1, 180, 20, 'mąka pszenna, flour'],
  ['Cukier', 'Spizarka', 0.5, 'kg', 1, null, 15, 'cukier biały, sugar'],
  ['Sól', 'Spizarka', 1, 'kg', null, null, 40, 'sól kuchenna, salt'],
  ['Olej', 'Spizarka', 0.8, 'l', 0.5, 200, 11, 'olej rzepakowy, oil'],
  ['Oliwa z oliwek', 'Spizarka', 0.25, 'l', 0.5, 260, 11, 'oliwa, olive oil'],
  ['Kawa', 'Spizarka', 2, 'paczka', 1, 150, 6, 'kawa ziarnista, coffee'],
  ['Herbata', 'Spizarka', 2, 'opak', 1, 365, 6, 'herbata czarna, tea'],
  ['Kakao', 'Spizarka', 1, 'opak', 0, 200, 30, 'kakao naturalne, cocoa'],
  ['Płatki owsiane', 'Spizarka', 1.2, 'kg', 0.5, 120, 7, 'owsianka, oats'],
  ['Miód', 'Spizarka', 1, 'szt', null, 500, 60, 'miód wielokwiatowy, honey'],
  ['Dżem truskawkowy', 'Spizarka', 2, 'szt', null, 60, 25, 'konfitura, jam'],
  ['Passata pomidorowa', 'Spizarka', 4, 'szt', 2, 200, 14, 'przecier, passata'],
  ['Ciecierzyca', 'Spizarka', 3, 'szt', 1, 400, 14, 'ciecierzyca w puszce, chickpeas'],
  ['Tuńczyk w puszce', 'Spizarka', 0, 'szt', 2, null, 4, 'tuńczyk, tuna'],
  ['Orzechy włoskie', 'Spizarka', 1, 'paczka', null, 28, 18, 'orzechy, walnuts'],
  ['Woda mineralna', 'Spizarka', 6, 'l', 3, 180, 3, 'woda, woda gazowana, water'],
  ['Papier toaletowy', 'Spizarka', 3, 'paczka', 1, null, 5, 'papier, toilet paper'],
  ['Płyn do naczyń', 'Spizarka', 1, 'szt', null, null, 20, 'ludwik, fairy, dish soap'],
  ['Mrożone warzywa', 'Zamrazarka', 2, 'opak', 1, 150, 10, 'mieszanka warzyw, frozen vegetables'],
  ['Ryba mrożona', 'Zamrazarka', 2, 'opak', 1, 120, 12, 'dorsz, mintaj, fish'],
  ['Pierogi mrożone', 'Zamrazarka', 2, 'opak', 1, 90, 16, 'pierogi ruskie, dumplings'],
  ['Lody', 'Zamrazarka', 1, 'opak', null, 200, 25, 'lody waniliowe, ice cream'],
  ['Jagody mrożone', 'Zamrazarka', 2, 'opak', 1, 17, 21, 'borówki, blueberries'],
];

export const PANTRY_ITEMS: readonly DemoPantryItem[] = ROWS.map(
  ([category, location, quantity, unit, threshold, expiresIn, updatedAgo, synonyms]) => ({
    category, location, quantity, unit, threshold, expiresIn, updatedAgo, synonyms,
  }),
);

/** The status word the user's sheet shows for one row. */
export function pantryStatus(quantity: number, threshold: number | null): 'OK' | 'Niski' | 'Krytyczny' | 'Pusty' {
  if (quantity <= 0) return 'Pusty';
  if (threshold === null) return 'OK';
  if (quantity <= threshold) return 'Krytyczny';
  if (quantity <= threshold * 1.5) return 'Niski';
  return 'OK';
}

/** The rows of pantry_inventory on `today`. */
export function pantryRows(today: string) {
  return PANTRY_ITEMS.map((p) => ({
    ...p,
    nextExpiry: p.expiresIn === null ? null : addDays(today, p.expiresIn),
    lastUpdated: addDays(today, -p.updatedAgo),
    status: pantryStatus(p.quantity, p.threshold),
  }));
}

/** The rows of pantry_dictionary: one per product, from its first row. */
export function dictionaryRows(): DemoPantryItem[] {
  return PANTRY_ITEMS.filter((p, i) => PANTRY_ITEMS.findIndex((x) => x.category === p.category) === i);
}

/** Products whose stock summed over all places is at or below their threshold (tracked products only). */
export function lowStockProducts(): string[] {
  const sums = new Map<string, { qty: number; threshold: number | null }>();
  for (const p of PANTRY_ITEMS) {
    const s = sums.get(p.category) ?? { qty: 0, threshold: p.threshold };
    s.qty += p.quantity;
    sums.set(p.category, s);
  }
  return [...sums].filter(([, s]) => s.threshold !== null && s.qty <= s.threshold).map(([name]) => name);
}

/** Rows already expired (next_expiry < today) and rows expiring within 30 days, today included. */
export const expiredCount = () => PANTRY_ITEMS.filter((p) => p.expiresIn !== null && p.expiresIn < 0).length;
export const expiringCount = () => PANTRY_ITEMS.filter((p) => p.expiresIn !== null && p.expiresIn >= 0 && p.expiresIn <= 30).length;
