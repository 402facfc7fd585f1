// Full-text search of lessons and good practices (issue 24) works the same on SQLite and
// PostgreSQL: each entry keeps a search text folded here (accents and case removed, anything
// that is not a letter or a digit turned into a space), and a query is folded the same way into
// terms that are matched as bound LIKE parameters. Quotes, operators and wildcards typed by a
// user therefore never reach SQL as syntax: they are folded away before the query is built.

/** Lower case, no accents (á → a, ñ → n), letters and digits only, single spaces. */
export function foldText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Most terms a query may have, and the longest term kept. */
export const MAX_TERMS = 8;
export const MAX_TERM_LENGTH = 40;

/** The distinct folded terms of a query (every term must appear in an entry for it to match). */
export function searchTerms(query: string): string[] {
	const terms = foldText(query.slice(0, 400))
		.split(' ')
		.filter((t) => t !== '')
		.map((t) => t.slice(0, MAX_TERM_LENGTH));
	return [...new Set(terms)].slice(0, MAX_TERMS);
}

/**
 * The LIKE pattern that finds a folded term anywhere. A folded term holds letters and digits only,
 * so it has none of LIKE's wildcards (`%`, `_`) nor an escape character (PostgreSQL's default is
 * `\`, SQLite has none): the same pattern means the same on both databases.
 */
export function containsPattern(term: string): string {
	if (!/^[\p{L}\p{N}]+$/u.test(term)) throw new Error('not a folded term');
	return `%${term}%`;
}
