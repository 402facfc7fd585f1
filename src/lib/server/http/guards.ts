import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Programme } from '$lib/model';
import { can, type InstanceAction, type ProgrammeAction } from '$lib/permissions';
import type { SessionUser } from '../auth/session';
import { getDb } from '../db/connection';
import { programmeGrant, type ProgrammeGrant } from '../core/programme-grant';
import { NotFoundError } from '../core/errors';
import { getProgrammeBySlug } from '../programmes/programmes';
import { getMembershipRole } from '../auth/users';
import { adminsNeedSecondFactor } from '../auth/totp';

// Every load and every action that touches programme data starts with one of these. Layouts are
// not enough: they do not run for form actions.

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return user;
}

/**
 * An administration page or action. With REQUIRE_ADMIN_SECOND_FACTOR=1 an admin without a second
 * factor is sent to set one up — for every action too, not only the pages (a layout does not run
 * for form actions), so nothing is changed before it is in force.
 */
export function requireInstance(event: Event, action: InstanceAction): SessionUser {
	const user = requireUser(event);
	if (!can({ isAdmin: user.isAdmin, roles: {} }, action)) error(403, 'forbidden');
	if (adminsNeedSecondFactor() && !user.secondFactor) redirect(303, '/account#totp-title');
	return user;
}

export interface ProgrammeAccess extends ProgrammeGrant {
	user: SessionUser;
	programme: Programme;
}

async function loadAccess(user: SessionUser, slug: string): Promise<ProgrammeAccess | null> {
	const db = getDb();
	const programme = await getProgrammeBySlug(db, slug);
	if (!programme) return null;
	const grant = programmeGrant(user, programme, await getMembershipRole(db, user.id, programme.id));
	return grant && { user, programme, ...grant };
}

/**
 * The programme `slug` as the signed-in user may see it, checked for `action`.
 * Not a member: 404 (as if it did not exist, so its name does not leak). A member whose role
 * does not allow the action: 403. Cached per request, so a layout and its page share one lookup.
 */
export async function requireProgramme(event: Event, slug: string, action: ProgrammeAction = 'programme.view'): Promise<ProgrammeAccess> {
	const user = requireUser(event);
	const cache = (event.locals.programmeAccess ??= new Map());
	let pending = cache.get(slug);
	if (!pending) cache.set(slug, (pending = loadAccess(user, slug)));
	const access = await pending;
	if (!access) error(404, 'not found');
	if (!access.can(action)) error(403, 'forbidden');
	return access;
}

/** A numeric id from the URL, or 404. */
export function paramId(raw: string | undefined): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'not found');
	return id;
}

/** Awaits a lookup scoped to a programme; a record that is not there (or not in it) is a 404. */
export async function found<T>(lookup: Promise<T>): Promise<T> {
	try {
		return await lookup;
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'not found');
		throw e;
	}
}
