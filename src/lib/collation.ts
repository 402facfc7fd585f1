import type { Locale } from '$lib/model';

// Names are sorted here, in the viewer's language, never by the database: SQLite compares bytes
// ("Ávila" after "Zamora"), PostgreSQL follows the collation the cluster was created with, and
// neither knows the reader. Codes ("1.2", "1.10") sort as numbers where they hold them.

const collators = new Map<string, Intl.Collator>();

export function collator(locale: Locale, numeric = false): Intl.Collator {
	const key = `${locale}:${numeric}`;
	let found = collators.get(key);
	if (!found) collators.set(key, (found = new Intl.Collator(locale, { sensitivity: 'variant', numeric })));
	return found;
}

/** `items` sorted (in place) by `name` in `locale`; ties keep their order (Array.prototype.sort is stable). */
export function sortByName<T>(items: T[], name: (item: T) => string, locale: Locale = 'es'): T[] {
	const compare = collator(locale).compare;
	return items.sort((a, b) => compare(name(a), name(b)));
}

/** `items` sorted (in place) by a code such as "R2" or "1.10", digits compared as numbers. */
export function sortByCode<T>(items: T[], code: (item: T) => string): T[] {
	const compare = collator('es', true).compare;
	return items.sort((a, b) => compare(code(a), code(b)));
}
