import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { instanceAction } from '$lib/server/http/actions';
import { getDb, type Db } from '$lib/server/db/connection';
import type { SessionUser } from '$lib/server/auth/session';
import { requireProgramme } from '$lib/server/http/guards';
import { addTeamMember, listAccountsOutside, listTeam, removeTeamMember, teamMemberSchema, teamRemoveSchema } from '$lib/server/auth/team';
import { can } from '$lib/permissions';
import type { Actions, PageServerLoad } from './$types';

// The programme's team (issue 22): every member reads it, donors too; the administrator adds an
// existing account with its role, or removes someone, here rather than account by account in the
// admin area. Two statements whatever the team's size (three for an administrator).

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const manage = can({ isAdmin: access.user.isAdmin, roles: {} }, 'admin.manageUsers');
	const [team, accounts] = await Promise.all([
		listTeam(db, access.programme.id, event.locals.locale),
		manage ? listAccountsOutside(db, access.programme.id, event.locals.locale) : Promise.resolve([])
	]);
	// Addresses are for the people who work on the programme, not for donors.
	const showEmail = access.can('programme.viewInternal');
	return {
		team: team.map((m) => ({ ...m, email: showEmail ? m.email : null })),
		accounts,
		manage
	};
};

/** An administrator's action on this programme's team: admin first (403 otherwise), then the programme (404 if unknown). */
function teamAction<S extends z.ZodType>(
	event: RequestEvent<{ slug: string }>,
	schema: S,
	run: (ctx: { db: Db; user: SessionUser; programmeId: number; data: z.output<S> }) => Promise<void>,
	notice: 'saved' | 'deleted'
) {
	return instanceAction(event, 'admin.manageUsers', schema, async (ctx) => {
		const access = await requireProgramme(event, event.params.slug);
		await run({ db: ctx.db, user: ctx.user, programmeId: access.programme.id, data: ctx.data });
		ctx.redirect(notice);
	});
}

export const actions = {
	add: (event) =>
		teamAction(
			event,
			teamMemberSchema,
			({ db, user, programmeId, data }) => addTeamMember(db, user, programmeId, data.userId, data.role),
			'saved'
		),
	remove: (event) =>
		teamAction(
			event,
			teamRemoveSchema,
			({ db, user, programmeId, data }) => removeTeamMember(db, user, programmeId, data.userId),
			'deleted'
		)
} satisfies Actions;
