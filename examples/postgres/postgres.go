package postgres

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/summitry/summitry/pledge"
)

//go:embed types.sql
var typesSQL string

//go:embed counted.sql
var countedSQL string

// Schema returns the SQL that Create runs: the types amount and stage, the
// tables of records, parts, categories and sources, and the
// function counted.
func Schema() string {
	stmts := []string{typesSQL}
	for _, t := range []string{pledges.create(), categories.create(), parts.create(), partCategories.create(), sources.create()} {
		stmts = append(stmts, t+";\n")
	}
	return strings.Join(append(stmts, countedSQL), "\n")
}

// Create makes the schema in db, in one transaction: all of it or, on an
// error, nothing.
func Create(ctx context.Context, db *sql.DB) error {
	return inTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, Schema()); err != nil {
			return fmt.Errorf("postgres: create the schema: %w", err)
		}
		return nil
	})
}

// inTx runs f in a transaction and commits what it did, or rolls it back
// when it fails.
func inTx(ctx context.Context, db *sql.DB, f func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if err := f(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("postgres: commit: %w", describe(err))
	}
	return nil
}

// Save appends records to the tables, after those already there, in one
// transaction: every record or, on an error, none. Give it records in the
// order a Book holds them, as [pledge.Book.All] returns them, so that
// [Load] hands them back in an order [pledge.Book.Add] takes. Concurrent
// Saves take turns. The tables check what they can (unique IDs, links to
// records that exist, amounts with a currency); an error names the table,
// the records (by position in records) whose rows it is in, and PostgreSQL's
// detail of the row.
func Save(ctx context.Context, db *sql.DB, records []pledge.Pledge) error {
	return inTx(ctx, db, func(tx *sql.Tx) error {
		// Concurrent Saves take turns, each appending after the last.
		if _, err := tx.ExecContext(ctx, "LOCK TABLE pledges IN SHARE ROW EXCLUSIVE MODE"); err != nil {
			return fmt.Errorf("postgres: %w", describe(err))
		}
		var next int64
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq) + 1, 0) FROM pledges").Scan(&next); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		w := newWriter(tx, next)
		for i := range records {
			if err := w.record(ctx, next+int64(i), &records[i]); err != nil {
				return fmt.Errorf("postgres: %w", err)
			}
		}
		if err := w.flush(ctx); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		// The planner knows nothing of rows loaded in bulk until
		// autovacuum analyzes them, up to a minute later; counted's plans
		// without statistics can take minutes instead of a second.
		if len(records) >= analyzeAfter {
			if _, err := tx.ExecContext(ctx, "ANALYZE pledges, pledge_categories, parts, part_categories, sources"); err != nil {
				return fmt.Errorf("postgres: %w", err)
			}
		}
		return nil
	})
}

// analyzeAfter is the number of records from which Save updates the
// planner's statistics.
const analyzeAfter = 1000

// writer batches the rows of records into multi-row INSERTs, one
// inserter per table.
type writer struct {
	pledges        *inserter[pledge.Pledge]
	categories     *inserter[pledge.Category]
	parts          *inserter[partRow]
	partCategories *inserter[pledge.Category]
	sources        *inserter[pledge.Source]
}

// newWriter returns a writer for records from position base on.
func newWriter(tx *sql.Tx, base int64) *writer {
	return &writer{
		pledges:        newInserter(tx, pledges, base),
		categories:     newInserter(tx, categories, base),
		parts:          newInserter(tx, parts, base),
		partCategories: newInserter(tx, partCategories, base),
		sources:        newInserter(tx, sources, base),
	}
}

// record writes p, the record at position seq, as its rows: record → rows.
// recordReader.read is its inverse.
func (w *writer) record(ctx context.Context, seq int64, p *pledge.Pledge) error {
	if err := w.pledges.add(ctx, p, seq); err != nil {
		return err
	}
	for i := range p.Categories {
		if err := w.categories.add(ctx, &p.Categories[i], seq, int64(i)); err != nil {
			return err
		}
	}
	for i := range p.Parts {
		row := rowOfPart(p.Parts[i])
		if err := w.parts.add(ctx, &row, seq, int64(i)); err != nil {
			return err
		}
		for j := range row.Categories {
			if err := w.partCategories.add(ctx, &row.Categories[j], seq, int64(i), int64(j)); err != nil {
				return err
			}
		}
	}
	for i := range p.Sources {
		if err := w.sources.add(ctx, &p.Sources[i], seq, int64(i)); err != nil {
			return err
		}
	}
	return nil
}

// flush writes what is queued. After an error the transaction is void, so
// it stops at the first.
func (w *writer) flush(ctx context.Context) error {
	for _, f := range []func(context.Context) error{
		w.pledges.flush, w.categories.flush, w.parts.flush, w.partCategories.flush, w.sources.flush,
	} {
		if err := f(ctx); err != nil {
			return err
		}
	}
	return nil
}

// maxBatch is the most rows one INSERT carries. PostgreSQL takes at most
// 65,535 parameters in a statement.
const maxBatch = 1000

// inserter writes the rows of one table, maxBatch (or fewer, for wide
// tables) to a statement, through one prepared statement for full batches.
type inserter[T any] struct {
	tx          *sql.Tx
	t           table[T]
	batch       int
	rows        int
	args        []any
	full        *sql.Stmt
	base        int64 // the position of the first record saved
	first, last int64 // the positions of the records of the rows queued
}

func newInserter[T any](tx *sql.Tx, t table[T], base int64) *inserter[T] {
	return &inserter[T]{tx: tx, t: t, batch: min(maxBatch, 65535/t.width()), base: base}
}

// add queues the row of v under keys (the record's position first), and
// writes the batch when it is full.
func (in *inserter[T]) add(ctx context.Context, v *T, keys ...int64) error {
	if in.rows == 0 {
		in.first = keys[0]
	}
	in.last = keys[0]
	in.args = in.t.values(in.args, v, keys...)
	in.rows++
	if in.rows < in.batch {
		return nil
	}
	if in.full == nil {
		stmt, err := in.tx.PrepareContext(ctx, in.insert(in.batch))
		if err != nil {
			return fmt.Errorf("%s: %w", in.t.name, err)
		}
		in.full = stmt
	}
	_, err := in.full.ExecContext(ctx, in.args...)
	return in.done(err)
}

// flush writes the rows still queued.
func (in *inserter[T]) flush(ctx context.Context) error {
	if in.rows == 0 {
		return nil
	}
	_, err := in.tx.ExecContext(ctx, in.insert(in.rows), in.args...)
	return in.done(err)
}

// done empties the queue and says which records' rows an error is in.
func (in *inserter[T]) done(err error) error {
	in.args, in.rows = in.args[:0], 0
	if err != nil {
		return fmt.Errorf("%s, the rows of records %d to %d: %w", in.t.name, in.first-in.base, in.last-in.base, describe(err))
	}
	return nil
}

// describe adds to a PostgreSQL error its detail, which names the row:
// "Key (id)=(r000100) already exists."
func describe(err error) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Detail != "" {
		return fmt.Errorf("%w: %s", err, pg.Detail)
	}
	return err
}

// insert returns the INSERT of n rows.
func (in *inserter[T]) insert(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", in.t.name, in.t.names())
	w := in.t.width()
	for r := range n {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range w {
			if c > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(r*w + c + 1))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Load reads every record back, in the order they were saved, ready for
// [pledge.Book.Add].
func Load(ctx context.Context, db *sql.DB) ([]pledge.Pledge, error) {
	var out []pledge.Pledge
	err := inTx(ctx, db, func(tx *sql.Tx) error {
		// One snapshot for the five SELECTs.
		if _, err := tx.ExecContext(ctx, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		r := &recordReader{}
		if err := r.read(ctx, tx); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		out = r.records
		return nil
	})
	return out, err
}

// recordReader puts records together from their rows: rows → record.
type recordReader struct {
	records []pledge.Pledge
	seqs    []int64 // seqs[i] is records[i]'s key, ascending
}

// read reads every table, each in key order, and joins the rows of the
// child tables to their records as it goes.
func (r *recordReader) read(ctx context.Context, tx *sql.Tx) error {
	err := scanTable(ctx, tx, pledges, func(keys []int64, p pledge.Pledge) error {
		r.records = append(r.records, p)
		r.seqs = append(r.seqs, keys[0])
		return nil
	})
	if err != nil {
		return err
	}
	at := 0 // the record the child rows being read belong to
	find := func(seq int64) (*pledge.Pledge, error) {
		for at < len(r.seqs) && r.seqs[at] < seq {
			at++
		}
		if at == len(r.seqs) || r.seqs[at] != seq {
			return nil, fmt.Errorf("no record %d", seq)
		}
		return &r.records[at], nil
	}
	// next checks that a row's position is the next one in its list.
	next := func(table string, keys []int64, n int) error {
		if keys[len(keys)-1] != int64(n) {
			return fmt.Errorf("%s: row %v is out of place: %d rows before it", table, keys, n)
		}
		return nil
	}
	if err := scanTable(ctx, tx, categories, func(keys []int64, c pledge.Category) error {
		p, err := find(keys[0])
		if err != nil {
			return err
		}
		p.Categories = append(p.Categories, c)
		return next(categories.name, keys, len(p.Categories)-1)
	}); err != nil {
		return err
	}
	at = 0
	if err := scanTable(ctx, tx, parts, func(keys []int64, row partRow) error {
		p, err := find(keys[0])
		if err == nil {
			err = next(parts.name, keys, len(p.Parts))
		}
		if err != nil {
			return err
		}
		pt, err := row.part()
		if err != nil {
			return fmt.Errorf("%s: row %v: %w", parts.name, keys, err)
		}
		p.Parts = append(p.Parts, pt)
		return nil
	}); err != nil {
		return err
	}
	at = 0
	if err := scanTable(ctx, tx, partCategories, func(keys []int64, c pledge.Category) error {
		p, err := find(keys[0])
		if err != nil {
			return err
		}
		if keys[1] >= int64(len(p.Parts)) {
			return fmt.Errorf("%s: row %v: record %q has %d parts", partCategories.name, keys, p.ID, len(p.Parts))
		}
		pt := &p.Parts[keys[1]]
		if err := next(partCategories.name, keys, len(pt.Categories)); err != nil {
			return err
		}
		pt.Categories = append(pt.Categories, c)
		return nil
	}); err != nil {
		return err
	}
	at = 0
	return scanTable(ctx, tx, sources, func(keys []int64, s pledge.Source) error {
		p, err := find(keys[0])
		if err != nil {
			return err
		}
		p.Sources = append(p.Sources, s)
		return next(sources.name, keys, len(p.Sources)-1)
	})
}

// scanTable reads every row of t in key order and hands each to f.
func scanTable[T any](ctx context.Context, tx *sql.Tx, t table[T], f func(keys []int64, v T) error) error {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s ORDER BY %s", t.names(), t.name, strings.Join(t.keys, ", ")))
	if err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	defer rows.Close()
	var v T
	keys := make([]int64, len(t.keys))
	dests := t.dests(&v, keys)
	for rows.Next() {
		if err := rows.Scan(dests...); err != nil {
			return fmt.Errorf("%s: row %v: %w", t.name, keys, err)
		}
		if err := f(keys, v); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	return nil
}

// Totals is what SQL counts for the records that have reached a stage,
// through the function counted: what [pledge.Book.Total] returns for a
// [pledge.Query] of that Stage grouped by [pledge.ByDonor] and
// [pledge.ByCategory].
type Totals struct {
	// Sum is the grand total per currency, sorted by code: Totals.Sum.
	Sum []pledge.Amount
	// Rows are the sums per donor, categories and currency, with the
	// number of records in each sum; Keys are the donor and the
	// categories' key. They are sorted by keys and currency, as bytes.
	// Their Qualifier is Exact: SQL does not yet carry qualifiers.
	Rows []pledge.Row
}

// byDonorCategory is the Dimensions of every row of Totals.
var byDonorCategory = []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}

// Total sums in SQL what counts for the records that have reached stage,
// per currency and per donor, categories and currency, in one pass over
// the pieces counted returns (GROUPING SETS).
func Total(ctx context.Context, db *sql.DB, stage pledge.Stage) (Totals, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT GROUPING(p.donor) = 1, p.donor, c.categories,
			ROW(sum((c.amount).value), (c.amount).currency)::amount, count(DISTINCT c.pledge)
		FROM counted($1) c JOIN pledges p ON p.seq = c.pledge
		GROUP BY GROUPING SETS (((c.amount).currency), (p.donor, c.categories, (c.amount).currency))
		ORDER BY 1 DESC, p.donor COLLATE "C", c.categories COLLATE "C", (c.amount).currency`, stage)
	if err != nil {
		return Totals{}, fmt.Errorf("postgres: %w", err)
	}
	defer rows.Close()
	var t Totals
	for rows.Next() {
		var (
			grand       bool
			donor, cats sql.NullString
			r           pledge.Row
		)
		if err := rows.Scan(&grand, &donor, &cats, &r.Amount, &r.Count); err != nil {
			return Totals{}, fmt.Errorf("postgres: %w", err)
		}
		if grand {
			t.Sum = append(t.Sum, r.Amount)
			continue
		}
		r.Keys = []string{donor.String, cats.String}
		r.Dimensions = byDonorCategory
		t.Rows = append(t.Rows, r)
	}
	if err := rows.Err(); err != nil {
		return Totals{}, fmt.Errorf("postgres: %w", err)
	}
	return t, nil
}
