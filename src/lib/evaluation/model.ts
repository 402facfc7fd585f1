// The evaluator's instruments (issue 24): the evaluation matrix and the registry of lessons learned
// and emerging good practices. Allowed values of their enumerated fields, shared by the server,
// the pages and the reports (pure: no server code).

import { CRITERIA } from '$lib/reports/outline';

/** The ILO cross-cutting policy drivers, asked about beside the six OECD-DAC criteria. */
export const ILO_DRIVERS = [
	'labour_standards',
	'social_dialogue',
	'gender_equality',
	'disability_inclusion',
	'environmental_sustainability'
] as const;

/** What a matrix question or a lesson is tagged with: an OECD-DAC criterion or an ILO driver. */
export const EVALUATION_CRITERIA = [...CRITERIA, ...ILO_DRIVERS] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number];

/** How an evaluator collects the data for a question. */
export const EVALUATION_METHODS = [
	'document_review',
	'constituent_interviews',
	'key_informant_interviews',
	'survey',
	'focus_groups',
	'field_observation',
	'data_analysis',
	'case_study'
] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

/** A lesson learned, or an emerging good practice (the two ILO EVAL templates). */
export const LESSON_KINDS = ['lesson', 'practice'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export const LESSON_STATUSES = ['draft', 'validated'] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];

export const LESSON_THEMES = [
	'social_protection',
	'social_security_administration',
	'employment',
	'social_dialogue',
	'gender_equality',
	'institutional_capacity',
	'information_systems',
	'financing',
	'project_management',
	'other'
] as const;
export type LessonTheme = (typeof LESSON_THEMES)[number];

/** The template fields of a lesson learned, in the ILO EVAL template's (and i-eval's) order. */
export const LESSON_FIELDS = ['context', 'challenges', 'causalFactors', 'targetedUsers', 'success', 'administrativeIssues'] as const;
/** The template fields of an emerging good practice, in the template's order. */
export const PRACTICE_FIELDS = ['summary', 'conditions', 'causeEffect', 'impact', 'replication', 'pbLink'] as const;
export type TemplateField = (typeof LESSON_FIELDS)[number] | (typeof PRACTICE_FIELDS)[number];

/** The template fields of a kind. */
export const templateFields = (kind: LessonKind): readonly TemplateField[] => (kind === 'lesson' ? LESSON_FIELDS : PRACTICE_FIELDS);

/** The template fields a kind cannot be saved without (the rest may stay empty in a draft and after). */
export const REQUIRED_TEMPLATE_FIELDS: Record<LessonKind, readonly TemplateField[]> = {
	lesson: ['context', 'challenges'],
	practice: ['summary', 'conditions']
};

export const SUFFICIENCY_LEVELS = ['none', 'weak', 'adequate'] as const;
export type Sufficiency = (typeof SUFFICIENCY_LEVELS)[number];

/** Every template field of both kinds. */
export const ALL_TEMPLATE_FIELD_LIST = [...LESSON_FIELDS, ...PRACTICE_FIELDS] as const;
