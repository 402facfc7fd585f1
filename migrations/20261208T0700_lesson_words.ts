import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../src/lib/server/db/dialect';

// The search across programmes (issue 24) scanned every entry's folded text for each term: 910 ms
// for a rare term over 10,000 entries. `lesson_word` keeps each entry's distinct folded words (both
// languages, cut to 40 characters, see src/lib/evaluation/search-text.ts), indexed by word, so a
// term is an index range (the words that start with it) joined to its entries, the same on both
// databases. The column compares in code-point order on both: SQLite's binary collation, and
// PostgreSQL's "C" collation (a language collation would not keep a prefix's words together).
// Rewritten in the transaction of every write of an entry (evaluation/search-words.ts); this
// migration fills it from the search text the entries already carry.

export async function up(db: Kysely<any>): Promise<void> {
	const wordType = dialectOf() === 'postgres' ? sql`text collate "C"` : sql`text`;
	await db.schema
		.createTable('lesson_word')
		.addColumn('word', wordType, (c) => c.notNull())
		.addColumn('lesson_id', 'integer', (c) => c.notNull().references('lesson.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('lesson_word_pk', ['word', 'lesson_id'])
		.execute();
	await db.schema.createIndex('lesson_word_lesson').on('lesson_word').column('lesson_id').execute();

	// Backfill, entry by entry (the demo holds a few dozen; a real instance a few thousand).
	const entries = await db.selectFrom('lesson').select(['id', 'search_text']).orderBy('id').execute();
	for (const { id, search_text } of entries as { id: number; search_text: string }[]) {
		const words = [...new Set(search_text.split(' ').filter((w) => w !== '').map((w) => [...w].slice(0, 40).join('')))];
		for (let i = 0; i < words.length; i += 400) {
			await db
				.insertInto('lesson_word')
				.values(words.slice(i, i + 400).map((word) => ({ word, lesson_id: id })))
				.execute();
		}
	}
}
