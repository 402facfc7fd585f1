import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type DocInline, type ReportDocument } from '$lib/reports/document';
import type { ReportLayout } from '$lib/reports/outline';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Db } from '$lib/server/db/connection';
import { seedDonorReports } from '../../../seed/donor-reports';
import { seedReports } from '../../../seed/reports';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// Review 4, F7/F23: the donor formats' own blocks (the EU description and beneficiaries, the TCPR
// identification sheet and partnerships) print the fact sheet's texts the way the cover does —
// the translation in English, or the original marked "(es)" — never unmarked Spanish.

let db: Db;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-donor-english-'));
	db = await freshDatabase({ demoAccounts: true });
	await seedReports(db, fakeRenderers);
	await seedDonorReports(db, fakeRenderers);
}, 300_000);

async function issued(slug: string, layout: ReportLayout): Promise<ReportSnapshot> {
	const row = await db
		.selectFrom('report_issue')
		.innerJoin('report', 'report.id', 'report_issue.report_id')
		.innerJoin('programme', 'programme.id', 'report.programme_id')
		.select('report_issue.snapshot')
		.where('programme.slug', '=', slug)
		.where('report.layout', '=', layout)
		.executeTakeFirstOrThrow();
	return JSON.parse(row.snapshot) as ReportSnapshot;
}

/** Every fact (label and value) printed in the body of the document, cover excluded. */
function bodyFacts(doc: ReportDocument): { label: string; value: DocInline[] }[] {
	const found: { label: string; value: DocInline[] }[] = [];
	const walk = (node: unknown): void => {
		if (Array.isArray(node)) return node.forEach(walk);
		if (!node || typeof node !== 'object') return;
		const o = node as Record<string, unknown>;
		if (o.type === 'facts' && Array.isArray(o.items)) found.push(...(o.items as { label: string; value: DocInline[] }[]));
		Object.values(o).forEach(walk);
	};
	walk([doc.sections, doc.annexes]);
	return found;
}

const marked = (value: DocInline[]) => value.some((i) => i.type === 'mark' && i.text === '(es)');

describe('the donor formats’ fact blocks in English', () => {
	it('EU description: partners as on the cover (translated), country and dialogue bodies marked when untranslated', async () => {
		const snapshot = await issued('peru-desempleo-ue', 'eu_narrative');
		const en = composeReport(snapshot, 'en');
		const cover = en.cover.facts.find((f) => f.label === 'Partners')!.value;
		const partners = bodyFacts(en).filter((f) => f.label === 'Partners');
		expect(partners.length).toBeGreaterThan(0);
		expect(snapshot.programme.partnersText?.translation).toBeTruthy();
		for (const f of partners) {
			expect(inlineText(f.value)).toBe(inlineText(cover));
			expect(inlineText(f.value)).toBe(snapshot.programme.partnersText!.translation);
		}
		// The country has no translation field: the original, marked — on the cover too.
		for (const f of [...bodyFacts(en), ...en.cover.facts].filter((x) => x.label === 'Country' || x.label === 'Countries')) {
			if (inlineText(f.value).includes(snapshot.programme.country)) expect(marked(f.value), f.label).toBe(true);
		}
		// In Spanish nothing is marked.
		const es = composeReport(snapshot, 'es');
		for (const f of bodyFacts(es).filter((x) => x.label === 'Socios')) expect(marked(f.value)).toBe(false);
	});

	it('every body fact that prints a Spanish fact-sheet original in English carries the mark', async () => {
		for (const [slug, layout] of [
			['peru-desempleo-ue', 'eu_narrative'],
			['ecuador-desempleo-ue', 'eu_narrative'],
			['el-salvador-pps', 'ilo_tcpr'],
			['patss', 'ilo_tcpr']
		] as const) {
			const snapshot = await issued(slug, layout);
			const pr = snapshot.programme;
			const originals = [pr.partners, pr.donor, pr.country, ...(snapshot.donor?.dialogue ?? []).map((d) => d.body)].filter(
				(s) => s.trim() !== ''
			);
			// A donor fact translated to the same words ("Target countries: Ecuador") is English, not an original.
			const translated = new Set(Object.values(snapshot.donor?.facts ?? {}).flatMap((x) => (x.translation ? [x.translation] : [])));
			const en = composeReport(snapshot, 'en');
			for (const f of [...bodyFacts(en), ...en.cover.facts]) {
				const text = inlineText(f.value.filter((i) => i.type !== 'mark'));
				if (!translated.has(text) && originals.some((o) => text === o || text.split('; ').includes(o)))
					expect(marked(f.value), `${slug} ${f.label}: ${text}`).toBe(true);
			}
		}
	});

	it('TCPR identification sheet: the donor in English, the same text as the cover', async () => {
		const snapshot = await issued('el-salvador-pps', 'ilo_tcpr');
		const en = composeReport(snapshot, 'en');
		const cover = en.cover.facts.find((f) => f.label === 'Donor')!.value;
		expect(snapshot.programme.donorText?.translation).toBeTruthy();
		const donors = bodyFacts(en).filter((f) => f.label === 'Donor');
		expect(donors.length).toBeGreaterThan(0);
		for (const f of donors) {
			expect(inlineText(f.value)).toBe(inlineText(cover));
			expect(marked(f.value)).toBe(false);
		}
	});

	it('TCPR: the adopted instruments and the key actions’ responsible print marked (es) in English, plain in Spanish', async () => {
		// Recheck of issues 19/21 (finding 2): "Primer debate del proyecto de reforma (ilustrativa)" and
		// "Dirección de Talento Humano del IESS" printed unmarked in the English TCPR.
		const snapshot = await issued('patss', 'ilo_tcpr');
		expect(snapshot.recommendations.some((r) => r.instruments.length > 0)).toBe(true);
		const fieldsMarked = (doc: ReportDocument) => new Set(doc.missingTranslations.map((m) => m.field));
		const en = fieldsMarked(composeReport(snapshot, 'en'));
		expect(en.has('instrument')).toBe(true);
		expect(en.has('responsible')).toBe(true);
		const es = fieldsMarked(composeReport(snapshot, 'es'));
		expect(es.has('instrument') || es.has('responsible')).toBe(false);
	});
});
