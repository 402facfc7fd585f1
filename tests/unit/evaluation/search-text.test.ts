import { describe, expect, it } from 'vitest';
import { foldedTerm, foldText, MAX_TERM_LENGTH, MAX_TERMS, prefixRange, searchTerms, searchWords } from '$lib/evaluation/search-text';

describe('foldText', () => {
	it('folds accents, case and ñ so Spanish and English searches meet the same text', () => {
		expect(foldText('Afiliación de TRABAJADORES del Año')).toBe('afiliacion de trabajadores del ano');
	});

	it('treats a decomposed accent like a composed one', () => {
		expect(foldText('afiliacio\u0301n')).toBe(foldText('afiliación'));
	});

	it('turns punctuation, quotes and operators into single spaces', () => {
		expect(foldText(`"mesas" AND (técnicas) -- 'x'; 50%_`)).toBe('mesas and tecnicas x 50');
	});
});

describe('searchTerms', () => {
	it('splits a query into distinct folded terms', () => {
		expect(searchTerms('  Jubilación  jubilacion "IESS" ')).toEqual(['jubilacion', 'iess']);
	});

	it('answers no terms for a query of quotes and operators only', () => {
		expect(searchTerms(`"" ' % _ \\ * ( ) ; --`)).toEqual([]);
	});

	it('keeps at most MAX_TERMS terms', () => {
		expect(searchTerms('a b c d e f g h i j k')).toHaveLength(MAX_TERMS);
	});
});

describe('foldedTerm', () => {
	it('passes a folded term through', () => {
		expect(foldedTerm('afiliacion2020')).toBe('afiliacion2020');
	});

	it('refuses anything that is not a folded term, so no wildcard or escape reaches SQL', () => {
		expect(() => foldedTerm('50%')).toThrow();
		expect(() => foldedTerm('a_b')).toThrow();
		expect(() => foldedTerm('')).toThrow();
	});
});

describe('searchWords', () => {
	it('keeps each distinct word of a folded text once', () => {
		expect(searchWords(foldText('Mesas técnicas, mesas TRIPARTITAS'))).toEqual(['mesas', 'tecnicas', 'tripartitas']);
	});

	it('cuts a long word to the length a query term is cut to, so the two still meet', () => {
		const long = 'a'.repeat(MAX_TERM_LENGTH + 25);
		expect(searchWords(long)).toEqual(['a'.repeat(MAX_TERM_LENGTH)]);
		expect(searchTerms(long)).toEqual(searchWords(long));
	});
});

describe('prefixRange', () => {
	it('holds exactly the words that start with the term, in code-point order', () => {
		const { from, to } = prefixRange('jubil');
		const inRange = (w: string) => w >= from && w < to;
		expect(['jubil', 'jubilacion', 'jubilz'].every(inRange)).toBe(true);
		expect(['jubik', 'jubim', 'jubi', 'pension'].some(inRange)).toBe(false);
	});

	it('raises the last code point, whatever the script', () => {
		expect(prefixRange('año')).toEqual({ from: 'año', to: 'añp' });
		expect(prefixRange('z')).toEqual({ from: 'z', to: '{' });
	});

	it('refuses a term that is not folded', () => {
		expect(() => prefixRange('a%')).toThrow();
	});
});
