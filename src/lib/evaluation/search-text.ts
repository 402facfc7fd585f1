// Full-text search of lessons and good practices (issue 24) works the same on SQLite and
// PostgreSQL: each entry keeps a search text folded here (accents and case removed, anything
// that is not a letter or a digit turned into a space), and a query is folded the same way into
// terms that are searched for as bound parameters (a plain substring search). Quotes, operators and wildcards typed by a
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
 * A term checked to be folded (letters and digits only) before it is searched for: whatever else
 * a caller passes is refused, so no pattern or escape syntax can reach a query.
 */
export function foldedTerm(term: string): string {
	if (!/^[\p{L}\p{N}]+$/u.test(term)) throw new Error('not a folded term');
	return term;
}
