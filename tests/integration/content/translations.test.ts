import { beforeEach, describe, expect, it } from 'vitest';
import { translationKey } from '$lib/content-language';
import type { Db } from '$lib/server/db/connection';
import { loadTranslations } from '$lib/server/core/translations';
import { load as programmeLayout } from '../../../src/routes/programmes/[slug]/+layout.server';
import { actions as logframe } from '../../../src/routes/programmes/[slug]/logframe/+page.server';
import { actions as indicatorEdit } from '../../../src/routes/programmes/[slug]/indicators/[id]/edit/+page.server';
import { freshDatabase } from '../../helpers/db';
import { formFailure, loadAs, postAs } from '../../helpers/actions';

// Content in the other language (issue 10 item 5): edited beside the original on the same form,
// saved in the record's transaction and audited, and sent to every page of the programme.

let db: Db;
beforeEach(async () => {
	db = await freshDatabase({ seed: true, demoAccounts: true });
});

const COORD = 'coord.patss@avance.test';
const programmeId = async (slug: string) =>
	(await db.selectFrom('programme').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const moduleOf = async (slug: string, code: string) =>
	db
		.selectFrom('module')
		.innerJoin('programme', 'programme.id', 'module.programme_id')
		.selectAll('module')
		.where('programme.slug', '=', slug)
		.where('module.code', '=', code)
		.executeTakeFirstOrThrow();
const english = async (entity: string, id: number, field: string) =>
	(await loadTranslations(db, await programmeId('patss'), 'en')).get(translationKey(entity, id, field));

function updateModule(form: Record<string, string>) {
	return postAs(db, logframe.updateModule as never, COORD, {
		params: { slug: 'patss' },
		form,
		url: 'http://localhost/programmes/patss/logframe'
	});
}

describe('content translations', () => {
	it('seeds English for the EU projects and for PATSS modules and key indicators', async () => {
		const peru = await loadTranslations(db, await programmeId('peru-desempleo-ue'), 'en');
		const m1 = await moduleOf('peru-desempleo-ue', 'M1');
		expect(peru.get(translationKey('module', m1.id, 'title'))).toBe('Design of the unemployment protection system');
		const pe6 = await db.selectFrom('indicator').select('id').where('code', '=', 'PE-6').executeTakeFirstOrThrow();
		expect(peru.get(translationKey('indicator', pe6.id, 'unit'))).toBe('workshops');
		const m3 = await moduleOf('patss', 'M3');
		expect(await english('module', m3.id, 'title')).toBe('Extending coverage to self-employed workers');
	});

	it('saves the translation with the record, audits it, leaves it alone when not posted and removes it when blanked', async () => {
		const m1 = await moduleOf('patss', 'M1');
		const base = { id: String(m1.id), code: 'M1', title: m1.title, objective: m1.objective };
		const saved = await updateModule({ ...base, version: String(m1.version), titleTranslation: 'Social dialogue and governance' });
		expect(saved).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await english('module', m1.id, 'title')).toBe('Social dialogue and governance');
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'after'])
			.where('entity', '=', 'module')
			.where('entity_id', '=', String(m1.id))
			.where('action', '=', 'translate')
			.execute();
		expect(audit.map((a) => JSON.parse(a.after ?? '{}'))).toContainEqual({ title_en: 'Social dialogue and governance' });

		// A client that posts no translation field (an older form, a script) removes nothing.
		await updateModule({ ...base, version: String(m1.version + 1) });
		expect(await english('module', m1.id, 'title')).toBe('Social dialogue and governance');

		await updateModule({ ...base, version: String(m1.version + 2), titleTranslation: '  ' });
		expect(await english('module', m1.id, 'title')).toBeUndefined();
	});

	it('keeps neither the record nor its translation when the record is refused, and says why next to the field', async () => {
		const m1 = await moduleOf('patss', 'M1');
		const stale = await updateModule({
			id: String(m1.id),
			code: 'M1',
			title: 'Nuevo título',
			objective: '',
			version: String(m1.version + 5),
			titleTranslation: 'New title'
		});
		expect(stale.kind).toBe('value');
		expect((await moduleOf('patss', 'M1')).title).toBe(m1.title);
		expect(await english('module', m1.id, 'title')).not.toBe('New title');

		const tooLong = formFailure(
			await updateModule({
				id: String(m1.id),
				code: 'M1',
				title: m1.title,
				objective: '',
				version: String(m1.version),
				titleTranslation: 'x'.repeat(301)
			})
		);
		expect(tooLong.status).toBe(400);
		expect(tooLong.data.errors?.titleTranslation?.[0]).toMatch(/300/);
		expect(tooLong.data.values?.titleTranslation).toBe('x'.repeat(301));
	});

	it("edits an indicator's title, definition and unit in the other language on the indicator form", async () => {
		const ind = await db.selectFrom('indicator').selectAll().where('code', '=', 'M4-1').executeTakeFirstOrThrow();
		const form: Record<string, string> = {
			parent: ind.output_id ? `output:${ind.output_id}` : ind.module_id ? `module:${ind.module_id}` : 'programme',
			code: ind.code,
			title: ind.title,
			definition: ind.definition,
			measure: ind.measure,
			unit: ind.unit,
			direction: ind.direction,
			aggregation: ind.aggregation,
			baselineValue: ind.baseline_value === null ? '' : String(ind.baseline_value),
			baselineDate: ind.baseline_date ?? '',
			baselineNote: ind.baseline_note,
			targetValue: ind.target_value === null ? '' : String(ind.target_value),
			meansOfVerification: ind.means_of_verification,
			frequency: ind.frequency,
			responsible: ind.responsible,
			sdgTarget: ind.sdg_target,
			iloOutcome: ind.ilo_outcome,
			euLogframeCode: ind.eu_logframe_code,
			decimals: String(ind.decimals),
			source: ind.source,
			version: String(ind.version),
			titleTranslation: 'Actuarial studies completed',
			definitionTranslation: 'Studies with base year 2018.',
			unitTranslation: 'studies'
		};
		if (ind.disaggregated_by_sex) form.disaggregatedBySex = 'on';
		if (ind.is_key) form.isKey = 'on';
		const r = await postAs(db, indicatorEdit.update as never, COORD, {
			params: { slug: 'patss', id: String(ind.id) },
			form,
			url: `http://localhost/programmes/patss/indicators/${ind.id}/edit`
		});
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await english('indicator', ind.id, 'title')).toBe('Actuarial studies completed');
		expect(await english('indicator', ind.id, 'definition')).toBe('Studies with base year 2018.');
		expect(await english('indicator', ind.id, 'unit')).toBe('studies');
	});

	it('sends every page of the programme its translations, to donors too', async () => {
		const r = await loadAs<{ content: { contentLanguage: string; locale: string; texts: Record<string, string> } }>(
			db,
			programmeLayout as never,
			'donor.eu@avance.test',
			{ params: { slug: 'peru-desempleo-ue' }, url: 'http://localhost/programmes/peru-desempleo-ue/results' }
		);
		expect(r.kind).toBe('value');
		if (r.kind !== 'value') return;
		const m2 = await moduleOf('peru-desempleo-ue', 'M2');
		expect(r.value.content).toMatchObject({ contentLanguage: 'es', locale: 'en' });
		expect(r.value.content.texts[translationKey('module', m2.id, 'title')]).toBe('Linkage with active employment policies');
	});
});
