import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { inlineText } from '$lib/reports/document';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Db } from '$lib/server/db/connection';
import { getProgrammeBySlug, listPortfolio } from '$lib/server/programmes/programmes';
import { draftSnapshot } from '$lib/server/reports/reports';
import { portfolioTexts } from '$lib/server/portfolio/portfolio-texts';
import { seedReports } from '../../../seed/reports';
import { saveValue, valueSchema } from '$lib/server/results/values';
import { freshDatabase, userId } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// "English means English" (issue 19): the fact sheet's donor, partners and the addressees are
// translatable content, the approved values' explanations too; the seeded PATSS issue prints them
// in English, and the portfolio shows English titles, partners and donor, marked where missing.

let db: Db;
let snapshot: ReportSnapshot;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-english-'));
	db = await freshDatabase({ demoAccounts: true });
	await seedReports(db, fakeRenderers);
	const issue = await db.selectFrom('report_issue').select('snapshot').executeTakeFirstOrThrow();
	snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
});

describe('the seeded PATSS issue in English', () => {
	it('prints donor and partners in English on the cover, unmarked', () => {
		const doc = composeReport(snapshot, 'en');
		const fact = (label: string) => doc.cover.facts.find((f) => f.label === label)!.value;
		expect(inlineText(fact('Donor'))).toBe('IESS (direct trust fund)');
		expect(fact('Donor').some((i) => i.type === 'mark')).toBe(false);
		expect(inlineText(fact('Partners'))).toBe('Ecuadorian Social Security Institute (IESS)');
		const es = composeReport(snapshot, 'es');
		expect(inlineText(es.cover.facts.find((f) => f.label === 'Donante')!.value)).toBe('IESS (fondo fiduciario directo)');
	});

	it('carries the approved values’ explanations in both languages (the draft for 2020-S2, where they are)', async () => {
		const programme = (await getProgrammeBySlug(db, 'patss'))!;
		const draft = await db
			.selectFrom('report')
			.select('id')
			.where('status', '=', 'draft')
			.where('programme_id', '=', programme.id)
			.executeTakeFirstOrThrow();
		const later = await draftSnapshot(db, programme, draft.id, 'https://avance.example.org');
		const narratives = later.indicators.flatMap((i) => i.periods.flatMap((p) => (p.narrative ? [p.narrative] : [])));
		expect(narratives.map((n) => n.original)).toContain('La pandemia redujo la afiliación voluntaria de independientes.');
		for (const n of narratives) expect(n.translation, n.original).not.toBeNull();
		const text = JSON.stringify(composeReport(later, 'en').sections);
		expect(text).toContain('The pandemic reduced voluntary affiliation of self-employed workers.');
		expect(text).not.toContain('La pandemia redujo');
	});

	it('marks what is still untranslated, and lists it for the editor', () => {
		const doc = composeReport(snapshot, 'en');
		const fields = new Set(doc.missingTranslations.map((m) => `${m.key.split(':')[0]}.${m.field}`));
		expect(fields.has('programme.donor')).toBe(false);
		expect(fields.has('programme.partners')).toBe(false);
		expect(fields.has('activity.title')).toBe(false);
		// A snapshot frozen before donors were translatable prints the original, marked.
		const old = structuredClone(snapshot);
		delete old.programme.donorText;
		const marked = composeReport(old, 'en').cover.facts.find((f) => f.label === 'Donor')!.value;
		expect(marked.at(-1)).toMatchObject({ type: 'mark', text: '(es)' });
	});
});

describe('a value’s explanation in the other language', () => {
	it('is saved with the value as a content translation (audited), and removed when emptied', async () => {
		const patss = (await getProgrammeBySlug(db, 'patss'))!;
		const period = await db
			.selectFrom('reporting_period')
			.select('id')
			.where('programme_id', '=', patss.id)
			.where('locked', '=', 0)
			.orderBy('end_date', 'desc')
			.executeTakeFirstOrThrow();
		const indicator = await db
			.selectFrom('indicator')
			.select('id')
			.where('programme_id', '=', patss.id)
			.where('measure', '=', 'number')
			.where('disaggregated_by_sex', '=', 0)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb.selectFrom('indicator_value').select('id').whereRef('indicator_id', '=', 'indicator.id').where('period_id', '=', period.id)
					)
				)
			)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		const coordinator = { id: await userId(db, 'coord.patss@avance.test') };
		const shape = { measure: 'number' as const, disaggregatedBySex: false };
		const form = (translation: string, valueVersion?: number) =>
			valueSchema(shape).parse({
				periodId: String(period.id),
				value: '7',
				narrative: 'La rotación del personal retrasó los talleres.',
				narrativeTranslation: translation,
				intent: 'draft',
				...(valueVersion ? { valueVersion: String(valueVersion) } : {})
			});
		const valueId = await saveValue(db, coordinator, patss, indicator.id, form('Staff turnover delayed the workshops.'));
		const stored = () =>
			db
				.selectFrom('translation')
				.select(['text', 'locale'])
				.where('entity', '=', 'indicator_value')
				.where('entity_id', '=', valueId)
				.where('field', '=', 'narrative')
				.executeTakeFirst();
		expect(await stored()).toEqual({ text: 'Staff turnover delayed the workshops.', locale: 'en' });
		const audit = await db
			.selectFrom('audit_log')
			.select('after')
			.where('entity', '=', 'indicator_value')
			.where('entity_id', '=', String(valueId))
			.where('action', '=', 'translate')
			.executeTakeFirstOrThrow();
		expect(audit.after).toContain('Staff turnover');
		// Control characters are refused by field, like every content text.
		expect(valueSchema(shape).safeParse({ periodId: String(period.id), value: '7', narrativeTranslation: 'a\u0007b' }).success).toBe(false);
		const { version } = await db.selectFrom('indicator_value').select('version').where('id', '=', valueId).executeTakeFirstOrThrow();
		await saveValue(db, coordinator, patss, indicator.id, form('', version));
		expect(await stored()).toBeUndefined();
	});
});

describe('the portfolio', () => {
	it('shows English titles, partners and donor to an English reader, and marks what has no translation', async () => {
		const admin = { id: 0, isAdmin: true };
		const programmes = (await listPortfolio(db, admin, 'en')).map((e) => e.programme);
		const texts = await portfolioTexts(db, programmes, 'en');
		const ecuador = programmes.find((p) => p.slug === 'ecuador-desempleo-ue')!;
		expect(texts.get(ecuador.id)!.donor).toEqual({ text: 'European Union', lang: 'en', fallback: false });
		expect(texts.get(ecuador.id)!.title.text).toBe('Strengthening the social protection system against unemployment in Ecuador');
		const spanish = await portfolioTexts(db, programmes, 'es');
		expect(spanish.get(ecuador.id)!.donor).toEqual({ text: 'Unión Europea', lang: 'es', fallback: false });
		// A programme without English texts falls back to Spanish with the mark.
		await db
			.deleteFrom('translation')
			.where('entity', '=', 'programme')
			.where('entity_id', '=', ecuador.id)
			.where('field', '=', 'donor')
			.execute();
		const again = await portfolioTexts(db, programmes, 'en');
		expect(again.get(ecuador.id)!.donor).toEqual({ text: 'Unión Europea', lang: 'es', fallback: true });
	});
});
