// The demo data as a user of the embedded databases sees it: seeded once, kept current by top-ups that
// give exactly the rows a later first start would, and showing every state the dashboards can show.
import type pg from 'pg';
import { eachDayOfInterval, format, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetState, monthBudgets } from '../../../bridge/demo/budget-demo';
import { generateFinanceDay, historicalBefore } from '../../../bridge/demo/finance-demo';
import { seedDemoData, topUpDemoData, type DemoTargets } from '../../../bridge/demo/seed-demo';
import { PgFinanceRepository } from '../../../bridge/finance/finance-repository';
import { fixedClock } from '../../../bridge/time/clock';
import { addDays, calendarDate, localDate, monthStartAfter } from '../../../bridge/time/local-date';
import { freshDatabases, poolFor, type TestDatabases } from '../../fixtures/databases';

/** Every date from `from` to `to`, both included. */
const eachDay = (from: string, to: string) => eachDayOfInterval({ start: parseISO(from), end: parseISO(to) }).map((d) => format(d, 'yyyy-MM-dd'));

const PERSON = '00000000-0000-4000-8000-0000000000aa';

interface Demo {
  dbs: TestDatabases;
  t: DemoTargets;
}

const opened: Demo[] = [];

async function openDemo(): Promise<Demo> {
  const dbs = await freshDatabases();
  const t = { finance: poolFor(dbs.finance), training: poolFor(dbs.training), pantry: poolFor(dbs.pantry), twin: poolFor(dbs.twin) };
  const demo = { dbs, t };
  opened.push(demo);
  return demo;
}

afterAll(async () => {
  for (const { dbs, t } of opened) {
    await Promise.all(Object.values(t).map((p) => p.end()));
    await dbs.drop();
  }
});

async function rows(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return (await pool.query(sql, params)).rows;
}

/** A table's rows from `from` on as one ordered text, for comparing two databases. */
async function snapshot(pool: pg.Pool, table: string, dateColumn: string, from: string, exclude: string[] = []): Promise<string[]> {
  const { rows: cols } = await pool.query(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND NOT (column_name = ANY($2)) ORDER BY ordinal_position`,
    [table, exclude],
  );
  expect(cols.length).toBeGreaterThan(0);
  const { rows: out } = await pool.query(
    `SELECT ${cols.map((c) => `coalesce(t.${c.column_name}::text, '∅')`).join(` || '|' || `)} AS r FROM ${table} t WHERE ${dateColumn} >= $1::date ORDER BY 1`,
    [from],
  );
  return out.map((r) => r.r as string);
}

// The instants the demo is seeded at: the machine's own clock, and the calendar's edges in the user's zone.
// The edges do not depend on the machine's clock, so `npm run test:calendar` (TWIN_CALENDAR_RUN=1),
// which fakes that clock, seeds at it alone and leaves the edges to the ordinary run.
const ZONE = 'Europe/Warsaw';
const EDGES_TOO = process.env.TWIN_CALENDAR_RUN !== '1';
const INSTANTS: [label: string, at: Date][] = [
  ['the machine\'s clock', new Date()],
  ['the 1st of a month at 00:30', new Date('2026-12-01T00:30:00+01:00')],
  ['the last day of a month at 23:50', new Date('2027-02-28T23:50:00+01:00')],
  ['29 February', new Date('2028-02-29T12:00:00+01:00')],
  ['New Year\'s Day at 00:01', new Date('2027-01-01T00:01:00+01:00')],
  ['the morning the clocks go forward', new Date('2027-03-28T03:00:00+02:00')],
].filter((_, i) => i === 0 || EDGES_TOO) as [string, Date][];

/** Per budget id, the severity the plan and the generated spending must give on `today` (null: on track). */
function expectedStates(today: string): Map<string, string | null> {
  const spent = new Map<string, number>();
  for (const date of eachDay(calendarDate(today).monthStart, today)) {
    for (const t of generateFinanceDay(42, date, 1)) if (t.type === 'Expense') spent.set(t.category, (spent.get(t.category) ?? 0) + t.amountCents);
  }
  return new Map(monthBudgets(calendarDate(today).monthStart, 1).map((b) => {
    const state = budgetState(spent.get(b.category) ?? 0, b, calendarDate(today).day, calendarDate(today).daysInMonth);
    return [b.id, state === 'ON_TRACK' ? null : state];
  }));
}

describe.each(INSTANTS)('a first start on %s', (_label, now) => {
  let demo: Demo;
  let today: string;
  let counts: Record<string, number>;

  beforeAll(async () => {
    demo = await openDemo();
    today = localDate(fixedClock(now).now(), ZONE).date;
    const result = await seedDemoData(demo.t, { today, now, personId: PERSON });
    expect(result.seeded).toBe(true);
    counts = result.counts;
    await installAlertsAt(demo.t.finance);
  });

  it('fills every table and reports what it inserted', async () => {
    for (const table of ['transactions', 'budgets', 'accounts', 'categories', 'merchants', 'expense_calendar', 'digital_twin_updates']) {
      const n = (await rows(demo.t.finance, `SELECT count(*)::int AS n FROM ${table}`))[0].n;
      expect(n, table).toBeGreaterThan(0);
      expect(counts[table], table).toBe(n);
    }
    for (const table of ['measurements', 'workouts', 'workout_sets', 'workout_templates', 'exercises']) {
      const n = (await rows(demo.t.training, `SELECT count(*)::int AS n FROM ${table}`))[0].n;
      expect(n, table).toBeGreaterThan(0);
      expect(counts[table], table).toBe(n);
    }
    expect(counts.pantry_inventory).toBeGreaterThanOrEqual(40);
    expect(counts.digital_twin_updates).toBe(300);
  });

  it('does nothing on a second first start', async () => {
    const before = (await rows(demo.t.finance, 'SELECT count(*)::int AS n FROM transactions'))[0].n;
    expect(await seedDemoData(demo.t, { today, now, personId: PERSON })).toEqual({ seeded: false, counts: {} });
    expect((await rows(demo.t.finance, 'SELECT count(*)::int AS n FROM transactions'))[0].n).toBe(before);
    expect((await rows(demo.t.twin, 'SELECT count(*)::int AS n FROM digital_twin_updates'))[0].n).toBe(300);
  });

  it('covers two years of transactions up to today, with transfers, imported history and a salary each month', async () => {
    const [r] = await rows(demo.t.finance, `
      SELECT min(transaction_date)::text AS first, max(transaction_date)::text AS last,
             count(*) FILTER (WHERE type = 'Transfer')::int AS transfers,
             count(*) FILTER (WHERE data_source = 'Historical')::int AS historical,
             count(*) FILTER (WHERE data_source = 'atomic')::int AS atomic,
             count(DISTINCT transaction_id)::int AS ids, count(*)::int AS n,
             count(*) FILTER (WHERE amount <= 0)::int AS not_positive,
             count(*) FILTER (WHERE merchant_id IS NULL OR account_id IS NULL OR category_id IS NULL)::int AS unlinked
      FROM transactions`);
    // A quiet day has no transactions: the newest is the last day up to today that the generator filled.
    let newest = today;
    while (generateFinanceDay(42, newest, 1).length === 0) newest = addDays(newest, -1);
    expect(r.last).toBe(newest);
    expect(String(r.first) <= addDays(today, -729)).toBe(true);
    expect(r.transfers).toBeGreaterThanOrEqual(40);
    expect(r.historical).toBeGreaterThan(0);
    expect(r.atomic).toBeGreaterThan(0);
    // Imported history ends where the last twelve months (and this one) begin.
    const [cut] = await rows(demo.t.finance, `
      SELECT max(transaction_date) FILTER (WHERE data_source = 'Historical')::text AS last_historical,
             min(transaction_date) FILTER (WHERE data_source = 'atomic')::text AS first_atomic FROM transactions`);
    expect(cut).toEqual({ last_historical: addDays(historicalBefore(today), -1), first_atomic: historicalBefore(today) });
    expect(r.ids).toBe(r.n);
    expect(r.not_positive).toBe(0);
    expect(r.unlinked).toBe(0); // every merchant the generators use is in the merchants table
    const [paths] = await rows(demo.t.finance, `
      SELECT array_agg(DISTINCT c.category_name || ' > ' || c.subcategory_name) AS p
      FROM transactions t JOIN categories c USING (category_id)`);
    expect(paths.p).toEqual(expect.arrayContaining(['Lifestyle > Groceries', 'Housing > Rent', 'Income > Salary', 'Transport > Fuel', 'Food > Restaurants', 'Transfers > Savings']));
    const salaries = await rows(demo.t.finance, `
      SELECT date_trunc('month', transaction_date) AS m, count(*)::int AS n FROM transactions t JOIN categories c USING (category_id)
      WHERE c.subcategory_name = 'Salary' GROUP BY 1`);
    expect(salaries.length).toBeGreaterThanOrEqual(24);
    expect(salaries.every((r) => r.n === 1)).toBe(true);
  });

  it('budgets this month by the plan, whatever was spent so far', async () => {
    const month = await rows(demo.t.finance, `
      SELECT budget_id, budget_amount::text AS amount, alert_threshold FROM budgets WHERE budget_year = $1 AND budget_month = $2 ORDER BY 1`,
    [Number(today.slice(0, 4)), Number(today.slice(5, 7))]);
    const plan = monthBudgets(calendarDate(today).monthStart, 1).sort((a, b) => a.id.localeCompare(b.id));
    expect(month).toEqual(plan.map((b) => ({ budget_id: b.id, amount: (b.amountCents / 100).toFixed(2), alert_threshold: b.threshold })));
  });

  it('shows the alerts the plan predicts: a CRITICAL, a HIGH, a MEDIUM except on the last day, budgets on track beside them', async () => {
    const alerts = await rows(demo.t.finance, 'SELECT * FROM budget_alerts_at($1::date)', [today]);
    const got = new Map(alerts.map((a) => [String(a.alert_id).replace(/^ALERT-(.*)-\d{12}$/, '$1'), a.alert_severity]));
    const expected = expectedStates(today);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries([...expected].filter(([, s]) => s !== null)));
    const severities = [...got.values()];
    expect(severities).toContain('CRITICAL');
    expect(severities).toContain('HIGH');
    if (calendarDate(today).day === calendarDate(today).daysInMonth) expect(severities).not.toContain('MEDIUM');
    expect([...expected.values()].filter((s) => s === null).length).toBeGreaterThanOrEqual(2);
    // On the database's own today the installed function itself agrees.
    if ((await rows(demo.t.finance, 'SELECT current_date::text AS d'))[0].d === today) {
      const own = await rows(demo.t.finance, 'SELECT alert_severity, alert_id FROM get_current_budget_alerts()');
      expect(own.map((a) => a.alert_severity)).toEqual(alerts.map((a) => a.alert_severity));
    }
  });

  it('has scheduled payments due within 7 and 30 days, monthly and rarer, those before today paid by their booked transaction', async () => {
    const upcoming = (await new PgFinanceRepository(demo.t.finance).upcoming(today)).rows;
    expect(upcoming.filter((p) => p.days_until <= 7).length).toBeGreaterThanOrEqual(1);
    expect(upcoming.length).toBeGreaterThanOrEqual(8);
    expect(upcoming.some((p) => p.frequency === 'monthly' && p.days_until <= 7)).toBe(true);
    expect(upcoming.some((p) => p.frequency === 'one-time')).toBe(true);
    const [state] = await rows(
      demo.t.finance,
      `SELECT count(*) FILTER (WHERE expense_date < $1::date AND NOT is_paid)::int AS unpaid_past,
              count(*) FILTER (WHERE expense_date < $1::date AND is_paid)::int AS paid_past,
              count(*) FILTER (WHERE expense_date >= $1::date AND is_paid AND frequency = 'monthly')::int AS monthly_paid_ahead,
              count(*) FILTER (WHERE transaction_id IS NOT NULL)::int AS linked,
              count(*) FILTER (WHERE transaction_id IS NOT NULL AND (t.transaction_id IS NULL OR t.amount <> e.amount OR t.transaction_date <> e.expense_date))::int AS mislinked
       FROM expense_calendar e LEFT JOIN transactions t USING (transaction_id)`,
      [today],
    );
    expect(state).toMatchObject({ unpaid_past: 0, monthly_paid_ahead: 0, mislinked: 0 });
    expect(state.paid_past).toBeGreaterThan(20);
    expect(state.linked).toBeGreaterThan(10);
  });

  it('has the last workout one to three days ago and a year of measurements, some without body fat', async () => {
    const [w] = await rows(demo.t.training, `SELECT ($1::date - max(workout_date))::int AS since FROM workouts`, [today]);
    expect(w.since).toBeGreaterThanOrEqual(1);
    expect(w.since).toBeLessThanOrEqual(3);
    const [m] = await rows(demo.t.training, `
      SELECT count(*)::int AS n, count(*) FILTER (WHERE bodyfat_pct IS NULL)::int AS no_fat, min(measurement_date)::text AS first FROM measurements`);
    expect(m.n).toBeGreaterThan(250);
    expect(m.no_fat).toBeGreaterThan(0);
    expect(String(m.first) >= addDays(today, -366)).toBe(true);
    const [sets] = await rows(demo.t.training, `
      SELECT count(*)::int AS missing FROM workouts w
      WHERE NOT EXISTS (SELECT 1 FROM workout_sets s WHERE s.workout_date = w.workout_date AND s.template_id = w.template_id)`);
    expect(sets.missing).toBe(0);
  });

  it('has low-stock products (summed over places, null thresholds untracked), expired and soon-expiring ones', async () => {
    const low = await rows(demo.t.pantry, `
      SELECT category FROM pantry_inventory GROUP BY category
      HAVING max(critical_threshold) IS NOT NULL AND sum(current_quantity) <= max(critical_threshold) ORDER BY 1`);
    expect(low.length).toBeGreaterThanOrEqual(5);
    expect(low.map((r) => r.category)).toContain('Bułki'); // threshold 0, quantity 0
    const [p] = await rows(demo.t.pantry, `
      SELECT count(*) FILTER (WHERE next_expiry < $1::date)::int AS expired,
             count(*) FILTER (WHERE next_expiry >= $1::date AND next_expiry <= $1::date + 7)::int AS within7,
             count(*) FILTER (WHERE next_expiry > $1::date + 7 AND next_expiry <= $1::date + 30)::int AS within30,
             count(*) FILTER (WHERE critical_threshold IS NULL)::int AS untracked,
             count(DISTINCT category)::int AS products,
             (SELECT count(*)::int FROM (SELECT category FROM pantry_inventory GROUP BY 1 HAVING count(*) > 1) x) AS in_two_places
      FROM pantry_inventory`, [today]);
    expect(p.expired).toBeGreaterThan(0);
    expect(p.within7).toBeGreaterThan(0);
    expect(p.within30).toBeGreaterThan(0);
    expect(p.untracked).toBeGreaterThan(0);
    expect(p.products).toBeGreaterThanOrEqual(40);
    expect(p.in_two_places).toBeGreaterThanOrEqual(2);
    expect((await rows(demo.t.pantry, 'SELECT count(*)::int AS n FROM pantry_dictionary'))[0].n).toBe(p.products);
  });

  it('has about ninety days of past transitions of the person, each differing from the one before', async () => {
    const [h] = await rows(demo.t.twin, `
      SELECT count(*)::int AS n, bool_and(created_at < $2) AS past, min(created_at) > $2::timestamptz - interval '92 days' AS recent,
             bool_and(entity_id = $1 AND source_system = 'g04_engine' AND update_type = 'status_sync') AS attributed
      FROM digital_twin_updates`, [PERSON, now]);
    expect(h).toEqual({ n: 300, past: true, recent: true, attributed: true });
    const [d] = await rows(demo.t.twin, `
      SELECT count(*)::int AS repeats FROM (
        SELECT update_data = lag(update_data) OVER (PARTITION BY entity_type ORDER BY created_at) AS same FROM digital_twin_updates) x
      WHERE same`);
    expect(d.repeats).toBe(0);
  });
});

describe.each(INSTANTS.filter(([label]) => /clock|New Year/.test(label)))('later starts, up to %s,', (_label, now) => {
  const today = localDate(now, ZONE).date;

  it('top up exactly the days a first start at the later date would have, once', async () => {
    const later = await openDemo();
    const direct = await openDemo();
    const earlier = addDays(today, -40); // always in an earlier month
    const earlierNow = new Date(now.getTime() - 40 * 86_400_000);
    await seedDemoData(later.t, { today: earlier, now: earlierNow, personId: PERSON });
    const topUp = await topUpDemoData(later.t, { today, now, personId: PERSON });
    const added = (await rows(later.t.finance, `SELECT count(*)::int AS n FROM transactions WHERE transaction_date > $1::date`, [earlier]))[0].n;
    expect(topUp.counts.transactions).toBe(added);
    expect(topUp.counts.transactions).toBeGreaterThan(40);
    expect(topUp.counts.budgets).toBeGreaterThanOrEqual(8);
    expect(topUp.counts.measurements).toBeGreaterThan(20);
    expect(topUp.counts.workouts).toBeGreaterThan(8);

    await seedDemoData(direct.t, { today, now, personId: PERSON });
    const since = { transactions: addDays(today, -730), training: addDays(today, -365) };
    expect(await snapshot(later.t.finance, 'transactions', 'transaction_date', since.transactions, ['updated_at']))
      .toEqual(await snapshot(direct.t.finance, 'transactions', 'transaction_date', since.transactions, ['updated_at']));
    for (const [table, column] of [['measurements', 'measurement_date'], ['workouts', 'workout_date'], ['workout_sets', 'workout_date']]) {
      expect(await snapshot(later.t.training, table, column, since.training, ['created_at']), table)
        .toEqual(await snapshot(direct.t.training, table, column, since.training, ['created_at']));
    }
    expect(await snapshot(later.t.pantry, 'pantry_inventory', "'1970-01-01'::date", since.training, ['created_at', 'updated_at']))
      .toEqual(await snapshot(direct.t.pantry, 'pantry_inventory', "'1970-01-01'::date", since.training, ['created_at', 'updated_at']));
    // The calendar as a first start today writes it: the payments settled since, the days ahead added.
    expect(topUp.counts.paid).toBeGreaterThan(5);
    const calendarSince = addDays(today, -90);
    expect(await snapshot(later.t.finance, 'expense_calendar', 'expense_date', calendarSince, ['id', 'created_at', 'updated_at']))
      .toEqual(await snapshot(direct.t.finance, 'expense_calendar', 'expense_date', calendarSince, ['id', 'created_at', 'updated_at']));
    const month = `BUD-${today.slice(0, 7)}-%`;
    const budgets = (pool: pg.Pool) => rows(pool, `SELECT budget_id, budget_amount, alert_threshold, priority FROM budgets WHERE budget_id LIKE $1 ORDER BY 1`, [month]);
    expect((await budgets(later.t.finance)).length).toBe(monthBudgets(calendarDate(today).monthStart, 1).length);
    expect(await budgets(later.t.finance)).toEqual(await budgets(direct.t.finance));
    // The month in between got its budgets too.
    const between = monthStartAfter(today, -1).slice(0, 7);
    expect((await rows(later.t.finance, `SELECT count(*)::int AS n FROM budgets WHERE budget_id LIKE $1`, [`BUD-${between}-%`]))[0].n)
      .toBe(monthBudgets(`${between}-01`, 1).length);

    const again = await topUpDemoData(later.t, { today, now, personId: PERSON });
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
  });
});

describe('later starts', () => {
  const [[, now]] = INSTANTS;
  const today = localDate(now, ZONE).date;

  it('leave a finance database without demo transactions alone', async () => {
    const empty = await openDemo();
    expect(await topUpDemoData(empty.t, { today, now, personId: PERSON })).toEqual({ counts: {} });
    for (const [pool, table] of [[empty.t.finance, 'budgets'], [empty.t.training, 'measurements'], [empty.t.pantry, 'pantry_inventory']] as const) {
      expect((await rows(pool, `SELECT count(*)::int AS n FROM ${table}`))[0].n, table).toBe(0);
    }
  });

  it('complete a first start that was cut short before finance committed, without duplicating the rest', async () => {
    const demo = await openDemo();
    await seedDemoData(demo.t, { today, now, personId: PERSON });
    // As if the finance transaction had rolled back: the other databases keep their rows.
    await demo.t.finance.query('TRUNCATE transactions, budgets');
    const second = await seedDemoData(demo.t, { today, now, personId: PERSON });
    expect(second.seeded).toBe(true);
    expect(second.counts.measurements).toBeUndefined();
    expect((await rows(demo.t.twin, 'SELECT count(*)::int AS n FROM digital_twin_updates'))[0].n).toBe(300);
    expect((await rows(demo.t.training, 'SELECT count(*)::int AS n FROM measurements'))[0].n).toBeGreaterThan(250);
  });
});

// get_current_budget_alerts() with its clock turned into arguments (the installed function's own text),
// so that the states can be checked on the days that bite: the first and the last of a month.
async function installAlertsAt(pool: pg.Pool): Promise<void> {
  const def: string = (await pool.query(`SELECT pg_get_functiondef('get_current_budget_alerts'::regproc) AS def`)).rows[0].def;
  const header = /FUNCTION\s+(public\.)?get_current_budget_alerts\(\)/;
  expect(def).toMatch(header);
  await pool.query(def.replace(header, 'FUNCTION budget_alerts_at(p_today date)').replace(/\bcurrent_date\b/gi, 'p_today'));
}
