// The newest row of the user's v_body_composition, read from the view again only when measurements
// changed. The view compares each measurement with the one before it, so reading it costs every
// measurement ever taken; whether anything changed costs only the current month's: the ledger checks
// the closed months in the background (its generation rises on any change there, or on an edit of
// the view), and each read checks the open month's fingerprint itself.

export interface MeasurementsWatch {
  readonly generation: number;
  /** True once the closed months before `open` have been checked. */
  checkedBefore(open: string): boolean;
}

export class BodyRowMemo<Row> {
  private memo: { key: string; row: Row | undefined } | null = null;

  constructor(private readonly watch: MeasurementsWatch) {}

  /** `openKey` gives the fingerprint of the measurements from `open` on. */
  async read(open: string, openKey: () => Promise<string>, readView: () => Promise<Row | undefined>): Promise<Row | undefined> {
    if (!this.watch.checkedBefore(open)) return readView();
    const generation = this.watch.generation;
    const key = `${generation}|${open}|${await openKey()}`;
    if (this.memo?.key === key) return this.memo.row;
    const row = await readView();
    this.memo = { key, row };
    return row;
  }
}
