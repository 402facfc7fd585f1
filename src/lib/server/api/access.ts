import type { Programme } from '$lib/model';
import { can, type Grants } from '$lib/permissions';
import { getMembershipRole } from '../auth/users';
import type { Viewer } from '../core/viewer';
import type { Executor } from '../db/executor';
import { getProgrammeBySlug, listPortfolio } from '../programmes/programmes';
import type { ApiCaller } from './tokens';

// What a token may see is what its user may see (the same `can` rules and Viewer the pages build
// in http/guards), further narrowed to the token's programme list when it has one.

export interface ApiProgrammeAccess {
	programme: Programme;
	viewer: Viewer;
}

function withinToken(caller: ApiCaller, programmeId: number): boolean {
	return caller.programmeIds === null || caller.programmeIds.has(programmeId);
}

/** The programmes the caller may read through this token. One statement. */
export async function programmesForCaller(db: Executor, caller: ApiCaller) {
	const entries = await listPortfolio(db, caller.user);
	return entries.filter((e) => withinToken(caller, e.programme.id));
}

/** The programme `slug` as the caller may read it, or null (a 404: not there, not theirs, or outside the token). */
export async function programmeForCaller(db: Executor, caller: ApiCaller, slug: string): Promise<ApiProgrammeAccess | null> {
	const programme = await getProgrammeBySlug(db, slug);
	if (!programme || !withinToken(caller, programme.id)) return null;
	const role = caller.user.isAdmin ? null : await getMembershipRole(db, caller.user.id, programme.id);
	const grants: Grants = { isAdmin: caller.user.isAdmin, roles: role ? { [programme.id]: role } : {} };
	if (!can(grants, 'programme.view', programme)) return null;
	const viewer: Viewer = {
		id: caller.user.id,
		internal: can(grants, 'programme.viewInternal', programme),
		canReview: can(grants, 'value.review', programme)
	};
	return { programme, viewer };
}
