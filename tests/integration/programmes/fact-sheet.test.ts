import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions as createActions } from '../../../src/routes/admin/programmes/new/+page.server';
import { actions as editActions, load as loadEdit } from '../../../src/routes/admin/programmes/[id]/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// Programmes are data (design §2): an admin creates one and keeps every fact-sheet field.

let db: Db;
let slv: Awaited<ReturnType<typeof seeded>>;
const ADMIN = 'admin@avance.test';
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	slv = await seeded(db, 'el-salvador-pps');
});

const sheet = {
	code: 'BOL/24/01/EUR',
	slug: 'bolivia-proteccion',
	shortName: 'Protección social Bolivia',
	title: 'Apoyo a la extensión de la protección social en Bolivia',
	country: 'Bolivia',
	partners: 'Ministerio de Trabajo',
	donor: 'Unión Europea',
	fundingModality: 'eu_contribution',
	budget: '1250000,50',
	currency: 'eur',
	startDate: '2024-01-01',
	endDate: '2026-12-31',
	revisedEndDate: '',
	status: 'active',
	summary: 'Primera línea.\nSegunda línea.',
	sdgTargets: '1.3, 8.5 1.3',
	genderMarker: '1',
	iatiIdentifier: 'XM-DAC-41302-BOL2401',
	iatiReportingOrg: 'XM-DAC-41302',
	contentLanguage: 'es'
};

const editForm = (p: { version: number }, over: Record<string, string> = {}) => {
	const { slug: _slug, ...rest } = sheet;
	return { ...rest, version: String(p.version), ...over };
};

describe('the fact sheet of a programme', () => {
	it('lets an admin create a programme with every field, audited', async () => {
		const r = await postAs(db, createActions.default, ADMIN, { form: sheet });
		expect(r.kind).toBe('redirect');
		const row = await db.selectFrom('programme').selectAll().where('slug', '=', 'bolivia-proteccion').executeTakeFirstOrThrow();
		expect([row.budget_cents, row.currency, row.sdg_targets, row.iati_reporting_org, row.content_language, row.gender_marker]).toEqual([
			125000050,
			'EUR',
			'["1.3","8.5"]',
			'XM-DAC-41302',
			'es',
			1
		]);
		expect(r.kind === 'redirect' && r.location).toBe(`/programmes/bolivia-proteccion/setup?notice=created`);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'programme')
			.where('entity_id', '=', String(row.id))
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create']);
	});

	it('fills in a budget nobody could enter before, and records only what changed', async () => {
		// PATSS has no budget in its documents (the seed gives an illustrative one): cleared here, the
		// fact sheet shows "Presupuesto —" until an admin fills it in.
		await db.updateTable('programme').set({ budget_cents: null }).where('slug', '=', 'patss').execute();
		const { programme } = await seeded(db, 'patss');
		expect(programme.budgetCents).toBeNull();
		const r = await postAs(db, editActions.update, ADMIN, {
			params: { id: String(programme.id) },
			route: '/admin/programmes/[id]',
			form: editForm(programme, {
				code: programme.code,
				shortName: programme.shortName,
				title: programme.title,
				country: programme.country,
				partners: programme.partners,
				donor: programme.donor,
				fundingModality: programme.fundingModality,
				budget: '462640',
				currency: 'USD',
				startDate: programme.startDate,
				endDate: programme.endDate,
				revisedEndDate: programme.revisedEndDate ?? '',
				status: programme.status,
				summary: programme.summary,
				sdgTargets: programme.sdgTargets.join(', '),
				genderMarker: String(programme.genderMarker),
				iatiIdentifier: programme.iatiIdentifier ?? '',
				iatiReportingOrg: programme.iatiReportingOrg ?? '',
				contentLanguage: 'es'
			})
		});
		expect(r.kind === 'redirect' ? r.location : JSON.stringify(r)).toBe(`/admin/programmes/${programme.id}?notice=saved`);
		const row = await db
			.selectFrom('programme')
			.select(['budget_cents', 'version'])
			.where('id', '=', programme.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ budget_cents: 46264000, version: programme.version + 1 });
		const audit = await db
			.selectFrom('audit_log')
			.select(['before', 'after'])
			.where('entity', '=', 'programme')
			.where('action', '=', 'update')
			// The latest: the seed's donor facts were set through the same audited update before.
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.after!)).toEqual({ budgetCents: 46264000 });
		expect(JSON.parse(audit.before!)).toEqual({ budgetCents: programme.budgetCents });
	});

	it('refuses dates that would leave reporting periods or activities outside, naming them, and changes nothing', async () => {
		const { programme } = slv;
		const page = await loadAs<{ programme: typeof programme }>(db, loadEdit, ADMIN, { params: { id: String(programme.id) } });
		expect(page.kind).toBe('value');
		const r = await postAs(db, editActions.update, ADMIN, {
			params: { id: String(programme.id) },
			form: editForm(programme, { startDate: programme.startDate, endDate: '2018-06-30' })
		});
		const failure = formFailure(r);
		expect(failure.status).toBe(400);
		expect(failure.data.errors.endDate?.[0]).toMatch(/quedarían fuera del programa \d+ periodos y \d+ actividades/);
		expect(failure.data.values).toMatchObject({ endDate: '2018-06-30', code: sheet.code });
		const row = await db.selectFrom('programme').select(['end_date', 'version']).where('id', '=', programme.id).executeTakeFirstOrThrow();
		expect(row).toEqual({ end_date: programme.endDate, version: programme.version });
	});

	it('answers bad fields next to them: a taken code, an ambiguous budget, a bad currency, SDG targets and an end before the start', async () => {
		const r = await postAs(db, createActions.default, ADMIN, {
			form: { ...sheet, budget: '462.640', currency: 'dollars', sdgTargets: 'uno' }
		});
		const failure = formFailure(r);
		expect(failure.status).toBe(400);
		expect(Object.keys(failure.data.errors).sort()).toEqual(['budget', 'currency', 'sdgTargets']);
		const backwards = formFailure(await postAs(db, createActions.default, ADMIN, { form: { ...sheet, endDate: '2023-01-01' } }));
		expect(Object.keys(backwards.data.errors)).toEqual(['endDate']);
		const taken = formFailure(await postAs(db, createActions.default, ADMIN, { form: { ...sheet, code: slv.programme.code } }));
		expect(taken.data.errors.code).toEqual(['Ya hay un programa con este código.']);
		expect(await db.selectFrom('programme').select('id').where('slug', '=', 'bolivia-proteccion').executeTakeFirst()).toBeUndefined();
	});

	it('is for admins only: a coordinator who posts gets 403 and nothing is created', async () => {
		const r = await postAs(db, createActions.default, 'coord.patss@avance.test', { form: sheet });
		expect(r).toMatchObject({ kind: 'error', status: 403 });
		expect(await db.selectFrom('programme').select('id').where('slug', '=', 'bolivia-proteccion').executeTakeFirst()).toBeUndefined();
	});
});
