#!/usr/bin/env node
// hours-ref.js [ROWS [LAT,LON]]: the reference for T6; LAT,LON is the place
// of variable times (hours-eval's --location).  Reads the hours-eval input
// (CSV hours,at,country; no quoted newlines) on standard input, evaluates
// the first ROWS rows with opening_hours.js (build/ref, scripts/need-node-ref)
// in Europe/Prague the way scripts/ohours-diff does, and prints
// hours,at,country,open,next_change,state like schedule-check hours-eval
// (without its comment column: on public holidays the comment is the
// holiday's name, which the two spell differently; scripts/ohours-diff
// compares comments).
'use strict';
process.env.TZ = 'Europe/Prague';
const path = require('path');
const fs = require('fs');
const top = path.resolve(__dirname, '../..');
const OpeningHours = require(path.join(process.env.OKIENKO_REF ||
	path.join(top, 'build/ref'), 'node_modules/opening_hours'));

const limit = Number(process.argv[2] || Infinity);
const [lat, lon] = (process.argv[3] || ',').split(',');
const pad = (n) => String(n).padStart(2, '0');
const fmt = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
const q = (s) => /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
const cache = new Map();

function parse(line) {
	const out = [];
	let i = 0;
	while (i <= line.length) {
		if (line[i] === '"') {
			let s = '';
			i++;
			for (;;) {
				if (line[i] === '"' && line[i + 1] === '"') { s += '"'; i += 2; }
				else if (line[i] === '"') { i++; break; }
				else s += line[i++];
			}
			out.push(s);
			i++;
		} else {
			const j = line.indexOf(',', i);
			const e = j < 0 ? line.length : j;
			out.push(line.slice(i, e));
			i = e + 1;
		}
	}
	return out;
}

const lines = fs.readFileSync(0, 'utf8').split('\n');
const out = ['hours,at,country,open,next_change,state'];
for (let n = 1; n < lines.length && n <= limit; n++) {
	if (lines[n] === '')
		continue;
	const [expr, at, cc] = parse(lines[n]);
	const key = cc + '\t' + expr;
	let oh = cache.get(key);
	if (oh === undefined) {
		try {
			oh = new OpeningHours(expr, lat ? { lat, lon, address: { country_code: cc.toLowerCase(), state: '' } }
				: { address: { country_code: cc.toLowerCase(), state: '' } });
		} catch (e) {
			oh = null;
		}
		cache.set(key, oh);
	}
	const m = at.match(/^(\d+)-(\d+)-(\d+)T(\d+):(\d+)$/).slice(1).map(Number);
	const date = new Date(m[0], m[1] - 1, m[2], m[3], m[4]);
	const max = new Date(m[0], m[1] - 1, m[2] + 366, m[3], m[4]);
	let open = 'error', next = '', state = '';
	if (oh) {
		try {
			const it = oh.getIterator(date);
			open = String(it.getState());
			state = it.getState() ? 'open' : it.getUnknown() ? 'unknown' : 'closed';
			const nc = oh.getNextChange(date, max);
			next = nc ? fmt(nc) : '';
		} catch (e) {
			open = 'throw';
		}
	}
	out.push(`${q(expr)},${at},${cc},${open},${next},${state}`);
}
process.stdout.write(out.join('\n') + '\n');
