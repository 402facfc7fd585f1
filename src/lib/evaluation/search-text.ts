// Full-text search of lessons and good practices (issue 24) works the same on SQLite and
// PostgreSQL: each entry keeps a search text folded here (accents and case removed, anything
// that is not a letter or a digit turned into a space), and a query is folded the same way into
// terms that are searched for as bound parameters. Each entry's distinct folded words are also kept
// in an indexed word table, and a term matches the entries holding a word that starts with it (an
// index range, see searchWords and prefixRange). Quotes, operators and wildcards typed by a user
// therefore never reach SQL as syntax: they are folded away before the query is built.

/** Lower case, no accents (á → a, ñ → n), letters and digits only, single spaces. */
export function foldText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** The longest query kept: a longer one is cut to this (and shown cut), never dropped. */
export const MAX_QUERY_LENGTH = 400;

/** Most terms a query may have, and the longest term kept. */
export const MAX_TERMS = 8;
export const MAX_TERM_LENGTH = 40;

/** The distinct folded terms of a query (every term must appear in an entry for it to match). */
export function searchTerms(query: string): string[] {
	const terms = foldText(query.slice(0, MAX_QUERY_LENGTH))
		.split(' ')
		.filter((t) => t !== '')
		.map((t) => [...t].slice(0, MAX_TERM_LENGTH).join(''));
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

/**
 * The distinct words of a folded text as the word table keeps them: each cut to MAX_TERM_LENGTH,
 * the length a query term is cut to, so a long word is still found by its (cut) self and its
 * prefixes, and no index entry grows past PostgreSQL's b-tree row limit.
 */
export function searchWords(folded: string): string[] {
	const words = new Set<string>();
	for (const w of folded.split(' ')) if (w !== '') words.add([...w].slice(0, MAX_TERM_LENGTH).join(''));
	return [...words];
}

/**
 * The half-open range [from, to) of words that start with `term`, in code-point order (SQLite's
 * binary collation and PostgreSQL's "C" collation, which the word column uses): `to` is the term
 * with its last code point raised by one.
 */
export function prefixRange(term: string): { from: string; to: string } {
	const points = [...foldedTerm(term)];
	const last = points.pop()!.codePointAt(0)!;
	return { from: term, to: points.join('') + String.fromCodePoint(last + 1) };
}
