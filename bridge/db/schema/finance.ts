// autonomous_finance, as the user's automations define it. Idempotent: safe to run on every start
// of the embedded database; never run against a configured (external) database.
export const FINANCE_SCHEMA = String.raw`
CREATE TABLE IF NOT EXISTS accounts (
  account_id serial PRIMARY KEY,
  account_name varchar(100) NOT NULL UNIQUE,
  account_type varchar(20) CHECK (account_type IN ('Checking','Savings','Investment','Cash','Credit','Historical')),
  institution_name varchar(100),
  currency varchar(3) DEFAULT 'PLN',
  is_active boolean DEFAULT true,
  created_at timestamp DEFAULT now(),
  updated_at timestamp DEFAULT now()
);

CREATE TABLE IF NOT EXISTS categories (
  category_id serial PRIMARY KEY,
  category_name varchar(100) NOT NULL,
  subcategory_name varchar(100),
  category_type varchar(20) CHECK (category_type IN ('Income','Expense','Transfer')),
  is_active boolean DEFAULT true,
  display_order int,
  created_at timestamp DEFAULT now(),
  UNIQUE (category_name, subcategory_name)
);

CREATE TABLE IF NOT EXISTS merchants (
  merchant_id serial PRIMARY KEY,
  merchant_name varchar(100) NOT NULL UNIQUE,
  default_category_id int REFERENCES categories(category_id),
  data_type varchar(20) CHECK (data_type IN ('Historical','Atomic')),
  is_active boolean DEFAULT true,
  created_at timestamp DEFAULT now()
);

CREATE TABLE IF NOT EXISTS transactions (
  transaction_id varchar(50) NOT NULL,
  transaction_date date NOT NULL,
  type varchar(20) NOT NULL CHECK (type IN ('Income','Expense','Transfer')),
  amount numeric(12,2) NOT NULL CHECK (amount > 0),
  currency varchar(3) DEFAULT 'PLN',
  merchant_source varchar(100) NOT NULL,
  description text,
  account_id int,
  category_id int,
  merchant_id int,
  data_source varchar(20) DEFAULT 'atomic',
  created_at timestamp DEFAULT now(),
  updated_at timestamp DEFAULT now(),
  PRIMARY KEY (transaction_id, transaction_date)
) PARTITION BY RANGE (transaction_date);

DO $$
BEGIN
  FOR y IN 2012..2027 LOOP
    EXECUTE format(
      'CREATE TABLE IF NOT EXISTS transactions_%s PARTITION OF transactions FOR VALUES FROM (%L) TO (%L)',
      y, make_date(y, 1, 1), make_date(y + 1, 1, 1));
  END LOOP;
END $$;
CREATE TABLE IF NOT EXISTS transactions_default PARTITION OF transactions DEFAULT;

CREATE INDEX IF NOT EXISTS idx_transactions_date ON transactions (transaction_date);
CREATE INDEX IF NOT EXISTS idx_transactions_type ON transactions (type);
CREATE INDEX IF NOT EXISTS idx_transactions_category ON transactions (category_id);
CREATE INDEX IF NOT EXISTS idx_transactions_account ON transactions (account_id);
CREATE INDEX IF NOT EXISTS idx_transactions_merchant ON transactions (merchant_id);
CREATE INDEX IF NOT EXISTS idx_transactions_data_source ON transactions (data_source);

CREATE TABLE IF NOT EXISTS budgets (
  budget_id varchar(100) PRIMARY KEY,
  budget_year int NOT NULL,
  budget_month int NOT NULL CHECK (budget_month BETWEEN 1 AND 12),
  type varchar(20) CHECK (type IN ('Income','Expense','Transfer','Savings')),
  category_id int REFERENCES categories(category_id),
  budget_amount numeric(12,2) DEFAULT 0,
  alert_threshold int DEFAULT 100 CHECK (alert_threshold BETWEEN 0 AND 200),
  notes text,
  budget_type varchar(20) CHECK (budget_type IN ('Fixed','Variable','Flexible')),
  priority varchar(20) CHECK (priority IN ('Critical','High','Medium','Low')),
  is_active boolean DEFAULT true,
  created_at timestamp DEFAULT now(),
  updated_at timestamp DEFAULT now()
);


-- Net = income minus expense; transfers are movements between the person's own accounts.
CREATE OR REPLACE VIEW v_monthly_pnl AS
SELECT date_trunc('month', transaction_date)::date AS month,
       sum(amount) FILTER (WHERE type = 'Income') AS income,
       sum(amount) FILTER (WHERE type = 'Expense') AS expense,
       coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0)
         - coalesce(sum(amount) FILTER (WHERE type = 'Expense'), 0) AS net_savings,
       CASE WHEN coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0) > 0 THEN
         round((coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0)
           - coalesce(sum(amount) FILTER (WHERE type = 'Expense'), 0))
           / sum(amount) FILTER (WHERE type = 'Income') * 100, 2) END AS savings_rate_pct
FROM transactions
WHERE type IN ('Income', 'Expense')
GROUP BY 1;

CREATE OR REPLACE VIEW v_daily_cashflow AS
SELECT d.day,
       coalesce(sum(t.amount) FILTER (WHERE t.type = 'Income'), 0)
         - coalesce(sum(t.amount) FILTER (WHERE t.type = 'Expense'), 0) AS net,
       sum(coalesce(sum(t.amount) FILTER (WHERE t.type = 'Income'), 0)
         - coalesce(sum(t.amount) FILTER (WHERE t.type = 'Expense'), 0))
         OVER (PARTITION BY date_trunc('month', d.day) ORDER BY d.day) AS month_to_date_net
FROM generate_series(current_date - 89, current_date, interval '1 day') AS d(day)
LEFT JOIN transactions t ON t.transaction_date = d.day::date AND t.type IN ('Income', 'Expense')
GROUP BY d.day;

-- The alert rules n8n relies on (see docs/figures.md, "Budget alerts").
CREATE OR REPLACE FUNCTION get_current_budget_alerts()
RETURNS TABLE (
  alert_id text, alert_severity text, category_path text, budget_amount numeric, actual_amount numeric,
  utilization_pct numeric, alert_threshold int, projected_month_end numeric, days_remaining int,
  daily_limit_remaining numeric, recommended_action text, priority text
) LANGUAGE sql STABLE AS $fn$
  WITH clock AS (
    SELECT current_date AS today,
           extract(day FROM current_date)::int AS dom,
           extract(day FROM (date_trunc('month', current_date) + interval '1 month - 1 day'))::int AS dim,
           date_trunc('month', current_date)::date AS month_start
  ), spent AS (
    SELECT b.budget_id, b.budget_amount, b.alert_threshold, b.priority, b.category_id,
           coalesce((SELECT sum(t.amount) FROM transactions t
                     WHERE t.type = 'Expense' AND t.category_id = b.category_id
                       AND t.transaction_date >= c.month_start
                       AND t.transaction_date < (c.month_start + interval '1 month')::date), 0) AS actual,
           c.dom, c.dim
    FROM budgets b CROSS JOIN clock c
    WHERE b.is_active AND b.type = 'Expense' AND b.budget_amount > 0
      AND b.budget_year = extract(year FROM c.today) AND b.budget_month = extract(month FROM c.today)
  ), measured AS (
    SELECT s.*, round(s.actual / s.budget_amount * 100, 2) AS util,
           round(s.actual / s.dom * s.dim, 2) AS projected,
           s.dim - s.dom AS days_left
    FROM spent s
  )
  SELECT 'ALERT-' || m.budget_id || '-' || to_char(now(), 'YYYYMMDDHH24MI'),
         CASE WHEN m.util >= 100 THEN 'CRITICAL' WHEN m.util >= m.alert_threshold THEN 'HIGH' ELSE 'MEDIUM' END,
         c.category_name || coalesce(' > ' || c.subcategory_name, ''),
         m.budget_amount, m.actual, m.util, m.alert_threshold, m.projected, m.days_left,
         CASE WHEN m.days_left > 0 THEN round((m.budget_amount - m.actual) / m.days_left, 2) END,
         CASE
           WHEN m.util >= 100 THEN '🚨 STOP SPENDING: Budget exceeded by ' || to_char(m.actual - m.budget_amount, 'FM999999999990.00') || ' PLN'
           WHEN m.util >= m.alert_threshold THEN '⚠️ SLOW DOWN: ' || to_char(m.budget_amount - m.actual, 'FM999999999990.00') || ' PLN left for '
             || m.days_left || ' days (max '
             || to_char(CASE WHEN m.days_left > 0 THEN round((m.budget_amount - m.actual) / m.days_left, 2) ELSE m.budget_amount - m.actual END, 'FM999999999990.00')
             || ' PLN/day)'
           ELSE '📊 PROJECTED OVERSPEND: Current rate suggests ' || to_char(m.projected - m.budget_amount, 'FM999999999990.00') || ' PLN overage'
         END,
         m.priority
  FROM measured m
  LEFT JOIN categories c ON c.category_id = m.category_id
  WHERE m.util >= m.alert_threshold OR m.projected > m.budget_amount OR m.util >= 100
  ORDER BY CASE m.priority WHEN 'Critical' THEN 1 WHEN 'High' THEN 2 WHEN 'Medium' THEN 3 ELSE 4 END,
           m.util DESC, m.budget_id
$fn$;

-- Scheduled payments (rent, bills, insurance, subscriptions) and the view the person's "Expense
-- Calendar Alerts" service reads: unpaid, from today to 30 days ahead, soonest first.
CREATE TABLE IF NOT EXISTS expense_calendar (
  id serial PRIMARY KEY,
  transaction_id varchar(50),
  name varchar(200) NOT NULL,
  amount numeric(12,2) NOT NULL,
  currency varchar(3) DEFAULT 'PLN',
  category varchar(100),
  sub_category varchar(100),
  frequency varchar(20) DEFAULT 'one-time',
  expense_date date NOT NULL,
  month int,
  day int,
  description text,
  is_paid boolean DEFAULT false,
  created_at timestamp DEFAULT now(),
  updated_at timestamp DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_expense_calendar_date ON expense_calendar (expense_date);

CREATE OR REPLACE VIEW v_upcoming_expenses AS
SELECT id, transaction_id, name, amount, currency, category, sub_category, frequency, expense_date,
       to_char(expense_date, 'FMMonth') AS month_name,
       extract(day FROM expense_date)::int AS day_of_month,
       CASE
         WHEN expense_date = CURRENT_DATE THEN 'today'
         WHEN expense_date = CURRENT_DATE + 1 THEN 'tomorrow'
         WHEN expense_date <= CURRENT_DATE + 7 THEN 'this_week'
         ELSE 'later'
       END AS urgency,
       expense_date - CURRENT_DATE AS days_until,
       is_paid
FROM expense_calendar
WHERE expense_date BETWEEN CURRENT_DATE AND CURRENT_DATE + 30 AND is_paid = false
ORDER BY expense_date;

CREATE OR REPLACE VIEW v_budget_performance AS
SELECT b.budget_id, b.budget_year, b.budget_month, b.category_id, b.budget_amount,
       coalesce(sum(t.amount), 0) AS actual_amount,
       CASE
         WHEN coalesce(sum(t.amount), 0) > b.budget_amount THEN 'OVER_BUDGET'
         WHEN b.budget_amount > 0 AND coalesce(sum(t.amount), 0) / b.budget_amount * 100 >= b.alert_threshold THEN 'WARNING'
         WHEN coalesce(sum(t.amount), 0) = 0 THEN 'UNUSED'
         ELSE 'ON_TRACK'
       END AS budget_status
FROM budgets b
LEFT JOIN transactions t ON t.category_id = b.category_id AND t.type = 'Expense'
  AND t.transaction_date >= make_date(b.budget_year, b.budget_month, 1)
  AND t.transaction_date < (make_date(b.budget_year, b.budget_month, 1) + interval '1 month')::date
WHERE b.type = 'Expense'
GROUP BY b.budget_id;
`;
