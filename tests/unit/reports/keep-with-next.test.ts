import { describe, expect, it } from 'vitest';
import { keepWithNext } from '$lib/server/reports/render/pdf';

// When a heading or caption starts the next page of the PDF (issue 19: no heading alone at a
// page's foot, and no blank page made by the rule itself).

const page = 700;
const text = { text: 'x' } as never;
const at = (fromTop: number) => ({ pageInnerHeight: page, verticalRatio: fromTop / page });
const following = (...nodes: object[]) => ({ getFollowingNodesOnPage: () => nodes as never[] });

describe('keepWithNext', () => {
	it('moves a heading with less than two inches left below it, or with only headings after it on its page', () => {
		expect(keepWithNext({ headlineLevel: 2, startPosition: at(page - 100) }, following(text))).toBe(true);
		expect(keepWithNext({ headlineLevel: 2, startPosition: at(300) }, following({ headlineLevel: 3 }))).toBe(true);
	});

	it('leaves a heading with room and content after it, and anything that is not a heading', () => {
		expect(keepWithNext({ headlineLevel: 2, startPosition: at(300) }, following(text))).toBe(false);
		expect(keepWithNext({ startPosition: at(page - 10) }, following())).toBe(false);
	});

	it('never breaks before a heading already at the top of a page (that would leave a blank page)', () => {
		expect(keepWithNext({ headlineLevel: 1, startPosition: at(0) }, following())).toBe(false);
	});
});
