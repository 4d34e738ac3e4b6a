-- counted(least_stage) returns the money that counts for the records that
-- have reached least_stage, as pledge.Book.Total counts it, in pieces: an
-- itemised part, the remainder of a record beyond its parts, or what a
-- record under another adds beyond it. Each piece has its record's seq,
-- its amount, and its categories as one key ("unspecified", "humanitarian",
-- "humanitarian+military/non-lethal"), so that
--
--   SELECT (amount).currency, sum((amount).value) FROM counted('committed') GROUP BY 1
--
-- is Book.Total's grand total at Committed per currency, digit for digit,
-- and grouping by the record's donor and the categories gives its rows by
-- donor and category. The rules are the pledge package's ("Stages and
-- fulfilment" in its overview):
--
--   * A record that another revises does not count; the records under it
--     hang from the one that revises it (the last of the chain).
--   * A record that has reached the stage counts its parts, and the rest of
--     its amount (in its own categories, or unspecified) when there is a
--     rest or there are no parts.
--   * What the records under it count, in their order (by date, undated
--     last, then by ID) and, within each, its own pieces first, is covered
--     up to its amount: only what is beyond counts, in the pieces' own
--     categories.
--   * The records under one that has not reached the stage count as if
--     they stood in its place.
--
-- Each piece carries the chain of records above it (up) and its place in
-- the order of their pieces (path), so that covering is one window sum
-- per level of the trees, from the deepest up. Two temporary tables hold
-- the work; they are dropped at the end.
CREATE FUNCTION counted(least_stage stage)
RETURNS TABLE (pledge BIGINT, amount amount, categories TEXT)
LANGUAGE plpgsql
-- Each statement takes well under a second; compiling them with LLVM,
-- which their cost estimates would set off, takes longer.
SET jit = off
SET work_mem = '64MB'
SET client_min_messages = warning
AS $$
#variable_conflict use_column
DECLARE
	deepest INT;
BEGIN
	DROP TABLE IF EXISTS pg_temp.counted_node, pg_temp.counted_piece;

	-- The records that count: whether they reach the stage, their amounts,
	-- the records above them from the top down, themselves last (up), and
	-- their rank among the records under the same one at each step (path).
	CREATE TEMP TABLE counted_node AS
	WITH RECURSIVE head (id, head) AS (
		-- Each revised record and the last of its revisions, which stands
		-- for it.
		SELECT p.revises, p.id FROM pledges p
		WHERE p.revises IS NOT NULL AND NOT EXISTS (SELECT FROM pledges r WHERE r.revises = p.id)
	UNION ALL
		SELECT p.revises, h.head FROM head h JOIN pledges p ON p.id = h.id
		WHERE p.revises IS NOT NULL
	), node AS (
		SELECT p.seq, up.seq AS parent, p.stage >= least_stage AS counts,
			(p.amount).value AS value, (p.amount).currency AS currency,
			row_number() OVER (PARTITION BY up.seq ORDER BY p.date NULLS LAST, p.id COLLATE "C")::INT AS rank
		FROM pledges p
		LEFT JOIN head h ON h.id = p.under
		LEFT JOIN pledges up ON up.id = coalesce(h.head, p.under)
		WHERE NOT EXISTS (SELECT FROM pledges r WHERE r.revises = p.id)
	), tree (seq, up, path) AS (
		SELECT seq, ARRAY[seq], ARRAY[rank] FROM node WHERE parent IS NULL
	UNION ALL
		SELECT n.seq, t.up || n.seq, t.path || n.rank FROM node n JOIN tree t ON n.parent = t.seq
	)
	SELECT n.seq, n.counts, n.value, n.currency, t.up, t.path
	FROM node n JOIN tree t USING (seq);
	ALTER TABLE counted_node ADD PRIMARY KEY (seq);

	-- The pieces of the records that reach the stage: each part, at path
	-- {..., 0, i}, and the rest, after the parts; below them, at
	-- {..., rank, ...}, come the pieces of the records under them.
	CREATE TEMP TABLE counted_piece (
		n BIGSERIAL PRIMARY KEY,
		pledge BIGINT NOT NULL,
		up BIGINT[] NOT NULL,
		path INT[] NOT NULL,
		value NUMERIC NOT NULL,
		currency CHAR(3) NOT NULL,
		categories TEXT NOT NULL
	);
	INSERT INTO counted_piece (pledge, up, path, value, currency, categories)
	WITH category AS (
		-- The key of the categories of each record (part -1) and of each
		-- part, as pledge.JoinCategories writes it: the one category, or
		-- several distinct ones sorted as bytes (collation "C", as Go
		-- compares strings) and joined with "+"; none is "unspecified".
		SELECT c.pledge, c.part,
			CASE count(*) WHEN 1 THEN min(c.category) ELSE (
				SELECT string_agg(DISTINCT x COLLATE "C", '+' ORDER BY x COLLATE "C")
				FROM unnest(array_agg(c.category)) x
			) END AS key
		FROM (
			SELECT pledge, -1 AS part, category FROM pledge_categories
			UNION ALL
			SELECT pledge, part, category FROM part_categories
		) c
		GROUP BY c.pledge, c.part
	)
	SELECT n.seq, n.up, n.path || ARRAY[0, pt.pos], pt.value, pt.currency, coalesce(k.key, 'unspecified')
	FROM counted_node n
	JOIN parts pt ON pt.pledge = n.seq
	LEFT JOIN category k ON k.pledge = pt.pledge AND k.part = pt.pos
	WHERE n.counts
	UNION ALL
	SELECT n.seq, n.up, n.path || ARRAY[0, coalesce(pp.parts, 0)::INT], n.value - coalesce(pp.sum, 0), n.currency,
		coalesce(k.key, 'unspecified')
	FROM counted_node n
	LEFT JOIN (
		SELECT pt.pledge, count(*) AS parts, sum(pt.value) AS sum FROM parts pt GROUP BY pt.pledge
	) pp ON pp.pledge = n.seq
	LEFT JOIN category k ON k.pledge = n.seq AND k.part = -1
	WHERE n.counts AND (pp.pledge IS NULL OR n.value > pp.sum);
	ANALYZE counted_node;
	ANALYZE counted_piece;

	-- Each record that reaches the stage covers, up to its amount, the
	-- pieces below it in its currency (up[d] is the record d - 1 levels
	-- below the top), deepest records first: a piece wholly covered goes,
	-- the one the cover ends in keeps what is beyond, the ones after keep
	-- all.
	SELECT coalesce(max(cardinality(n.up)), 1) INTO deepest FROM counted_node n;
	FOR d IN REVERSE deepest - 1 .. 1 LOOP
		WITH run AS (
			SELECT c.n, c.value, x.value AS cover,
				sum(c.value) OVER (PARTITION BY c.up[d] ORDER BY c.path ROWS UNBOUNDED PRECEDING) AS upto
			FROM counted_piece c JOIN counted_node x ON x.seq = c.up[d]
			WHERE cardinality(c.up) > d AND x.counts AND c.currency = x.currency
		), gone AS (
			DELETE FROM counted_piece c USING run
			WHERE c.n = run.n AND run.upto - run.value < run.cover AND run.upto <= run.cover
		)
		UPDATE counted_piece c SET value = run.upto - run.cover FROM run
		WHERE c.n = run.n AND run.upto - run.value < run.cover AND run.upto > run.cover;
	END LOOP;

	RETURN QUERY SELECT c.pledge, ROW(c.value, c.currency)::amount, c.categories FROM counted_piece c;
	DROP TABLE counted_node, counted_piece;
END
$$;
