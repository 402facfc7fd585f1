import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { narrativeDueStatus } from '$lib/narrative-rule';
import type { PeriodSheet, SheetRow } from '$lib/server/results/period-sheet';
import type { ReviewQueue } from '$lib/server/results/bulk-review';
import { actions as sheetActions, load as loadSheet } from '../../../src/routes/programmes/[slug]/entry/[period]/+page.server';
import { actions as reviewActions, load as loadReview } from '../../../src/routes/programmes/[slug]/review/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { createProgramme, programmeCreateSchema } from '$lib/server/programmes/fact-sheet';
import { createPeriod } from '$lib/server/programmes/periods';
import { seeded } from '../../helpers/programme';
import { submitValue } from '$lib/server/results/values';

// The period entry sheet and bulk review of issue 22, through their real routes: good rows are
// saved together (one transaction per sheet), refused rows come back with their messages and what
// was typed; the four-eyes rule holds value by value in a bulk review.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
const COORD2 = 'coord2.patss@avance.test';

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function sheetFor(email: string, period: string, query = '') {
	const id = patss.periodId(period);
	const r = await loadAs<{ sheet: PeriodSheet }>(db, loadSheet, email, {
		params: { slug: 'patss', period: String(id) },
		url: `http://localhost/programmes/patss/entry/${id}${query}`
	});
	if (r.kind !== 'value') throw new Error(`load failed: ${JSON.stringify(r)}`);
	return r.value.sheet;
}

const postSheet = (email: string, period: string, form: Record<string, string | string[]>) =>
	postAs(db, sheetActions.default, email, {
		params: { slug: 'patss', period: String(patss.periodId(period)) },
		url: `http://localhost/programmes/patss/entry/${patss.periodId(period)}`,
		route: '/programmes/[slug]/entry/[period]',
		form
	});

async function queueFor(email: string) {
	const r = await loadAs<{ queue: ReviewQueue }>(db, loadReview, email, {
		params: { slug: 'patss' },
		url: 'http://localhost/programmes/patss/review'
	});
	if (r.kind !== 'value') throw new Error(`load failed: ${JSON.stringify(r)}`);
	return r.value.queue;
}

const postReview = (email: string, form: Record<string, string | string[]>) =>
	postAs(db, reviewActions.default, email, { params: { slug: 'patss' }, url: 'http://localhost/programmes/patss/review', form });

const openValue = (indicatorId: number, period: string) =>
	db
		.selectFrom('indicator_value')
		.selectAll()
		.where('indicator_id', '=', indicatorId)
		.where('period_id', '=', patss.periodId(period))
		.where('status', 'in', ['draft', 'submitted', 'returned'])
		.executeTakeFirst();

/** The rows a sheet's save refused because someone else changed them meanwhile. */
const conflictsOf = (failure: { data: object }) => (failure.data as { conflicts?: number[] }).conflicts;

/** Counts the period does not hold yet (split by sex first): rows the sheet lets one type. */
const freeCounts = (sheet: PeriodSheet) =>
	sheet.rows
		.filter((r) => !r.open && !r.approved && r.indicator.measure === 'number')
		.sort((x, y) => Number(y.indicator.disaggregatedBySex) - Number(x.indicator.disaggregatedBySex));

describe('the period entry sheet', () => {
	it('lists every indicator entered by hand for the period, and filters by key indicator and module', async () => {
		const sheet = await sheetFor(COORD, '2022-S1');
		const manual = await db
			.selectFrom('indicator')
			.select('id')
			.where('programme_id', '=', patss.programme.id)
			.where('source', '=', 'manual')
			.execute();
		expect(sheet.rows.map((r) => r.indicator.id).sort()).toEqual(manual.map((m) => m.id).sort());
		const key = await sheetFor(COORD, '2022-S1', '?key=1');
		expect(key.rows.length).toBeGreaterThan(0);
		expect(key.rows.length).toBeLessThan(sheet.rows.length);
		expect(key.rows.every((r) => r.indicator.isKey)).toBe(true);
		const moduleId = sheet.modules[0]!.id;
		const inModule = await sheetFor(COORD, '2022-S1', `?module=${moduleId}`);
		expect(inModule.rows.every((r) => r.indicator.moduleId === moduleId)).toBe(true);
		// Donors and evaluators do not record values: no sheet for them.
		const donor = await loadAs(db, loadSheet, 'donor.iess@avance.test', {
			params: { slug: 'patss', period: String(patss.periodId('2022-S1')) }
		});
		expect(donor).toMatchObject({ kind: 'error', status: 403 });
	});

	it('saves the good rows together and gives back the refused ones with their messages and what was typed', async () => {
		const sheet = await sheetFor(COORD, '2022-S1');
		const [a, b, c] = freeCounts(sheet);
		expect(c, 'the seed has three counts without a value for 2022-S1').toBeDefined();
		expect(b!.indicator.disaggregatedBySex).toBe(true);
		const form = {
			rows: [a, b, c].map((r) => String(r!.indicator.id)),
			intent: 'draft',
			[`v.${a!.indicator.id}.value`]: '30',
			[`v.${a!.indicator.id}.women`]: '20',
			[`v.${a!.indicator.id}.men`]: '10',
			// Women + men ≠ total: refused by the value form's own sum rule.
			[`v.${b!.indicator.id}.value`]: '30',
			[`v.${b!.indicator.id}.women`]: '20',
			[`v.${b!.indicator.id}.men`]: '5',
			// Not a number.
			[`v.${c!.indicator.id}.value`]: 'treinta',
			[`v.${c!.indicator.id}.women`]: '1',
			[`v.${c!.indicator.id}.men`]: '1'
		};
		const failure = formFailure(await postSheet(COORD, '2022-S1', form));
		expect(failure.status).toBe(400);
		expect(failure.data.formError).toContain('1');
		expect(failure.data.errors[`v.${b!.indicator.id}.value`]?.[0]).toMatch(/mujeres \+ hombres/);
		expect(failure.data.errors[`v.${c!.indicator.id}.value`]).toBeDefined();
		expect(failure.data.errors[`v.${a!.indicator.id}.value`]).toBeUndefined();
		// What was typed comes back for every row.
		expect(failure.data.values[`v.${c!.indicator.id}.value`]).toBe('treinta');
		// The good row was saved as a draft; the refused ones were not.
		expect(await openValue(a!.indicator.id, '2022-S1')).toMatchObject({ status: 'draft', value: 30, women: 20, men: 10 });
		expect(await openValue(b!.indicator.id, '2022-S1')).toBeUndefined();
		expect(await openValue(c!.indicator.id, '2022-S1')).toBeUndefined();
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'after'])
			.where('entity', '=', 'indicator_value')
			.where('entity_id', '=', String((await openValue(a!.indicator.id, '2022-S1'))!.id))
			.execute();
		expect(audit.map((x) => x.action)).toEqual(['create']);
	});

	it('submits all at once, each row checked by the "explain why it lags" rule, and rows left blank are left alone', async () => {
		const sheet = await sheetFor(COORD, '2022-S1');
		// b: a count that a zero would leave lagging, by the status module's rule (what the page hints).
		const lags = (r: SheetRow) =>
			narrativeDueStatus(
				patss.programme,
				r.indicator,
				sheet.periods,
				new Map(r.targets),
				new Map(r.approvedSeries),
				sheet.period.id,
				0,
				''
			) !== null;
		const b = freeCounts(sheet).find(lags)!;
		expect(b, 'the seed has a count that a zero leaves lagging').toBeDefined();
		const [a, blank] = freeCounts(sheet).filter((r) => r !== b);
		const draftForm = {
			rows: [String(a!.indicator.id)],
			intent: 'draft',
			[`v.${a!.indicator.id}.value`]: '30',
			[`v.${a!.indicator.id}.women`]: '20',
			[`v.${a!.indicator.id}.men`]: '10'
		};
		expect(await postSheet(COORD, '2022-S1', draftForm)).toMatchObject({ kind: 'redirect', status: 303 });
		const draft = (await openValue(a!.indicator.id, '2022-S1'))!;
		// A zero for an indicator that expects progress leaves it lagging: a narrative is due.
		const zero = { [`v.${b!.indicator.id}.value`]: '0', [`v.${b!.indicator.id}.women`]: '0', [`v.${b!.indicator.id}.men`]: '0' };
		const submit = {
			rows: [a, b, blank].map((r) => String(r!.indicator.id)),
			intent: 'submit',
			[`v.${a!.indicator.id}.value`]: '30',
			[`v.${a!.indicator.id}.women`]: '20',
			[`v.${a!.indicator.id}.men`]: '10',
			[`v.${a!.indicator.id}.narrative`]: 'Talleres en Quito y Guayaquil.',
			[`v.${a!.indicator.id}.valueVersion`]: String(draft.version),
			...zero
		};
		const lagging = formFailure(await postSheet(COORD, '2022-S1', submit)).data.errors[`v.${b!.indicator.id}.narrative`];
		expect(lagging?.[0]).toMatch(/explique/);
		expect(await openValue(a!.indicator.id, '2022-S1')).toMatchObject({ status: 'submitted', narrative: 'Talleres en Quito y Guayaquil.' });
		expect(await openValue(b!.indicator.id, '2022-S1')).toBeUndefined();
		// With the narrative it goes through.
		const again = await postSheet(COORD, '2022-S1', {
			rows: [String(b!.indicator.id)],
			intent: 'submit',
			...zero,
			[`v.${b!.indicator.id}.narrative`]: 'El taller se aplazó al segundo semestre.'
		});
		expect(again).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await openValue(b!.indicator.id, '2022-S1')).toMatchObject({ status: 'submitted' });
		expect(await openValue(blank!.indicator.id, '2022-S1')).toBeUndefined();
		// A stale version is a conflict for that row only, never a 500.
		const stale = formFailure(
			await postSheet(COORD, '2022-S1', {
				rows: [String(blank!.indicator.id)],
				intent: 'draft',
				[`v.${blank!.indicator.id}.value`]: '4',
				[`v.${blank!.indicator.id}.women`]: '2',
				[`v.${blank!.indicator.id}.men`]: '2',
				[`v.${blank!.indicator.id}.valueVersion`]: '7'
			})
		);
		expect(stale.data.errors[`v.${blank!.indicator.id}.value`]).toBeDefined();
		expect(conflictsOf(stale)).toEqual([blank!.indicator.id]);
		// A sheet opened while the period had no value posts no version: a colleague's draft saved
		// since is a conflict too, never overwritten unseen (review of issue 22, finding 24).
		const figures = (total: string, half: string) => ({
			rows: [String(blank!.indicator.id)],
			intent: 'draft',
			[`v.${blank!.indicator.id}.value`]: total,
			[`v.${blank!.indicator.id}.women`]: half,
			[`v.${blank!.indicator.id}.men`]: half
		});
		expect(await postSheet(COORD2, '2022-S1', figures('4', '2'))).toMatchObject({ kind: 'redirect', status: 303 });
		const unseen = formFailure(await postSheet(COORD, '2022-S1', figures('6', '3')));
		expect(conflictsOf(unseen)).toEqual([blank!.indicator.id]);
		expect(unseen.data.errors[`v.${blank!.indicator.id}.value`]?.[0]).toMatch(/^No se guardó: compárelo/);
		expect(await openValue(blank!.indicator.id, '2022-S1')).toMatchObject({ status: 'draft', value: 4 });
		// Posted against the version now shown, it replaces it.
		const shown = (await openValue(blank!.indicator.id, '2022-S1'))!;
		expect(
			await postSheet(COORD, '2022-S1', { ...figures('6', '3'), [`v.${blank!.indicator.id}.valueVersion`]: String(shown.version) })
		).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await openValue(blank!.indicator.id, '2022-S1')).toMatchObject({ status: 'draft', value: 6 });
		// Sent for review by the colleague meanwhile: refused as a conflict, saying so, nothing changed.
		const sixDraft = (await openValue(blank!.indicator.id, '2022-S1'))!;
		expect(
			await postSheet(COORD2, '2022-S1', {
				...figures('6', '3'),
				intent: 'submit',
				[`v.${blank!.indicator.id}.valueVersion`]: String(sixDraft.version),
				[`v.${blank!.indicator.id}.include`]: '1',
				[`v.${blank!.indicator.id}.narrative`]: 'Explicado.'
			})
		).toMatchObject({ kind: 'redirect', status: 303 });
		const underReview = formFailure(
			await postSheet(COORD, '2022-S1', { ...figures('9', '4'), [`v.${blank!.indicator.id}.valueVersion`]: String(sixDraft.version) })
		);
		expect(conflictsOf(underReview)).toEqual([blank!.indicator.id]);
		expect(underReview.data.errors[`v.${blank!.indicator.id}.value`]).toEqual(['No se guardó: este valor ya está en revisión.']);
		expect(await openValue(blank!.indicator.id, '2022-S1')).toMatchObject({ status: 'submitted', value: 6 });
	});
});

describe('evidence already attached (review of issue 22, finding 21)', () => {
	it('lists the files of a saved draft on its row, so a coordinator who comes back does not upload them again', async () => {
		const [a] = freeCounts(await sheetFor(COORD, '2022-S1'));
		const id = a!.indicator.id;
		const file = new File([new TextEncoder().encode('%PDF-1.4\n% lista de asistencia\n')], 'lista asistencia.pdf', {
			type: 'application/pdf'
		});
		const saved = await postSheet(COORD, '2022-S1', {
			rows: [String(id)],
			intent: 'draft',
			[`v.${id}.value`]: '6',
			...(a!.indicator.disaggregatedBySex ? { [`v.${id}.women`]: '3', [`v.${id}.men`]: '3' } : {}),
			[`v.${id}.evidenceFile`]: file
		} as never);
		expect(saved).toMatchObject({ kind: 'redirect', status: 303 });
		const row = (await sheetFor(COORD, '2022-S1')).rows.find((r) => r.indicator.id === id)!;
		expect(row.open).toMatchObject({ status: 'draft', value: 6 });
		expect(row.files.map((f) => f.name)).toEqual(['lista asistencia.pdf']);
		// Rows without a value in progress list none.
		expect((await sheetFor(COORD, '2022-S1')).rows.filter((r) => !r.open).every((r) => r.files.length === 0)).toBe(true);
	});
});

describe('submit all sends only what the person changed (review of issue 22, findings 18 and 25)', () => {
	it('leaves a returned value and an untouched draft where they are, unless edited or ticked, and counts only those rows', async () => {
		const sheet = await sheetFor(COORD, '2022-S1');
		// x is split by sex (so a sum that does not add up is refused); r and d are any counts.
		const [x, r, d] = freeCounts(sheet);
		expect(d, 'the seed has three counts without a value for 2022-S1').toBeDefined();
		expect(x!.indicator.disaggregatedBySex).toBe(true);
		const figures = (row: SheetRow, total: string, women: string, men: string) => ({
			[`v.${row.indicator.id}.value`]: total,
			...(row.indicator.disaggregatedBySex ? { [`v.${row.indicator.id}.women`]: women, [`v.${row.indicator.id}.men`]: men } : {}),
			[`v.${row.indicator.id}.narrative`]: 'Explicado.'
		});
		// r: submitted, then returned by a colleague with a note; d: saved as a draft.
		expect(
			await postSheet(COORD, '2022-S1', { rows: [String(r!.indicator.id)], intent: 'submit', ...figures(r!, '30', '20', '10') })
		).toMatchObject({
			kind: 'redirect'
		});
		const submitted = (await openValue(r!.indicator.id, '2022-S1'))!;
		expect(
			await postReview(COORD2, {
				decision: 'return',
				pick: [`${submitted.id}:${submitted.version}`],
				[`note.${submitted.id}`]: 'Falta la lista.'
			})
		).toMatchObject({
			kind: 'redirect'
		});
		expect(
			await postSheet(COORD, '2022-S1', { rows: [String(d!.indicator.id)], intent: 'draft', ...figures(d!, '8', '4', '4') })
		).toMatchObject({
			kind: 'redirect'
		});
		// The sheet as the browser posts it: r and d prefilled with their stored figures, only x typed.
		const reloaded = await sheetFor(COORD, '2022-S1');
		const prefilled = (row: SheetRow) => {
			const open = reloaded.rows.find((o) => o.indicator.id === row.indicator.id)!.open!;
			return {
				...figures(row, String(open.value), String(open.women), String(open.men)),
				[`v.${row.indicator.id}.valueVersion`]: String(open.version)
			};
		};
		const form = { rows: [r, d, x].map((row) => String(row!.indicator.id)), intent: 'submit', ...prefilled(r!), ...prefilled(d!) };
		// x with a sum that does not add up: refused; the partial count names only the rows changed.
		const partial = formFailure(await postSheet(COORD, '2022-S1', { ...form, ...figures(x!, '5', '1', '1') }));
		expect(partial.data.formError).toBe('Ninguna fila se guardó: corrija las filas marcadas.');
		expect(await postSheet(COORD, '2022-S1', { ...form, ...figures(x!, '5', '3', '2') })).toMatchObject({ kind: 'redirect' });
		expect(await openValue(x!.indicator.id, '2022-S1')).toMatchObject({ status: 'submitted', value: 5 });
		expect(await openValue(r!.indicator.id, '2022-S1')).toMatchObject({ status: 'returned', return_note: 'Falta la lista.' });
		expect(await openValue(d!.indicator.id, '2022-S1')).toMatchObject({ status: 'draft', value: 8 });
		// Nothing changed at all: said so, nothing saved.
		const again = await sheetFor(COORD, '2022-S1');
		const still = { rows: [r, d].map((row) => String(row!.indicator.id)), intent: 'submit' };
		const prefilledAgain = (row: SheetRow) => {
			const open = again.rows.find((o) => o.indicator.id === row.indicator.id)!.open!;
			return {
				...figures(row, String(open.value), String(open.women), String(open.men)),
				[`v.${row.indicator.id}.valueVersion`]: String(open.version)
			};
		};
		expect(formFailure(await postSheet(COORD, '2022-S1', { ...still, ...prefilledAgain(r!), ...prefilledAgain(d!) })).data.formError).toBe(
			'No escribió ni cambió ningún valor.'
		);
		// Ticked: the draft goes on as it stands; edited: the returned value goes back.
		const sent = await postSheet(COORD, '2022-S1', {
			...still,
			...prefilledAgain(r!),
			...prefilledAgain(d!),
			...figures(r!, '31', '21', '10'),
			[`v.${d!.indicator.id}.include`]: '1'
		});
		expect(sent).toMatchObject({ kind: 'redirect' });
		expect(await openValue(r!.indicator.id, '2022-S1')).toMatchObject({ status: 'submitted', value: 31 });
		expect(await openValue(d!.indicator.id, '2022-S1')).toMatchObject({ status: 'submitted', value: 8 });
	});
});

describe('the sheet of an empty programme (review of issue 22, finding 15)', () => {
	it('tells an empty logframe from filters that hide every row', async () => {
		const actor = { id: await userId(db, 'admin@avance.test') };
		const empty = await createProgramme(
			db,
			actor,
			programmeCreateSchema.parse({
				code: 'GTM/26/02/RBS',
				slug: 'guatemala-vacio',
				shortName: 'Guatemala vacío',
				title: 'Programa sin marco lógico',
				country: 'Guatemala',
				fundingModality: 'rbsa',
				currency: 'USD',
				startDate: '2026-01-01',
				endDate: '2027-12-31',
				status: 'active',
				genderMarker: '1',
				contentLanguage: 'es'
			})
		);
		await createPeriod(db, actor, empty, { label: '2026-S1', startDate: '2026-01-01', endDate: '2026-06-30' });
		const period = await db.selectFrom('reporting_period').select('id').where('programme_id', '=', empty.id).executeTakeFirstOrThrow();
		const r = await loadAs<{ sheet: PeriodSheet }>(db, loadSheet, 'admin@avance.test', {
			params: { slug: 'guatemala-vacio', period: String(period.id) },
			url: `http://localhost/programmes/guatemala-vacio/entry/${period.id}`
		});
		if (r.kind !== 'value') throw new Error(JSON.stringify(r));
		expect(r.value.sheet.manualCount).toBe(0);
		// PATSS filtered to a module with no manual indicator shows no row, but its logframe is not empty.
		const patssSheet = await sheetFor(COORD, '2022-S1', '?module=999999');
		expect(patssSheet.rows).toHaveLength(0);
		expect(patssSheet.manualCount).toBeGreaterThan(0);
	});
});

describe('bulk review', () => {
	async function submitThree() {
		const sheet = await sheetFor(COORD, '2022-S1');
		const rows = freeCounts(sheet).slice(0, 3);
		const form: Record<string, string | string[]> = { rows: rows.map((r) => String(r.indicator.id)), intent: 'submit' };
		for (const r of rows) {
			form[`v.${r.indicator.id}.value`] = '30';
			form[`v.${r.indicator.id}.women`] = '20';
			form[`v.${r.indicator.id}.men`] = '10';
			form[`v.${r.indicator.id}.narrative`] = 'Explicado.';
		}
		expect(await postSheet(COORD, '2022-S1', form)).toMatchObject({ kind: 'redirect' });
		return Promise.all(rows.map(async (r) => (await openValue(r.indicator.id, '2022-S1'))!));
	}

	it('lets a colleague approve several values at once, never offers their own, and refuses a crafted request per value', async () => {
		const values = await submitThree();
		const own = await queueFor(COORD);
		expect(own.items.map((i) => i.value.id)).not.toContain(values[0]!.id);
		expect(own.ownCount).toBe(3);
		const other = await queueFor(COORD2);
		expect(values.every((v) => other.items.some((i) => i.value.id === v.id))).toBe(true);

		// The author's crafted request: refused value by value, nothing approved.
		const crafted = formFailure(await postReview(COORD, { decision: 'approve', pick: values.map((v) => `${v.id}:${v.version}`) }));
		expect(Object.keys(crafted.data.errors)).toHaveLength(3);
		expect(
			await db
				.selectFrom('indicator_value')
				.select('status')
				.where(
					'id',
					'in',
					values.map((v) => v.id)
				)
				.execute()
		).toEqual(values.map(() => ({ status: 'submitted' })));

		// The colleague approves two in one request.
		const approve = await postReview(COORD2, { decision: 'approve', pick: values.slice(0, 2).map((v) => `${v.id}:${v.version}`) });
		expect(approve).toMatchObject({ kind: 'redirect', status: 303 });
		// The notice carries how many were reviewed (review of issue 22, finding 8).
		expect(new URL((approve as { location: string }).location, 'http://localhost').searchParams.get('n')).toBe('2');
		const after = await db
			.selectFrom('indicator_value')
			.select(['id', 'status', 'reviewed_by'])
			.where(
				'id',
				'in',
				values.map((v) => v.id)
			)
			.orderBy('id')
			.execute();
		expect(after.map((a) => a.status).sort()).toEqual(['approved', 'approved', 'submitted']);
	});

	it('returns only with a note, value by value', async () => {
		const values = await submitThree();
		const [a, b] = values;
		const r = formFailure(
			await postReview(COORD2, {
				decision: 'return',
				pick: [`${a!.id}:${a!.version}`, `${b!.id}:${b!.version}`],
				[`note.${a!.id}`]: 'Falta el listado de asistentes.',
				[`note.${b!.id}`]: '  '
			})
		);
		expect(r.data.errors[`note.${b!.id}`]?.[0]).toMatch(/nota/);
		expect(
			await db.selectFrom('indicator_value').select(['status', 'return_note']).where('id', '=', a!.id).executeTakeFirstOrThrow()
		).toEqual({
			status: 'returned',
			return_note: 'Falta el listado de asistentes.'
		});
		expect((await db.selectFrom('indicator_value').select('status').where('id', '=', b!.id).executeTakeFirstOrThrow()).status).toBe(
			'submitted'
		);
		// Sent back as it stood, the value keeps its return note: the next reviewer sees what was
		// asked (review of issue 22, finding 22); approving clears it.
		const returned = await db.selectFrom('indicator_value').select('version').where('id', '=', a!.id).executeTakeFirstOrThrow();
		await submitValue(db, { id: await userId(db, COORD) }, patss.programme, a!.id, returned.version);
		const item = (await queueFor(COORD2)).items.find((i) => i.value.id === a!.id)!;
		expect(item.value).toMatchObject({ status: 'submitted', returnNote: 'Falta el listado de asistentes.' });
		expect(await postReview(COORD2, { decision: 'approve', pick: [`${a!.id}:${item.value.version}`] })).toMatchObject({ kind: 'redirect' });
		expect(
			await db.selectFrom('indicator_value').select(['status', 'return_note']).where('id', '=', a!.id).executeTakeFirstOrThrow()
		).toEqual({ status: 'approved', return_note: null });
	});
});
