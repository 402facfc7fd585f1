import type { ComposeContext } from './compose-context';
import type { DocInline } from './document';
import type { SnapshotRecommendation } from './snapshot';

// Fact-sheet texts a person wrote (donor, partners, addressees) are content like any other
// (issue 19): printed in the reader's language when translated, else in the original with its
// mark. A snapshot frozen before they were translatable holds only the original: it prints marked.

export function donorText(ctx: ComposeContext): DocInline[] {
	const p = ctx.snapshot.programme;
	return ctx.loc(p.donorText ?? { original: p.donor, translation: null }, p.key, 'donor');
}

export function partnersText(ctx: ComposeContext): DocInline[] {
	const p = ctx.snapshot.programme;
	return ctx.loc(p.partnersText ?? { original: p.partners, translation: null }, p.key, 'partners');
}

export function addresseesText(ctx: ComposeContext, r: SnapshotRecommendation): DocInline[] {
	return ctx.loc(r.addressedToText ?? { original: r.addressedTo, translation: null }, r.key, 'addressedTo');
}
