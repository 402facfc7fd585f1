import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect';

/**
 * Replaces the allowed values of a column's CHECK (`column in (…)`) with `values`, the same on
 * both databases. PostgreSQL changes the named constraint in place (`<table>_<column>_check`, the
 * name it gave the inline check). SQLite cannot alter a constraint, so the table is rebuilt from
 * its own stored DDL by SQLite's documented procedure: foreign keys off (outside any transaction),
 * copy into the new table, drop, rename, indexes and triggers back, foreign-key check, all in one
 * transaction. `table`, `column` and `values` are names the migration writes, never user input.
 */
export async function replaceCheckValues(db: Kysely<unknown>, table: string, column: string, values: readonly string[]): Promise<void> {
	for (const name of [table, column, ...values]) if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain name: ${name}`);
	const list = values.map((v) => `'${v}'`).join(', ');
	if (dialectOf(db) === 'postgres') {
		const constraint = sql.id(`${table}_${column}_check`);
		await sql`alter table ${sql.id(table)} drop constraint if exists ${constraint}`.execute(db);
		await sql`alter table ${sql.id(table)} add constraint ${constraint} check (${sql.id(column)} in (${sql.raw(list)}))`.execute(db);
		return;
	}
	const { rows } = await sql<{ type: string; sql: string | null }>`
		select type, sql from sqlite_master where tbl_name = ${table} and sql is not null`.execute(db);
	const ddl = rows.find((r) => r.type === 'table')?.sql;
	if (!ddl) throw new Error(`table ${table} not found`);
	const rebuiltName = `${table}_rebuilt`;
	const check = new RegExp(`(check\\s*\\(\\s*"?${column}"?\\s+in\\s*\\()[^)]*\\)`, 'i');
	if (!check.test(ddl)) throw new Error(`no check on ${table}.${column}`);
	const rebuilt = ddl.replace(/^create table\s+("?)[a-z_0-9]+\1/i, `create table "${rebuiltName}"`).replace(check, `$1${list})`);
	const others = rows.filter((r) => r.type !== 'table').map((r) => r.sql!);
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await db.transaction().execute(async (trx) => {
			await sql.raw(rebuilt).execute(trx);
			await sql`insert into ${sql.id(rebuiltName)} select * from ${sql.id(table)}`.execute(trx);
			await sql`drop table ${sql.id(table)}`.execute(trx);
			await sql`alter table ${sql.id(rebuiltName)} rename to ${sql.id(table)}`.execute(trx);
			for (const statement of others) await sql.raw(statement).execute(trx);
			const { rows: broken } = await sql`pragma foreign_key_check`.execute(trx);
			if (broken.length) throw new Error(`foreign keys broken by the rebuild of ${table}`);
		});
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}
