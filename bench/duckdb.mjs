// DuckDB reference for bench/compare: the same totals with SQL over a
// DECIMAL(38,2) column, through @duckdb/node-api. bench/compare installs the
// package into a temporary folder and runs a copy of this script there:
//
//     node duckdb.mjs data.csv
//
// Loads the CSV (donor,category,amount) into a table, then times only
// SELECT donor, cat, SUM(amount) ... GROUP BY donor, cat, best of 5; then
// the same over a copy with ENUM keys. Prints one line per group,
// "donor,category,amount" with exactly two decimals, sorted, then
// "# time_ns=...", "# time_enum_ns=..." and "# duckdb=... threads=...".
import { DuckDBInstance } from '@duckdb/node-api';

const [csvPath] = process.argv.slice(2);
if (!csvPath) {
  console.error('usage: node duckdb.mjs data.csv');
  process.exit(2);
}
const quoted = "'" + csvPath.replaceAll("'", "''") + "'";

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run('CREATE TABLE pledges (donor VARCHAR, cat VARCHAR, amount DECIMAL(38,2))');
// Columns typed explicitly, so that amounts are read as exact decimals,
// never through a floating-point guess.
await conn.run(`INSERT INTO pledges SELECT * FROM read_csv(${quoted}, header = true,
  columns = {'donor': 'VARCHAR', 'category': 'VARCHAR', 'amount': 'DECIMAL(38,2)'})`);
const count = (await conn.runAndReadAll('SELECT count(*) FROM pledges')).getRows()[0][0];

const query = 'SELECT donor, cat, SUM(amount) AS total FROM pledges GROUP BY donor, cat';
let best, rows;
for (let i = 0; i < 5; i++) {
  const start = process.hrtime.bigint();
  const reader = await conn.runAndReadAll(query);
  rows = reader.getRows();
  const elapsed = process.hrtime.bigint() - start;
  if (best === undefined || elapsed < best) best = elapsed;
}

const canonical = (rows) =>
  rows.map(([donor, cat, total]) => `${donor},${cat},${total.toString()}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const lines = canonical(rows);

// DuckDB at its best: the same table with donor and category as ENUM types
// (dictionary codes), so that grouping hashes small integers, not strings.
// Timed the same way; its totals must be the same.
await conn.run('CREATE TYPE donor_t AS ENUM (SELECT DISTINCT donor FROM pledges ORDER BY 1)');
await conn.run('CREATE TYPE cat_t AS ENUM (SELECT DISTINCT cat FROM pledges ORDER BY 1)');
await conn.run('CREATE TABLE pledges_enum AS SELECT donor::donor_t AS donor, cat::cat_t AS cat, amount FROM pledges');
const enumQuery = 'SELECT donor, cat, SUM(amount) AS total FROM pledges_enum GROUP BY donor, cat';
let bestEnum, enumRows;
for (let i = 0; i < 5; i++) {
  const start = process.hrtime.bigint();
  const reader = await conn.runAndReadAll(enumQuery);
  enumRows = reader.getRows();
  const elapsed = process.hrtime.bigint() - start;
  if (bestEnum === undefined || elapsed < bestEnum) bestEnum = elapsed;
}
if (canonical(enumRows).join('\n') !== lines.join('\n')) {
  console.error('duckdb.mjs: the ENUM table gives different totals');
  process.exit(1);
}

const meta = (await conn.runAndReadAll("SELECT version(), current_setting('threads')")).getRows()[0];
process.stdout.write(lines.join('\n') + '\n');
process.stdout.write(`# time_ns=${best}\n`);
process.stdout.write(`# time_enum_ns=${bestEnum}\n`);
process.stdout.write(`# rows=${count}\n`);
process.stdout.write(`# duckdb=${meta[0]} threads=${meta[1]}\n`);
