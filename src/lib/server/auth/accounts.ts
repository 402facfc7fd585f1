import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import { sortByName } from '$lib/collation';
import { LOCALES, ROLES, type Locale, type Role } from '$lib/model';
import { changedFields, recordAudit } from '../core/audit';
import { type Executor, inTransaction } from '../db/executor';
import { invalidateUserSessions } from './session';
import { DomainValidationError, NotFoundError } from '../core/errors';
import { hashPassword } from './password';
import { normaliseEmail, setMembership } from './users';
import { checkbox, emailField, enumField, idField, text, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';

// Account management for the instance administrator: accounts, their programme memberships and
// passwords. Deactivating an account or changing its password ends its open sessions.

const password = () =>
	z.string({ error: 'validation.required' }).min(12, { error: 'validation.tooShort' }).max(256, { error: 'validation.tooLong' });

export const newAccountSchema = z.object({
	name: text(120),
	email: emailField(),
	password: password(),
	isAdmin: checkbox(),
	locale: enumField(LOCALES)
});
export const accountSchema = z.object({
	name: text(120),
	email: emailField(),
	isAdmin: checkbox(),
	active: checkbox(),
	locale: enumField(LOCALES),
	version: versionField()
});
export const passwordSchema = z.object({ password: password() });
export const membershipSchema = z.object({ programmeId: idField(), role: enumField(ROLES) });

export interface AccountSummary {
	id: number;
	name: string;
	email: string;
	isAdmin: boolean;
	active: boolean;
	locale: Locale;
	createdAt: string;
	version: number;
	memberships: { programmeId: number; shortName: string; slug: string; role: Role }[];
}

/** Every account with its memberships: two statements; names sorted in `locale` (not by the database's collation). */
export async function listAccounts(db: Executor, onlyId?: number, locale: Locale = 'es'): Promise<AccountSummary[]> {
	let users = db.selectFrom('user').select(['id', 'name', 'email', 'is_admin', 'active', 'locale', 'created_at', 'version']).orderBy('id');
	let members = db
		.selectFrom('membership')
		.innerJoin('programme', 'programme.id', 'membership.programme_id')
		.select(['membership.user_id', 'membership.programme_id', 'membership.role', 'programme.short_name', 'programme.slug'])
		.orderBy('membership.id');
	if (onlyId !== undefined) {
		users = users.where('id', '=', onlyId);
		members = members.where('membership.user_id', '=', onlyId);
	}
	const [userRows, memberRows] = await Promise.all([users.execute(), members.execute()]);
	sortByName(userRows, (u) => u.name, locale);
	sortByName(memberRows, (m) => m.short_name, locale);
	return userRows.map((u) => ({
		id: u.id,
		name: u.name,
		email: u.email,
		isAdmin: u.is_admin === 1,
		active: u.active === 1,
		locale: u.locale,
		createdAt: u.created_at,
		version: u.version,
		memberships: memberRows
			.filter((m) => m.user_id === u.id)
			.map((m) => ({ programmeId: m.programme_id, shortName: m.short_name, slug: m.slug, role: m.role }))
	}));
}

export async function getAccount(db: Executor, id: number): Promise<AccountSummary> {
	const [account] = await listAccounts(db, id);
	if (!account) throw new NotFoundError('user', id);
	return account;
}

async function checkEmailFree(db: Executor, email: string, exceptId?: number) {
	let q = db.selectFrom('user').select('id').where('email', '=', normaliseEmail(email));
	if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
	if (await q.executeTakeFirst()) throw new DomainValidationError({ email: { key: 'admin.emailTaken' } });
}

export async function createAccount(db: Executor, actor: Actor, input: z.output<typeof newAccountSchema>): Promise<number> {
	const passwordHash = await hashPassword(input.password);
	return inTransaction(db, async (trx) => {
		await checkEmailFree(trx, input.email);
		const { id } = await trx
			.insertInto('user')
			.values({
				email: normaliseEmail(input.email),
				name: input.name,
				password_hash: passwordHash,
				is_admin: input.isAdmin ? 1 : 0,
				locale: input.locale
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			entity: 'user',
			entityId: id,
			action: 'create',
			after: { email: input.email, name: input.name, isAdmin: input.isAdmin }
		});
		return id;
	});
}

export async function updateAccount(db: Executor, actor: Actor, id: number, input: z.output<typeof accountSchema>): Promise<void> {
	if (id === actor.id && (!input.isAdmin || !input.active)) {
		throw new DomainValidationError({ isAdmin: { key: 'admin.cannotDemoteSelf' } });
	}
	await inTransaction(db, async (trx) => {
		const before = await getAccount(trx, id);
		await checkEmailFree(trx, input.email, id);
		const result = await trx
			.updateTable('user')
			.set({
				name: input.name,
				email: normaliseEmail(input.email),
				is_admin: input.isAdmin ? 1 : 0,
				active: input.active ? 1 : 0,
				locale: input.locale,
				version: sql`version + 1`
			})
			.where('id', '=', id)
			.where('version', '=', input.version)
			.executeTakeFirst();
		assertSaved(result, 'user', id);
		if (before.active && !input.active) await invalidateUserSessions(trx, id);
		const { version: _v, ...after } = input;
		await recordAudit(trx, { userId: actor.id, entity: 'user', entityId: id, action: 'update', ...changedFields(before, after) });
	});
}

export async function setAccountPassword(db: Executor, actor: Actor, id: number, newPassword: string): Promise<void> {
	const passwordHash = await hashPassword(newPassword);
	await inTransaction(db, async (trx) => {
		await getAccount(trx, id);
		await trx
			.updateTable('user')
			.set({ password_hash: passwordHash, version: sql`version + 1` })
			.where('id', '=', id)
			.execute();
		await invalidateUserSessions(trx, id);
		// The audit row says that the password changed, never what it is.
		await recordAudit(trx, { userId: actor.id, entity: 'user', entityId: id, action: 'set_password' });
	});
}

export async function grantMembership(db: Executor, actor: Actor, userId: number, programmeId: number, role: Role): Promise<void> {
	await inTransaction(db, async (trx) => {
		await getAccount(trx, userId);
		const programme = await trx.selectFrom('programme').select('id').where('id', '=', programmeId).executeTakeFirst();
		if (!programme) throw new DomainValidationError({ programmeId: { key: 'validation.unknownRecord' } });
		await setMembership(trx, userId, programmeId, role, actor.id);
	});
}

export async function revokeMembership(db: Executor, actor: Actor, userId: number, programmeId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('membership')
			.select('role')
			.where('user_id', '=', userId)
			.where('programme_id', '=', programmeId)
			.executeTakeFirst();
		if (!row) throw new NotFoundError('membership', `${userId}:${programmeId}`);
		await trx.deleteFrom('membership').where('user_id', '=', userId).where('programme_id', '=', programmeId).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId,
			entity: 'membership',
			entityId: `${userId}:${programmeId}`,
			action: 'delete',
			before: { role: row.role }
		});
	});
}
