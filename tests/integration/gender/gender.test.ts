import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { openConfigured } from '$lib/server/db/connection';
import { translate } from '$lib/i18n/translate';
import type { Programme } from '$lib/model';
import { createGenderAction } from '$lib/server/gender/actions';
import { loadGenderCheck, loadGenderStrategy, type GenderStrategy } from '$lib/server/gender/strategy';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { load as loadOverview } from '../../../src/routes/programmes/[slug]/+page.server';
import { load as loadGender } from '../../../src/routes/programmes/[slug]/gender/+page.server';
import { actions as editActions, load as loadEdit } from '../../../src/routes/programmes/[slug]/gender/[id]/edit/+page.server';
import { actions as newActions, load as loadNew } from '../../../src/routes/programmes/[slug]/gender/new/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { formFailure, loadAs, postAs } from '../../helpers/actions';

const AS_OF = '2026-11-21';
const COORD = 'coord.patss@avance.test';
const DONOR = 'donor.iess@avance.test';

let db: Db;
let patss: Programme;
let ecuador: Programme;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	ecuador = (await getProgrammeBySlug(db, 'ecuador-desempleo-ue'))!;
});

const indicatorId = async (programme: Programme, code: string) =>
	(
		await db
			.selectFrom('indicator')
			.select('id')
			.where('programme_id', '=', programme.id)
			.where('code', '=', code)
			.executeTakeFirstOrThrow()
	).id;
const moduleId = async (programme: Programme, code: string) =>
	(await db.selectFrom('module').select('id').where('programme_id', '=', programme.id).where('code', '=', code).executeTakeFirstOrThrow())
		.id;
const actionRow = (id: number) => db.selectFrom('gender_action').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const counts = async () => {
	const n = async (table: 'gender_action' | 'gender_action_indicator' | 'audit_log') =>
		Number(
			(
				await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return { actions: await n('gender_action'), links: await n('gender_action_indicator'), audit: await n('audit_log') };
};

type Action = (event: never) => unknown;
const post = (action: Action, email: string, params: Record<string, string>, form: Record<string, string | string[]>) =>
	postAs(db, action, email, { params, form });
const load = (fn: Action, email: string, params: Record<string, string>) => loadAs(db, fn, email, { params });
const failure = formFailure;
const group = (s: GenderStrategy, code: string | null) => s.groups.find((g) => (g.module?.code ?? null) === code)!;

describe('the gender page', () => {
	it('groups the actions by module, with each module’s summary and its overdue actions', async () => {
		const s = await loadGenderStrategy(db, patss, { internal: true }, { asOf: AS_OF });
		expect(s.groups.map((g) => g.module?.code ?? 'programme')).toEqual(['programme', 'M1', 'M2', 'M3', 'M4', 'M5']);
		const wide = group(s, null);
		expect(wide.actions.map((a) => a.title)).toEqual([expect.stringContaining('Estrategia de género acordada con el IESS')]);
		expect(wide.summary).toEqual({ total: 1, overdue: 1, byStatus: { planned: 0, ongoing: 1, completed: 0, cancelled: 0 } });
		const m5 = group(s, 'M5');
		expect(m5.actions[0]!.title).toContain('Capítulo sobre igualdad de género');
		expect(m5.summary.overdue).toBe(1);
		expect(group(s, 'M3').summary).toMatchObject({ total: 1, overdue: 0, byStatus: { completed: 1 } });
	});

	it('judges overdue as of the date asked: before its due date the strategy action is not overdue', async () => {
		const s = await loadGenderStrategy(db, patss, { internal: true }, { asOf: '2021-07-15' });
		expect(group(s, null).actions[0]!.overdue).toBe(false);
		expect(group(s, 'M2').actions[0]!.overdue).toBe(false);
		expect(group(s, 'M5').actions[0]!.overdue).toBe(true);
	});

	it('shows women and men per period for each linked indicator, with the gap and its change against the first period', async () => {
		const s = await loadGenderStrategy(db, patss, { internal: true }, { asOf: AS_OF });
		const m5 = group(s, 'M5');
		expect(m5.indicators.map((i) => i.code)).toEqual(['5.1-3', 'M5-1']);
		const trained = m5.indicators.find((i) => i.code === 'M5-1')!.series;
		expect(trained.rows.map((r) => [r.period.label, r.women, r.men, r.gap])).toEqual([
			['2019-S2', 40, 35, 5],
			['2020-S2', 70, 60, 10],
			['2021-S2', 80, 65, 15]
		]);
		expect(trained.baseline?.period.label).toBe('2019-S2');
		expect(trained.rows.map((r) => r.gapChange)).toEqual([null, 5, 10]);
		expect(trained.rows[2]!.ratio).toBeCloseTo(80 / 65, 10);
		expect(trained.movement).toBe('widening');
		expect(trained.rows.every((r) => r.period.isIllustrative)).toBe(true);

		const affiliation = group(s, 'M3').indicators[0]!;
		expect(affiliation).toMatchObject({ code: 'M3-1', measure: 'percentage', status: 'off_track' });
		// Women's affiliation falls further behind men's (a gap of 1.6 points grows to 1.9 and 1.8): the
		// size of the gap grows, and the page says "widening" with the same sign.
		expect(affiliation.series.rows.map((r) => r.gapChange?.toFixed(1) ?? null)).toEqual([null, '0.3', '0.2']);
		expect(affiliation.series.movement).toBe('widening');
	});

	it('warns, for gender marker 1, about modules without actions or without sex-disaggregated indicators', async () => {
		const s = await loadGenderStrategy(db, patss, { internal: true }, { asOf: AS_OF });
		expect(s.check.applies).toBe(true);
		expect(s.check.withoutActions).toEqual([]);
		expect(s.check.withoutIndicators.map((m) => m.code)).toEqual(['M1', 'M2']);
		const ec = await loadGenderCheck(db, ecuador, { internal: true });
		expect(ec.withoutActions.map((m) => m.code)).toEqual(['M4']);
		expect(ec.withoutIndicators.map((m) => m.code)).toEqual(['M1', 'M2', 'M4']);
		const overview = await load(loadOverview, 'evaluator@avance.test', { slug: 'ecuador-desempleo-ue' });
		expect(overview).toMatchObject({ kind: 'value', value: { genderCheck: { withoutActions: [{ code: 'M4' }] } } });
	});

	it('loads in the same number of statements however many actions there are', async () => {
		const peru = (await getProgrammeBySlug(db, 'peru-desempleo-ue'))!;
		let statements = 0;
		const counting = openConfigured({ onQuery: () => statements++ });
		const measure = async () => {
			statements = 0;
			await loadGenderStrategy(counting, peru, { internal: true }, { asOf: AS_OF });
			return statements;
		};
		const before = await measure();
		const admin = { id: await userId(db, 'admin@avance.test') };
		const pe4 = await indicatorId(peru, 'PE-4');
		const modules = await db.selectFrom('module').select('id').where('programme_id', '=', peru.id).execute();
		for (let i = 0; i < 30; i++) {
			await createGenderAction(db, admin, peru, {
				moduleId: modules[i % modules.length]!.id,
				title: `Acción de carga ${i}`,
				description: '',
				type: 'analysis',
				responsible: '',
				partner: '',
				startDate: null,
				dueDate: '2022-01-01',
				status: 'planned',
				evidenceUrl: null,
				internalNotes: '',
				indicatorIds: [pe4]
			});
		}
		const after = await measure();
		await counting.destroy();
		expect(after).toBe(before);
		expect(after).toBeLessThanOrEqual(8);
	});
});

describe('reading as a donor or an evaluator', () => {
	it('gives a donor the page without internal notes and without editing rights', async () => {
		const r = await load(loadGender, DONOR, { slug: 'patss' });
		if (r.kind !== 'value') throw new Error('donor could not load');
		const data = r.value as { strategy: GenderStrategy; canEdit: boolean; internal: boolean };
		expect(data.canEdit).toBe(false);
		expect(data.internal).toBe(false);
		const all = data.strategy.groups.flatMap((g) => g.actions);
		expect(all.length).toBeGreaterThan(0);
		expect(all.every((a) => a.internalNotes === '')).toBe(true);
		expect(JSON.stringify(data)).not.toContain('validación de la nueva Dirección General');
	});

	it('gives an evaluator the internal notes but no editing rights', async () => {
		const r = await load(loadGender, 'evaluator@avance.test', { slug: 'patss' });
		if (r.kind !== 'value') throw new Error('evaluator could not load');
		const data = r.value as { strategy: GenderStrategy; canEdit: boolean };
		expect(data.canEdit).toBe(false);
		expect(JSON.stringify(data)).toContain('validación de la nueva Dirección General');
	});

	it('keeps the editing pages from donors and evaluators', async () => {
		const id = String(group(await loadGenderStrategy(db, patss, { internal: true }, { asOf: AS_OF }), 'M1').actions[0]!.id);
		for (const email of [DONOR, 'evaluator@avance.test']) {
			expect(await load(loadNew, email, { slug: 'patss' })).toMatchObject({ kind: 'error', status: 403 });
			expect(await load(loadEdit, email, { slug: 'patss', id })).toMatchObject({ kind: 'error', status: 403 });
		}
		expect(await load(loadNew, COORD, { slug: 'patss' })).toMatchObject({ kind: 'value' });
	});
});

describe('editing actions', () => {
	const form = async (over: Record<string, string | string[]> = {}) => ({
		_form: 'action',
		moduleId: String(await moduleId(patss, 'M3')),
		title: 'Taller con asociaciones de trabajadoras por cuenta propia',
		description: 'Recoger sus necesidades de protección.',
		type: 'participation',
		responsible: 'Equipo de cobertura, OIT',
		partner: 'IESS',
		startDate: '2021-03-01',
		dueDate: '2021-09-30',
		status: 'planned',
		evidenceUrl: '',
		internalNotes: 'Confirmar fechas',
		indicatorIds: String(await indicatorId(patss, 'M3-1')),
		...over
	});
	let created: number;

	it('creates an action with its links and an audit row', async () => {
		const r = await post(newActions.create, COORD, { slug: 'patss' }, await form());
		expect(r).toEqual({ kind: 'redirect', status: 303, location: '/programmes/patss/gender?notice=created' });
		const row = await db
			.selectFrom('gender_action')
			.selectAll()
			.where('title', '=', 'Taller con asociaciones de trabajadoras por cuenta propia')
			.executeTakeFirstOrThrow();
		created = row.id;
		const links = await db.selectFrom('gender_action_indicator').select('indicator_id').where('action_id', '=', row.id).execute();
		expect(links.map((l) => l.indicator_id)).toEqual([await indicatorId(patss, 'M3-1')]);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'gender_action')
			.where('entity_id', '=', String(row.id))
			.execute();
		expect(audit.map((a) => [a.action, a.user_id])).toEqual([['create', await userId(db, COORD)]]);
	});

	it('refuses bad input with 400 and a message next to the field, keeping what was typed', async () => {
		const cases: [Record<string, string | string[]>, string, string][] = [
			[{ title: '' }, 'title', translate('es', 'validation.required')],
			[{ title: 'x'.repeat(301) }, 'title', translate('es', 'validation.tooLong', { max: 300 })],
			[{ type: 'lobbying' }, 'type', translate('es', 'validation.choice')],
			[{ indicatorIds: String(await indicatorId(patss, 'M2-1')) }, 'indicatorIds', translate('es', 'gender.indicatorNotDisaggregated')],
			[{ indicatorIds: String(await indicatorId(ecuador, 'EC-3')) }, 'indicatorIds', translate('es', 'risks.unknownIndicator')],
			[{ moduleId: String(await moduleId(ecuador, 'M1')) }, 'moduleId', translate('es', 'validation.unknownRecord')],
			[{ dueDate: '2021-01-01' }, 'dueDate', translate('es', 'validation.endBeforeStart')],
			[
				{ startDate: '2017-01-01' },
				'startDate',
				translate('es', 'validation.outsideProgramme', { start: '1 oct 2018', end: '31 mar 2022' })
			],
			[{ evidenceUrl: 'javascript:alert(1)' }, 'evidenceUrl', translate('es', 'validation.url')]
		];
		const before = await counts();
		for (const [over, field, message] of cases) {
			const f = failure(await post(newActions.create, COORD, { slug: 'patss' }, await form(over)));
			expect(f.status, field).toBe(400);
			expect(f.data.errors[field], field).toEqual([message]);
			expect(f.data.values.responsible).toBe('Equipo de cobertura, OIT');
		}
		expect(await counts()).toEqual(before);
	});

	it('updates an action and refuses a save made on a stale version', async () => {
		const { version } = await actionRow(created);
		const params = { slug: 'patss', id: String(created) };
		const update = await form({
			version: String(version),
			status: 'completed',
			evidenceUrl: 'https://example.org/informe.pdf',
			indicatorIds: []
		});
		expect(await post(editActions.update, COORD, params, update)).toEqual({
			kind: 'redirect',
			status: 303,
			location: '/programmes/patss/gender?notice=saved'
		});
		expect(await actionRow(created)).toMatchObject({
			status: 'completed',
			evidence_url: 'https://example.org/informe.pdf',
			version: version + 1
		});
		expect(await db.selectFrom('gender_action_indicator').select('indicator_id').where('action_id', '=', created).execute()).toEqual([]);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'gender_action')
			.where('entity_id', '=', String(created))
			.where('action', '=', 'update')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.after!)).toMatchObject({ status: 'completed', indicatorIds: [] });

		const stale = failure(await post(editActions.update, 'coord2.patss@avance.test', params, { ...update, status: 'cancelled' }));
		expect(stale.status).toBe(409);
		expect(stale.data.formError).toBe(translate('es', 'error.conflict'));
		expect((await actionRow(created)).status).toBe('completed');
	});

	it('refuses donors’ and evaluators’ crafted POSTs with 403 and changes nothing', async () => {
		const row = await actionRow(created);
		const before = await counts();
		const params = { slug: 'patss', id: String(created) };
		for (const email of [DONOR, 'evaluator@avance.test']) {
			const attempts = [
				await post(newActions.create, email, { slug: 'patss' }, await form()),
				await post(editActions.update, email, params, await form({ version: String(row.version), title: 'Cambiado' })),
				await post(editActions.delete, email, params, { version: String(row.version), confirm: 'yes' })
			];
			for (const r of attempts) expect(r).toMatchObject({ kind: 'error', status: 403 });
		}
		expect(await counts()).toEqual(before);
		expect(await actionRow(created)).toEqual(row);
	});

	it('answers 404 for an action of another programme', async () => {
		const other = (await db.selectFrom('gender_action').select('id').where('programme_id', '=', ecuador.id).executeTakeFirstOrThrow()).id;
		expect(await load(loadEdit, COORD, { slug: 'patss', id: String(other) })).toMatchObject({ kind: 'error', status: 404 });
		const f = failure(await post(editActions.update, COORD, { slug: 'patss', id: String(other) }, await form({ version: '1' })));
		expect(f.status).toBe(404);
	});

	it('asks for confirmation before deleting, then deletes with an audit row', async () => {
		const { version } = await actionRow(created);
		const params = { slug: 'patss', id: String(created) };
		expect(await post(editActions.delete, COORD, params, { version: String(version) })).toMatchObject({
			kind: 'value',
			value: { confirmDelete: { version, links: 0 } }
		});
		expect(await post(editActions.delete, COORD, params, { version: String(version), confirm: 'yes' })).toEqual({
			kind: 'redirect',
			status: 303,
			location: '/programmes/patss/gender?notice=deleted'
		});
		expect(await db.selectFrom('gender_action').select('id').where('id', '=', created).executeTakeFirst()).toBeUndefined();
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'gender_action')
			.where('entity_id', '=', String(created))
			.where('action', '=', 'delete')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.before!)).toMatchObject({ status: 'completed' });
	});
});
