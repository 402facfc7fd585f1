import type { Role } from './model';

// The permission rules of design §1 in one pure function. The server calls it (through
// server/http/guards.ts) before every load and every write; pages may call it to hide controls
// a user cannot use, but hiding is a courtesy, never the check.

export const PROGRAMME_ACTIONS = {
	/** See the programme at all: dashboards, approved values, issued reports. */
	'programme.view': ['coordinator', 'evaluator', 'donor'],
	/** See what donors never see: drafts, internal comments and notes, the audit trail. */
	'programme.viewInternal': ['coordinator', 'evaluator'],
	'logframe.edit': ['coordinator'],
	'indicator.edit': ['coordinator'],
	'value.record': ['coordinator'],
	/** Approve or return a submitted value (never one's own: see the four-eyes rule). */
	'value.review': ['coordinator'],
	'value.comment': ['coordinator', 'evaluator'],
	'risk.edit': ['coordinator'],
	'gender.edit': ['coordinator'],
	'recommendation.edit': ['coordinator'],
	'recommendation.comment': ['coordinator', 'evaluator'],
	/** Drafts of reports, their previews and comments (donors see issued reports only). */
	'report.viewDraft': ['coordinator', 'evaluator'],
	'report.comment': ['coordinator', 'evaluator'],
	'report.write': ['evaluator'],
	'report.issue': ['evaluator'],
	/** Budget lines, allocations and expenditure (issue 20); everyone in the programme reads them. */
	'finance.edit': ['coordinator'],
	/** Record and edit lessons learned and good practices, at any time (issue 24). */
	'lesson.write': ['coordinator', 'evaluator'],
	/** Validate a lesson or good practice (donors and other programmes then see it). */
	'lesson.validate': ['evaluator'],
	/** Write the evaluation matrix of a report. */
	'matrix.write': ['evaluator']
} as const satisfies Record<string, readonly Role[]>;

export const INSTANCE_ACTIONS = ['admin.manageUsers', 'admin.manageProgrammes', 'admin.unlockPeriod', 'admin.viewAudit'] as const;

export type ProgrammeAction = keyof typeof PROGRAMME_ACTIONS;
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];
export type Action = ProgrammeAction | InstanceAction;

/** What a person may do: admin or not, and their role in each programme (not `core/actor`, who wrote a change). */
export interface Grants {
	isAdmin: boolean;
	/** The user's role in each programme they belong to, by programme id. */
	roles: Readonly<Record<number, Role | undefined>>;
}

function isInstanceAction(action: Action): action is InstanceAction {
	return (INSTANCE_ACTIONS as readonly string[]).includes(action);
}

/**
 * May `user` do `action` in `programme`? Admins may do everything; everyone else only what their
 * role in that programme allows, and nothing in a programme they do not belong to.
 */
export function can(user: Grants | null | undefined, action: Action, programme?: { id: number } | null): boolean {
	if (!user) return false;
	if (user.isAdmin) return true;
	if (isInstanceAction(action) || !programme) return false;
	const role = user.roles[programme.id];
	if (!role) return false;
	return (PROGRAMME_ACTIONS[action] as readonly Role[]).includes(role);
}
