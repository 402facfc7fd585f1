import { describe, expect, it } from 'vitest';
import { sortByCode, sortByName } from '$lib/collation';

// Names are sorted in JS, in the reader's language, so SQLite (bytes) and PostgreSQL (the
// cluster's collation) give the same order.

describe('sorting names and codes', () => {
	it('sorts accented and lower-case names where a reader expects them, not by their bytes', () => {
		const names = ['Zamora', 'Ávila', 'álvarez', 'Beltrán', 'Ñandú', 'Nuñez', 'Oña'];
		expect(sortByName([...names], (n) => n, 'es')).toEqual(['álvarez', 'Ávila', 'Beltrán', 'Nuñez', 'Ñandú', 'Oña', 'Zamora']);
		// In English, Ñ is an N with a mark.
		expect(sortByName([...names], (n) => n, 'en')).toEqual(['álvarez', 'Ávila', 'Beltrán', 'Ñandú', 'Nuñez', 'Oña', 'Zamora']);
		// What the database would have done with bytes:
		expect([...names].sort()[0]).toBe('Beltrán');
	});

	it('sorts codes with their numbers as numbers and keeps ties in their order', () => {
		const codes = [{ c: 'R10' }, { c: 'R2' }, { c: '1.10' }, { c: '1.9' }, { c: 'R2', second: true }];
		expect(sortByCode(codes, (x) => x.c)).toEqual([{ c: '1.9' }, { c: '1.10' }, { c: 'R2' }, { c: 'R2', second: true }, { c: 'R10' }]);
	});
});
