import { describe, expect, it } from 'vitest';
import { citationsIn, parseCitation, parseInlines, parseNarrative, plainText } from '$lib/reports/narrative';
import { reportBlockers, unresolvedCitations } from '$lib/reports/blockers';
import { CRITERIA, defaultLayout, OUTLINES, REPORT_LAYOUTS, SECTION_KEYS } from '$lib/reports/outline';

describe('citations', () => {
	it('parse kind and ref, and refuse unknown kinds and empty refs', () => {
		expect(parseCitation('indicator:5.1-3')).toEqual({ kind: 'indicator', ref: '5.1-3', key: 'indicator:5.1-3' });
		expect(parseCitation('value:5.1-3@2020-S2')).toEqual({ kind: 'value', ref: '5.1-3@2020-S2', key: 'value:5.1-3@2020-S2' });
		expect(parseCitation(' risk : R4 ')).toEqual({ kind: 'risk', ref: 'R4', key: 'risk:R4' });
		expect(parseCitation('gender_action:12')?.key).toBe('gender_action:12');
		expect(parseCitation('person:ana')).toBeNull();
		expect(parseCitation('indicator:')).toBeNull();
		expect(parseCitation('indicator')).toBeNull();
	});

	it('are all found, known or not', () => {
		const found = citationsIn('See [[indicator:M1-1]], [[nope:x]] and [[]] but not [single].');
		expect(found.map((f) => f.raw)).toEqual(['[[indicator:M1-1]]', '[[nope:x]]', '[[]]']);
		expect(found.map((f) => f.citation?.key ?? null)).toEqual(['indicator:M1-1', null, null]);
	});

	it('resolve against the records of a snapshot; anything else is unresolved', () => {
		const records = { 'indicator:M1-1': {}, 'risk:R4': {} };
		expect(unresolvedCitations('[[indicator:M1-1]] [[risk:R4]]', records)).toEqual([]);
		expect(unresolvedCitations('[[indicator:M9-9]] [[nope:R4]] [[risk:R4]]', records)).toEqual(['[[indicator:M9-9]]', '[[nope:R4]]']);
		// A key inherited from Object.prototype is not a record.
		expect(unresolvedCitations('[[module:constructor]]', records)).toEqual(['[[module:constructor]]']);
	});
});

describe('the narrative subset', () => {
	it('parses paragraphs, lists, bold, italic, links and citations, and nothing else', () => {
		const blocks = parseNarrative(
			'First **bold** and *italic* and _also_.\nSame paragraph [[indicator:M1-1]].\n\n- one\n- two [site](https://ilo.org)\n\n1. first\n2) second\n\n<script>alert(1)</script> [bad](javascript:alert(1))'
		);
		expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'list', 'paragraph']);
		const first = blocks[0]!;
		expect(first.type === 'paragraph' && first.inlines).toEqual([
			{ type: 'text', text: 'First ' },
			{ type: 'text', text: 'bold', bold: true },
			{ type: 'text', text: ' and ' },
			{ type: 'text', text: 'italic', italic: true },
			{ type: 'text', text: ' and ' },
			{ type: 'text', text: 'also', italic: true },
			{ type: 'text', text: '. Same paragraph ' },
			{ type: 'citation', citation: { kind: 'indicator', ref: 'M1-1', key: 'indicator:M1-1' }, raw: '[[indicator:M1-1]]' },
			{ type: 'text', text: '.' }
		]);
		const bullets = blocks[1]!;
		expect(bullets.type === 'list' && !bullets.ordered && bullets.items[1]).toEqual([
			{ type: 'text', text: 'two ' },
			{ type: 'link', text: 'site', href: 'https://ilo.org' }
		]);
		expect(blocks[2]!.type === 'list' && blocks[2]!.ordered).toBe(true);
		// Markup stays text; an unsafe link is text too.
		const last = blocks[3]!;
		expect(last.type === 'paragraph' && last.inlines.every((i) => i.type === 'text')).toBe(true);
		expect(plainText([last])).toBe('<script>alert(1)</script> [bad](javascript:alert(1))');
	});

	it('keeps an unknown [[…]] as text and continues list items over lines', () => {
		expect(parseInlines('a [[nope:x]] b')).toEqual([{ type: 'text', text: 'a [[nope:x]] b' }]);
		const [list] = parseNarrative('- one\n  continued\n- two');
		expect(list!.type === 'list' && list!.items.map((i) => plainText([{ type: 'paragraph', inlines: i }]))).toEqual([
			'one continued',
			'two'
		]);
		expect(parseNarrative('a\r\n\r\nb').length).toBe(2);
		expect(parseNarrative('   \n\n')).toEqual([]);
	});
});

describe('the outline per layout', () => {
	it('oecd_dac has every criterion, rated, in the DAC order; eu_narrative has none rated', () => {
		const oecd = OUTLINES.oecd_dac;
		expect(oecd.filter((s) => s.rated).map((s) => s.key)).toEqual([...CRITERIA]);
		expect(oecd[0]!.key).toBe('executive_summary');
		expect(oecd.find((s) => s.key === 'effectiveness')!.evidence).toContain('indicator_progress');
		expect(OUTLINES.eu_narrative.map((s) => s.key).slice(0, 5)).toEqual([
			'description',
			'target_groups',
			'executive_summary',
			'intervention_logic',
			'logframe_modifications'
		]);
		expect(OUTLINES.eu_narrative.some((s) => s.rated)).toBe(false);
		for (const layout of REPORT_LAYOUTS) {
			const keys = OUTLINES[layout].map((s) => s.key);
			expect(new Set(keys).size).toBe(keys.length);
			for (const k of keys) expect(SECTION_KEYS).toContain(k);
		}
	});

	it('defaults to the donor’s own format by funding modality, OECD-DAC for evaluations', () => {
		expect(defaultLayout('eu_contribution')).toBe('eu_narrative');
		for (const modality of ['direct_trust_fund', 'rbsa', 'regular_budget']) expect(defaultLayout(modality)).toBe('ilo_tcpr');
		expect(defaultLayout('other')).toBe('oecd_dac');
		expect(defaultLayout('rbsa', 'evaluation')).toBe('oecd_dac');
		expect(defaultLayout('eu_contribution', 'evaluation')).toBe('oecd_dac');
	});
});

describe('blockers', () => {
	const snapshot = (sections: { key: string; rating: string | null; es: string; en: string; jes?: string; jen?: string }[]) =>
		({
			report: { layout: 'oecd_dac', languages: ['es', 'en'] },
			records: { 'indicator:M1-1': {} },
			sections: sections.map((s) => ({
				key: s.key,
				rating: s.rating,
				narrative: { es: s.es, en: s.en },
				justification: { es: s.jes ?? null, en: s.jen ?? null }
			}))
		}) as unknown as Parameters<typeof reportBlockers>[0];

	it('lists a criterion without rating or justification, a missing narrative and an unresolved citation', () => {
		const all = OUTLINES.oecd_dac.map((o) => ({
			key: o.key,
			rating: o.rated ? 'satisfactory' : null,
			es: 'x',
			en: 'y',
			jes: 'j',
			jen: 'j'
		}));
		expect(reportBlockers(snapshot(all))).toEqual([]);
		const broken = all.map((s) =>
			s.key === 'relevance'
				? { ...s, rating: null, jen: '' }
				: s.key === 'context'
					? { ...s, en: ' ', es: 'see [[indicator:X]] and [[indicator:M1-1]]' }
					: s
		);
		expect(reportBlockers(snapshot(broken))).toEqual([
			{ kind: 'citation', section: 'context', lang: 'es', raw: '[[indicator:X]]' },
			{ kind: 'narrative', section: 'context', lang: 'en' },
			{ kind: 'rating', section: 'relevance' },
			{ kind: 'justification', section: 'relevance', lang: 'en' }
		]);
	});
});
