import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions } from '../../../src/routes/programmes/[slug]/periods/+page.server';
import { postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// Generating reporting periods in one step (issue 22), through the periods page's real action:
// after a no-cost extension the new half-years appear, existing periods are kept, and a second
// run adds nothing.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const labels = async () =>
	(
		await db.selectFrom('reporting_period').select('label').where('programme_id', '=', patss.programme.id).orderBy('start_date').execute()
	).map((p) => p.label);

const generate = (email: string, plan: string) =>
	postAs(db, actions.generate, email, {
		params: { slug: 'patss' },
		url: 'http://localhost/programmes/patss/periods',
		route: '/programmes/[slug]/periods',
		form: { _form: 'generate', plan }
	});

describe('generating periods', () => {
	it('adds the half-years of an extension up to the new end, keeps the existing ones, and adds nothing the second time', async () => {
		const before = await labels();
		await db.updateTable('programme').set({ revised_end_date: '2023-12-31' }).where('id', '=', patss.programme.id).execute();
		expect(await generate('coord.patss@avance.test', 'half')).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await labels()).toEqual([...before, '2022-S2', '2023-S1', '2023-S2']);
		const audits = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'reporting_period')
			.where('programme_id', '=', patss.programme.id)
			.execute();
		expect(audits).toHaveLength(3);
		await generate('coord.patss@avance.test', 'half');
		expect(await labels()).toHaveLength(before.length + 3);
	});

	it('is for those who edit the logframe, and refuses an unknown plan with a message', async () => {
		expect(await generate('donor.iess@avance.test', 'half')).toMatchObject({ kind: 'error', status: 403 });
		const bad = await generate('coord.patss@avance.test', 'fortnight');
		expect(bad).toMatchObject({ kind: 'value', value: { status: 400 } });
	});
});
