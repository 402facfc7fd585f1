import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport, missingTranslations } from '$lib/reports/compose';
import type { Db } from '$lib/server/db/connection';
import { getLogframe } from '$lib/server/programmes/programmes';
import { draftSnapshot } from '$lib/server/reports/reports';
import { actions as logframeActions } from '../../../src/routes/programmes/[slug]/logframe/+page.server';
import { actions as recommendationActions } from '../../../src/routes/programmes/[slug]/recommendations/[id]/+page.server';
import { postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// The donor formats in the report's language (issue 21): an activity's reason for deviating and a
// recommendation's management response are written with their version in the other language on
// the same form, saved as content translations (audited), and the TCPR prints the reader's
// language — or the original marked "(es)" when no translation exists.

const origin = 'http://localhost:3000';
const COORD = 'coord.patss@avance.test';
let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let reportId: number;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	const period = await db
		.selectFrom('reporting_period')
		.select('id')
		.where('programme_id', '=', patss.programme.id)
		// The last period: the mid-term evaluation's recommendations are issued by its cut-off.
		.orderBy('end_date', 'desc')
		.executeTakeFirstOrThrow();
	reportId = await writtenReport(db, { id: await userId(db, 'evaluator@avance.test') }, patss.programme, [period.id], {
		layout: 'ilo_tcpr'
	});
}, 180_000);

const post = (actions: Record<string, unknown>, name: string, form: Record<string, string>, extra: Record<string, string> = {}) =>
	postAs(db, actions[name] as (event: never) => unknown, COORD, { params: { slug: 'patss', ...extra }, form });
const translation = (entity: string, id: number, field: string) =>
	db
		.selectFrom('translation')
		.select('text')
		.where('entity', '=', entity)
		.where('entity_id', '=', id)
		.where('field', '=', field)
		.where('locale', '=', 'en')
		.executeTakeFirst();
const translateAudits = (entity: string, id: number) =>
	db
		.selectFrom('audit_log')
		.select(['before', 'after'])
		.where('entity', '=', entity)
		.where('entity_id', '=', String(id))
		.where('action', '=', 'translate')
		.orderBy('id')
		.execute();
const printed = async (lang: 'es' | 'en') => {
	const snapshot = await draftSnapshot(db, patss.programme, reportId, origin);
	return { doc: JSON.stringify(composeReport(snapshot, lang)), missing: missingTranslations(snapshot, lang), snapshot };
};

async function firstActivity() {
	const logframe = await getLogframe(db, patss.programme.id);
	const o = logframe[0]!.outputs[0]!;
	return { ...o.activities[0]!, outputId: o.id };
}
const activityForm = (a: Awaited<ReturnType<typeof firstActivity>>, over: Record<string, string>) => ({
	_form: `activity-${a.id}`,
	id: String(a.id),
	version: String(a.version),
	outputId: String(a.outputId),
	code: a.code,
	title: a.title,
	status: a.status,
	progress: String(a.progress),
	responsible: a.responsible,
	plannedStart: a.plannedStart ?? '',
	plannedEnd: a.plannedEnd ?? '',
	actualStart: a.actualStart ?? '',
	actualEnd: a.actualEnd ?? '',
	...over
});

describe('the reason for a deviation', () => {
	it('is saved with its English version from the activity form and printed in the reader’s language', async () => {
		const a = await firstActivity();
		const saved = await post(
			logframeActions,
			'updateActivity',
			activityForm(a, {
				deviationReason: 'Retraso por la emergencia sanitaria.',
				deviationReasonTranslation: 'Delayed by the health emergency.'
			})
		);
		expect(saved).toMatchObject({ kind: 'redirect', status: 303 });
		expect((await translation('activity', a.id, 'deviation_reason'))?.text).toBe('Delayed by the health emergency.');
		expect((await translateAudits('activity', a.id)).map((r) => JSON.parse(r.after ?? 'null'))).toContainEqual({
			deviation_reason_en: 'Delayed by the health emergency.'
		});

		const en = await printed('en');
		expect(en.doc).toContain('Delayed by the health emergency.');
		expect(en.doc).not.toContain('Retraso por la emergencia sanitaria.');
		expect(en.missing.some((m) => m.field === 'deviation_reason')).toBe(false);
		expect((await printed('es')).doc).toContain('Retraso por la emergencia sanitaria.');

		// Emptied, the translation is removed: English readers get the original, marked "(es)".
		const removed = await post(
			logframeActions,
			'updateActivity',
			activityForm(await firstActivity(), { deviationReason: 'Retraso por la emergencia sanitaria.', deviationReasonTranslation: '' })
		);
		expect(removed).toMatchObject({ kind: 'redirect' });
		expect(await translation('activity', a.id, 'deviation_reason')).toBeUndefined();
		const marked = await printed('en');
		expect(marked.doc).toMatch(/"text":"Retraso por la emergencia sanitaria\.","lang":"es"\},\{"type":"mark","text":"\(es\)"/);
		expect(marked.missing).toContainEqual(
			expect.objectContaining({ field: 'deviation_reason', original: 'Retraso por la emergencia sanitaria.' })
		);
	});

	it('refuses an over-long translation by field and keeps what was typed', async () => {
		const a = await firstActivity();
		const r = await post(
			logframeActions,
			'updateActivity',
			activityForm(a, { deviationReason: 'Motivo.', deviationReasonTranslation: 'x'.repeat(2001) })
		);
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 400,
			data: { errors: { deviationReasonTranslation: expect.any(Array) } }
		});
		expect(await translation('activity', a.id, 'deviation_reason')).toBeUndefined();
	});
});

describe('the management response', () => {
	it('is saved with its English version and printed in the reader’s language in the TCPR', async () => {
		const rec = await db
			.selectFrom('recommendation')
			.innerJoin('source_document', 'source_document.id', 'recommendation.source_document_id')
			.select(['recommendation.id', 'recommendation.version'])
			.where('recommendation.programme_id', '=', patss.programme.id)
			.where('source_document.kind', 'in', ['midterm_evaluation', 'final_evaluation'])
			.orderBy('recommendation.code')
			.executeTakeFirstOrThrow();
		const r = await post(
			recommendationActions,
			'response',
			{
				_form: 'response',
				version: String(rec.version),
				managementResponse: 'partially_accepted',
				managementResponseText: 'Se acepta la estrategia de género, sin cuotas nuevas.',
				managementResponseTextTranslation: 'The gender strategy is accepted, without new quotas.'
			},
			{ id: String(rec.id) }
		);
		expect(r).toMatchObject({ kind: 'redirect' });
		expect((await translation('recommendation', rec.id, 'management_response_text'))?.text).toBe(
			'The gender strategy is accepted, without new quotas.'
		);
		expect((await translateAudits('recommendation', rec.id)).map((x) => JSON.parse(x.after ?? 'null'))).toContainEqual({
			management_response_text_en: 'The gender strategy is accepted, without new quotas.'
		});
		const en = await printed('en');
		expect(en.doc).toContain('The gender strategy is accepted, without new quotas.');
		expect(en.doc).not.toContain('Se acepta la estrategia de género, sin cuotas nuevas.');
		expect((await printed('es')).doc).toContain('Se acepta la estrategia de género, sin cuotas nuevas.');
	});
});
