import { formatEnteredValue } from '$lib/i18n/measure-format';
import { agrees, agreesAsPercent, citedFinanceRate, citedNumber, citedValues, compactReference, typedNumberBefore } from './cited-figures';
import type { ComposeContext } from './compose-context';
import type { DocBlock, DocInline } from './document';
import { parseNarrative, type Inline } from './narrative';

// A narrative the evaluator wrote, as document blocks: its own file so that the block builders
// (the TCPR's outcome narratives, issue 21) print narratives exactly as compose.ts prints sections.

function narrativeInlines(ctx: ComposeContext, inlines: readonly Inline[]): DocInline[] {
	return inlines.flatMap((i, n): DocInline[] => {
		if (i.type === 'text')
			return [{ type: 'text', text: i.text, ...(i.bold ? { bold: true } : {}), ...(i.italic ? { italic: true } : {}) }];
		if (i.type === 'link') return [{ type: 'link', text: i.text, href: i.href }];
		const record = ctx.snapshot.records[i.citation.key];
		if (!record) return [{ type: 'unresolved', text: ctx.t('reportDoc.unresolved', { raw: i.raw }) }];
		// The one place a citation is printed: a value carries its figure, "36 (EC-3, 2021-S2)"; an
		// indicator its code; other records their code and title. Each links to its record.
		const compact = compactReference(i.citation, ctx.snapshot);
		if (compact !== null && i.citation.kind === 'value') {
			const cited = citedValues(ctx.snapshot).get(i.citation.key)!;
			const value = citedNumber(cited);
			const before = inlines[n - 1];
			const typed = before && before.type === 'text' ? typedNumberBefore(before.text, ctx.lang) : null;
			// A figure typed right before the citation that agrees with it is not printed twice.
			const figure = value === null || (typed && agrees(typed, value)) ? '' : `${formatEnteredValue(ctx.i18n, value, cited.indicator)} `;
			return [{ type: 'text', text: `${figure}(` }, ctx.ref(compact, i.citation.key), { type: 'text', text: ')' }];
		}
		if (compact !== null) return [ctx.ref(compact, i.citation.key)];
		const label = ctx.loc(record.label, i.citation.key, 'label')[0];
		// A finance record carries its delivery rate, "62 % (Budget delivery)", linked like a value;
		// a percentage typed right before it that agrees is not printed twice (one that differs blocks the issue).
		const delivery = i.citation.kind === 'finance' ? citedFinanceRate(ctx.snapshot, i.citation.key) : null;
		if (delivery !== null) {
			const before = inlines[n - 1];
			const typed = before && before.type === 'text' ? typedNumberBefore(before.text, ctx.lang) : null;
			const figure = typed && agreesAsPercent(typed, delivery) ? '' : `${ctx.i18n.percent(delivery)} `;
			return [
				{ type: 'text', text: `${figure}(` },
				ctx.ref(label && label.type === 'text' ? label.text : i.citation.ref, i.citation.key),
				{ type: 'text', text: ')' }
			];
		}
		return [ctx.ref(label && label.type === 'text' ? label.text : i.citation.ref, i.citation.key)];
	});
}

/** A narrative in the small formatting subset → document blocks (citations become record links). */
export function narrativeBlocks(ctx: ComposeContext, text: string | null): DocBlock[] {
	if (!text || !text.trim()) return [];
	return parseNarrative(text).map((b): DocBlock =>
		b.type === 'paragraph'
			? { type: 'paragraph', inlines: narrativeInlines(ctx, b.inlines) }
			: { type: 'list', ordered: b.ordered, items: b.items.map((it) => narrativeInlines(ctx, it)) }
	);
}
