// Month-to-date figures and net per month of autonomous_finance: the twin's rules over the in-memory
// repository (held to the PostgreSQL one by finance-repository.contract.test.ts), with crafted rows.
// The user's own v_monthly_pnl is compared in user-sql.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { readFinance } from '../../../bridge/finance/finance-domain';
import { chartMonths } from '../../../bridge/finance/monthly-net';
import { localDate } from '../../../bridge/time/local-date';
import { fixedClock } from '../../../bridge/time/clock';
import { InMemoryFinanceRepository } from '../../fixtures/repositories/in-memory-finance';
import { todayAt } from '../source-rows';
import { TRANSFER_MONTH } from './finance-scenarios';

let repo: InMemoryFinanceRepository;

beforeEach(() => {
  repo = new InMemoryFinanceRepository();
});

// 00:30 on 1 March in Warsaw is still 28 February in UTC.
const FIRST_OF_MONTH_0030 = '2025-03-01T00:30:00+01:00';

describe('readFinance month to date', () => {
  it('counts a transaction dated the 1st at 00:30 Warsaw in the new month, and not the last day of the previous one', async () => {
    const today = todayAt(FIRST_OF_MONTH_0030);
    // The clock really sits on the other side of midnight in UTC: the test would catch a UTC boundary.
    expect(localDate(fixedClock(FIRST_OF_MONTH_0030).now(), 'UTC').date).toBe('2025-02-28');
    expect(today.date).toBe('2025-03-01');

    repo.addTransactions([
      { date: '2025-03-01', type: 'Income', amount: '100.00' },
      { date: '2025-03-01', type: 'Expense', amount: '40.50' },
      { date: '2025-02-28', type: 'Income', amount: '1000.00' },
      { date: '2025-02-28', type: 'Expense', amount: '777.77' },
    ]);
    const f = await readFinance(repo, { today, currency: 'PLN' });
    expect(f.month).toBe('2025-03');
    expect(f.mtd_income).toBe(100);
    expect(f.mtd_expense).toBe(40.5);
    expect(f.mtd_net).toBe(59.5);

    // The same rows seen with a UTC "today" belong to February: the zone decides.
    const utc = await readFinance(repo, { today: localDate(fixedClock(FIRST_OF_MONTH_0030).now(), 'UTC'), currency: 'PLN' });
    expect(utc.month).toBe('2025-02');
    expect(utc.mtd_net).toBe(222.23);
  });

  it('ends the month at its last day: the 1st of the next month is not counted', async () => {
    repo.addTransactions([
      { date: '2025-03-31', type: 'Income', amount: '10.00' },
      { date: '2025-04-01', type: 'Income', amount: '5000.00' },
    ]);
    // 23:59 on 31 March in Warsaw (21:59 UTC).
    const f = await readFinance(repo, { today: todayAt('2025-03-31T23:59:00+02:00'), currency: 'PLN' });
    expect(f.mtd_income).toBe(10);
    expect(f.mtd_net).toBe(10);
  });

  it('excludes Transfer from mtd_net, mtd_income and mtd_expense', async () => {
    repo.addTransactions(TRANSFER_MONTH.transactions);
    const f = await readFinance(repo, { today: todayAt(TRANSFER_MONTH.at), currency: 'PLN' });
    expect(f.mtd_income).toBe(5000);
    expect(f.mtd_expense).toBe(1234.56);
    expect(f.mtd_net).toBe(3765.44);
  });

  it('gives zeros, no alerts and no payments with no rows at all', async () => {
    repo.calendar.currentDate = '2025-03-10';
    const f = await readFinance(repo, { today: todayAt('2025-03-10T12:00:00+01:00'), currency: 'PLN' });
    expect(f).toEqual({
      currency: 'PLN',
      month: '2025-03',
      mtd_net: 0,
      mtd_income: 0,
      mtd_expense: 0,
      active_budget_alerts: 0,
      alerts: [],
      budgets: [],
      monthly_net: chartMonths({ year: 2025, month: 3 }).map((month) => ({ month, income: 0, expense: 0, net: 0 })),
      upcoming: [],
      upcoming_note: null,
    });
  });

  it('returns numeric sums as JSON numbers, exact to the grosz, negative when spending exceeds income', async () => {
    repo.addTransactions([
      { date: '2025-03-02', type: 'Income', amount: '9999999999.99' },
      { date: '2025-03-02', type: 'Expense', amount: '0.01' },
      { date: '2025-03-03', type: 'Expense', amount: '9999999999.99' },
      { date: '2025-03-04', type: 'Expense', amount: '1234.10' },
    ]);
    const f = await readFinance(repo, { today: todayAt('2025-03-10T12:00:00+01:00'), currency: 'PLN' });
    expect(typeof f.mtd_net).toBe('number');
    expect(f.mtd_income).toBe(9999999999.99);
    expect(f.mtd_expense).toBe(10000001234.1);
    expect(f.mtd_net).toBe(-1234.11);
    // Survives a JSON round trip as numbers, as the HTTP layer serialises it.
    expect(JSON.parse(JSON.stringify(f)).mtd_net).toBe(-1234.11);
  });

  it('keeps a December Warsaw clock at 23:30 on the 31st in December, and 00:30 on 1 January in January', async () => {
    repo.addTransactions([
      { date: '2024-12-31', type: 'Expense', amount: '50.00' },
      { date: '2025-01-01', type: 'Expense', amount: '70.00' },
    ]);
    // 23:30 Warsaw on 31 December = 22:30 UTC: still the old year in both; 00:30 on 1 January is 23:30 UTC on the 31st.
    const dec = await readFinance(repo, { today: todayAt('2024-12-31T23:30:00+01:00'), currency: 'PLN' });
    expect([dec.month, dec.mtd_net]).toEqual(['2024-12', -50]);
    const jan = await readFinance(repo, { today: todayAt('2025-01-01T00:30:00+01:00'), currency: 'PLN' });
    expect([jan.month, jan.mtd_net]).toEqual(['2025-01', -70]);
  });
});

describe('readFinance net per month', () => {
  it('gives the twelve months ending with this one, oldest first, across a year boundary, transfers excluded', async () => {
    repo.addTransactions([
      { date: '2024-03-31', type: 'Income', amount: '999.00' }, // twelve months back: outside
      { date: '2024-04-01', type: 'Income', amount: '5000.00' },
      { date: '2024-04-30', type: 'Expense', amount: '1234.56' },
      { date: '2024-12-31', type: 'Expense', amount: '0.01' },
      { date: '2025-01-01', type: 'Transfer', amount: '7777.00' },
      { date: '2025-03-10', type: 'Income', amount: '100.10' },
      { date: '2025-03-11', type: 'Expense', amount: '250.00' }, // after today, still this month
      { date: '2025-04-01', type: 'Income', amount: '5000.00' },
    ]);
    const f = await readFinance(repo, { today: todayAt('2025-03-10T12:00:00+01:00'), currency: 'PLN' });
    expect(f.monthly_net.map((m) => m.month)).toEqual([
      '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03',
    ]);
    expect(f.monthly_net[0]).toEqual({ month: '2024-04', income: 5000, expense: 1234.56, net: 3765.44 });
    expect(f.monthly_net.find((m) => m.month === '2024-12')).toEqual({ month: '2024-12', income: 0, expense: 0.01, net: -0.01 });
    expect(f.monthly_net.find((m) => m.month === '2025-01')).toEqual({ month: '2025-01', income: 0, expense: 0, net: 0 });
    expect(f.monthly_net.at(-1)).toEqual({ month: '2025-03', income: 100.1, expense: 250, net: -149.9 });
    // This month's entry is the month-to-date figure.
    expect(f.monthly_net.at(-1)?.net).toBe(f.mtd_net);
  });

  it('names the months in the configured zone: 00:30 on 1 April in Warsaw is April', async () => {
    repo.addTransactions([{ date: '2024-04-01', type: 'Income', amount: '10.00' }]);
    const f = await readFinance(repo, { today: todayAt('2025-04-01T00:30:00+02:00'), currency: 'PLN' });
    expect(f.monthly_net[0]).toEqual({ month: '2024-05', income: 0, expense: 0, net: 0 });
    expect(f.monthly_net.at(-1)?.month).toBe('2025-04');
    expect(f.monthly_net.some((m) => m.income === 10)).toBe(false);
  });
});

describe('readFinance upcoming payments', () => {
  it("lists the unpaid payments of the zone's today and the 30 days after it, in the twin's currency when a row has none", async () => {
    const today = todayAt('2025-01-31T23:30:00+01:00');
    repo.calendar.currentDate = today.date;
    repo.addScheduled([
      { name: 'Czynsz', amount: '3150', category: 'Housing', sub_category: 'Rent', frequency: 'monthly', expense_date: '2025-02-01' },
      { name: 'Netflix', amount: '49.00', currency: null, expense_date: '2025-01-31' },
      { name: 'Ubezpieczenie OC', amount: '1234.5', currency: 'EUR', expense_date: '2025-03-02', frequency: 'annual' },
      { name: 'Opłacone', amount: '10', expense_date: '2025-02-02', is_paid: true },
      { name: 'Wczoraj', amount: '10', expense_date: '2025-01-30' },
    ]);
    const f = await readFinance(repo, { today, currency: 'PLN' });
    expect(f.upcoming).toEqual([
      { name: 'Netflix', amount: 49, currency: 'PLN', category: null, expense_date: '2025-01-31', days_until: 0, urgency: 'today' },
      { name: 'Czynsz', amount: 3150, currency: 'PLN', category: 'Housing', expense_date: '2025-02-01', days_until: 1, urgency: 'tomorrow' },
      { name: 'Ubezpieczenie OC', amount: 1234.5, currency: 'EUR', category: null, expense_date: '2025-03-02', days_until: 30, urgency: 'later' },
    ]);
    expect(f.upcoming_note).toBeNull();
  });

  it('says how the list was read when the view is missing, and why it is empty without expense_calendar', async () => {
    const today = todayAt('2025-03-10T12:00:00+01:00');
    repo.calendar = { rows: [], view: false, currentDate: today.date };
    repo.addScheduled([{ name: 'Prąd', amount: '300', expense_date: '2025-03-15' }]);
    const withoutView = await readFinance(repo, { today, currency: 'PLN' });
    expect(withoutView.upcoming.map((p) => [p.name, p.urgency])).toEqual([['Prąd', 'this_week']]);
    expect(withoutView.upcoming_note).toMatch(/expense_calendar .* no such view/);

    repo.calendar = { rows: null, view: false, currentDate: today.date };
    const withoutTable = await readFinance(repo, { today, currency: 'PLN' });
    expect(withoutTable.upcoming).toEqual([]);
    expect(withoutTable.upcoming_note).toBe('No scheduled payments: the finance database has no expense_calendar table.');
    expect(withoutTable.mtd_net).toBe(0);
  });
});
