import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions as create } from '../../../src/routes/programmes/[slug]/indicators/new/+page.server';
import { actions as edit, load as loadEdit } from '../../../src/routes/programmes/[slug]/indicators/[id]/edit/+page.server';
import { load as loadIndicator } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const sheet = {
	parent: 'programme',
	code: 'IMP-9',
	title: 'Cobertura de la seguridad social',
	definition: '',
	unit: '%',
	measure: 'percentage',
	direction: 'increase',
	aggregation: 'latest',
	baselineValue: '34,8',
	baselineDate: '2019-12-31',
	baselineNote: '',
	targetValue: '40',
	meansOfVerification: '',
	frequency: 'annual',
	responsible: '',
	sdgTarget: '1.3.1',
	iloOutcome: '',
	euLogframeCode: '',
	reason: ''
};

async function run(fn: unknown, email: string, params: Record<string, string>, form?: Record<string, string>) {
	const event = makeEvent({ user: await sessionUser(db, email), params: { slug: 'patss', ...params }, form, url: 'http://localhost/x' });
	return outcome(() => call(fn as never, event) as Promise<unknown>);
}

describe('indicator reference sheet', () => {
	it('creates a programme-level percentage indicator, reading the Spanish decimal comma', async () => {
		const r = await run(create.default, COORD, {}, sheet);
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const row = await db.selectFrom('indicator').selectAll().where('code', '=', 'IMP-9').executeTakeFirstOrThrow();
		expect([row.baseline_value, row.target_value, row.module_id, row.output_id, row.disaggregated_by_sex]).toEqual([
			34.8,
			40,
			null,
			null,
			0
		]);
	});

	it('keeps how many decimals an indicator shows: one for a rate by default, what the form says otherwise, 0 to 4', async () => {
		await run(create.default, COORD, {}, sheet);
		expect((await db.selectFrom('indicator').select('decimals').where('code', '=', 'IMP-9').executeTakeFirstOrThrow()).decimals).toBe(1);
		await run(
			create.default,
			COORD,
			{},
			{ ...sheet, code: 'IMP-10', measure: 'number', unit: 'personas', targetValue: '30', decimals: '0' }
		);
		expect((await db.selectFrom('indicator').select('decimals').where('code', '=', 'IMP-10').executeTakeFirstOrThrow()).decimals).toBe(0);
		const r = await run(create.default, COORD, {}, { ...sheet, code: 'IMP-11', decimals: '7' });
		expect(r.kind === 'value' && r.value).toMatchObject({ status: 400, data: { errors: { decimals: [expect.any(String)] } } });
		// The seed's head counts show none; its rates one.
		const seededDecimals = await db
			.selectFrom('indicator')
			.select(['measure', 'decimals'])
			.where('programme_id', '=', patss.programme.id)
			.execute();
		expect(seededDecimals.every((i) => i.decimals === (i.measure === 'percentage' ? 1 : 0))).toBe(true);
	});

	it('refuses a percentage over 100, a missing target and an output of another programme', async () => {
		const pct = await run(create.default, COORD, {}, { ...sheet, targetValue: '140' });
		expect(pct.kind === 'value' && pct.value).toMatchObject({
			status: 400,
			data: { errors: { targetValue: ['Un porcentaje no puede pasar de 100.'] } }
		});
		const none = await run(create.default, COORD, {}, { ...sheet, targetValue: '' });
		expect(none.kind === 'value' && none.value).toMatchObject({
			status: 400,
			data: { errors: { targetValue: ['Indique la meta final.'] } }
		});
		const peruOutput = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.innerJoin('programme', 'programme.id', 'module.programme_id')
			.select('output.id')
			.where('programme.slug', '=', 'peru-desempleo-ue')
			.executeTakeFirstOrThrow();
		const foreign = await run(create.default, COORD, {}, { ...sheet, parent: `output:${peruOutput.id}` });
		expect(foreign.kind === 'value' && foreign.value).toMatchObject({
			status: 400,
			data: { errors: { parent: ['El registro elegido no existe en este programa.'] } }
		});
	});

	it('requires a reason to change the baseline or target, and shows it in the history', async () => {
		const id = patss.indicatorId('M3-1');
		const row = await db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		const form = {
			...sheet,
			parent: `module:${row.module_id}`,
			code: 'M3-1',
			title: row.title,
			bySex: '',
			disaggregatedBySex: 'on',
			isKey: 'on',
			baselineValue: '6,8',
			baselineDate: '2019-12-31',
			targetValue: '12',
			version: String(row.version)
		};
		const noReason = await run(edit.update, COORD, { id: String(id) }, form);
		expect(noReason.kind === 'value' && noReason.value).toMatchObject({
			status: 400,
			data: { errors: { reason: ['Indique el motivo del cambio.'] } }
		});
		const ok = await run(edit.update, COORD, { id: String(id) }, { ...form, reason: 'Meta revisada con el IESS en 2021.' });
		expect(ok).toMatchObject({ kind: 'redirect', status: 303 });
		const page = await run(loadIndicator, COORD, { id: String(id) });
		const history =
			page.kind === 'value'
				? (page.value as { detail: { history: { action: string; reason: string | null; after: Record<string, unknown> | null }[] } }).detail
						.history
				: [];
		expect(history[0]).toMatchObject({ action: 'update', reason: 'Meta revisada con el IESS en 2021.', after: { targetValue: 12 } });
	});

	it('lets other fields change without a reason', async () => {
		const id = patss.indicatorId('M3-1');
		const row = await db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		const r = await run(
			edit.update,
			COORD,
			{ id: String(id) },
			{
				...sheet,
				parent: `module:${row.module_id}`,
				code: 'M3-1',
				title: 'Tasa de afiliación (independientes)',
				disaggregatedBySex: 'on',
				baselineValue: '6,8',
				baselineDate: '2019-12-31',
				targetValue: '10',
				version: String(row.version)
			}
		);
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
	});
});

describe('targets per period', () => {
	it('sets milestones, needs a reason to change an existing one, and refuses a stale version', async () => {
		const id = patss.indicatorId('5.1-3');
		const version = async () =>
			String((await db.selectFrom('indicator').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
		const field = (label: string) => `target_${patss.periodId(label)}`;
		const base = { [field('2021-S1')]: '250', [field('2021-S2')]: '450', [field('2022-S1')]: '600' };

		const add = await run(
			edit.targets,
			COORD,
			{ id: String(id) },
			{ ...base, [field('2020-S2')]: '100', version: await version(), reason: '' }
		);
		expect(add).toMatchObject({ kind: 'redirect', status: 303 });
		base[field('2020-S2')] = '100';

		const v = await version();
		const change = await run(edit.targets, COORD, { id: String(id) }, { ...base, [field('2022-S1')]: '650', version: v, reason: '' });
		expect(change.kind === 'value' && change.value).toMatchObject({
			status: 400,
			data: { errors: { reason: ['Indique el motivo del cambio.'] } }
		});
		const withReason = await run(
			edit.targets,
			COORD,
			{ id: String(id) },
			{ ...base, [field('2022-S1')]: '650', version: v, reason: 'Demanda mayor a la prevista.' }
		);
		expect(withReason).toMatchObject({ kind: 'redirect', status: 303 });
		const stale = await run(edit.targets, 'coord2.patss@avance.test', { id: String(id) }, { ...base, version: v, reason: 'otra' });
		expect(stale.kind === 'value' && stale.value).toMatchObject({ status: 409 });

		const targets = await db
			.selectFrom('indicator_target')
			.select(['period_id', 'value'])
			.where('indicator_id', '=', id)
			.orderBy('period_id')
			.execute();
		expect(targets.map((t) => t.value)).toEqual([100, 250, 450, 650]);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'indicator')
			.where('action', '=', 'set_targets')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(audit.reason).toBe('Demanda mayor a la prevista.');
	});

	it('refuses a non-number target next to its field, and a donor altogether', async () => {
		const id = patss.indicatorId('5.1-3');
		const v = String((await db.selectFrom('indicator').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
		const f = `target_${patss.periodId('2021-S1')}`;
		const bad = await run(edit.targets, COORD, { id: String(id) }, { [f]: 'doscientos', version: v });
		expect(bad.kind === 'value' && bad.value).toMatchObject({ status: 400, data: { errors: { [f]: ['Escriba un número.'] } } });
		const donor = await run(edit.targets, 'donor.iess@avance.test', { id: String(id) }, { [f]: '1', version: v });
		expect(donor).toMatchObject({ kind: 'error', status: 403 });
		const donorPage = await run(loadEdit, 'donor.iess@avance.test', { id: String(id) });
		expect(donorPage).toMatchObject({ kind: 'error', status: 403 });
	});

	it('answers 404 for an indicator of another programme, even for a coordinator', async () => {
		const peru = await db
			.selectFrom('indicator')
			.innerJoin('programme', 'programme.id', 'indicator.programme_id')
			.select('indicator.id')
			.where('programme.slug', '=', 'peru-desempleo-ue')
			.executeTakeFirstOrThrow();
		expect(await run(loadIndicator, COORD, { id: String(peru.id) })).toMatchObject({ kind: 'error', status: 404 });
		expect(await run(loadIndicator, COORD, { id: 'abc' })).toMatchObject({ kind: 'error', status: 404 });
	});
});
