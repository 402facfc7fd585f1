import type { Actor } from '../core/actor';
import { z } from 'zod';
import { sortByName } from '$lib/collation';
import { ROLES, type Locale, type Role } from '$lib/model';
import type { Executor } from '../db/executor';
import { DomainValidationError } from '../core/errors';
import { enumField, idField } from '../core/validation';
import { grantMembership, revokeMembership } from './accounts';

// A programme's team as its own page shows it (issue 22): who belongs to it and with which role,
// read by every member (donors too), and the administrator adding or removing people there. The
// membership rules and their audit rows are the admin area's (accounts.ts); this file only reads
// the team and turns an unknown account into a field message instead of a 404.

export interface TeamMember {
	userId: number;
	name: string;
	email: string;
	role: Role;
	active: boolean;
}

export interface Account {
	id: number;
	name: string;
	email: string;
}

export const teamMemberSchema = z.object({ userId: idField(), role: enumField(ROLES) });
export const teamRemoveSchema = z.object({ userId: idField() });

/** The programme's members with their roles, sorted by name in `locale`: one statement. */
export async function listTeam(db: Executor, programmeId: number, locale: Locale): Promise<TeamMember[]> {
	const rows = await db
		.selectFrom('membership')
		.innerJoin('user', 'user.id', 'membership.user_id')
		.select(['user.id', 'user.name', 'user.email', 'user.active', 'membership.role'])
		.where('membership.programme_id', '=', programmeId)
		.execute();
	const team = rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, role: r.role, active: r.active === 1 }));
	return sortByName(team, (m) => m.name, locale);
}

/** Active accounts that are not yet in the programme (whom an administrator may add): one statement. */
export async function listAccountsOutside(db: Executor, programmeId: number, locale: Locale): Promise<Account[]> {
	const rows = await db
		.selectFrom('user')
		.select(['id', 'name', 'email'])
		.where('active', '=', 1)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('membership')
						.select('membership.id')
						.whereRef('membership.user_id', '=', 'user.id')
						.where('membership.programme_id', '=', programmeId)
				)
			)
		)
		.execute();
	return sortByName(rows, (a) => a.name, locale);
}

/** Adds an existing account to the programme with `role` (or changes its role there). */
export async function addTeamMember(db: Executor, actor: Actor, programmeId: number, userId: number, role: Role): Promise<void> {
	const account = await db.selectFrom('user').select('id').where('id', '=', userId).executeTakeFirst();
	if (!account) throw new DomainValidationError({ userId: { key: 'validation.unknownRecord' } });
	await grantMembership(db, actor, userId, programmeId, role);
}

/** Removes the person from the programme (the admin area's rule and audit row). */
export async function removeTeamMember(db: Executor, actor: Actor, programmeId: number, userId: number): Promise<void> {
	await revokeMembership(db, actor, userId, programmeId);
}
