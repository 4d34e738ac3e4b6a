-- What the tables need before they are made: the composite type an amount
-- is stored in, and the stages in order.

-- An amount: an exact NUMERIC and an ISO 4217 code. pledge.Amount's Value
-- writes it as "(2300000000,USD)" and its Scan reads back what PostgreSQL
-- returns, "(2300000000,USD)" or, from NUMERIC arithmetic, "(2300000000.00,USD)".
CREATE TYPE amount AS (value NUMERIC, currency CHAR(3));

-- The stages in order, so that SQL can ask for "at least committed" as
-- pledge.Query's Stage does. pledge.Stage's Value writes these names.
CREATE TABLE stages (
	name TEXT PRIMARY KEY,
	rank INT NOT NULL UNIQUE
);
INSERT INTO stages (name, rank) VALUES
	('pledged', 0), ('committed', 1), ('allocated', 2), ('disbursed', 3);
