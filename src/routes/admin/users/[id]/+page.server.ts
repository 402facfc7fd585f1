import { z } from 'zod';
import { instanceAction } from '$lib/server/http/actions';
import {
	accountSchema,
	getAccount,
	grantMembership,
	membershipSchema,
	passwordSchema,
	revokeMembership,
	setAccountPassword,
	updateAccount
} from '$lib/server/auth/accounts';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireInstance } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { listProgrammes } from '$lib/server/programmes/programmes';
import { idField } from '$lib/server/core/validation';
import { resetSecondFactor, totpState } from '$lib/server/auth/totp';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireInstance(event, 'admin.manageUsers');
	const db = getDb();
	const [account, programmes] = await Promise.all([
		found(getAccount(db, paramId(event.params.id))),
		listProgrammes(db, event.locals.locale)
	]);
	return { account, programmes, isSelf: me.id === account.id, secondFactor: (await totpState(db, account.id)).enrolled };
};

const here = (id: number) => `/admin/users/${id}`;

export const actions = {
	resetSecondFactor: (event) =>
		instanceAction(event, 'admin.manageUsers', z.object({}), async ({ db, user }) => {
			const id = paramId(event.params.id);
			await resetSecondFactor(db, user, id);
			redirectWithNotice(here(id), 'totpReset');
		}),
	update: (event) =>
		instanceAction(event, 'admin.manageUsers', accountSchema, async ({ db, user, data }) => {
			const id = paramId(event.params.id);
			await updateAccount(db, user, id, data);
			redirectWithNotice(here(id), 'saved');
		}),
	password: (event) =>
		instanceAction(event, 'admin.manageUsers', passwordSchema, async ({ db, user, data }) => {
			const id = paramId(event.params.id);
			await setAccountPassword(db, user, id, data.password);
			redirectWithNotice(here(id), 'password');
		}),
	grant: (event) =>
		instanceAction(event, 'admin.manageUsers', membershipSchema, async ({ db, user, data }) => {
			const id = paramId(event.params.id);
			await grantMembership(db, user, id, data.programmeId, data.role);
			redirectWithNotice(here(id), 'saved');
		}),
	revoke: (event) =>
		instanceAction(event, 'admin.manageUsers', z.object({ programmeId: idField() }), async ({ db, user, data }) => {
			const id = paramId(event.params.id);
			await revokeMembership(db, user, id, data.programmeId);
			redirectWithNotice(here(id), 'deleted');
		})
} satisfies Actions;
