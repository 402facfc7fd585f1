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

/** The partners, or "none" when the fact sheet names none (an empty text prints nothing). */
export function partnersOrNone(ctx: ComposeContext): DocInline[] {
	return ctx.snapshot.programme.partners.trim() ? partnersText(ctx) : ctx.text(ctx.t('common.none'));
}

// The country is a name typed in the content language with no translation field: a snapshot
// holds its translation only if one was stored; otherwise it prints marked like any original.
export function countryText(ctx: ComposeContext): DocInline[] {
	const p = ctx.snapshot.programme;
	return ctx.loc(p.countryText ?? { original: p.country, translation: null }, p.key, 'country');
}

/** The dialogue bodies met in the window (names typed in the content language, never translated). */
export function dialogueBodiesText(ctx: ComposeContext, bodies: string[]): DocInline[] {
	if (!bodies.length) return ctx.text(ctx.t('common.none'));
	return ctx.loc({ original: bodies.join('; '), translation: null }, ctx.snapshot.programme.key, 'dialogueBodies');
}

/** Why the report was reopened, in the reader's language or the original marked. */
export function correctionReasonText(ctx: ComposeContext): DocInline[] {
	const r = ctx.snapshot.report;
	const key = ctx.snapshot.programme.key;
	return ctx.loc(r.correctionReasonText ?? { original: r.correctionReason ?? '', translation: null }, key, 'correctionReason');
}

export function addresseesText(ctx: ComposeContext, r: SnapshotRecommendation): DocInline[] {
	return ctx.loc(r.addressedToText ?? { original: r.addressedTo, translation: null }, r.key, 'addressedTo');
}

type LinkedProgramme = NonNullable<ComposeContext['snapshot']['donor']>['linkedProgrammes'][number];

/**
 * Another programme in the same country (the partnerships table): its title and donor in the
 * reader's language, or the original marked (issue 21). A snapshot frozen before they were
 * translatable holds the short name and donor only: they print marked.
 */
export function linkedProgrammeTexts(ctx: ComposeContext, l: LinkedProgramme): { name: DocInline[]; donor: DocInline[] } {
	const key = `programme:${l.code}`;
	return {
		name: ctx.loc(l.titleText ?? { original: l.shortName, translation: null }, key, 'title'),
		donor: ctx.loc(l.donorText ?? { original: l.donor, translation: null }, key, 'donor')
	};
}
