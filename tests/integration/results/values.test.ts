import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import type { IndicatorDetail } from '$lib/server/results/indicator-page';
import { actions, load } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { load as loadResults } from '../../../src/routes/programmes/[slug]/results/+page.server';
import type { ResultsTree } from '$lib/server/results/results-page';
import { GET as getFile } from '../../../src/routes/programmes/[slug]/files/[id]/+server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The value workflow of design §2 through the indicator page's real form actions:
// draft → submitted → approved, or submitted → returned (with a note) → draft.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
const COORD2 = 'coord2.patss@avance.test';

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function act(name: keyof typeof actions, email: string, code: string, form: Record<string, string | File>) {
	const event = makeEvent({
		user: await sessionUser(db, email),
		params: { slug: 'patss', id: String(patss.indicatorId(code)) },
		url: `http://localhost/programmes/patss/indicators/${patss.indicatorId(code)}`,
		form
	});
	return outcome(() => call(actions[name], event));
}

async function pageFor(email: string, code: string) {
	const event = makeEvent({
		user: await sessionUser(db, email),
		params: { slug: 'patss', id: String(patss.indicatorId(code)) },
		url: 'http://localhost/x'
	});
	const r = await outcome(() => call(load, event));
	if (r.kind !== 'value') throw new Error(`load failed: ${JSON.stringify(r)}`);
	return r.value as { detail: IndicatorDetail };
}

const openValue = (indicatorCode: string, period: string) =>
	db
		.selectFrom('indicator_value')
		.selectAll()
		.where('indicator_id', '=', patss.indicatorId(indicatorCode))
		.where('period_id', '=', patss.periodId(period))
		.where('status', 'in', ['draft', 'submitted', 'returned'])
		.executeTakeFirst();

const split = {
	periodId: '',
	value: '150',
	women: '80',
	men: '70',
	notStated: '',
	narrative: '',
	evidenceUrl: '',
	correctionReason: '',
	valueVersion: ''
};

describe('recording and reviewing a value', () => {
	it('takes a value from draft through return and resubmission to approval by a second coordinator, and the status follows', async () => {
		const period = String(patss.periodId('2022-S1'));
		// 460 of 600 so far: judged at 2021-S2, with 2022-S1's update overdue.
		expect((await pageFor(COORD, '5.1-3')).detail.assessment).toMatchObject({
			status: 'on_track',
			updateOverdue: { periodId: Number(period) }
		});

		const saved = await act('save', COORD, '5.1-3', { ...split, periodId: period, intent: 'submit' });
		expect(saved).toMatchObject({ kind: 'redirect', status: 303 });
		let row = (await openValue('5.1-3', '2022-S1'))!;
		expect([row.status, row.value, row.women, row.men]).toEqual(['submitted', 150, 80, 70]);

		// A submitted value is locked while it waits for review.
		const edit = await act('save', COORD, '5.1-3', {
			...split,
			periodId: period,
			value: '151',
			women: '81',
			valueVersion: String(row.version),
			intent: 'draft'
		});
		expect(edit.kind === 'value' && edit.value).toMatchObject({ status: 403 });

		const returned = await act('return', COORD2, '5.1-3', {
			valueId: String(row.id),
			valueVersion: String(row.version),
			note: 'Falta el reporte de IESS-EDUCA.'
		});
		expect(returned).toMatchObject({ kind: 'redirect', status: 303 });
		row = (await openValue('5.1-3', '2022-S1'))!;
		expect([row.status, row.return_note]).toEqual(['returned', 'Falta el reporte de IESS-EDUCA.']);

		// Editing a returned value takes it back to draft; then it is submitted again.
		await act('save', COORD, '5.1-3', {
			...split,
			periodId: period,
			evidenceUrl: 'https://educa.iess.gob.ec/reporte',
			valueVersion: String(row.version),
			intent: 'draft'
		});
		row = (await openValue('5.1-3', '2022-S1'))!;
		expect(row.status).toBe('draft');
		await act('submit', COORD, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version) });
		row = (await openValue('5.1-3', '2022-S1'))!;
		expect(row.status).toBe('submitted');

		const approved = await act('approve', COORD2, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version) });
		expect(approved).toMatchObject({ kind: 'redirect', status: 303 });
		const final = await db.selectFrom('indicator_value').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
		expect(final.status).toBe('approved');
		expect(final.reviewed_by).toBe((await sessionUser(db, COORD2)).id);
		// 260 + 200 + 150 = 610 ≥ 600: the cumulative indicator reached its end target.
		expect((await pageFor(COORD, '5.1-3')).detail.assessment).toMatchObject({ status: 'achieved', updateOverdue: null });

		const actions = (
			await db
				.selectFrom('audit_log')
				.select('action')
				.where('entity', '=', 'indicator_value')
				.where('entity_id', '=', String(row.id))
				.orderBy('id')
				.execute()
		).map((a) => a.action);
		expect(actions).toEqual(['create', 'submit', 'return', 'update', 'submit', 'approve']);
	});

	it('never lets the person who entered or submitted a value approve or return it (four eyes)', async () => {
		await act('save', COORD, '5.1-3', { ...split, periodId: String(patss.periodId('2022-S1')), intent: 'submit' });
		const row = (await openValue('5.1-3', '2022-S1'))!;
		for (const name of ['approve', 'return'] as const) {
			const r = await act(name, COORD, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version), note: 'x' });
			expect(r.kind === 'value' && r.value).toMatchObject({ status: 403, data: { formError: expect.stringContaining('otra persona') } });
		}
		expect((await openValue('5.1-3', '2022-S1'))!.status).toBe('submitted');
	});

	it('does not let a coordinator approve a value they typed, even after a colleague edited and submitted it', async () => {
		const period = String(patss.periodId('2022-S1'));
		await act('save', COORD, '5.1-3', { ...split, periodId: period, value: '999', women: '500', men: '499', intent: 'draft' });
		let row = (await openValue('5.1-3', '2022-S1'))!;
		await act('save', COORD2, '5.1-3', {
			...split,
			periodId: period,
			value: '999',
			women: '500',
			men: '499',
			narrative: 'Revisado.',
			valueVersion: String(row.version),
			intent: 'submit'
		});
		row = (await openValue('5.1-3', '2022-S1'))!;
		expect([row.status, row.entered_by]).toEqual(['submitted', (await sessionUser(db, COORD2)).id]);
		const r = await act('approve', COORD, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version) });
		expect(r.kind === 'value' && r.value).toMatchObject({ status: 403 });
		expect((await openValue('5.1-3', '2022-S1'))!.status).toBe('submitted');
	});

	it('offers the review only to those the server lets review: never to the coordinator who typed a value a colleague then submitted', async () => {
		const period = String(patss.periodId('2022-S1'));
		await act('save', COORD, '5.1-3', { ...split, periodId: period, intent: 'draft' });
		const draft = (await openValue('5.1-3', '2022-S1'))!;
		await act('save', COORD2, '5.1-3', { ...split, periodId: period, valueVersion: String(draft.version), intent: 'submit' });
		const row = (await openValue('5.1-3', '2022-S1'))!;
		expect(row.status).toBe('submitted');

		const resultsFor = async (email: string) => {
			const event = makeEvent({
				user: await sessionUser(db, email),
				params: { slug: 'patss' },
				url: 'http://localhost/programmes/patss/results'
			});
			const r = await outcome(() => call(loadResults, event));
			if (r.kind !== 'value') throw new Error(`load failed: ${JSON.stringify(r)}`);
			return (r.value as { tree: ResultsTree }).tree;
		};
		for (const email of [COORD, COORD2]) {
			expect((await resultsFor(email)).pending.map((p) => p.valueId)).not.toContain(row.id);
			expect((await pageFor(email, '5.1-3')).detail.reviewable).not.toContain(row.id);
		}
		// Someone who never touched it may review it, and the page says so.
		expect((await resultsFor('admin@avance.test')).pending.map((p) => p.valueId)).toContain(row.id);
		expect((await pageFor('admin@avance.test', '5.1-3')).detail.reviewable).toContain(row.id);
		const r = await act('approve', 'admin@avance.test', '5.1-3', { valueId: String(row.id), valueVersion: String(row.version) });
		expect(r.kind).toBe('redirect');
	});

	it('requires a note to return a value', async () => {
		await act('save', COORD, '5.1-3', { ...split, periodId: String(patss.periodId('2022-S1')), intent: 'submit' });
		const row = (await openValue('5.1-3', '2022-S1'))!;
		const r = await act('return', COORD2, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version), note: '  ' });
		expect(r.kind === 'value' && r.value).toMatchObject({ status: 400, data: { errors: { note: ['Este campo es obligatorio.'] } } });
	});
});

describe('what the value form refuses, next to the field', () => {
	it('says so when the total is not women + men + not stated, and keeps what was typed', async () => {
		const r = await act('save', COORD, '5.1-3', { ...split, periodId: String(patss.periodId('2022-S1')), value: '160', intent: 'draft' });
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 400,
			data: {
				errors: { value: ['El total (160) no es igual a mujeres + hombres + otro (150).'] },
				values: { value: '160', women: '80', men: '70' }
			}
		});
		expect(await openValue('5.1-3', '2022-S1')).toBeUndefined();
	});

	it('accepts a total that includes "not stated"', async () => {
		const r = await act('save', COORD, '5.1-3', {
			...split,
			periodId: String(patss.periodId('2022-S1')),
			value: '155',
			notStated: '5',
			intent: 'draft'
		});
		expect(r.kind).toBe('redirect');
	});

	it('refuses a percentage over 100, a word instead of a number, and a period of another programme', async () => {
		const pct = await act('save', COORD, 'M3-1', {
			...split,
			periodId: String(patss.periodId('2022-S1')),
			value: '120',
			women: '5',
			men: '6',
			intent: 'draft'
		});
		expect(pct.kind === 'value' && pct.value).toMatchObject({ status: 400, data: { errors: { value: ['El valor máximo es 100.'] } } });
		const word = await act('save', COORD, '5.1-3', {
			...split,
			periodId: String(patss.periodId('2022-S1')),
			women: 'ochenta',
			intent: 'draft'
		});
		expect(word.kind === 'value' && word.value).toMatchObject({ status: 400, data: { errors: { women: ['Escriba un número.'] } } });
		const peru = await db
			.selectFrom('reporting_period')
			.innerJoin('programme', 'programme.id', 'reporting_period.programme_id')
			.select('reporting_period.id')
			.where('programme.slug', '=', 'peru-desempleo-ue')
			.executeTakeFirstOrThrow();
		const other = await act('save', COORD, '5.1-3', { ...split, periodId: String(peru.id), intent: 'draft' });
		expect(other.kind === 'value' && other.value).toMatchObject({
			status: 400,
			data: { errors: { periodId: ['El periodo no pertenece a este programa.'] } }
		});
	});

	it('asks for a narrative when the submitted value leaves the indicator at risk', async () => {
		const period = String(patss.periodId('2022-S1'));
		// 460 + 10 = 470 of the 600 expected (78 %): at risk.
		const r = await act('save', COORD, '5.1-3', { ...split, periodId: period, value: '10', women: '5', men: '5', intent: 'submit' });
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 400,
			data: { errors: { narrative: ['Con este valor el indicador queda «En riesgo»: explique por qué en la narrativa.'] } }
		});
		const ok = await act('save', COORD, '5.1-3', {
			...split,
			periodId: period,
			value: '10',
			women: '5',
			men: '5',
			narrative: 'La plataforma estuvo fuera de servicio.',
			intent: 'submit'
		});
		expect(ok.kind).toBe('redirect');
	});

	it('refuses a value for a locked period', async () => {
		await db.updateTable('reporting_period').set({ locked: 1 }).where('id', '=', patss.periodId('2022-S1')).execute();
		const r = await act('save', COORD, '5.1-3', { ...split, periodId: String(patss.periodId('2022-S1')), intent: 'draft' });
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 400,
			data: { errors: { periodId: ['El periodo está cerrado: su informe ya se emitió.'] } }
		});
	});
});

describe('concurrent edits and corrections', () => {
	it('refuses the second of two saves made on the same version, with a clear message', async () => {
		const period = String(patss.periodId('2022-S1'));
		await act('save', COORD, '5.1-3', { ...split, periodId: period, intent: 'draft' });
		const row = (await openValue('5.1-3', '2022-S1'))!;
		const first = await act('save', COORD, '5.1-3', {
			...split,
			periodId: period,
			narrative: 'primera',
			valueVersion: String(row.version),
			intent: 'draft'
		});
		const second = await act('save', COORD2, '5.1-3', {
			...split,
			periodId: period,
			narrative: 'segunda',
			valueVersion: String(row.version),
			intent: 'draft'
		});
		expect(first.kind).toBe('redirect');
		expect(second.kind === 'value' && second.value).toMatchObject({
			status: 409,
			data: { formError: expect.stringContaining('Otra persona guardó cambios'), values: { narrative: 'segunda' } }
		});
		expect((await openValue('5.1-3', '2022-S1'))!.narrative).toBe('primera');
	});

	it('also refuses starting a new value when someone else already started one for that period', async () => {
		const period = String(patss.periodId('2022-S1'));
		await act('save', COORD, '5.1-3', { ...split, periodId: period, intent: 'draft' });
		const late = await act('save', COORD2, '5.1-3', { ...split, periodId: period, intent: 'draft' });
		expect(late.kind === 'value' && late.value).toMatchObject({ status: 409 });
	});

	it('corrects an approved value only with a reason, and the correction supersedes it once approved', async () => {
		const period = String(patss.periodId('2021-S2'));
		const noReason = await act('save', COORD, '5.1-3', {
			...split,
			periodId: period,
			value: '210',
			women: '115',
			men: '95',
			intent: 'submit'
		});
		expect(noReason.kind === 'value' && noReason.value).toMatchObject({
			status: 400,
			data: { errors: { correctionReason: ['Indique por qué corrige un valor aprobado.'] } }
		});

		await act('save', COORD, '5.1-3', {
			...split,
			periodId: period,
			value: '210',
			women: '115',
			men: '95',
			correctionReason: 'Cierre tardío de la plataforma.',
			intent: 'submit'
		});
		const correction = (await openValue('5.1-3', '2021-S2'))!;
		expect(correction.corrects_id).not.toBeNull();
		await act('approve', COORD2, '5.1-3', { valueId: String(correction.id), valueVersion: String(correction.version) });
		const all = await db
			.selectFrom('indicator_value')
			.select(['id', 'status', 'value'])
			.where('indicator_id', '=', patss.indicatorId('5.1-3'))
			.where('period_id', '=', patss.periodId('2021-S2'))
			.orderBy('id')
			.execute();
		expect(all.map((v) => [v.status, v.value])).toEqual([
			['superseded', 200],
			['approved', 210]
		]);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'indicator_value')
			.where('action', '=', 'correct')
			.executeTakeFirstOrThrow();
		expect(audit.reason).toBe('Cierre tardío de la plataforma.');
	});
});

describe('who may do what', () => {
	it('refuses an evaluator who tries to record a value, and a donor who tries to approve or comment', async () => {
		const period = String(patss.periodId('2022-S1'));
		const evaluator = await act('save', 'evaluator@avance.test', '5.1-3', { ...split, periodId: period, intent: 'draft' });
		expect(evaluator).toMatchObject({ kind: 'error', status: 403 });
		const pending = await db
			.selectFrom('indicator_value')
			.select(['id', 'version'])
			.where('status', '=', 'submitted')
			.where('indicator_id', '=', patss.indicatorId('4.2-1'))
			.executeTakeFirstOrThrow();
		const donorApprove = await act('approve', 'donor.iess@avance.test', '4.2-1', {
			valueId: String(pending.id),
			valueVersion: String(pending.version)
		});
		const donorComment = await act('comment', 'donor.iess@avance.test', '4.2-1', { valueId: String(pending.id), body: 'hola' });
		expect(donorApprove).toMatchObject({ kind: 'error', status: 403 });
		expect(donorComment).toMatchObject({ kind: 'error', status: 403 });
		expect((await db.selectFrom('indicator_value').select('status').where('id', '=', pending.id).executeTakeFirstOrThrow()).status).toBe(
			'submitted'
		);
		expect(await db.selectFrom('value_comment').selectAll().execute()).toHaveLength(0);
	});

	it('lets an evaluator comment on a value, internally', async () => {
		const pending = await db
			.selectFrom('indicator_value')
			.select('id')
			.where('status', '=', 'submitted')
			.where('indicator_id', '=', patss.indicatorId('4.2-1'))
			.executeTakeFirstOrThrow();
		const r = await act('comment', 'evaluator@avance.test', '4.2-1', { valueId: String(pending.id), body: '¿Incluye a personal del MDT?' });
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const team = await pageFor(COORD, '4.2-1');
		expect(team.detail.comments.map((c) => c.body)).toEqual(['¿Incluye a personal del MDT?']);
	});

	it('shows a donor approved values only: no drafts, no submitted values, no comments, no history', async () => {
		const pending = await db
			.selectFrom('indicator_value')
			.select('id')
			.where('status', '=', 'submitted')
			.where('indicator_id', '=', patss.indicatorId('4.2-1'))
			.executeTakeFirstOrThrow();
		await act('comment', 'evaluator@avance.test', '4.2-1', { valueId: String(pending.id), body: 'nota interna' });
		const donor = await pageFor('donor.iess@avance.test', '4.2-1');
		expect(donor.detail.values.every((v) => v.status === 'approved')).toBe(true);
		expect(donor.detail.rows.every((r) => r.open === null)).toBe(true);
		expect(donor.detail.comments).toEqual([]);
		expect(donor.detail.history).toEqual([]);
		expect(JSON.stringify(donor)).not.toContain('nota interna');
		const team = await pageFor(COORD, '4.2-1');
		expect(team.detail.rows.some((r) => r.open?.status === 'submitted')).toBe(true);
	});
});

describe('evidence files', () => {
	const pdf = () => new File([new TextEncoder().encode('%PDF-1.4\n% evidencia\n')], 'informe educa.pdf', { type: 'application/pdf' });

	it('stores an uploaded PDF and serves it to the team, and to the donor only once the value is approved', async () => {
		const period = String(patss.periodId('2022-S1'));
		await act('save', COORD, '5.1-3', { ...split, periodId: period, evidenceFile: pdf(), intent: 'submit' });
		const file = await db.selectFrom('attachment').selectAll().executeTakeFirstOrThrow();
		expect([file.owner_entity, file.content_type, file.original_name]).toEqual(['indicator_value', 'application/pdf', 'informe educa.pdf']);

		const fetchAs = async (email: string) =>
			outcome(async () => {
				const res = await call(getFile, makeEvent({ user: await sessionUser(db, email), params: { slug: 'patss', id: String(file.id) } }));
				return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
			});
		expect(await fetchAs(COORD)).toMatchObject({
			kind: 'value',
			value: { status: 200, type: 'application/pdf', body: expect.stringContaining('%PDF') }
		});
		expect(await fetchAs('donor.iess@avance.test')).toMatchObject({ kind: 'error', status: 404 });
		expect(await fetchAs('donor.eu@avance.test')).toMatchObject({ kind: 'error', status: 404 });

		const row = (await openValue('5.1-3', '2022-S1'))!;
		await act('approve', COORD2, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version) });
		expect(await fetchAs('donor.iess@avance.test')).toMatchObject({ kind: 'value', value: { status: 200 } });
	});

	it('answers 404, not 500, when a stored file has gone from the disk', async () => {
		await act('save', COORD, '5.1-3', { ...split, periodId: String(patss.periodId('2022-S1')), evidenceFile: pdf(), intent: 'draft' });
		const file = await db.selectFrom('attachment').selectAll().executeTakeFirstOrThrow();
		const { rm } = await import('node:fs/promises');
		const { join } = await import('node:path');
		const { uploadsDir } = await import('$lib/server/core/attachments');
		await rm(join(uploadsDir(), file.stored_name));
		const r = await outcome(async () =>
			call(getFile, makeEvent({ user: await sessionUser(db, COORD), params: { slug: 'patss', id: String(file.id) } }))
		);
		expect(r).toMatchObject({ kind: 'error', status: 404 });
	});

	it('refuses a file whose content is not what its name says, and saves nothing', async () => {
		const fake = new File(['MZ this is an executable'], 'informe.pdf', { type: 'application/pdf' });
		const r = await act('save', COORD, '5.1-3', {
			...split,
			periodId: String(patss.periodId('2022-S1')),
			evidenceFile: fake,
			intent: 'draft'
		});
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 400,
			data: { errors: { evidenceFile: [expect.stringContaining('Solo se aceptan')] } }
		});
		expect(await openValue('5.1-3', '2022-S1')).toBeUndefined();
		expect(await db.selectFrom('attachment').selectAll().execute()).toHaveLength(0);
	});
});

describe('what the indicator page shows', () => {
	it('aggregates women and men the way it aggregates the total, so the chart’s lines agree (cumulative 5.1-3)', async () => {
		const { detail } = await pageFor('donor.iess@avance.test', '5.1-3');
		const row = (label: string) => detail.rows.find((r) => r.period.label === label)!;
		expect([row('2021-S1').assessment.actual, row('2021-S1').women, row('2021-S1').men]).toEqual([260, 140, 120]);
		expect([row('2021-S2').assessment.actual, row('2021-S2').women, row('2021-S2').men]).toEqual([460, 250, 210]);
		// Running sums stay where they were while a later period has no value.
		expect([row('2022-S1').women, row('2022-S1').men]).toEqual([250, 210]);
	});
});
