import type { Programme, Role } from '$lib/model';
import { can, type Grants, type ProgrammeAction } from '$lib/permissions';
import type { Viewer } from './viewer';

// What a user may do in one programme, built in one place from their role there: the pages
// (http/guards) and the read API (api/access) hand the same grants and Viewer to the read models.

export interface ProgrammeGrant {
	/** The user's role in this programme; null for an admin who is not a member. */
	role: Role | null;
	grants: Grants;
	/** The user as the read models see them (internal or not, may review or not). */
	viewer: Viewer;
	can(action: ProgrammeAction): boolean;
}

/** The user's grant in `programme` given their `role` there, or null when they may not see it. */
export function programmeGrant(user: { id: number; isAdmin: boolean }, programme: Programme, role: Role | null): ProgrammeGrant | null {
	const grants: Grants = { isAdmin: user.isAdmin, roles: role ? { [programme.id]: role } : {} };
	if (!can(grants, 'programme.view', programme)) return null;
	const allowed = (action: ProgrammeAction) => can(grants, action, programme);
	const viewer: Viewer = { id: user.id, internal: allowed('programme.viewInternal'), canReview: allowed('value.review') };
	return { role, grants, viewer, can: allowed };
}
