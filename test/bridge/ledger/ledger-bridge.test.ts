// The ledger inside a running bridge with the default settings: built in the background at start,
// and a month three months back edited, pruned and given a backdated row at the source shows in
// /finance's monthly_net and in the insights within one minute, with no trigger on the user's tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinanceResponse, StatusResponse } from '../../../bridge/contract/responses';
import type { Insights } from '../../../bridge/contract/insights';
import { localDate, monthStartAfter } from '../../../bridge/time/local-date';
import { poolFor } from '../../fixtures/databases';
import { startTestBridge, TEST_TIMEZONE, type TestBridge } from '../../fixtures/bridge-server';

let tb: TestBridge;

beforeAll(async () => {
  tb = await startTestBridge({ demo: true, env: { TWIN_SYNC_INTERVAL_SECONDS: '900' } });
}, 60_000);
afterAll(async () => {
  await tb?.close();
});

const get = async <T>(path: string): Promise<T> => (await (await fetch(`${tb.url}${path}`)).json()) as T;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, limitMs: number): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - started > limitMs) return { value, ms: Date.now() - started };
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the ledger in a running bridge', () => {
  it('is built in the background, and a change three months back reaches /finance and /insights within a minute', async () => {
    const ready = await until(() => get<StatusResponse>('/status'), (s) => s.sync.ledger?.state === 'ready', 30_000);
    const today = localDate(new Date(), TEST_TIMEZONE);
    expect(ready.value.sync.ledger).toMatchObject({ state: 'ready', covered_until: today.monthStart, last_error: null });
    expect(ready.value.sync.ledger!.months).toBeGreaterThan(3);

    const month = monthStartAfter(today.monthStart, -3);
    const label = month.slice(0, 7);
    const netOf = (f: FinanceResponse) => f.monthly_net.find((m) => m.month === label)!.net;
    const insightNetOf = (i: Insights) => i.money.net_by_month.find((m) => m.month === label)!.net;
    const before = netOf(await get<FinanceResponse>('/finance'));
    expect(insightNetOf(await get<Insights>('/insights'))).toBe(before);

    // As the user's flows do it: an edit and a delete that leave updated_at alone, and a late insert.
    const finance = poolFor(tb.dbs.finance);
    try {
      const end = monthStartAfter(month, 1);
      const pick = `SELECT transaction_id, transaction_date FROM transactions WHERE type = 'Expense' AND transaction_date >= $1 AND transaction_date < $2 ORDER BY transaction_id LIMIT 1 OFFSET $3`;
      const edited = (await finance.query(pick, [month, end, 0])).rows[0];
      const deleted = (await finance.query(pick, [month, end, 1])).rows[0];
      await finance.query('UPDATE transactions SET amount = amount + 1000 WHERE transaction_id = $1 AND transaction_date = $2', [edited.transaction_id, edited.transaction_date]);
      await finance.query('DELETE FROM transactions WHERE transaction_id = $1 AND transaction_date = $2', [deleted.transaction_id, deleted.transaction_date]);
      await finance.query(
        `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source) VALUES ('LATE-1', $1, 'Income', 123.45, 'late import')`,
        [`${month.slice(0, 8)}15`],
      );
      const expected = Number((await finance.query(`SELECT net_savings FROM v_monthly_pnl WHERE month = $1::date`, [month])).rows[0].net_savings);
      expect(expected).not.toBe(before);

      const shown = await until(() => get<FinanceResponse>('/finance'), (f) => netOf(f) === expected, 60_000);
      expect(netOf(shown.value)).toBe(expected);
      expect(shown.ms).toBeLessThanOrEqual(60_000);
      const insights = await until(() => get<Insights>('/insights'), (i) => insightNetOf(i) === expected, 10_000);
      expect(insightNetOf(insights.value)).toBe(expected);
      const after = await get<StatusResponse>('/status');
      expect(after.sync.ledger!.months_rebuilt_total).toBeGreaterThanOrEqual(1);
    } finally {
      await finance.end();
    }
  }, 120_000);
});
