-- The types the tables need: an amount, and the stages in order.

-- An amount: an exact NUMERIC and an ISO 4217 code. pledge.Amount's Value
-- writes it as "(2300000000,USD)" and its Scan reads back what PostgreSQL
-- returns, "(2300000000,USD)" or, from NUMERIC arithmetic, "(2300000000.00,USD)".
CREATE TYPE amount AS (value NUMERIC, currency CHAR(3));

-- The stages, in order, so that SQL can ask for "at least committed"
-- (stage >= 'committed') as pledge.Query's Stage does. pledge.Stage's
-- Value writes these names and its Scan reads them.
CREATE TYPE stage AS ENUM ('pledged', 'committed', 'allocated', 'disbursed');
