import { prefixRange, searchWords } from '$lib/evaluation/search-text';
import type { Executor } from '../db/executor';

// The word table behind the search across programmes (issue 24): each entry's distinct folded
// words, rewritten in the transaction that writes the entry, so a search never sees an entry's
// text and its words disagree. A search term is then an index range over `lesson_word.word`.

/** Rows per insert: two bound parameters each, well under both databases' parameter limits. */
const BATCH = 400;

/** Replaces the words of entry `lessonId` with those of its folded search text. */
export async function writeLessonWords(db: Executor, lessonId: number, searchText: string): Promise<void> {
	await db.deleteFrom('lesson_word').where('lesson_id', '=', lessonId).execute();
	const words = searchWords(searchText);
	for (let i = 0; i < words.length; i += BATCH) {
		await db
			.insertInto('lesson_word')
			.values(words.slice(i, i + BATCH).map((word) => ({ word, lesson_id: lessonId })))
			.execute();
	}
}

/**
 * The entries holding a word that starts with `term` (a folded term; the range bounds are bound
 * parameters, so nothing a user types is SQL syntax): an index range over `lesson_word`.
 */
export function entriesWithWordStartingWith(db: Executor, term: string) {
	const { from, to } = prefixRange(term);
	return db
		.selectFrom('lesson_word')
		.select('lesson_word.lesson_id')
		.where('lesson_word.word', '>=', from)
		.where('lesson_word.word', '<', to);
}
