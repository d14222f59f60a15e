// Which expense categories count as restaurants and takeaway, groceries, or discretionary spending,
// by the words of their path ("Food > Restaurants", "Jedzenie > Na wynos"), in English and Polish.
// One declarative table: a category may be of several kinds (restaurants are discretionary too).
export type SpendingKind = 'restaurant' | 'grocery' | 'discretionary';

export const SPENDING_KINDS: readonly { kind: SpendingKind; pattern: RegExp }[] = [
  { kind: 'restaurant', pattern: /restaur|take-?\s?away|takeout|dining|eating out|fast food|food delivery|na wynos|gastronom|jedzenie na mie|bar mleczny/i },
  { kind: 'grocery', pattern: /grocer|supermarket|spożyw|spozyw|żywno|zywno/i },
  {
    kind: 'discretionary',
    pattern: /restaur|take-?\s?away|takeout|dining|eating out|fast food|coffee|kawa|caf|entertain|rozrywk|cinema|kino|shopping|zakupy(?! spo)|online|clothing|ubrani|odzież|electronic|elektronik|hobby|holiday|travel|podróż|wakacj|gift|prezent|subscription|subskrypc|alcohol|alkohol/i,
  },
];

export function spendingKinds(categoryPath: string): SpendingKind[] {
  return SPENDING_KINDS.filter((k) => k.pattern.test(categoryPath)).map((k) => k.kind);
}
