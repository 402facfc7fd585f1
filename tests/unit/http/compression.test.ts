import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '$lib/server/http/compression';

describe('the encoding chosen from Accept-Encoding', () => {
	it('prefers brotli, then gzip, and sends none when neither is accepted', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('deflate')).toBeNull();
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
		expect(chooseEncoding('')).toBeNull();
	});

	it('honours weights: q=0 refuses a coding, a higher q wins, * stands for the codings not named', () => {
		expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0.5, gzip;q=1')).toBe('gzip');
		expect(chooseEncoding('BR;Q=1, GZIP;Q=0.8')).toBe('br');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*;q=0, gzip')).toBe('gzip');
		expect(chooseEncoding('gzip;q=0, br;q=0')).toBeNull();
		expect(chooseEncoding('gzip;q=nonsense')).toBeNull();
	});
});
