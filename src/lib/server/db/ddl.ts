import { sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';

// The column idioms every migration uses, in one place, so that one migration gives the same
// schema on SQLite (today) and PostgreSQL (issue 14 makes these dialect-aware). Migrations
// written from now on take their ids, timestamps, binary and floating-point columns from here.
// The SQLite output of each helper is exactly the DDL the earlier migrations wrote by hand.

/** An auto-assigned integer primary key: `addColumn('id', 'integer', identity)`. */
export function identity(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
	return column.primaryKey().autoIncrement();
}

/** Default for an instant column: the current UTC time as ISO-8601 text with milliseconds. */
export function nowText<DB>(_db: Kysely<DB>): RawBuilder<string> {
	return sql<string>`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

/** The column type for binary data (hashes, secrets). */
export function binaryType<DB>(_db: Kysely<DB>): 'blob' {
	return 'blob';
}

/** The column type for measured values (8-byte floating point on every dialect). */
export function floatType<DB>(_db: Kysely<DB>): 'real' {
	return 'real';
}
