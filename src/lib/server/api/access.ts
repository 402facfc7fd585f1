import type { Programme } from '$lib/model';
import { getMembershipRole } from '../auth/users';
import { programmeGrant } from '../core/programme-grant';
import type { Viewer } from '../core/viewer';
import type { Executor } from '../db/executor';
import { getProgrammeBySlug, listPortfolio } from '../programmes/programmes';
import type { ApiCaller } from './tokens';

// What a token may see is what its user may see (the same grant and Viewer the pages build,
// core/programme-grant), further narrowed to the token's programme list when it has one.

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
	const grant = programmeGrant(caller.user, programme, role);
	return grant && { programme, viewer: grant.viewer };
}
