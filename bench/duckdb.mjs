// DuckDB reference for bench/compare: the same totals with SQL over a
// DECIMAL(38,2) column, through @duckdb/node-api. bench/compare installs the
// package into a temporary folder and runs a copy of this script there:
//
//     node duckdb.mjs data.csv
//
// Loads the CSV (donor,category,amount) into a table, then times only
// SELECT donor, cat, SUM(amount) ... GROUP BY donor, cat, 5 runs; then the
// same over a copy with ENUM keys. Prints one line per group,
// "donor,category,amount" with exactly two decimals, sorted, then
// "# times_ns=t1,...", "# enum_times_ns=t1,..." and "# duckdb=... threads=...".
//
// With --book, from a book's CSV as pledge.Book.WriteCSV writes it to the
// totals by donor and category, each run timed whole: read_csv with the
// book's 19 columns typed (amount as DECIMAL(18,2), or the type given)
// and SUM ... WHERE kind = 'pledge' GROUP BY in one query, as an analyst
// would run it, 5 runs unless told. Prints the totals, then
// "# e2e_ns=t1,t2,...", "# rows=..." and "# duckdb=... threads=...":
//
//     node duckdb.mjs --book book.csv [runs] [amount type]
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const book = args[0] === '--book';
const csvPath = book ? args[1] : args[0];
if (!csvPath) {
  console.error('usage: node duckdb.mjs data.csv | node duckdb.mjs --book book.csv [runs] [amount type]');
  process.exit(2);
}
const quoted = "'" + csvPath.replaceAll("'", "''") + "'";

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();

const canonical = (rows) =>
  rows.map(([donor, cat, total]) => `${donor},${cat},${total.toString()}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const meta = async () => (await conn.runAndReadAll("SELECT version(), current_setting('threads')")).getRows()[0];

if (book) {
  const runs = Number(args[2] ?? 5);
  const amount = args[3] ?? 'DECIMAL(18,2)';
  const names = ['id', 'kind', 'donor', 'recipient', 'amount', 'currency', 'qualifier', 'date', 'stage', 'category',
    'year', 'occasion', 'revises', 'under', 'note', 'publisher', 'title', 'url', 'quote'];
  const columns = '{' + names.map((n) => `'${n}': '${n === 'amount' ? amount : 'VARCHAR'}'`).join(', ') + '}';
  const query = `SELECT donor, category, SUM(amount) AS total, count(*) AS n
    FROM read_csv(${quoted}, header = true, columns = ${columns})
    WHERE kind = 'pledge' OR kind IS NULL GROUP BY donor, category`;
  const times = [];
  let rows;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    rows = (await conn.runAndReadAll(query)).getRows();
    times.push(process.hrtime.bigint() - start);
  }
  const n = rows.reduce((s, r) => s + Number(r[3]), 0);
  const [version, threads] = await meta();
  const out = canonical(rows).join('\n') + '\n' + `# e2e_ns=${times.join(',')}\n# rows=${n}\n# duckdb=${version} threads=${threads}\n`;
  await new Promise((done) => process.stdout.write(out, done)); // all of it, before exit
  process.exit(0);
}
await conn.run('CREATE TABLE pledges (donor VARCHAR, cat VARCHAR, amount DECIMAL(38,2))');
// Columns typed explicitly, so that amounts are read as exact decimals,
// never through a floating-point guess.
await conn.run(`INSERT INTO pledges SELECT * FROM read_csv(${quoted}, header = true,
  columns = {'donor': 'VARCHAR', 'category': 'VARCHAR', 'amount': 'DECIMAL(38,2)'})`);
const count = (await conn.runAndReadAll('SELECT count(*) FROM pledges')).getRows()[0][0];

const query = 'SELECT donor, cat, SUM(amount) AS total FROM pledges GROUP BY donor, cat';
const times = [];
let rows;
for (let i = 0; i < 5; i++) {
  const start = process.hrtime.bigint();
  const reader = await conn.runAndReadAll(query);
  rows = reader.getRows();
  times.push(process.hrtime.bigint() - start);
}

const lines = canonical(rows);

// DuckDB at its best: the same table with donor and category as ENUM types
// (dictionary codes), so that grouping hashes small integers, not strings.
// Timed the same way; its totals must be the same.
await conn.run('CREATE TYPE donor_t AS ENUM (SELECT DISTINCT donor FROM pledges ORDER BY 1)');
await conn.run('CREATE TYPE cat_t AS ENUM (SELECT DISTINCT cat FROM pledges ORDER BY 1)');
await conn.run('CREATE TABLE pledges_enum AS SELECT donor::donor_t AS donor, cat::cat_t AS cat, amount FROM pledges');
const enumQuery = 'SELECT donor, cat, SUM(amount) AS total FROM pledges_enum GROUP BY donor, cat';
const enumTimes = [];
let enumRows;
for (let i = 0; i < 5; i++) {
  const start = process.hrtime.bigint();
  const reader = await conn.runAndReadAll(enumQuery);
  enumRows = reader.getRows();
  enumTimes.push(process.hrtime.bigint() - start);
}
if (canonical(enumRows).join('\n') !== lines.join('\n')) {
  console.error('duckdb.mjs: the ENUM table gives different totals');
  process.exit(1);
}

const [version, threads] = await meta();
process.stdout.write(lines.join('\n') + '\n');
process.stdout.write(`# times_ns=${times.join(',')}\n`);
process.stdout.write(`# enum_times_ns=${enumTimes.join(',')}\n`);
process.stdout.write(`# rows=${count}\n`);
process.stdout.write(`# duckdb=${version} threads=${threads}\n`);
