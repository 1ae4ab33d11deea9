#!/usr/bin/env node
// duckdb.js SQL: run SQL (a COPY ... TO '/dev/stdout' for the bench) in an
// in-memory DuckDB through @duckdb/node-api, installed by scripts/bench in
// build/bench-node (BENCH_NODE overrides).
'use strict';
const path = require('path');
const top = path.resolve(__dirname, '../..');
const { DuckDBInstance } = require(path.join(process.env.BENCH_NODE ||
	path.join(top, 'build/bench-node'), 'node_modules/@duckdb/node-api'));

(async () => {
	const db = await DuckDBInstance.create(':memory:');
	const conn = await db.connect();
	await conn.run(process.argv[2]);
})().catch((e) => {
	process.stderr.write(`duckdb.js: ${e.message}\n`);
	process.exit(1);
});
