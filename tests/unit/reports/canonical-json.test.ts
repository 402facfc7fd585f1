import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '$lib/reports/canonical-json';

// The examples of RFC 8785 (JSON Canonicalization Scheme).
describe('canonicalJson (RFC 8785)', () => {
	it('serialises the §3.2.2 sample exactly', () => {
		const input = JSON.parse(
			'{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}'
		);
		expect(canonicalJson(input)).toBe(
			'{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
		);
	});

	it('sorts keys by UTF-16 code units (§3.2.3)', () => {
		const input = {
			'\u20ac': 'Euro Sign',
			'\r': 'Carriage Return',
			'\ufb33': 'Hebrew Letter Dalet With Dagesh',
			'1': 'One',
			'\ud83d\ude00': 'Emoji: Grinning Face',
			'\u0080': 'Control',
			'\u00f6': 'Latin Small Letter O With Diaeresis'
		};
		const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
		// Parsing reorders the integer-like key; check the text order instead.
		const text = canonicalJson(input);
		const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) => text.indexOf(JSON.stringify(k) + ':'));
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(keys).toHaveLength(7);
		// An astral character (surrogate pair D83D…) sorts before U+FB33 by code units, not by code point.
		expect(text.indexOf('"\ud83d\ude00"')).toBeLessThan(text.indexOf('"\ufb33"'));
	});

	it('formats numbers as ECMAScript does (Appendix B samples)', () => {
		const samples: [number, string][] = [
			[0, '0'],
			[-0, '0'],
			[5e-324, '5e-324'],
			[1.7976931348623157e308, '1.7976931348623157e+308'],
			[9007199254740992, '9007199254740992'],
			[9007199254740994, '9007199254740994'],
			[999999999999999900000, '999999999999999900000'],
			[1e21, '1e+21'],
			[0.000001, '0.000001'],
			[1e-7, '1e-7'],
			[-1.5, '-1.5'],
			[0.1 + 0.2, '0.30000000000000004']
		];
		for (const [n, text] of samples) expect(canonicalJson(n)).toBe(text);
	});

	it('refuses what JSON cannot carry', () => {
		expect(() => canonicalJson(Number.NaN)).toThrow();
		expect(() => canonicalJson(Infinity)).toThrow();
		expect(() => canonicalJson({ a: undefined })).toThrow();
		expect(() => canonicalJson(new Date(0))).toThrow();
		expect(() => canonicalJson(() => 1)).toThrow();
	});

	it('nests, has no whitespace, and hashes stably whatever the key order', () => {
		const a = canonicalJson({ b: [1, { y: 'ñ', x: null }], a: 'á' });
		const b = canonicalJson({ a: 'á', b: [1, { x: null, y: 'ñ' }] });
		expect(a).toBe('{"a":"á","b":[1,{"x":null,"y":"ñ"}]}');
		expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(b).digest('hex'));
	});
});
