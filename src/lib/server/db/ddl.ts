import { sql, type ColumnDefinitionBuilder, type QueryExecutorProvider, type RawBuilder } from 'kysely';
import { APPEND_ONLY_SQLSTATE, dialectOf, type DialectName } from './dialect';

// The column idioms every migration uses, in one place, so that one migration gives the same
// schema on SQLite and PostgreSQL. Migrations take their ids, timestamps, binary and
// floating-point columns and their triggers from here. The SQLite output of each helper is
// exactly the DDL the earlier migrations wrote by hand (tests/integration/db/schema-fixture.test.ts
// compares a migrated database with the schema captured before the helpers knew PostgreSQL).
// The column builder does not know its database, so `identity` takes the dialect of the
// migration run in progress (runMigrations sets it), or an explicit one.

/** An auto-assigned integer primary key: `addColumn('id', 'integer', identity)`. */
export function identity(column: ColumnDefinitionBuilder, dialect: DialectName = dialectOf()): ColumnDefinitionBuilder {
	if (dialect === 'postgres') return column.primaryKey().generatedByDefaultAsIdentity();
	return column.primaryKey().autoIncrement();
}

/** Default for an instant column: the current UTC time as ISO-8601 text with milliseconds. */
export function nowText(db: QueryExecutorProvider): RawBuilder<string> {
	if (dialectOf(db) === 'postgres') return sql<string>`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
	return sql<string>`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

/** The column type for binary data (hashes, secrets). */
export function binaryType(db: QueryExecutorProvider): 'blob' | 'bytea' {
	return dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
}

/** The column type for measured values (8-byte floating point on every dialect). */
export function floatType(db: QueryExecutorProvider): 'real' | 'double precision' {
	return dialectOf(db) === 'postgres' ? 'double precision' : 'real';
}

/**
 * Makes `table` append-only: any UPDATE or DELETE of its rows fails, on both databases, with an
 * error that `constraintViolation` reports as 'append_only'. `table` is a name the migration
 * writes (letters, digits, underscores), never user input.
 */
export async function appendOnlyTrigger(db: QueryExecutorProvider, table: string): Promise<void> {
	if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
	const name = sql.id(`${table}_append_only`);
	const target = sql.id(table);
	const message = sql.lit(`${table} is append-only`);
	if (dialectOf(db) === 'postgres') {
		await sql`
			create or replace function avance_append_only() returns trigger language plpgsql as $$
			begin
				raise exception '% is append-only', tg_table_name using errcode = ${sql.lit(APPEND_ONLY_SQLSTATE)};
			end
			$$`.execute(db);
		await sql`create trigger ${name} before update or delete on ${target} for each row execute function avance_append_only()`.execute(db);
		return;
	}
	await sql`create trigger ${sql.id(`${table}_append_only_update`)} before update on ${target} begin select raise(abort, ${message}); end`.execute(
		db
	);
	await sql`create trigger ${sql.id(`${table}_append_only_delete`)} before delete on ${target} begin select raise(abort, ${message}); end`.execute(
		db
	);
}
