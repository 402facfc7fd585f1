import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// One code base runs on SQLite and PostgreSQL (README, "Running on PostgreSQL"). SQL that only
// SQLite understands may appear in src/lib/server/db/ (the dialect module, the DDL helpers, the
// SQLite connection and backup) and nowhere else: a domain that writes `strftime` works in every
// SQLite test and breaks the first PostgreSQL deployment.

const ROOTS = ['src', 'seed', 'migrations'].map((d) => resolve(d));
const ALLOWED = resolve('src/lib/server/db');

const SQLITE_ONLY: [string, RegExp][] = [
	['strftime()', /\bstrftime\s*\(/i],
	['julianday()', /\bjulianday\s*\(/i],
	['ifnull() (use coalesce)', /\bifnull\s*\(/i],
	['group_concat() (aggregate in JS)', /\bgroup_concat\s*\(/i],
	['insert or replace/ignore (use onConflict)', /\binsert\s+or\s+(replace|ignore|abort|fail|rollback)\b/i],
	['pragma', /\bpragma\b/i],
	['sqlite_master', /\bsqlite_(master|schema|sequence)\b/i],
	["datetime()/date('now')", /\b(datetime|date)\s*\(\s*'now'/i],
	['last_insert_rowid() / insertId (use returning)', /\blast_insert_rowid\b|\binsertId\b/],
	['autoIncrement() (use identity from ddl.ts)', /\.autoIncrement\s*\(/],
	["'blob' / 'real' column types (use binaryType/floatType)", /addColumn\([^)]*,\s*'(blob|real)'/],
	['rowid', /\browid\b/i]
];

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path);
		return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
	});
}

describe('SQL outside src/lib/server/db/', () => {
	it('uses nothing that only SQLite understands', () => {
		const found: string[] = [];
		const scanned = ROOTS.flatMap(files).filter((f) => !f.startsWith(ALLOWED + '/'));
		for (const file of scanned) {
			const lines = readFileSync(file, 'utf8').split('\n');
			lines.forEach((line, i) => {
				if (/^\s*(\/\/|\*)/.test(line)) return; // comments may name what they avoid
				for (const [what, pattern] of SQLITE_ONLY) if (pattern.test(line)) found.push(`${relative('.', file)}:${i + 1}: ${what}`);
			});
		}
		expect(scanned.length).toBeGreaterThan(100);
		expect(found).toEqual([]);
	});

	it('catches the idioms it names (so that the scan above can fail)', () => {
		const samples = [
			"sql`strftime('%Y', at)`",
			'insert or ignore into x',
			'ifnull(a, b)',
			".addColumn('v', 'real')",
			'c.primaryKey().autoIncrement()'
		];
		for (const sample of samples)
			expect(
				SQLITE_ONLY.some(([, p]) => p.test(sample)),
				sample
			).toBe(true);
	});
});
