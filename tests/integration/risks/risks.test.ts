import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { openConfigured } from '$lib/server/db/connection';
import { DomainValidationError } from '$lib/server/core/errors';
import { translate } from '$lib/i18n/translate';
import type { Programme } from '$lib/model';
import { NO_FILTERS } from '$lib/risk-rules';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { listRisksNeedingReview, loadRiskDetail, loadRiskRegister, type RiskEntry } from '$lib/server/risks/register';
import { checkAssumption } from '$lib/server/risks/reviews';
import { createRisk } from '$lib/server/risks/risks';
import { load as loadOverview } from '../../../src/routes/programmes/[slug]/+page.server';
import { load as loadRegister } from '../../../src/routes/programmes/[slug]/risks/+page.server';
import { actions as detailActions, load as loadDetail } from '../../../src/routes/programmes/[slug]/risks/[id]/+page.server';
import { actions as editActions, load as loadEdit } from '../../../src/routes/programmes/[slug]/risks/[id]/edit/+page.server';
import { actions as newActions, load as loadNew } from '../../../src/routes/programmes/[slug]/risks/new/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { formFailure, loadAs, postAs } from '../../helpers/actions';

// Dates are given explicitly wherever a result depends on them; route loads use today, so their
// assertions hold for any day after the seeded programmes' review dates (all before 2027).
const AS_OF = '2026-11-21';

let db: Db;
let patss: Programme;
let peru: Programme;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	peru = (await getProgrammeBySlug(db, 'peru-desempleo-ue'))!;
});

const riskId = async (programme: Programme, code: string) =>
	(await db.selectFrom('risk').select('id').where('programme_id', '=', programme.id).where('code', '=', code).executeTakeFirstOrThrow()).id;
const indicatorId = async (programme: Programme, code: string) =>
	(
		await db
			.selectFrom('indicator')
			.select('id')
			.where('programme_id', '=', programme.id)
			.where('code', '=', code)
			.executeTakeFirstOrThrow()
	).id;
const periodId = async (programme: Programme, label: string) =>
	(
		await db
			.selectFrom('reporting_period')
			.select('id')
			.where('programme_id', '=', programme.id)
			.where('label', '=', label)
			.executeTakeFirstOrThrow()
	).id;
/** The programme as if its end had been revised to 2030, so that it still follows its risks on AS_OF. */
const extended = (programme: Programme): Programme => ({ ...programme, revisedEndDate: '2030-12-31', effectiveEndDate: '2030-12-31' });
const riskRow = (id: number) => db.selectFrom('risk').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const counts = async () => {
	const n = async (table: 'risk' | 'risk_review' | 'assumption_check' | 'risk_indicator' | 'audit_log') =>
		Number(
			(
				await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		risks: await n('risk'),
		reviews: await n('risk_review'),
		checks: await n('assumption_check'),
		links: await n('risk_indicator'),
		audit: await n('audit_log')
	};
};

type Action = (event: never) => unknown;
/** Posts `form` to a route action as `email`, the way SvelteKit would. */
// A risk's own page is where its forms post (the route id SvelteKit would give the request).
const post = (action: Action, email: string, params: Record<string, string>, form: Record<string, string | string[]>) =>
	postAs(db, action, email, { params, form, route: params.id ? '/programmes/[slug]/risks/[id]' : undefined });
const load = <T>(fn: Action, email: string, params: Record<string, string>, url = 'http://localhost/') =>
	loadAs<T>(db, fn, email, { params, url });
const failure = formFailure;

const COORD = 'coord.patss@avance.test';
const reviewForm = (version: number, over: Record<string, string> = {}) => ({
	_form: 'review',
	version: String(version),
	reviewedOn: '2022-03-01',
	likelihood: '2',
	impact: '3',
	note: 'Revisión de cierre',
	nextReviewDate: '',
	...over
});

describe('the register', () => {
	it('shows every entry with its current score, band and trend, and counts the risks that are not closed on the heat map', async () => {
		const reg = await loadRiskRegister(db, patss, { internal: true }, { ...NO_FILTERS, asOf: AS_OF });
		expect(reg.total).toBe(12);
		const r3 = reg.entries.find((e) => e.code === 'R3')!;
		expect(r3).toMatchObject({
			likelihood: 5,
			impact: 4,
			score: 20,
			band: 'critical',
			trend: 'rising',
			level: 'programme',
			attachedTo: null
		});
		expect(reg.entries.find((e) => e.code === 'R1')).toMatchObject({ status: 'closed', trend: 'falling', band: 'low' });
		expect(reg.entries.find((e) => e.code === 'R7')).toMatchObject({
			level: 'activity',
			attachedTo: { code: '4.2.1' },
			module: { code: 'M4' },
			trend: 'new'
		});
		expect(reg.entries.find((e) => e.code === 'S2')!.lastCheck).toMatchObject({ result: 'no', periodLabel: '2021-S2' });
		// R2–R7 are open, monitoring or materialised; R1 is closed and S1–S5 are assumptions.
		expect(reg.heatMap.total).toBe(6);
		const cell = (l: number, i: number) => reg.heatMap.rows.flat().find((c) => c.likelihood === l && c.impact === i)!.count;
		expect(cell(5, 4)).toBe(2);
		expect(cell(2, 2)).toBe(0);
		// Closed entries come last; the rest by score, highest first.
		expect(reg.entries.at(-1)!.code).toBe('R1');
		expect(reg.entries[0]!.score).toBe(20);
	});

	it('asks for no review of a programme that has ended (PATSS closed on 31 March 2022)', async () => {
		expect(await listRisksNeedingReview(db, patss, { internal: true }, { asOf: AS_OF })).toEqual([]);
	});

	it('flags for review an entry whose linked indicator is off track, and one whose review date has passed', async () => {
		// As if PATSS had been extended, so that it still follows its risks on AS_OF.
		const flagged = await listRisksNeedingReview(db, extended(patss), { internal: true }, { asOf: AS_OF });
		expect(Object.fromEntries(flagged.map((e) => [e.code, e.reviewNeeded]))).toEqual({
			R6: { overdue: false, offTrack: ['M3-1'] },
			R2: { overdue: true, offTrack: [] }
		});
		// Before R2's next review date (31 March 2022) only the off-track link remains.
		const earlier = await listRisksNeedingReview(db, extended(patss), { internal: true }, { asOf: '2022-03-01' });
		expect(earlier.map((e) => e.code)).toEqual(['R6']);
	});

	it('filters by level, category, band, status, kind, review and heat-map cell through the query string', async () => {
		const codes = async (query: string) => {
			const r = await load<{ register: { entries: RiskEntry[] } }>(
				loadRegister,
				COORD,
				{ slug: 'patss' },
				`http://localhost/programmes/patss/risks?${query}`
			);
			if (r.kind !== 'value') throw new Error(JSON.stringify(r));
			return r.value.register.entries.map((e) => e.code).sort();
		};
		expect(await codes('level=activity')).toEqual(['R7']);
		expect(await codes('category=financial')).toEqual(['R4']);
		expect(await codes('band=critical')).toEqual(['R3', 'R4', 'R5', 'R6']);
		expect(await codes('status=closed')).toEqual(['R1']);
		expect(await codes('kind=assumption')).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
		// PATSS has ended: nothing asks for a review any more…
		expect(await codes('review=needed')).toEqual([]);
		// …unless its end is revised to later: then the register asks again.
		await db.updateTable('programme').set({ revised_end_date: '2030-12-31' }).where('id', '=', patss.id).execute();
		try {
			expect(await codes('review=needed')).toEqual(['R2', 'R6']);
			expect(await codes('review=overdue')).toEqual(['R2']);
		} finally {
			await db.updateTable('programme').set({ revised_end_date: null }).where('id', '=', patss.id).execute();
		}
		expect(await codes('likelihood=5&impact=4&kind=risk&status=active')).toEqual(['R3', 'R4']);
		expect(await codes('kind=risk&level=module&band=critical')).toEqual(['R5', 'R6']);
		// Unreadable filters are ignored rather than failing.
		expect(await codes('band=huge&likelihood=9')).toHaveLength(12);
	});

	it('loads in the same number of statements whatever the number of entries', async () => {
		const slv = (await getProgrammeBySlug(db, 'el-salvador-pps'))!;
		let statements = 0;
		const counting = openConfigured({ onQuery: () => statements++ });
		const measure = async () => {
			statements = 0;
			await loadRiskRegister(counting, slv, { internal: true }, { ...NO_FILTERS, asOf: AS_OF });
			return statements;
		};
		const before = await measure();
		const coordinator = { id: await userId(db, 'admin@avance.test') };
		const links = [await indicatorId(slv, 'SV-1'), await indicatorId(slv, 'SV-2')];
		for (let i = 0; i < 40; i++) {
			await createRisk(
				db,
				coordinator,
				slv,
				{
					parent: { kind: 'programme', id: null },
					kind: i % 2 ? 'risk' : 'assumption',
					code: `B${i}`,
					title: `Riesgo de carga ${i}`,
					description: '',
					category: 'operational',
					mitigation: '',
					contingency: '',
					owner: '',
					status: 'open',
					nextReviewDate: null,
					internalNotes: '',
					indicatorIds: links,
					likelihood: 1 + (i % 5),
					impact: 1 + ((i * 3) % 5),
					assessedOn: '2020-01-01'
				},
				AS_OF
			);
		}
		const after = await measure();
		await counting.destroy();
		expect(after).toBe(before);
		expect(after).toBeLessThanOrEqual(10);
	});
});

describe('reviews', () => {
	it('makes the reviewed likelihood and impact current, bumps the version and keeps the whole history', async () => {
		const id = await riskId(patss, 'R5');
		const before = await riskRow(id);
		const r = await post(detailActions.review, COORD, { slug: 'patss', id: String(id) }, reviewForm(before.version));
		expect(r).toEqual({ kind: 'redirect', status: 303, location: `/programmes/patss/risks/${id}?notice=saved#history` });

		const after = await riskRow(id);
		expect([after.likelihood, after.impact, after.version]).toEqual([2, 3, before.version + 1]);
		let detail = await loadRiskDetail(db, patss, { internal: true }, { riskId: id, asOf: AS_OF });
		expect(detail.reviews.map((rv) => [rv.reviewedOn, rv.score])).toEqual([
			['2019-09-30', 12],
			['2021-06-30', 16],
			['2022-03-01', 6]
		]);
		expect(detail.reviews.at(-1)).toMatchObject({ note: 'Revisión de cierre', reviewerName: expect.any(String) });
		expect(detail.entry).toMatchObject({ score: 6, band: 'medium', trend: 'falling' });

		// A second review the same day counts as the later one: the trend follows it.
		await post(detailActions.review, COORD, { slug: 'patss', id: String(id) }, reviewForm(after.version, { likelihood: '5', impact: '5' }));
		detail = await loadRiskDetail(db, patss, { internal: true }, { riskId: id, asOf: AS_OF });
		expect(detail.entry).toMatchObject({ likelihood: 5, impact: 5, band: 'critical', trend: 'rising', version: before.version + 2 });
		expect(detail.reviews).toHaveLength(4);

		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'risk')
			.where('entity_id', '=', String(id))
			.where('action', '=', 'review')
			.execute();
		expect(audit).toHaveLength(2);
		expect(audit[0]!.user_id).toBe(await userId(db, COORD));
		expect(JSON.parse(audit[0]!.before!)).toMatchObject({ likelihood: 4, impact: 4 });
	});

	it('takes a closing review on an ended programme’s last day or after its end, never in the future (issue 22)', async () => {
		const id = await riskId(patss, 'R7');
		const params = { slug: 'patss', id: String(id) };
		const closing = await post(detailActions.review, COORD, params, reviewForm((await riskRow(id)).version, { reviewedOn: '2022-03-31' }));
		expect(closing).toMatchObject({ kind: 'redirect', status: 303 });
		const after = await post(detailActions.review, COORD, params, reviewForm((await riskRow(id)).version, { reviewedOn: '2023-01-10' }));
		expect(after).toMatchObject({ kind: 'redirect', status: 303 });
		const last = await db
			.selectFrom('risk_review')
			.select((eb) => eb.fn.max('reviewed_on').as('on'))
			.where('risk_id', '=', id)
			.executeTakeFirstOrThrow();
		expect(last.on).toBe('2023-01-10');
	});

	it('refuses a review dated before the latest one, in the future or outside the programme, keeping what was typed', async () => {
		const id = await riskId(patss, 'R4');
		const { version } = await riskRow(id);
		const params = { slug: 'patss', id: String(id) };
		const beforeLast = failure(await post(detailActions.review, COORD, params, reviewForm(version, { reviewedOn: '2021-06-30' })));
		expect(beforeLast.status).toBe(400);
		expect(beforeLast.data.errors.reviewedOn![0]).toContain('31 dic 2021');
		expect(beforeLast.data.values.note).toBe('Revisión de cierre');
		// Before the start is outside; after the end of an ended programme is its closing review (issue 22).
		const outside = failure(await post(detailActions.review, COORD, params, reviewForm(version, { reviewedOn: '2018-01-10' })));
		expect(outside.data.errors.reviewedOn).toEqual([
			translate('es', 'validation.outsideProgramme', { start: '1 oct 2018', end: '31 mar 2022' })
		]);
		const nextBefore = failure(await post(detailActions.review, COORD, params, reviewForm(version, { nextReviewDate: '2022-01-01' })));
		expect(nextBefore.data.errors.nextReviewDate).toHaveLength(1);
		const peruR3 = await riskId(peru, 'R3');
		const future = failure(
			await post(
				detailActions.review,
				'coord.peru@avance.test',
				{ slug: 'peru-desempleo-ue', id: String(peruR3) },
				reviewForm((await riskRow(peruR3)).version, { reviewedOn: '2099-01-01' })
			)
		);
		// 2099 is both after today and after the programme; either message is next to the date.
		expect(future.status).toBe(400);
		expect(future.data.errors.reviewedOn).toHaveLength(1);
		expect((await riskRow(id)).version).toBe(version);
	});

	it('refuses a likelihood or impact outside 1–5, or not a number, with a message next to the field', async () => {
		const id = await riskId(patss, 'R4');
		const { version } = await riskRow(id);
		const f = failure(
			await post(detailActions.review, COORD, { slug: 'patss', id: String(id) }, reviewForm(version, { likelihood: '6', impact: '0' }))
		);
		expect(f.status).toBe(400);
		expect(f.data.form).toBe('review');
		expect(f.data.errors.likelihood).toEqual([translate('es', 'validation.max', { max: 5 })]);
		expect(f.data.errors.impact).toEqual([translate('es', 'validation.min', { min: 1 })]);
		expect(f.data.values.likelihood).toBe('6');
		const words = failure(
			await post(
				detailActions.review,
				COORD,
				{ slug: 'patss', id: String(id) },
				reviewForm(version, { likelihood: 'alta', reviewedOn: '' })
			)
		);
		expect(words.data.errors.likelihood).toEqual([translate('es', 'validation.number')]);
		expect(words.data.errors.reviewedOn).toContain(translate('es', 'validation.required'));
	});

	it('refuses a review made on a stale version with the conflict message, changing nothing', async () => {
		const id = await riskId(patss, 'R4');
		const { version } = await riskRow(id);
		const params = { slug: 'patss', id: String(id) };
		// Two coordinators open the same entry; the second one saves first.
		expect(
			await post(
				detailActions.review,
				'coord2.patss@avance.test',
				params,
				reviewForm(version, { reviewedOn: '2022-01-10', likelihood: '4' })
			)
		).toMatchObject({ kind: 'redirect' });
		const before = await counts();
		const f = failure(await post(detailActions.review, COORD, params, reviewForm(version, { reviewedOn: '2022-01-15' })));
		expect(f.status).toBe(409);
		expect(f.data.formError).toBe(translate('es', 'error.conflict'));
		expect(f.data.values.note).toBe('Revisión de cierre');
		expect(await counts()).toEqual(before);
		expect(await riskRow(id)).toMatchObject({ likelihood: 4, impact: 3, version: version + 1 });
	});
});

describe('assumption checks', () => {
	it('keeps one check per assumption and period: checking it again replaces it, and the audit log keeps both', async () => {
		const id = await riskId(patss, 'S1');
		const period = await periodId(patss, '2021-S2');
		const params = { slug: 'patss', id: String(id) };
		let { version } = await riskRow(id);
		const r = await post(detailActions.check, COORD, params, {
			_form: 'check',
			version: String(version),
			periodId: String(period),
			result: 'no',
			note: 'Se retiran del diálogo'
		});
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		({ version } = await riskRow(id));
		await post(detailActions.check, COORD, params, {
			_form: 'check',
			version: String(version),
			periodId: String(period),
			result: 'partly',
			note: ''
		});

		const rows = await db.selectFrom('assumption_check').selectAll().where('risk_id', '=', id).where('period_id', '=', period).execute();
		expect(rows.map((c) => c.result)).toEqual(['partly']);
		expect(rows[0]!.checked_by).toBe(await userId(db, COORD));
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity_id', '=', String(id))
			.where('action', '=', 'assumption_check')
			.orderBy('id')
			.execute();
		expect(audit.map((a) => [JSON.parse(a.before!).result, JSON.parse(a.after!).result])).toEqual([
			['holds', 'no'],
			['no', 'partly']
		]);
		const detail = await loadRiskDetail(db, patss, { internal: true }, { riskId: id, asOf: AS_OF });
		expect(detail.checks.map((c) => `${c.periodLabel}:${c.result}`)).toEqual(['2019-S2:partly', '2020-S2:holds', '2021-S2:partly']);
		expect(detail.entry.lastCheck).toMatchObject({ periodLabel: '2021-S2', result: 'partly' });
	});

	it('refuses to check a risk, a period of another programme, or a period that has not started', async () => {
		const r3 = await riskId(patss, 'R3');
		const s1 = await riskId(patss, 'S1');
		const p = await periodId(patss, '2021-S2');
		const notAssumption = failure(
			await post(
				detailActions.check,
				COORD,
				{ slug: 'patss', id: String(r3) },
				{ _form: 'check', version: String((await riskRow(r3)).version), periodId: String(p), result: 'holds' }
			)
		);
		expect(notAssumption.data.errors.result).toEqual([translate('es', 'risks.notAnAssumption')]);
		const otherPeriod = failure(
			await post(
				detailActions.check,
				COORD,
				{ slug: 'patss', id: String(s1) },
				{ _form: 'check', version: String((await riskRow(s1)).version), periodId: String(await periodId(peru, '2021-S2')), result: 'holds' }
			)
		);
		expect(otherPeriod.data.errors.periodId).toEqual([translate('es', 'validation.unknownRecord')]);
		const badResult = failure(
			await post(
				detailActions.check,
				COORD,
				{ slug: 'patss', id: String(s1) },
				{ _form: 'check', version: '1', periodId: String(p), result: 'maybe' }
			)
		);
		expect(badResult.data.errors.result).toEqual([translate('es', 'validation.choice')]);
		const coordinator = { id: await userId(db, COORD) };
		await expect(
			checkAssumption(db, coordinator, patss, s1, (await riskRow(s1)).version, { periodId: p, result: 'holds', note: '' }, '2021-01-01')
		).rejects.toBeInstanceOf(DomainValidationError);
	});
});

describe('permissions', () => {
	const DONOR = 'donor.iess@avance.test';

	it('refuses a donor’s crafted POST to every risk action with 403 and changes nothing', async () => {
		const id = await riskId(patss, 'S3');
		const row = await riskRow(id);
		const before = await counts();
		const params = { slug: 'patss', id: String(id) };
		const attempts = [
			post(
				newActions.create,
				DONOR,
				{ slug: 'patss' },
				{
					_form: 'risk',
					parent: 'programme',
					kind: 'risk',
					title: 'x',
					category: 'political',
					status: 'open',
					likelihood: '3',
					impact: '3',
					assessedOn: '2020-01-01'
				}
			),
			post(detailActions.review, DONOR, params, reviewForm(row.version)),
			post(detailActions.check, DONOR, params, {
				version: String(row.version),
				periodId: String(await periodId(patss, '2021-S2')),
				result: 'no'
			}),
			post(editActions.update, DONOR, params, {
				version: String(row.version),
				parent: 'programme',
				kind: 'risk',
				title: 'x',
				category: 'political',
				status: 'closed'
			}),
			post(editActions.delete, DONOR, params, { version: String(row.version), confirm: 'yes' })
		];
		for (const r of await Promise.all(attempts)) expect(r).toMatchObject({ kind: 'error', status: 403 });
		expect(await counts()).toEqual(before);
		expect(await riskRow(id)).toEqual(row);
	});

	it('lets evaluators and donors read but not write, and keeps the editing pages from them', async () => {
		const id = await riskId(patss, 'R4');
		const evaluator = await post(
			detailActions.review,
			'evaluator@avance.test',
			{ slug: 'patss', id: String(id) },
			reviewForm((await riskRow(id)).version)
		);
		expect(evaluator).toMatchObject({ kind: 'error', status: 403 });
		for (const email of ['evaluator@avance.test', DONOR]) {
			expect(await load(loadRegister, email, { slug: 'patss' })).toMatchObject({ kind: 'value', value: { canEdit: false } });
			expect(await load(loadNew, email, { slug: 'patss' })).toMatchObject({ kind: 'error', status: 403 });
			expect(await load(loadEdit, email, { slug: 'patss', id: String(id) })).toMatchObject({ kind: 'error', status: 403 });
		}
		expect(await load(loadRegister, COORD, { slug: 'patss' })).toMatchObject({ kind: 'value', value: { canEdit: true } });
	});

	it('sends internal notes to evaluators but never to donors, in the register, the entry or its change log', async () => {
		const id = await riskId(patss, 'R2');
		const note = 'Confirmar con el IESS';
		const asEvaluator = await load<{ detail: { entry: RiskEntry; history: unknown[] } }>(loadDetail, 'evaluator@avance.test', {
			slug: 'patss',
			id: String(id)
		});
		if (asEvaluator.kind !== 'value') throw new Error('evaluator could not load');
		expect(asEvaluator.value.detail.entry.internalNotes).toContain(note);
		// R5 was reviewed above, so it has a change log; the team sees it, donors do not.
		const reviewed = String(await riskId(patss, 'R5'));
		const log = async (email: string) => {
			const r = await load<{ detail: { history: unknown[] } }>(loadDetail, email, { slug: 'patss', id: reviewed });
			return r.kind === 'value' ? r.value.detail.history.length : -1;
		};
		expect(await log('evaluator@avance.test')).toBeGreaterThan(0);
		expect(await log(DONOR)).toBe(0);

		const asDonor = await load<{ detail: { entry: RiskEntry; history: unknown[] } }>(loadDetail, DONOR, { slug: 'patss', id: String(id) });
		if (asDonor.kind !== 'value') throw new Error('donor could not load');
		expect(asDonor.value.detail.entry.internalNotes).toBe('');
		expect(asDonor.value.detail.history).toEqual([]);
		expect(JSON.stringify(asDonor.value)).not.toContain(note);
		const register = await load<{ register: { entries: RiskEntry[] } }>(loadRegister, DONOR, { slug: 'patss' });
		if (register.kind !== 'value') throw new Error('donor could not load the register');
		expect(register.value.register.entries.every((e) => e.internalNotes === '')).toBe(true);
		expect(JSON.stringify(register.value)).not.toContain(note);
	});

	it('answers 404 for an entry of another programme', async () => {
		const peruRisk = await riskId(peru, 'R1');
		expect(await load(loadDetail, COORD, { slug: 'patss', id: String(peruRisk) })).toMatchObject({ kind: 'error', status: 404 });
		const f = failure(await post(detailActions.review, COORD, { slug: 'patss', id: String(peruRisk) }, reviewForm(1)));
		expect(f.status).toBe(404);
		expect((await riskRow(peruRisk)).likelihood).toBe(4);
	});
});

describe('creating, editing and deleting', () => {
	const createForm = async (over: Record<string, string | string[]> = {}) => ({
		_form: 'risk',
		parent: `output:${(await db.selectFrom('output').innerJoin('module', 'module.id', 'output.module_id').select('output.id').where('module.programme_id', '=', patss.id).where('output.code', '=', '3.2').executeTakeFirstOrThrow()).id}`,
		kind: 'risk',
		code: 'R8',
		title: 'Recortes presupuestarios del IESS',
		description: 'Si se recorta el presupuesto, entonces se suspenden estudios.',
		category: 'financial',
		status: 'open',
		likelihood: '3',
		impact: '4',
		assessedOn: '2021-01-15',
		nextReviewDate: '2021-07-01',
		owner: 'Coordinación PATSS',
		indicatorIds: [String(await indicatorId(patss, 'M3-1')), String(await indicatorId(patss, 'M5-1'))],
		...over
	});

	it('creates an entry with its first review, its links and an audit row', async () => {
		const r = await post(newActions.create, COORD, { slug: 'patss' }, await createForm());
		expect(r.kind).toBe('redirect');
		const id = await riskId(patss, 'R8');
		expect(r).toMatchObject({ status: 303, location: `/programmes/patss/risks/${id}?notice=created` });
		const detail = await loadRiskDetail(db, extended(patss), { internal: true }, { riskId: id, asOf: AS_OF });
		expect(detail.entry).toMatchObject({
			level: 'output',
			attachedTo: { code: '3.2' },
			module: { code: 'M3' },
			score: 12,
			band: 'high',
			trend: 'new'
		});
		expect(detail.entry.indicators.map((i) => i.code)).toEqual(['M3-1', 'M5-1']);
		expect(detail.reviews).toEqual([expect.objectContaining({ reviewedOn: '2021-01-15', likelihood: 3, impact: 4 })]);
		// Linked to an off-track indicator and past its review date: flagged for both reasons.
		expect(detail.entry.reviewNeeded).toEqual({ overdue: true, offTrack: ['M3-1'] });
		const audit = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'risk').where('entity_id', '=', String(id)).execute();
		expect(audit.map((a) => a.action)).toEqual(['create']);
	});

	it('refuses bad input with 400 and a message next to the field, keeping what was typed', async () => {
		const cases: [Record<string, string | string[]>, string, string][] = [
			[{ title: '' }, 'title', translate('es', 'validation.required')],
			[{ title: 'x'.repeat(301) }, 'title', translate('es', 'validation.tooLong', { max: 300 })],
			[{ likelihood: '7' }, 'likelihood', translate('es', 'validation.max', { max: 5 })],
			[{ category: 'weather' }, 'category', translate('es', 'validation.choice')],
			[{ parent: 'module:999999' }, 'parent', translate('es', 'validation.unknownRecord')],
			[{ parent: 'galaxy:1' }, 'parent', translate('es', 'validation.choice')],
			[
				{ nextReviewDate: '2030-01-01' },
				'nextReviewDate',
				translate('es', 'validation.outsideProgramme', { start: '1 oct 2018', end: '31 mar 2022' })
			],
			[{ assessedOn: '2021-02-30' }, 'assessedOn', translate('es', 'validation.date')],
			[{ code: 'R3' }, 'code', translate('es', 'risks.codeTaken')],
			[{ indicatorIds: String(await indicatorId(peru, 'PE-4')) }, 'indicatorIds', translate('es', 'risks.unknownIndicator')],
			[{ indicatorIds: 'abc' }, 'indicatorIds', translate('es', 'validation.unknownRecord')]
		];
		const before = await counts();
		for (const [over, field, message] of cases) {
			const f = failure(await post(newActions.create, COORD, { slug: 'patss' }, await createForm({ code: 'R9', ...over })));
			expect(f.status, field).toBe(400);
			expect(f.data.errors[field], field).toEqual([message]);
			expect(f.data.values.description).toBe('Si se recorta el presupuesto, entonces se suspenden estudios.');
		}
		expect(await counts()).toEqual(before);
	});

	it('edits an entry, replacing its links, and refuses a save made on a stale version', async () => {
		const id = await riskId(patss, 'R8');
		const { version } = await riskRow(id);
		const form = await createForm({
			version: String(version),
			status: 'monitoring',
			indicatorIds: String(await indicatorId(patss, '5.1-3')),
			internalNotes: 'Nota del equipo'
		});
		const r = await post(editActions.update, COORD, { slug: 'patss', id: String(id) }, form);
		expect(r).toEqual({ kind: 'redirect', status: 303, location: `/programmes/patss/risks/${id}?notice=saved` });
		const detail = await loadRiskDetail(db, patss, { internal: true }, { riskId: id, asOf: AS_OF });
		expect(detail.entry).toMatchObject({ status: 'monitoring', internalNotes: 'Nota del equipo', version: version + 1 });
		expect(detail.entry.indicators.map((i) => i.code)).toEqual(['5.1-3']);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity_id', '=', String(id))
			.where('action', '=', 'update')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.after!)).toMatchObject({ status: 'monitoring' });

		const stale = failure(
			await post(editActions.update, 'coord2.patss@avance.test', { slug: 'patss', id: String(id) }, { ...form, status: 'closed' })
		);
		expect(stale.status).toBe(409);
		expect((await riskRow(id)).status).toBe('monitoring');
	});

	it('asks for confirmation before deleting, then deletes the entry with its history and an audit row', async () => {
		const id = await riskId(patss, 'R8');
		const { version } = await riskRow(id);
		const ask = await post(editActions.delete, COORD, { slug: 'patss', id: String(id) }, { version: String(version) });
		expect(ask).toMatchObject({
			kind: 'value',
			value: { confirmDelete: { version, impact: { reviews: 1, checks: 0, indicators: 1, recommendations: 0 } } }
		});
		expect(await db.selectFrom('risk').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();

		const done = await post(editActions.delete, COORD, { slug: 'patss', id: String(id) }, { version: String(version), confirm: 'yes' });
		expect(done).toEqual({ kind: 'redirect', status: 303, location: '/programmes/patss/risks?notice=deleted' });
		expect(await db.selectFrom('risk').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
		expect(await db.selectFrom('risk_review').select('id').where('risk_id', '=', id).executeTakeFirst()).toBeUndefined();
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity_id', '=', String(id))
			.where('action', '=', 'delete')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.before!)).toMatchObject({ code: 'R8', impact: { reviews: 1 } });
	});
});

describe('programme overview', () => {
	it('lists the entries that need review, with their reasons', async () => {
		await db.updateTable('programme').set({ revised_end_date: '2030-12-31' }).where('id', '=', patss.id).execute();
		const r = await load<{ reviewNeeded: { code: string; flag: { offTrack: string[] } }[]; logframe: unknown[] }>(
			loadOverview,
			// The overview is the team's page (a donor lands on the dashboard).
			'evaluator@avance.test',
			{ slug: 'patss' }
		);
		if (r.kind !== 'value') throw new Error('overview did not load');
		expect(r.value.logframe).toHaveLength(5);
		expect(r.value.reviewNeeded.find((e) => e.code === 'R6')?.flag.offTrack).toEqual(['M3-1']);
		expect(r.value.reviewNeeded.some((e) => e.code === 'R1')).toBe(false);
		await db.updateTable('programme').set({ revised_end_date: null }).where('id', '=', patss.id).execute();
	});
});
