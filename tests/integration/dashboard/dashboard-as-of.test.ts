import { beforeAll, describe, expect, it } from 'vitest';
import { dayAfter } from '$lib/as-of';
import type { GenderActionType } from '$lib/model';
import type { Dashboard } from '$lib/server/dashboard/dashboard';
import type { AsOfQuery } from '$lib/server/dashboard/as-of-query';
import type { Db } from '$lib/server/db/connection';
import { todayIso } from '$lib/server/core/dates';
import { updateGenderAction } from '$lib/server/gender/actions';
import { load as loadDashboardPage } from '../../../src/routes/programmes/[slug]/dashboard/+page.server';
import { loadAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// The dashboard's "as of" (issue 19): a GET ?asOf= within the programme's span reads every figure
// as it stood that day (a change recorded later is undone, values of later periods do not count
// yet); anything else keeps today's figures and says why beside the field.

type PageData = { dashboard: Dashboard; asOfQuery: AsOfQuery };
let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const END = '2022-03-31';
const CUT_OFF = '2020-06-30';

async function dashboardAt(asOf: string | null): Promise<PageData> {
	const url = `http://localhost/programmes/patss/dashboard${asOf === null ? '' : `?asOf=${encodeURIComponent(asOf)}`}`;
	const r = await loadAs<PageData>(db, loadDashboardPage, 'donor.iess@avance.test', { params: { slug: 'patss' }, url });
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value;
}
const cancelled = (d: Dashboard) => d.genderActions.reduce((n, g) => n + g.byStatus.cancelled, 0);

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	expect(patss.programme.startDate <= CUT_OFF && CUT_OFF < END && END <= patss.programme.effectiveEndDate).toBe(true);
}, 120_000);

describe('the dashboard as of a date', () => {
	it('shows older figures at an earlier date, labelled with that date', async () => {
		const today = await dashboardAt(null);
		const then = await dashboardAt(CUT_OFF);
		expect(today.asOfQuery).toMatchObject({ asOf: null, problem: null });
		expect(then.asOfQuery).toMatchObject({ asOf: CUT_OFF, typed: CUT_OFF, problem: null });
		expect(then.dashboard.asOf).toBe(CUT_OFF);
		// Values of periods that had not ended by then are not counted yet.
		expect(then.dashboard.completeness.approvedValues).toBeLessThan(today.dashboard.completeness.approvedValues);
		expect(then.dashboard.header.elapsed).toBeLessThan(today.dashboard.header.elapsed);
		expect(then.dashboard.adoption.summary.adopted).toBeLessThanOrEqual(today.dashboard.adoption.summary.adopted);
	});

	it('undoes a change recorded after the date (a gender action cancelled today)', async () => {
		const programme = patss.programme;
		const ga = await db
			.selectFrom('gender_action')
			.selectAll()
			.where('programme_id', '=', programme.id)
			.where('status', '!=', 'cancelled')
			.orderBy('id')
			.executeTakeFirstOrThrow();
		const beforeThen = cancelled((await dashboardAt(END)).dashboard);
		const beforeNow = cancelled((await dashboardAt(null)).dashboard);
		const links = await db.selectFrom('gender_action_indicator').select('indicator_id').where('action_id', '=', ga.id).execute();
		await updateGenderAction(db, { id: await userId(db, 'coord.patss@avance.test') }, programme, ga.id, ga.version, {
			moduleId: ga.module_id,
			title: ga.title,
			description: ga.description,
			type: ga.type as GenderActionType,
			responsible: ga.responsible,
			partner: ga.partner,
			startDate: ga.start_date,
			dueDate: ga.due_date,
			status: 'cancelled',
			evidenceUrl: ga.evidence_url,
			internalNotes: ga.internal_notes,
			indicatorIds: links.map((l) => l.indicator_id)
		});
		expect(cancelled((await dashboardAt(null)).dashboard)).toBe(beforeNow + 1);
		expect(cancelled((await dashboardAt(END)).dashboard)).toBe(beforeThen);
	});

	it('refuses a date that is not real, or outside the programme, keeping what was typed and today’s figures', async () => {
		const today = todayIso();
		const invalid = await dashboardAt('2020-02-30');
		expect(invalid.asOfQuery).toMatchObject({ asOf: null, typed: '2020-02-30', problem: 'invalid' });
		expect(invalid.dashboard.asOf).toBe(today);
		const words = await dashboardAt('not a date');
		expect(words.asOfQuery).toMatchObject({ asOf: null, problem: 'invalid' });
		const before = await dashboardAt('2018-09-30');
		expect(before.asOfQuery).toMatchObject({ asOf: null, typed: '2018-09-30', problem: 'outside', min: patss.programme.startDate });
		const dayAfterEnd = dayAfter(patss.programme.effectiveEndDate);
		const after = await dashboardAt(dayAfterEnd);
		expect(after.asOfQuery).toMatchObject({ asOf: null, typed: dayAfterEnd, problem: 'outside', max: patss.programme.effectiveEndDate });
		const control = await dashboardAt('2020-06-30\u0000');
		expect(control.asOfQuery).toMatchObject({ asOf: null, problem: 'invalid' });
		expect(control.dashboard.asOf).toBe(today);
	});
});
