import type { LessonKind, TemplateField } from './model';

// The export of validated lessons and good practices for the ILO's evaluation database (i-eval
// Discovery), in the field order of the ILO EVAL templates as i-eval takes them: identification
// first, then the lesson-learned elements, then the good-practice elements. A row of one kind
// leaves the other kind's elements empty. Headers are the fixed English keys i-eval reads.

export const IEVAL_FIELDS = [
	'element_type',
	'project_symbol',
	'project_title',
	'country',
	'record_id',
	'title',
	'theme',
	'criterion',
	'll_context',
	'll_challenges',
	'll_causal_factors',
	'll_targeted_users',
	'll_success',
	'll_administrative_issues',
	'gp_summary',
	'gp_conditions',
	'gp_cause_effect',
	'gp_impact',
	'gp_replication',
	'gp_pb_dwcp_link',
	'validated_by',
	'validated_on',
	'language',
	'source_url'
] as const;
export type IevalField = (typeof IEVAL_FIELDS)[number];
export type IevalRecord = Record<IevalField, string>;

/** Template field → i-eval element. */
export const IEVAL_ELEMENT: Record<TemplateField, IevalField> = {
	context: 'll_context',
	challenges: 'll_challenges',
	causalFactors: 'll_causal_factors',
	targetedUsers: 'll_targeted_users',
	success: 'll_success',
	administrativeIssues: 'll_administrative_issues',
	summary: 'gp_summary',
	conditions: 'gp_conditions',
	causeEffect: 'gp_cause_effect',
	impact: 'gp_impact',
	replication: 'gp_replication',
	pbLink: 'gp_pb_dwcp_link'
};

/** i-eval's name of each kind. */
export const IEVAL_ELEMENT_TYPE: Record<LessonKind, string> = { lesson: 'Lesson Learned', practice: 'Emerging Good Practice' };
