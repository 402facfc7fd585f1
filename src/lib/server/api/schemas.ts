import { z } from 'zod';
import { financeResponseSchema } from './finance-schema';
import {
	ADOPTION_STATUSES,
	AGGREGATIONS,
	ASSUMPTION_RESULTS,
	DIRECTIONS,
	FUNDING_MODALITIES,
	INDICATOR_LEVELS,
	INDICATOR_STATUSES,
	LOCALES,
	MANAGEMENT_RESPONSES,
	MEASURES,
	PRIORITIES,
	PROGRAMME_STATUSES,
	RECOMMENDATION_AREAS,
	RISK_BANDS,
	RISK_CATEGORIES,
	RISK_KINDS,
	RISK_LEVELS,
	RISK_STATUSES,
	RISK_TRENDS,
	SOURCE_KINDS,
	OPEN_VALUE_STATES,
	ACTIVITY_STATUSES,
	GENDER_ACTION_STATUSES,
	GENDER_ACTION_TYPES
} from '$lib/model';
import { FORECAST_BANDS, FORECAST_LIKELIHOODS, FORECAST_METHODS } from '$lib/indicator-forecast';

// The shape of every read API response, in one place. The endpoints build their answers to
// these types, the tests parse real answers with them, and /api/v1/schema/<name>.json serves
// each as JSON Schema (z.toJSONSchema), so a client can check what it receives.

const date = z.iso.date();
const instant = z.iso.datetime();
const url = z.url();

const links = () => z.object({ self: url, page: url });

const pagination = z.object({
	limit: z.number().int().positive(),
	nextCursor: z.string().nullable().describe('Pass as ?cursor= to read the next page; null on the last page.')
});

const listLinks = z.object({ self: url, next: url.nullable(), page: url });

/** The response's language (?lang=, else the token user's) for content texts and what was not translated. */
const lang = z.enum(LOCALES).describe('The language content texts are given in (?lang=es|en; the token user’s language by default).');
const untranslated = z
	.array(z.string())
	.describe('Text fields shown in the programme’s content language because no translation into `lang` exists.');

export const programmeSchema = z.object({
	id: z.number().int(),
	slug: z.string(),
	code: z.string(),
	shortName: z.string(),
	title: z.string(),
	country: z.string(),
	donor: z.string(),
	fundingModality: z.enum(FUNDING_MODALITIES),
	status: z.enum(PROGRAMME_STATUSES),
	startDate: date,
	endDate: date,
	effectiveEndDate: date,
	contentLanguage: z.enum(LOCALES).describe('The language the programme writes its own texts in.'),
	/** The caller's role there; null for an administrator who is not a member. */
	role: z.enum(['coordinator', 'evaluator', 'donor']).nullable(),
	untranslated,
	links: links().extend({ results: url, risks: url, recommendations: url, reports: url })
});

export const programmeListSchema = z.object({ lang, data: z.array(programmeSchema), pagination, links: listLinks });
export const programmeResponseSchema = z.object({ lang, data: programmeSchema });

const periodSchema = z.object({ id: z.number().int(), label: z.string(), startDate: date, endDate: date, locked: z.boolean() });

const indicatorPeriodSchema = z.object({
	periodId: z.number().int(),
	label: z.string(),
	target: z.number().nullable(),
	targetWomen: z.number().nullable(),
	targetMen: z.number().nullable(),
	/** The approved value (never a draft or a submitted one). */
	actual: z.number().nullable(),
	women: z.number().nullable(),
	men: z.number().nullable()
});

/** Where the indicator is heading at the (revised) end date, from the status module (design §3). */
const forecastSchema = z.object({
	available: z.boolean().describe('False when fewer than two approved values exist, or for milestones and qualitative indicators.'),
	reason: z.enum(['not_numeric', 'too_few_values']).nullable(),
	method: z.enum(FORECAST_METHODS).nullable(),
	basedOn: z.number().int().describe('How many approved values the projection rests on.'),
	fromDate: date.nullable(),
	endDate: date.nullable(),
	projected: z.number().nullable(),
	paceSoFar: z.number().nullable(),
	paceNeeded: z.number().nullable(),
	paceUnit: z.enum(['year', 'period']).nullable(),
	likelihood: z.enum(FORECAST_LIKELIHOODS).nullable(),
	band: z
		.enum(FORECAST_BANDS)
		.describe('The band the indicator is counted in: its likelihood, `no_target` (a projection without an end target) or `none`.'),
	unlikelyToReachTarget: z.boolean().describe('True when the projection falls in the off-track band.'),
	explanation: z.string().describe('One sentence, in `lang`, on how the projection was made.')
});

export const indicatorSchema = z.object({
	id: z.number().int(),
	code: z.string(),
	title: z.string(),
	definition: z.string(),
	level: z.enum(INDICATOR_LEVELS),
	moduleId: z.number().int().nullable(),
	outputId: z.number().int().nullable(),
	unit: z.string(),
	measure: z.enum(MEASURES),
	direction: z.enum(DIRECTIONS),
	aggregation: z.enum(AGGREGATIONS),
	decimals: z.number().int(),
	isKey: z.boolean(),
	disaggregatedBySex: z.boolean(),
	baseline: z.object({ value: z.number().nullable(), date: date.nullable() }),
	endTarget: z.number().nullable(),
	status: z.enum(INDICATOR_STATUSES),
	latestValue: z.number().nullable(),
	latestPeriod: z.string().nullable(),
	updateOverduePeriod: z.string().nullable(),
	/** A value in progress (team members only; always null for donors). */
	pendingState: z.enum(OPEN_VALUE_STATES).nullable(),
	periods: z.array(indicatorPeriodSchema),
	untranslated,
	links: links(),
	forecast: forecastSchema
});

export const resultsSchema = z.object({
	programme: z.object({ slug: z.string(), code: z.string(), shortName: z.string() }),
	asOf: date,
	lang,
	periods: z.array(periodSchema),
	modules: z.array(
		z.object({
			id: z.number().int(),
			code: z.string(),
			title: z.string(),
			untranslated,
			outputs: z.array(z.object({ id: z.number().int(), code: z.string(), title: z.string(), untranslated }))
		})
	),
	/** The whole programme's counts, with `?include=statusCounts` (they cost every indicator's assessment); else null. */
	statusCounts: z.record(z.enum(INDICATOR_STATUSES), z.number().int()).nullable(),
	data: z.array(indicatorSchema),
	pagination,
	links: listLinks
});
export const indicatorResponseSchema = z.object({ asOf: date, lang, data: indicatorSchema });

export const riskSchema = z.object({
	id: z.number().int(),
	code: z.string(),
	kind: z.enum(RISK_KINDS),
	title: z.string(),
	description: z.string(),
	category: z.enum(RISK_CATEGORIES),
	level: z.enum(RISK_LEVELS),
	attachedTo: z.object({ code: z.string(), title: z.string() }).nullable(),
	likelihood: z.number().int(),
	impact: z.number().int(),
	score: z.number().int(),
	band: z.enum(RISK_BANDS),
	trend: z.enum(RISK_TRENDS),
	status: z.enum(RISK_STATUSES),
	mitigation: z.string(),
	contingency: z.string(),
	owner: z.string(),
	nextReviewDate: date.nullable(),
	reviewNeeded: z.object({ overdue: z.boolean(), offTrack: z.array(z.string()) }).nullable(),
	indicators: z.array(z.object({ id: z.number().int(), code: z.string(), status: z.enum(INDICATOR_STATUSES) })),
	lastCheck: z.object({ period: z.string(), result: z.enum(ASSUMPTION_RESULTS) }).nullable(),
	/** Team members only; null for donors. */
	internalNotes: z.string().nullable(),
	untranslated,
	links: links()
});
export const riskListSchema = z.object({ asOf: date, lang, data: z.array(riskSchema), pagination, links: listLinks });
export const riskResponseSchema = z.object({ asOf: date, lang, data: riskSchema });

const adoptionStepSchema = z.object({
	id: z.number().int(),
	date,
	status: z.enum(ADOPTION_STATUSES),
	instrument: z.string(),
	evidenceUrl: z.string().nullable(),
	/** The step's note: team members only, null for donors. */
	note: z.string().nullable()
});

export const recommendationSchema = z.object({
	id: z.number().int(),
	code: z.string(),
	text: z.string(),
	issuedOn: date,
	addressedTo: z.string(),
	area: z.enum(RECOMMENDATION_AREAS),
	priority: z.enum(PRIORITIES),
	timeframe: z.string(),
	source: z.object({ id: z.number().int(), title: z.string(), kind: z.enum(SOURCE_KINDS) }).nullable(),
	managementResponse: z.enum(MANAGEMENT_RESPONSES).nullable(),
	status: z.enum(ADOPTION_STATUSES),
	statusDate: date.nullable(),
	/** Every step of the adoption ladder, oldest first. */
	ladder: z.array(adoptionStepSchema),
	keyActions: z.object({ total: z.number().int(), completed: z.number().int(), overdue: z.number().int() }),
	untranslated,
	links: links()
});
export const recommendationListSchema = z.object({ asOf: date, lang, data: z.array(recommendationSchema), pagination, links: listLinks });
export const recommendationResponseSchema = z.object({ asOf: date, lang, data: recommendationSchema });

export const reportSchema = z.object({
	id: z.number().int(),
	title: z.string(),
	number: z.number().int(),
	issuedAt: instant,
	languages: z.array(z.enum(LOCALES)),
	snapshotSha256: z.string(),
	/** The chain of corrections: the issue number this one corrects, the one that replaced it, the previous hash. */
	supersedes: z.number().int().nullable(),
	supersededBy: z.number().int().nullable(),
	previousHash: z.string().nullable(),
	correctionReason: z.string().nullable(),
	files: z.array(z.object({ kind: z.enum(['pdf', 'docx']), locale: z.enum(LOCALES), sha256: z.string(), url })),
	links: links()
});
export const reportListSchema = z.object({ data: z.array(reportSchema), pagination, links: listLinks });

/** An activity as it stood at `asOf` (with `?asOf=`, rewound by the report's rule: issue 19). */
export const activitySchema = z.object({
	id: z.number().int(),
	code: z.string(),
	title: z.string(),
	moduleId: z.number().int(),
	outputId: z.number().int(),
	status: z.enum(ACTIVITY_STATUSES).describe('Completed at `asOf` only if it had ended by then.'),
	plannedStart: date.nullable(),
	plannedEnd: date.nullable(),
	actualStart: date.nullable().describe('Null when it started after `asOf`.'),
	actualEnd: date.nullable().describe('Null when it ended after `asOf`.'),
	progress: z.number().nullable().describe('Percent; null when the dates changed the status recorded then.'),
	onTime: z.boolean(),
	responsible: z.string(),
	untranslated,
	links: links()
});
export const activityListSchema = z.object({ asOf: date, lang, data: z.array(activitySchema), pagination, links: listLinks });

/** A gender action as it stood at `asOf` (with `?asOf=`, rewound by the report's rule: issue 19). */
export const genderActionSchema = z.object({
	id: z.number().int(),
	title: z.string(),
	description: z.string(),
	moduleId: z.number().int().nullable(),
	type: z.enum(GENDER_ACTION_TYPES),
	status: z.enum(GENDER_ACTION_STATUSES),
	startDate: date.nullable(),
	dueDate: date.nullable(),
	overdue: z.boolean(),
	indicatorIds: z.array(z.number().int()),
	untranslated,
	links: links()
});
export const genderActionListSchema = z.object({ asOf: date, lang, data: z.array(genderActionSchema), pagination, links: listLinks });

export const errorSchema = z.object({
	error: z.object({
		code: z.enum(['unauthorized', 'insufficient_scope', 'not_found', 'bad_request', 'rate_limited']),
		message: z.string(),
		field: z.string().optional()
	})
});

/** The schemas served at /api/v1/schema/<name>.json. */
export const RESPONSE_SCHEMAS = {
	programmes: programmeListSchema,
	programme: programmeResponseSchema,
	results: resultsSchema,
	indicator: indicatorResponseSchema,
	risks: riskListSchema,
	risk: riskResponseSchema,
	recommendations: recommendationListSchema,
	recommendation: recommendationResponseSchema,
	reports: reportListSchema,
	error: errorSchema,
	finance: financeResponseSchema,
	activities: activityListSchema,
	'gender-actions': genderActionListSchema
} as const;
export type SchemaName = keyof typeof RESPONSE_SCHEMAS;

export function isSchemaName(name: string): name is SchemaName {
	return Object.hasOwn(RESPONSE_SCHEMAS, name);
}

/** The JSON Schema (draft 2020-12) of a response, with its public address as `$id`. */
export function jsonSchemaOf(name: SchemaName, origin: string): Record<string, unknown> {
	return { $id: `${origin}/api/v1/schema/${name}.json`, ...z.toJSONSchema(RESPONSE_SCHEMAS[name], { io: 'output' }) };
}
