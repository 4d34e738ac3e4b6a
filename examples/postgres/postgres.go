package postgres

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"

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
		return fmt.Errorf("postgres: commit: %w", err)
	}
	return nil
}

// Save appends records to the tables, after those already there, in one
// transaction: every record or, on an error, none. Give it records in the
// order a Book holds them, as [pledge.Book.All] returns them, so that
// [Load] hands them back in an order [pledge.Book.Add] takes.
func Save(ctx context.Context, db *sql.DB, records []pledge.Pledge) error {
	return inTx(ctx, db, func(tx *sql.Tx) error {
		var next int64
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq) + 1, 0) FROM pledges").Scan(&next); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		w := newWriter(tx)
		for i := range records {
			if err := w.record(ctx, next+int64(i), &records[i]); err != nil {
				return fmt.Errorf("postgres: record %d (%q): %w", i, records[i].ID, err)
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

func newWriter(tx *sql.Tx) *writer {
	return &writer{
		pledges:        newInserter(tx, pledges),
		categories:     newInserter(tx, categories),
		parts:          newInserter(tx, parts),
		partCategories: newInserter(tx, partCategories),
		sources:        newInserter(tx, sources),
	}
}

// record writes p, the record at position seq, as its rows: record → rows.
// recordReader.read is its inverse.
func (w *writer) record(ctx context.Context, seq int64, p *pledge.Pledge) error {
	err := w.pledges.add(ctx, p, seq)
	for i := range p.Categories {
		err = errors.Join(err, w.categories.add(ctx, &p.Categories[i], seq, int64(i)))
	}
	for i := range p.Parts {
		row := rowOfPart(p.Parts[i])
		err = errors.Join(err, w.parts.add(ctx, &row, seq, int64(i)))
		for j := range row.Categories {
			err = errors.Join(err, w.partCategories.add(ctx, &row.Categories[j], seq, int64(i), int64(j)))
		}
	}
	for i := range p.Sources {
		err = errors.Join(err, w.sources.add(ctx, &p.Sources[i], seq, int64(i)))
	}
	return err
}

func (w *writer) flush(ctx context.Context) error {
	return errors.Join(w.pledges.flush(ctx), w.categories.flush(ctx), w.parts.flush(ctx),
		w.partCategories.flush(ctx), w.sources.flush(ctx))
}

// maxBatch is the most rows one INSERT carries. PostgreSQL takes at most
// 65,535 parameters in a statement.
const maxBatch = 1000

// inserter writes the rows of one table, maxBatch (or fewer, for wide
// tables) to a statement, through one prepared statement for full batches.
type inserter[T any] struct {
	tx    *sql.Tx
	t     table[T]
	batch int
	rows  int
	args  []any
	full  *sql.Stmt
}

func newInserter[T any](tx *sql.Tx, t table[T]) *inserter[T] {
	return &inserter[T]{tx: tx, t: t, batch: min(maxBatch, 65535/t.width())}
}

// add queues the row of v under keys, and writes the batch when it is full.
func (in *inserter[T]) add(ctx context.Context, v *T, keys ...int64) error {
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
	in.args, in.rows = in.args[:0], 0
	if err != nil {
		return fmt.Errorf("%s: %w", in.t.name, err)
	}
	return nil
}

// flush writes the rows still queued.
func (in *inserter[T]) flush(ctx context.Context) error {
	if in.rows == 0 {
		return nil
	}
	_, err := in.tx.ExecContext(ctx, in.insert(in.rows), in.args...)
	in.args, in.rows = in.args[:0], 0
	if err != nil {
		return fmt.Errorf("%s: %w", in.t.name, err)
	}
	return nil
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
	Rows []pledge.Row
}

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
		t.Rows = append(t.Rows, r)
	}
	if err := rows.Err(); err != nil {
		return Totals{}, fmt.Errorf("postgres: %w", err)
	}
	return t, nil
}
