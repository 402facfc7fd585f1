import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions as valueActions } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { actions as indicatorEdit } from '../../../src/routes/programmes/[slug]/indicators/[id]/edit/+page.server';
import { actions as newRecommendation } from '../../../src/routes/programmes/[slug]/recommendations/new/+page.server';
import { actions as recommendationDetail } from '../../../src/routes/programmes/[slug]/recommendations/[id]/+page.server';
import { actions as sources } from '../../../src/routes/programmes/[slug]/recommendations/sources/+page.server';
import { actions as newRisk } from '../../../src/routes/programmes/[slug]/risks/new/+page.server';
import { actions as newGenderAction } from '../../../src/routes/programmes/[slug]/gender/new/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// Out-of-range figures, impossible dates and control characters, sent through the real form
// actions: each is answered 400 with the message next to its field, and nothing is written.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function post(action: unknown, form: Record<string, string>, params: Record<string, string> = {}) {
	const event = makeEvent({ user: await sessionUser(db, COORD), params: { slug: 'patss', ...params }, form, url: 'http://localhost/x' });
	const r = await outcome(() => call(action as never, event) as Promise<unknown>);
	if (r.kind !== 'value') return { status: r.status, errors: {} as Record<string, string[]> };
	const failure = r.value as { status: number; data: { errors: Record<string, string[]>; values: Record<string, string> } };
	return { status: failure.status, errors: failure.data.errors, values: failure.data.values };
}

/** Rows in the tables a form writes to, and in the audit log. */
async function counts() {
	const tables = [
		'indicator_value',
		'indicator_target',
		'recommendation',
		'key_action',
		'source_document',
		'risk',
		'gender_action',
		'audit_log'
	] as const;
	const out: Record<string, number> = {};
	for (const t of tables)
		out[t] = Number(
			(
				await db
					.selectFrom(t)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return out;
}

const recommendationId = async () =>
	(await db.selectFrom('recommendation').select(['id', 'version']).where('code', '=', 'COB-01').executeTakeFirstOrThrow()).id;

describe('figures out of range', () => {
	it('refuses a value of 1e308 with the message next to the figure, and writes nothing', async () => {
		const before = await counts();
		const r = await post(
			valueActions.save,
			{
				_form: 'value',
				periodId: String(patss.periodId('2022-S1')),
				value: '1e308',
				women: '1e308',
				men: '0',
				intent: 'draft'
			},
			{ id: String(patss.indicatorId('5.1-3')) }
		);
		expect(r.status).toBe(400);
		expect(r.errors.value).toEqual(['El valor máximo es 1.000.000.000.000.']);
		expect(r.errors.women).toEqual(['El valor máximo es 1.000.000.000.000.']);
		expect(r.values).toMatchObject({ value: '1e308' });
		expect(await counts()).toEqual(before);
	});

	it('refuses a target of −1e20 and a negative count of women, and writes nothing', async () => {
		const id = patss.indicatorId('5.1-3');
		const { version } = await db.selectFrom('indicator').select('version').where('id', '=', id).executeTakeFirstOrThrow();
		const before = await counts();
		const r = await post(
			indicatorEdit.targets,
			{
				[`target_${patss.periodId('2021-S1')}`]: '-1e20',
				[`women_${patss.periodId('2021-S2')}`]: '-3',
				version: String(version),
				reason: ''
			},
			{ id: String(id) }
		);
		expect(r.status).toBe(400);
		expect(r.errors[`target_${patss.periodId('2021-S1')}`]).toEqual(['El valor mínimo es -1.000.000.000.000.']);
		expect(r.errors[`women_${patss.periodId('2021-S2')}`]).toEqual(['El valor mínimo es 0.']);
		expect(await counts()).toEqual(before);
	});
});

describe('dates out of range', () => {
	const range = ['Escriba una fecha entre 1900-01-01 y 2100-12-31.'];

	it('refuses a recommendation dated 0000-01-01', async () => {
		const before = await counts();
		const r = await post(newRecommendation.default, {
			_form: 'recommendation',
			code: 'F-09',
			text: 'Texto',
			issuedOn: '0000-01-01',
			addressedTo: 'IESS',
			area: 'coverage',
			priority: 'medium'
		});
		expect(r).toMatchObject({ status: 400, errors: { issuedOn: range } });
		expect(await counts()).toEqual(before);
	});

	it('refuses a key action due on 9999-12-31 and a source document of 0000-01-01', async () => {
		const before = await counts();
		const ka = await post(
			recommendationDetail.addAction,
			{ _form: 'key-action', action: 'Redactar la norma', dueDate: '9999-12-31', status: 'initiated' },
			{ id: String(await recommendationId()) }
		);
		expect(ka).toMatchObject({ status: 400, errors: { dueDate: range } });
		const doc = await post(sources.create, { _form: 'source', title: 'Estudio', kind: 'technical_study', issuedOn: '0000-01-01', url: '' });
		expect(doc).toMatchObject({ status: 400, errors: { issuedOn: range } });
		expect(await counts()).toEqual(before);
	});
});

describe('text with control characters and line breaks', () => {
	const risk = {
		_form: 'risk',
		parent: 'programme',
		kind: 'risk',
		category: 'political',
		status: 'open',
		likelihood: '3',
		impact: '3',
		assessedOn: '2020-01-01'
	};

	it('refuses a title holding NUL, keeping what was typed, and writes nothing', async () => {
		const before = await counts();
		const r = await post(newRisk.create, { ...risk, title: 'Cambio de autoridades\u0000' });
		expect(r.status).toBe(400);
		expect(r.errors.title).toEqual(['Quite los caracteres de control (como NUL) de este texto.']);
		expect(r.values?.title).toBe('Cambio de autoridades\u0000');
		expect(await counts()).toEqual(before);
	});

	it('refuses a line break in a title but keeps the ones in a description, and stores the text NFC-normalised', async () => {
		const action = {
			_form: 'action',
			moduleId: '',
			type: 'participation',
			description: 'Primero:\n\t- recoger necesidades\n\t- publicar',
			status: 'planned'
		};
		const refused = await post(newGenderAction.create, { ...action, title: 'Taller\ncon asociaciones' });
		expect(refused).toMatchObject({ status: 400, errors: { title: ['Este campo es de una sola línea: quite los saltos de línea.'] } });

		// "ó" typed as "o" + a combining accent is stored as the one letter "ó".
		const saved = await post(newGenderAction.create, { ...action, title: 'Reunio\u0301n con trabajadoras auto\u0301nomas' });
		expect(saved.status).toBe(303);
		const row = await db.selectFrom('gender_action').selectAll().where('title', 'like', 'Reuni%').executeTakeFirstOrThrow();
		expect(row.title).toBe('Reunión con trabajadoras autónomas');
		expect(row.description).toBe('Primero:\n\t- recoger necesidades\n\t- publicar');
	});
});
