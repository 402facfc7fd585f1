import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '$lib/model';
import { can, INSTANCE_ACTIONS, PROGRAMME_ACTIONS, type ProgrammeAction } from '$lib/permissions';

const own = { id: 1 };
const other = { id: 2 };
const member = (role: Role) => ({ isAdmin: false, roles: { [own.id]: role } });
const admin = { isAdmin: true, roles: {} };

// The rule table of design §1, written out independently of the implementation.
const expected: Record<ProgrammeAction, Role[]> = {
	'programme.view': ['coordinator', 'evaluator', 'donor'],
	'programme.viewInternal': ['coordinator', 'evaluator'],
	'logframe.edit': ['coordinator'],
	'indicator.edit': ['coordinator'],
	'value.record': ['coordinator'],
	'value.review': ['coordinator'],
	'value.comment': ['coordinator', 'evaluator'],
	'risk.edit': ['coordinator'],
	'gender.edit': ['coordinator'],
	'recommendation.edit': ['coordinator'],
	'recommendation.comment': ['coordinator', 'evaluator'],
	'report.viewDraft': ['coordinator', 'evaluator'],
	'report.comment': ['coordinator', 'evaluator'],
	'report.write': ['evaluator'],
	'report.issue': ['evaluator'],
	'finance.edit': ['coordinator'],
	'lesson.write': ['coordinator', 'evaluator'],
	'lesson.validate': ['evaluator'],
	'matrix.write': ['evaluator']
};

describe('can(user, action, programme)', () => {
	it('covers every programme action in the expected table', () => {
		expect(Object.keys(PROGRAMME_ACTIONS).sort()).toEqual(Object.keys(expected).sort());
	});

	for (const role of ROLES) {
		for (const action of Object.keys(expected) as ProgrammeAction[]) {
			const allowed = expected[action].includes(role);
			it(`${allowed ? 'lets' : 'refuses'} a ${role} ${action} in their own programme`, () => {
				expect(can(member(role), action, own)).toBe(allowed);
			});
			it(`refuses a ${role} ${action} in a programme they do not belong to`, () => {
				expect(can(member(role), action, other)).toBe(false);
			});
		}
		for (const action of INSTANCE_ACTIONS) {
			it(`refuses a ${role} the instance action ${action}`, () => {
				expect(can(member(role), action)).toBe(false);
			});
		}
	}

	it('lets an admin do every action in any programme, member or not', () => {
		for (const action of [...Object.keys(expected), ...INSTANCE_ACTIONS] as (ProgrammeAction | (typeof INSTANCE_ACTIONS)[number])[]) {
			expect(can(admin, action, other)).toBe(true);
		}
	});

	it('refuses everything to nobody (signed out)', () => {
		expect(can(null, 'programme.view', own)).toBe(false);
		expect(can(undefined, 'admin.manageUsers')).toBe(false);
	});

	it('refuses a programme action when no programme is given to a non-admin', () => {
		expect(can(member('coordinator'), 'logframe.edit')).toBe(false);
	});

	it('uses the role held in that programme when a user has different roles in different programmes', () => {
		const mixed = { isAdmin: false, roles: { 1: 'coordinator' as const, 2: 'donor' as const } };
		expect(can(mixed, 'value.record', { id: 1 })).toBe(true);
		expect(can(mixed, 'value.record', { id: 2 })).toBe(false);
		expect(can(mixed, 'programme.view', { id: 2 })).toBe(true);
	});
});
