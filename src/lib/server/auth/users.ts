import type { Locale, PublicUser, Role } from '$lib/model';
import { recordAudit } from '../core/audit';
import type { Executor } from '../db/executor';
import type { UserRow } from '../db/schema';
import { hashPassword } from './password';

export interface UserWithHash extends PublicUser {
	passwordHash: string;
	active: boolean;
}

function toUser(row: UserRow): UserWithHash {
	return {
		id: row.id,
		name: row.name,
		email: row.email,
		isAdmin: row.is_admin === 1,
		locale: row.locale,
		passwordHash: row.password_hash,
		active: row.active === 1
	};
}

/** Strips what the browser must never see. */
export function publicUser(user: Pick<PublicUser, 'id' | 'name' | 'email' | 'isAdmin' | 'locale'>): PublicUser {
	return { id: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin, locale: user.locale };
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserWithHash | null> {
	const row = await db.selectFrom('user').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
	return row ? toUser(row) : null;
}

export async function findUserById(db: Executor, id: number): Promise<UserWithHash | null> {
	const row = await db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
	return row ? toUser(row) : null;
}

export interface NewUser {
	email: string;
	name: string;
	password: string;
	isAdmin?: boolean;
	locale?: Locale;
}

export async function createUser(db: Executor, input: NewUser, actorId: number | null): Promise<number> {
	const passwordHash = await hashPassword(input.password);
	const { id } = await db
		.insertInto('user')
		.values({
			email: normaliseEmail(input.email),
			name: input.name,
			password_hash: passwordHash,
			is_admin: input.isAdmin ? 1 : 0,
			locale: input.locale ?? 'es'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await recordAudit(db, {
		userId: actorId,
		entity: 'user',
		entityId: id,
		action: 'create',
		after: { email: normaliseEmail(input.email), name: input.name, isAdmin: !!input.isAdmin }
	});
	return id;
}

export async function setUserLocale(db: Executor, userId: number, locale: Locale): Promise<void> {
	const before = await db.selectFrom('user').select('locale').where('id', '=', userId).executeTakeFirst();
	if (!before || before.locale === locale) return;
	await db.updateTable('user').set({ locale }).where('id', '=', userId).execute();
	await recordAudit(db, {
		userId,
		entity: 'user',
		entityId: userId,
		action: 'update',
		before: { locale: before.locale },
		after: { locale }
	});
}

export async function getMembershipRole(db: Executor, userId: number, programmeId: number): Promise<Role | null> {
	const row = await db
		.selectFrom('membership')
		.select('role')
		.where('user_id', '=', userId)
		.where('programme_id', '=', programmeId)
		.executeTakeFirst();
	return row?.role ?? null;
}

/** Adds the user to the programme with `role`, or changes their role there. */
export async function setMembership(db: Executor, userId: number, programmeId: number, role: Role, actorId: number | null): Promise<void> {
	const before = await getMembershipRole(db, userId, programmeId);
	if (before === role) return;
	await db
		.insertInto('membership')
		.values({ user_id: userId, programme_id: programmeId, role })
		.onConflict((oc) => oc.columns(['user_id', 'programme_id']).doUpdateSet({ role }))
		.execute();
	await recordAudit(db, {
		userId: actorId,
		programmeId,
		entity: 'membership',
		entityId: `${userId}:${programmeId}`,
		action: before ? 'update' : 'create',
		before: before ? { role: before } : null,
		after: { userId, programmeId, role }
	});
}
