import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions as createActions } from '../../../src/routes/admin/programmes/new/+page.server';
import { actions as teamActions, load as teamLoad } from '../../../src/routes/programmes/[slug]/team/+page.server';
import { actions as setupActions, load as setupLoad } from '../../../src/routes/programmes/[slug]/setup/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';

// Issue 22 item 6: a programme's team page (every member reads it; the administrator adds and
// removes people there through the admin area's membership rules) and the set-up checklist an
// administrator lands on after creating a programme.

let db: Db;
const ADMIN = 'admin@avance.test';
const COORD = 'coord.patss@avance.test';
const DONOR = 'donor.iess@avance.test';
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

const TEAM = '/programmes/[slug]/team';
const at = (slug: string, form?: Record<string, string>) => ({ params: { slug }, route: TEAM, locale: 'en' as const, form });
const userId = async (email: string) => (await db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

type TeamData = { team: { name: string; role: string; email: string | null }[]; accounts: { id: number }[]; manage: boolean };

describe('the team page', () => {
	it('lists the team with roles to every member, donors included (without their addresses)', async () => {
		const asDonor = await loadAs<TeamData>(db, teamLoad, DONOR, at('patss'));
		expect(asDonor.kind).toBe('value');
		if (asDonor.kind !== 'value') return;
		const members = await db
			.selectFrom('membership')
			.innerJoin('programme', 'programme.id', 'membership.programme_id')
			.select('membership.role')
			.where('programme.slug', '=', 'patss')
			.execute();
		expect(asDonor.value.team).toHaveLength(members.length);
		expect(asDonor.value.team.map((m) => m.role).sort()).toEqual(members.map((m) => m.role).sort());
		expect(asDonor.value.team.every((m) => m.email === null)).toBe(true);
		expect(asDonor.value.manage).toBe(false);
		expect(asDonor.value.accounts).toEqual([]);
		const asCoord = await loadAs<TeamData>(db, teamLoad, COORD, at('patss'));
		expect(asCoord.kind === 'value' && asCoord.value.team.some((m) => m.email === COORD)).toBe(true);
		// Not a member: as if the programme did not exist.
		expect((await loadAs(db, teamLoad, 'coord.peru@avance.test', at('patss'))).kind === 'error').toBe(true);
	});

	it('lets an administrator add an account with a role and remove it, audited like the admin area', async () => {
		const peru = await userId('coord.peru@avance.test');
		const before = await loadAs<TeamData>(db, teamLoad, ADMIN, at('patss'));
		expect(before.kind === 'value' && before.value.accounts.some((a) => a.id === peru)).toBe(true);
		const added = await postAs(db, teamActions.add, ADMIN, at('patss', { userId: String(peru), role: 'evaluator' }));
		expect(added).toMatchObject({ kind: 'redirect', location: '/programmes/patss/team?notice=saved' });
		const row = await db
			.selectFrom('membership')
			.innerJoin('programme', 'programme.id', 'membership.programme_id')
			.select('membership.role')
			.where('programme.slug', '=', 'patss')
			.where('membership.user_id', '=', peru)
			.executeTakeFirstOrThrow();
		expect(row.role).toBe('evaluator');
		const removed = await postAs(db, teamActions.remove, ADMIN, at('patss', { userId: String(peru) }));
		expect(removed).toMatchObject({ kind: 'redirect', location: '/programmes/patss/team?notice=deleted' });
		const audit = await db
			.selectFrom('audit_log')
			.select(['action'])
			.where('entity', '=', 'membership')
			.where('entity_id', 'like', `${peru}:%`)
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action).slice(-2)).toEqual(['create', 'delete']);
	});

	it('answers bad input with field messages and refuses non-administrators', async () => {
		const bad = formFailure(await postAs(db, teamActions.add, ADMIN, at('patss', { userId: 'x', role: 'boss' })));
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.data.errors ?? {}).sort()).toEqual(['role', 'userId']);
		const unknown = formFailure(await postAs(db, teamActions.add, ADMIN, at('patss', { userId: '999999', role: 'donor' })));
		expect(Object.keys(unknown.data.errors ?? {})).toEqual(['userId']);
		const peru = await userId('coord.peru@avance.test');
		// A coordinator of the programme may read the team but not change it (design §1: admins manage memberships).
		const crafted = await postAs(db, teamActions.add, COORD, at('patss', { userId: String(peru), role: 'coordinator' }));
		expect(crafted).toMatchObject({ kind: 'error', status: 403 });
		expect(await db.selectFrom('membership').select('id').where('user_id', '=', peru).execute()).toHaveLength(1);
	});
});

describe('the set-up checklist', () => {
	it('is where an administrator lands after creating a programme, and each step says whether it is done', async () => {
		const created = await postAs(db, createActions.default, ADMIN, {
			locale: 'en',
			form: {
				code: 'SLV/27/01/USA',
				slug: 'el-salvador-fase-2',
				shortName: 'El Salvador fase 2',
				title: 'Piso de protección social, fase 2',
				country: 'El Salvador',
				fundingModality: 'other',
				currency: 'USD',
				startDate: '2027-01-01',
				endDate: '2029-12-31',
				status: 'active',
				genderMarker: '1',
				contentLanguage: 'es'
			}
		});
		expect(created).toMatchObject({ kind: 'redirect', location: '/programmes/el-salvador-fase-2/setup?notice=created' });
		const route = { params: { slug: 'el-salvador-fase-2' }, route: '/programmes/[slug]/setup', locale: 'en' as const };
		type Setup = { periods: string[]; members: number; indicators: number; manageTeam: boolean };
		const empty = await loadAs<Setup>(db, setupLoad, ADMIN, route);
		expect(empty).toMatchObject({ kind: 'value', value: { periods: [], members: 0, indicators: 0, manageTeam: true } });
		const generated = await postAs(db, setupActions.generate, ADMIN, { ...route, form: { plan: 'half' } });
		// The answer says how many periods were generated (review of issue 22, finding 13).
		expect(generated).toMatchObject({
			kind: 'redirect',
			location: '/programmes/el-salvador-fase-2/setup?notice=saved&generated=6&skipped=0'
		});
		for (const email of [COORD, 'coord2.patss@avance.test', DONOR])
			await postAs(db, teamActions.add, ADMIN, {
				...route,
				route: TEAM,
				form: { userId: String(await userId(email)), role: email === DONOR ? 'donor' : 'coordinator' }
			});
		const after = await loadAs<Setup>(db, setupLoad, ADMIN, route);
		expect(after).toMatchObject({
			kind: 'value',
			value: { periods: ['2027-S1', '2027-S2', '2028-S1', '2028-S2', '2029-S1', '2029-S2'], members: 3, indicators: 0 }
		});
		// A coordinator of the new programme sees the checklist but the team step is the administrator's.
		expect(await loadAs<Setup>(db, setupLoad, COORD, route)).toMatchObject({ kind: 'value', value: { manageTeam: false } });
		expect(await loadAs(db, setupLoad, DONOR, route)).toMatchObject({ kind: 'error', status: 403 });
	});
});
