import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions as edit } from '../../../src/routes/programmes/[slug]/indicators/[id]/edit/+page.server';
import { formFailure, postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// Issue 22 through the targets form: a falling series of running totals on an increasing
// cumulative indicator is refused until confirmed; women + men milestones are checked.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const version = async (id: number) =>
	(await db.selectFrom('indicator').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
const targetsOf = async (id: number) =>
	(
		await db.selectFrom('indicator_target').select(['period_id', 'value']).where('indicator_id', '=', id).orderBy('period_id').execute()
	).map((t) => t.value);
const post = (id: number, form: Record<string, string>) =>
	postAs(db, edit.targets, COORD, {
		params: { slug: 'patss', id: String(id) },
		url: `http://localhost/programmes/patss/indicators/${id}/edit`,
		route: '/programmes/[slug]/indicators/[id]/edit',
		form
	});

describe('milestones of a cumulative indicator', () => {
	it('refuses a falling series of running totals until it is confirmed, and saves a rising one', async () => {
		// IMP-1: people reached, cumulative, increasing; milestones 2019-S2 5000, 2020-S2 10000, 2021-S2 14000, 2022-S1 15000.
		const id = patss.indicatorId('IMP-1');
		const before = await targetsOf(id);
		const falling = {
			[`target_${patss.periodId('2019-S2')}`]: '5000',
			[`target_${patss.periodId('2020-S2')}`]: '10000',
			[`target_${patss.periodId('2021-S2')}`]: '4000',
			[`target_${patss.periodId('2022-S1')}`]: '1000',
			reason: 'Metas por semestre.'
		};
		const refused = formFailure(await post(id, { ...falling, version: String(await version(id)) }));
		expect(refused.status).toBe(400);
		expect(refused.data.errors[`target_${patss.periodId('2021-S2')}`]?.[0]).toMatch(/acumulado no retrocede/);
		expect(refused.data.errors[`target_${patss.periodId('2022-S1')}`]).toBeDefined();
		expect(refused.data.errors.confirmFalling?.[0]).toMatch(/confirme/);
		expect(await targetsOf(id)).toEqual(before);

		const confirmed = await post(id, { ...falling, confirmFalling: '1', version: String(await version(id)) });
		expect(confirmed).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await targetsOf(id)).toEqual([5000, 10000, 4000, 1000]);

		const rising = await post(id, {
			...falling,
			[`target_${patss.periodId('2021-S2')}`]: '14000',
			[`target_${patss.periodId('2022-S1')}`]: '15000',
			version: String(await version(id))
		});
		expect(rising).toMatchObject({ kind: 'redirect' });
		expect(await targetsOf(id)).toEqual([5000, 10000, 14000, 15000]);
	});

	it('refuses women + men above the milestone of a count', async () => {
		// M5-1: civil servants trained, split by sex; milestones 100, 220, 350.
		const id = patss.indicatorId('M5-1');
		const p = patss.periodId('2019-S2');
		const r = formFailure(
			await post(id, {
				[`target_${p}`]: '100',
				[`women_${p}`]: '70',
				[`men_${p}`]: '50',
				[`target_${patss.periodId('2020-S2')}`]: '220',
				[`target_${patss.periodId('2021-S2')}`]: '350',
				reason: 'Desglose por sexo.',
				version: String(await version(id))
			})
		);
		expect(r.data.errors[`women_${p}`]?.[0]).toMatch(/120.*100/);
	});
});
