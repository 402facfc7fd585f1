import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendOnlyTrigger, binaryType, floatType, identity, nowText } from '$lib/server/db/ddl';
import { constraintViolation, dialectOf, parseSafeInteger } from '$lib/server/db/dialect';
import { domainErrorFor, ConflictError, NotFoundError, DomainValidationError } from '$lib/server/core/errors';
import { freshDatabase } from '../../helpers/db';
import { testingOnPostgres } from '../../helpers/postgres';

// What differs between SQLite and PostgreSQL, checked on whichever this run uses (both in CI):
// the same numbers, ids, errors and DDL helpers on both.

async function caught(run: () => Promise<unknown>): Promise<unknown> {
	try {
		await run();
	} catch (error) {
		return error;
	}
	throw new Error('expected the statement to fail');
}

describe(`the database layer on ${testingOnPostgres() ? 'PostgreSQL' : 'SQLite'}`, () => {
	it('knows which database it is on', async () => {
		const db = await freshDatabase();
		expect(dialectOf(db)).toBe(testingOnPostgres() ? 'postgres' : 'sqlite');
	});

	it('returns counts and sums as numbers, and ids from returning', async () => {
		const db = await freshDatabase({ seed: true });
		const { n } = await db
			.selectFrom('indicator')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const { s } = await db
			.selectFrom('indicator')
			.select((eb) => eb.fn.sum<number>('sort_order').as('s'))
			.executeTakeFirstOrThrow();
		expect(typeof n).toBe('number');
		expect(n).toBeGreaterThan(10);
		expect(typeof s).toBe('number');
		const first = await db
			.insertInto('audit_log')
			.values({ entity: 'probe', entity_id: '1', action: 'create' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const second = await db
			.insertInto('audit_log')
			.values({ entity: 'probe', entity_id: '2', action: 'create' })
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(typeof first.id).toBe('number');
		expect(second.id).toBe(first.id + 1);
		// The instant default: ISO-8601 UTC with milliseconds, as the app writes them.
		const { at } = await db.selectFrom('audit_log').select('at').where('id', '=', first.id).executeTakeFirstOrThrow();
		expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(Math.abs(Date.parse(at) - Date.now())).toBeLessThan(60_000);
	});

	it('refuses an integer a JavaScript number cannot hold instead of rounding it', () => {
		expect(parseSafeInteger('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
		expect(() => parseSafeInteger('9007199254740993')).toThrow(RangeError);
	});

	it.runIf(testingOnPostgres())('parses int8 from PostgreSQL with that guard', async () => {
		const db = await freshDatabase();
		expect((await sql<{ n: number }>`select 42::int8 as n`.execute(db)).rows[0]!.n).toBe(42);
		await expect(sql`select (2^60)::int8 as n`.execute(db)).rejects.toThrow(RangeError);
	});

	it('reports unique, foreign-key, check and not-null violations alike, and maps them to the same domain errors', async () => {
		const db = await freshDatabase({ seed: true });
		const programme = await db.selectFrom('programme').selectAll().orderBy('id').executeTakeFirstOrThrow();
		const unique = await caught(() =>
			db
				.insertInto('programme')
				.values({ ...programme, id: undefined, code: 'OTHER', title: 'x' })
				.execute()
		);
		expect(constraintViolation(unique)).toBe('unique');
		expect(domainErrorFor(unique)).toBeInstanceOf(ConflictError);
		const foreign = await caught(() => db.insertInto('module').values({ programme_id: 999_999, code: 'M', title: 'M' }).execute());
		expect(constraintViolation(foreign)).toBe('foreign_key');
		expect(domainErrorFor(foreign)).toBeInstanceOf(NotFoundError);
		const check = await caught(() => db.updateTable('programme').set({ gender_marker: 7 }).where('id', '=', programme.id).execute());
		expect(constraintViolation(check)).toBe('check');
		expect(domainErrorFor(check)).toBeInstanceOf(DomainValidationError);
		const notNull = await caught(() => sql`update programme set title = null where id = ${programme.id}`.execute(db));
		expect(constraintViolation(notNull)).toBe('not_null');
		expect(constraintViolation(new Error('something else'))).toBeUndefined();
		expect(domainErrorFor(new Error('something else'))).toBeUndefined();
	});

	it('builds tables with the DDL helpers, append-only trigger included, on this database', async () => {
		const db = await freshDatabase();
		await db.schema
			.createTable('ddl_probe')
			.addColumn('id', 'integer', (c) => identity(c, dialectOf(db)))
			.addColumn('at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
			.addColumn('bytes', binaryType(db))
			.addColumn('amount', floatType(db))
			.execute();
		await appendOnlyTrigger(db, 'ddl_probe');
		const row = await sql<{
			id: number;
			bytes: Uint8Array;
			amount: number;
		}>`insert into ddl_probe (bytes, amount) values (${Buffer.from([1, 2, 255])}, ${0.1 + 0.2}) returning id, bytes, amount`.execute(db);
		expect(row.rows[0]!.id).toBe(1);
		expect([...row.rows[0]!.bytes]).toEqual([1, 2, 255]);
		// Eight-byte floats on both: 0.1 + 0.2 comes back exactly as JavaScript computed it.
		expect(row.rows[0]!.amount).toBe(0.1 + 0.2);
		const update = await caught(() => sql`update ddl_probe set amount = 1`.execute(db));
		expect(constraintViolation(update)).toBe('append_only');
		expect(domainErrorFor(update)).toBeInstanceOf(ConflictError);
		const remove = await caught(() => sql`delete from ddl_probe`.execute(db));
		expect(constraintViolation(remove)).toBe('append_only');
		expect((await sql<{ n: number }>`select count(*) as n from ddl_probe`.execute(db)).rows[0]!.n).toBe(1);
	});
});
