import { describe, expect, it } from 'vitest';
import { agrees, citedValues, compactReference, figureMismatches, typedNumberBefore } from '$lib/reports/cited-figures';
import { reportBlockers } from '$lib/reports/blockers';
import { composeSection } from '$lib/reports/compose';
import type { DocBlock, DocInline } from '$lib/reports/document';
import { parseCitation } from '$lib/reports/narrative';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// Citations that carry the figure (issue 19): "36 (EC-3, 2021-S2)" for a value, the code for an
// indicator, and the check of a figure typed right before a value citation.

const inlinesOf = (blocks: readonly DocBlock[]): DocInline[] =>
	blocks.flatMap((b) => (b.type === 'paragraph' ? b.inlines : b.type === 'list' ? b.items.flat() : []));
const printed = (inlines: readonly DocInline[]) => inlines.map((i) => i.text).join('');

/** The fixture's first number indicator with an approved value, its value key and figure. */
function aValue(snapshot = fixtureSnapshot()) {
	const indicator = snapshot.indicators.find((i) => i.measure === 'number')!;
	const period = indicator.periods.find((p) => p.valueKey && p.value !== null && p.value >= 100)!;
	const label = snapshot.allPeriods.find((p) => p.id === period.periodId)!.label;
	return { snapshot, indicator, period, label, key: period.valueKey!, value: period.value! };
}

describe('the figure typed before a citation', () => {
	it('is read in the writer’s language, with its decimals, only when it ends the text', () => {
		expect(typedNumberBefore('subió a 36 ', 'es')).toEqual({ text: '36', value: 36, decimals: 0 });
		expect(typedNumberBefore('llegó a 1.250 ', 'es')).toMatchObject({ value: 1250, decimals: 0 });
		expect(typedNumberBefore('llegó a 45,5 % ', 'es')).toMatchObject({ value: 45.5, decimals: 1 });
		expect(typedNumberBefore('reached 1,250 ', 'en')).toMatchObject({ value: 1250, decimals: 0 });
		expect(typedNumberBefore('reached 45.5% ', 'en')).toMatchObject({ value: 45.5, decimals: 1 });
		expect(typedNumberBefore('reached 1 250 ', 'en')).toMatchObject({ value: 1250 });
		// "2021 36": two numbers, the last one counts; digits glued to letters are no figure.
		expect(typedNumberBefore('en 2021 36 ', 'es')).toMatchObject({ value: 36 });
		expect(typedNumberBefore('el indicador EC3 ', 'es')).toBeNull();
		expect(typedNumberBefore('36 personas, según ', 'es')).toBeNull();
		expect(typedNumberBefore('', 'en')).toBeNull();
	});

	it('agrees with a value that, rounded as it was typed, is that figure', () => {
		expect(agrees({ text: '36', value: 36, decimals: 0 }, 36.4)).toBe(true);
		expect(agrees({ text: '36', value: 36, decimals: 0 }, 36.6)).toBe(false);
		expect(agrees({ text: '36,4', value: 36.4, decimals: 1 }, 36.4)).toBe(true);
		expect(agrees({ text: '36,5', value: 36.5, decimals: 1 }, 36.4)).toBe(false);
	});

	it('is listed when it differs from the value cited, and not when it agrees or is absent', () => {
		const { snapshot, key, value } = aValue();
		const cite = `[[${key}]]`;
		expect(figureMismatches(`subió a ${value} ${cite}.`, 'es', snapshot)).toEqual([]);
		expect(figureMismatches(`subió a ${cite}.`, 'es', snapshot)).toEqual([]);
		const wrong = figureMismatches(`subió a ${value + 1} ${cite}.`, 'es', snapshot);
		expect(wrong.map((m) => [m.raw, m.typed, m.value])).toEqual([[cite, String(value + 1), value]]);
	});

	it('blocks the issue with the figures named, in the section and language it is in', () => {
		const { snapshot, key, value } = aValue();
		const section = snapshot.sections[0]!;
		section.narrative.en = `It rose to ${value + 1} [[${key}]].`;
		expect(reportBlockers(snapshot)).toContainEqual({
			kind: 'figure',
			section: section.key,
			lang: 'en',
			raw: `[[${key}]]`,
			typed: String(value + 1),
			cited: String(value)
		});
		section.narrative.en = `It rose to ${value} [[${key}]].`;
		expect(reportBlockers(snapshot).filter((b) => b.kind === 'figure')).toEqual([]);
	});
});

describe('a citation as printed', () => {
	it('a value carries its figure and a compact linked reference', () => {
		const { snapshot, indicator, key, value, label } = aValue();
		expect(compactReference(parseCitation(key)!, snapshot)).toBe(`${indicator.code}, ${label}`);
		expect(citedValues(snapshot).get(key)?.period.value).toBe(value);
		const section = snapshot.sections[0]!;
		section.narrative.en = `Coverage rose to [[${key}]] people.`;
		const inlines = inlinesOf(composeSection(snapshot, section.key, 'en')!.narrative);
		expect(printed(inlines)).toBe(`Coverage rose to ${value} (${indicator.code}, ${label}) people.`);
		expect(inlines).toContainEqual({ type: 'ref', key, text: `${indicator.code}, ${label}` });
	});

	it('a figure typed right before that agrees is printed once', () => {
		const { snapshot, indicator, key, value, label } = aValue();
		const section = snapshot.sections[0]!;
		section.narrative.es = `La cobertura subió a ${value} [[${key}]] personas.`;
		const inlines = inlinesOf(composeSection(snapshot, section.key, 'es')!.narrative);
		expect(printed(inlines)).toBe(`La cobertura subió a ${value} (${indicator.code}, ${label}) personas.`);
	});

	it('an indicator prints its code, linked; other records keep their label', () => {
		const snapshot = fixtureSnapshot();
		const section = snapshot.sections[0]!;
		const indicator = snapshot.indicators[0]!;
		const risk = snapshot.risks[0]!;
		section.narrative.es = `Según [[${indicator.key}]] y [[${risk.key}]].`;
		const inlines = inlinesOf(composeSection(snapshot, section.key, 'es')!.narrative);
		expect(inlines).toContainEqual({ type: 'ref', key: indicator.key, text: indicator.code });
		expect(inlines).toContainEqual({ type: 'ref', key: risk.key, text: snapshot.records[risk.key]!.label.original });
	});
});

// Review 4, F11: "llegó al 70 % [[finance:delivery]]" beside a 50 % delivery rate printed "70 % 50 %"
// and issued without a word. A finance citation prints its delivery rate; a percentage typed
// right before it is checked against that rate exactly like a value citation's figure.
describe('a figure typed before a finance citation', () => {
	function withDelivery(rate: number) {
		const snapshot = fixtureSnapshot();
		const programme = {
			key: 'finance:delivery',
			budgetMinor: 240_000_000,
			plannedMinor: 0,
			spentMinor: Math.round(240_000_000 * rate),
			deliveryRate: rate,
			burnRate: null,
			resultsProgress: null,
			spendingAhead: false
		};
		snapshot.finance = {
			currency: 'USD',
			illustrative: false,
			margin: 0.15,
			programme,
			programmeLevelMinor: 0,
			modules: [],
			costPerUnit: []
		};
		snapshot.records['finance:delivery'] = {
			key: 'finance:delivery',
			kind: 'finance',
			id: 1,
			label: { original: 'Ejecución del presupuesto', translation: 'Budget delivery' },
			version: 1,
			path: '/programmes/patss/finance',
			approvedBy: null,
			approvedAt: null,
			evidence: [],
			evidenceUrl: null,
			illustrative: false
		};
		return snapshot;
	}

	it('is listed when it differs from the delivery rate, and not when it agrees or is absent', () => {
		const snapshot = withDelivery(0.5012);
		const cite = '[[finance:delivery]]';
		expect(figureMismatches(`La ejecución llegó al 70 % ${cite} al corte.`, 'es', snapshot)).toEqual([
			{ kind: 'finance', raw: cite, typed: '70', value: 0.5012 }
		]);
		expect(figureMismatches(`La ejecución llegó al 50 % ${cite} al corte.`, 'es', snapshot)).toEqual([]);
		expect(figureMismatches(`Delivery reached 50.1% ${cite}.`, 'en', snapshot)).toEqual([]);
		expect(figureMismatches(`Delivery reached 50.2% ${cite}.`, 'en', snapshot)).toHaveLength(1);
		expect(figureMismatches(`La ejecución ${cite} al corte.`, 'es', snapshot)).toEqual([]);
		// Without finance figures in the snapshot the citation prints no rate, so nothing is checked.
		snapshot.finance = null;
		expect(figureMismatches(`La ejecución llegó al 70 % ${cite}.`, 'es', snapshot)).toEqual([]);
	});

	it('blocks the issue with the typed and the cited rate named', () => {
		const snapshot = withDelivery(0.5);
		const section = snapshot.sections[0]!;
		section.narrative.es = 'La ejecución del presupuesto llegó al 70 % [[finance:delivery]] al corte.';
		expect(reportBlockers(snapshot).filter((b) => b.kind === 'figure')).toEqual([
			{
				kind: 'figure',
				section: section.key,
				lang: 'es',
				raw: '[[finance:delivery]]',
				typed: '70',
				cited: expect.stringMatching(/^50\s%$/) as unknown as string
			}
		]);
		section.narrative.es = 'La ejecución del presupuesto llegó al 50 % [[finance:delivery]] al corte.';
		expect(reportBlockers(snapshot).filter((b) => b.kind === 'figure')).toEqual([]);
	});

	it('prints the rate once when the typed one agrees, and by itself when none is typed', () => {
		const snapshot = withDelivery(0.5);
		const section = snapshot.sections[0]!;
		section.narrative.en = 'Delivery reached 50% [[finance:delivery]] at the cut-off.';
		expect(printed(inlinesOf(composeSection(snapshot, section.key, 'en')!.narrative))).toBe(
			'Delivery reached 50% (Budget delivery) at the cut-off.'
		);
		section.narrative.en = 'Delivery reached [[finance:delivery]] at the cut-off.';
		expect(printed(inlinesOf(composeSection(snapshot, section.key, 'en')!.narrative))).toBe(
			'Delivery reached 50% (Budget delivery) at the cut-off.'
		);
	});
});
