import { describe, expect, it } from 'vitest';
import { composeReport, composeSection, missingTranslations } from '$lib/reports/compose';
import type { DocBlock, DocInline, ReportDocument } from '$lib/reports/document';
import { annexesOf, OUTLINES, REPORT_LAYOUTS } from '$lib/reports/outline';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

function inlinesOf(blocks: readonly DocBlock[]): DocInline[] {
	return blocks.flatMap((b) => {
		if (b.type === 'paragraph' || b.type === 'note') return b.inlines;
		if (b.type === 'list') return b.items.flat();
		if (b.type === 'facts') return b.items.flatMap((i) => i.value);
		if (b.type === 'table') return b.table.rows.flatMap((r) => (r.type === 'group' ? r.cells : r.cells.flat()));
		return [];
	});
}

function allInlines(doc: ReportDocument): DocInline[] {
	return [
		...doc.sections.flatMap((s) => [
			...inlinesOf(s.narrative),
			...inlinesOf(s.justification),
			...s.evidence.flatMap((e) => inlinesOf(e.blocks))
		]),
		...doc.annexes.flatMap((a) => inlinesOf(a.blocks))
	];
}

describe('composeReport', () => {
	it('follows the outline of each layout, then its annexes', () => {
		for (const layout of REPORT_LAYOUTS) {
			const doc = composeReport(fixtureSnapshot({ layout }), 'es');
			expect(doc.sections.map((s) => s.key)).toEqual(OUTLINES[layout].map((s) => s.key));
			expect(doc.sections.map((s) => s.evidence.map((e) => e.key))).toEqual(OUTLINES[layout].map((s) => [...s.evidence]));
			expect(doc.annexes.map((a) => a.key)).toEqual([...annexesOf(layout)]);
			expect(doc.toc.entries.map((e) => e.id)).toEqual([...doc.sections.map((s) => s.id), ...doc.annexes.map((a) => a.id)]);
		}
		const eu = composeReport(fixtureSnapshot({ layout: 'eu_narrative' }), 'en');
		expect(eu.sections[0]!.title).toBe('Description of the action');
		expect(eu.sections.some((s) => s.rated)).toBe(false);
	});

	it('prints generated words in the document language', () => {
		const es = composeReport(fixtureSnapshot(), 'es');
		const en = composeReport(fixtureSnapshot(), 'en');
		expect(es.sections.find((s) => s.key === 'relevance')).toMatchObject({
			title: 'Pertinencia',
			rated: true,
			ratingLabel: 'Satisfactorio'
		});
		expect(en.sections.find((s) => s.key === 'relevance')).toMatchObject({ title: 'Relevance', ratingLabel: 'Satisfactory' });
		expect(es.sections.find((s) => s.key === 'lessons_learned')?.ratingLabel).toBeNull();
		const progress = en.sections.find((s) => s.key === 'effectiveness')!.evidence[0]!.blocks[0]!;
		expect(progress.type === 'table' && progress.table.columns.map((c) => c.label)).toContain('% achieved');
	});

	it('ties every generated figure to a record of the snapshot, listed in "Records cited"', () => {
		const snapshot = fixtureSnapshot();
		const doc = composeReport(snapshot, 'es');
		const refs = allInlines(doc).filter((i): i is Extract<DocInline, { type: 'ref' }> => i.type === 'ref');
		expect(refs.length).toBeGreaterThan(50);
		for (const r of refs) expect(doc.records[r.key], r.key).toBeDefined();
		// The actual of the effectiveness table points to the approved value it was judged on.
		const first = snapshot.indicators[0]!;
		expect(refs.some((r) => r.key === `value:${first.code}@2019-S2`)).toBe(true);
		const annex = doc.annexes.find((a) => a.key === 'records_cited')!.blocks[0]!;
		const anchored = annex.type === 'table' ? annex.table.rows.flatMap((r) => (r.type === 'row' && r.anchor ? [r.anchor] : [])) : [];
		expect(new Set(anchored)).toEqual(new Set(Object.keys(doc.records)));
		expect(doc.records[first.key]).toMatchObject({
			anchor: `rec-${first.key}`,
			href: `https://avance.example.org/programmes/patss/indicators/1`
		});
		expect(Object.values(doc.records).every((r) => /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(r.bookmark))).toBe(true);
	});

	it('formats numbers with the indicator decimals and the locale', () => {
		const doc = composeReport(fixtureSnapshot({ indicators: 12 }), 'es');
		const table = doc.sections.find((s) => s.key === 'effectiveness')!.evidence[0]!.blocks[0]!;
		if (table.type !== 'table') throw new Error('no table');
		const texts = table.table.rows.flatMap((r) => (r.type === 'row' ? [r.cells[3]!.map((i) => i.text).join('')] : []));
		expect(texts).toContain('1000'); // es: no grouping for four digits
		const en = composeReport(fixtureSnapshot({ indicators: 12 }), 'en');
		const enTable = en.sections.find((s) => s.key === 'effectiveness')!.evidence[0]!.blocks[0]!;
		if (enTable.type !== 'table') throw new Error('no table');
		expect(enTable.table.rows.flatMap((r) => (r.type === 'row' ? [r.cells[3]!.map((i) => i.text).join('')] : []))).toContain('1,000');
	});

	it('marks content texts printed without translation and lists them', () => {
		const snapshot = fixtureSnapshot();
		const en = composeReport(snapshot, 'en');
		const marks = allInlines(en).filter((i) => i.type === 'mark');
		expect(marks.length).toBeGreaterThan(0);
		expect(marks.every((m) => m.text === '(es)')).toBe(true);
		const missing = missingTranslations(snapshot, 'en');
		expect(missing).toContainEqual({ key: 'indicator:1.1', field: 'title', original: snapshot.indicators[0]!.title.original, lang: 'es' });
		expect(missing.some((m) => m.key === 'indicator:2.1')).toBe(false);
		expect(en.labels.fallbackNote).toMatch(/no translation/);
		// In the content language nothing falls back.
		expect(missingTranslations(snapshot, 'es')).toEqual([]);
		expect(allInlines(composeReport(snapshot, 'es')).some((i) => i.type === 'mark')).toBe(false);
	});

	it('turns narrative citations into record links and flags unresolved ones', () => {
		const snapshot = fixtureSnapshot();
		snapshot.sections[0]!.narrative.es = 'Según [[indicator:1.1]] y [[risk:NO-EXISTE]], con **énfasis**.';
		const section = composeSection(snapshot, snapshot.sections[0]!.key, 'es')!;
		const inlines = inlinesOf(section.narrative);
		expect(inlines).toContainEqual({ type: 'ref', key: 'indicator:1.1', text: '1.1' });
		expect(inlines).toContainEqual({ type: 'unresolved', text: '[cita no resuelta: [[risk:NO-EXISTE]]]' });
		expect(inlines).toContainEqual({ type: 'text', text: 'énfasis', bold: true });
		expect(composeSection(snapshot, 'visibility', 'es')).toBeNull();
	});

	it('notes a narrative missing in the language', () => {
		const snapshot = fixtureSnapshot();
		snapshot.sections.find((s) => s.key === 'impact')!.narrative.en = null;
		const section = composeSection(snapshot, 'impact', 'en')!;
		expect(section.narrativeMissing).toBe(true);
		expect(section.evidence.map((e) => e.key)).toEqual(['impact_indicators']);
		expect(section.evidence[0]!.blocks.some((b) => b.type === 'chart' && b.chart.kind === 'indicator_trend')).toBe(true);
	});
});
