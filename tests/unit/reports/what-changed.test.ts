import { describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type DocBlock } from '$lib/reports/document';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { whatChanged } from '$lib/reports/what-changed';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// "What changed since the last issue": rule-based facts from two snapshots, one sentence each in
// the report's language, each opening with its record's code linked to "Records cited".

function changedSnapshot(): { prev: ReportSnapshot; curr: ReportSnapshot } {
	const prev = fixtureSnapshot();
	const curr = structuredClone(prev);
	const indicator = curr.indicators[0]!;
	indicator.status = indicator.status === 'achieved' ? 'off_track' : 'achieved';
	const period = indicator.periods.find((p) => p.valueKey)!;
	period.value = (period.value ?? 0) + 5;
	curr.risks[0]!.score = prev.risks[0]!.score + 4;
	curr.sections[0]!.narrative.es = 'Otro texto.';
	return { prev, curr };
}

const listText = (blocks: DocBlock[]) => blocks.flatMap((b) => (b.type === 'list' ? b.items.map((i) => inlineText(i)) : []));

describe('what changed', () => {
	it('lists status, value, risk and section changes, and nothing when nothing changed', () => {
		const { prev, curr } = changedSnapshot();
		const items = whatChanged(prev, curr, true);
		const kinds = items.map((c) => c.kind);
		expect(kinds).toEqual(expect.arrayContaining(['indicator_status', 'value_changed', 'risk_score', 'section_text']));
		expect(whatChanged(prev, prev, true)).toEqual([]);
		// Another report's sections always differ: they are not compared.
		expect(whatChanged(prev, curr, false).map((c) => c.kind)).not.toContain('section_text');
	});

	it('names only the section whose text changed when the previous issue is read back from canonical JSON', () => {
		const prev = fixtureSnapshot();
		const curr = structuredClone(prev);
		const edited = curr.sections.at(-1)!;
		edited.narrative.es = `${edited.narrative.es ?? ''} Frase añadida.`;
		// The stored issue: keys sorted (en before es), the absent justification as an object of nulls.
		const stored = JSON.parse(JSON.stringify(prev)) as ReportSnapshot;
		for (const s of stored.sections) {
			s.narrative = { en: s.narrative.en, es: s.narrative.es };
			s.justification = { en: s.justification?.en ?? null, es: s.justification?.es ?? null };
		}
		for (const s of curr.sections) (s as { justification: unknown }).justification = s.justification ?? null;
		const sections = whatChanged(stored, curr, true).filter((c) => c.kind === 'section_text');
		expect(sections).toEqual([{ kind: 'section_text', section: edited.key }]);
	});

	it('prints one sentence per change in each language, each citing its record', () => {
		const { prev, curr } = changedSnapshot();
		curr.report.issueNumber = 2;
		curr.report.supersedes = 1;
		curr.report.correctionReason = 'Cifra corregida';
		curr.changes = {
			since: { reportId: curr.report.id, issueNumber: 1, title: prev.report.title, cutOff: prev.report.cutOff, sha256: 'ab'.repeat(32) },
			items: whatChanged(prev, curr, true)
		};
		const indicator = curr.indicators[0]!;
		for (const lang of ['es', 'en'] as const) {
			const doc = composeReport(curr, lang);
			const block = doc.sections.flatMap((s) => s.evidence).find((e) => e.key === 'what_changed')!;
			expect(block.title).toBe(lang === 'es' ? 'Qué cambió desde la última emisión' : 'What changed since the last issue');
			const sentences = listText(block.blocks);
			expect(sentences).toHaveLength(curr.changes.items.length);
			const status = sentences.find((s) => s.startsWith(`${indicator.code}:`))!;
			expect(status).toContain(lang === 'es' ? 'el estado pasó de' : 'status moved from');
			const list = block.blocks.find((b) => b.type === 'list');
			if (list?.type !== 'list') throw new Error('no list');
			for (const item of list.items.filter((i) => i[0]?.type === 'ref')) {
				const ref = item[0]!;
				if (ref.type === 'ref') expect(doc.records[ref.key]).toBeDefined();
			}
			// The reason in the reader's language, or the original marked "(es)" where it has no translation.
			expect(doc.cover.facts.map((f) => inlineText(f.value))).toContain(lang === 'es' ? 'Cifra corregida' : 'Cifra corregida (es)');
		}
	});

	it('says so for the programme’s first issued report', () => {
		const doc = composeReport(fixtureSnapshot(), 'en');
		const block = doc.sections.flatMap((s) => s.evidence).find((e) => e.key === 'what_changed')!;
		expect(block.blocks.map((b) => (b.type === 'note' ? inlineText(b.inlines) : '')).join('')).toContain('first issued report');
	});
});
