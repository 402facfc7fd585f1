import { describe, expect, it } from 'vitest';
import { headingRoom, startsNextPage } from '$lib/server/reports/render/pdf-keep';

// When a run of headings (a title, a caption) starts the next page of the PDF (issue 19: no
// heading alone at a page's foot, and no blank page made by the rule itself). `needed` is the run's
// height with the first piece of what follows it (a table's header and first row, a chart), as
// pdfmake measured it.

const pageHeight = 700;
const at = (spaceLeft: number, needed: number, level = 2) => ({ level, spaceLeft, pageHeight, atTop: false, needed });

describe('startsNextPage', () => {
	it('moves a heading with less than its room left below it, or whose table or chart would not start on the same page', () => {
		expect(headingRoom(2)).toBe(144);
		expect(startsNextPage(at(100, 40))).toBe(true);
		expect(startsNextPage(at(300, 320))).toBe(true);
		expect(startsNextPage(at(60, 50, 3))).toBe(true);
	});

	it('leaves a heading with room whose follower starts on its page', () => {
		expect(startsNextPage(at(300, 120))).toBe(false);
		expect(startsNextPage(at(100, 60, 3))).toBe(false);
	});

	it('never breaks before a heading already at the top of a page, nor for what no page could hold (that would leave a blank page or a gap)', () => {
		expect(startsNextPage({ ...at(700, 900, 1), atTop: true })).toBe(false);
		expect(startsNextPage(at(300, Infinity))).toBe(false);
	});
});
