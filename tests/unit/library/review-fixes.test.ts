import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CONSTITUENT_SYMBOL } from '$lib/constituents';

// Review of issue 25, item 16: the constituents' symbols print in the PDF, whose only font is the
// bundled Roboto; a symbol without a glyph there would print as an empty box.
const require = createRequire(import.meta.url);

describe('constituent symbols in the PDF font', () => {
	it('has a Roboto glyph for every constituent’s symbol, each distinct', () => {
		const pdfmake = createRequire(require.resolve('pdfmake/package.json'));
		const fontkit = pdfmake('fontkit') as { openSync(path: string): { hasGlyphForCodePoint(cp: number): boolean } };
		for (const face of ['Roboto-Regular.ttf', 'Roboto-Medium.ttf']) {
			const font = fontkit.openSync(require.resolve(`pdfmake/fonts/Roboto/${face}`));
			for (const symbol of Object.values(CONSTITUENT_SYMBOL)) expect([face, symbol, font.hasGlyphForCodePoint(symbol.codePointAt(0)!)]).toEqual([face, symbol, true]);
		}
		expect(new Set(Object.values(CONSTITUENT_SYMBOL)).size).toBe(4);
	});
});
