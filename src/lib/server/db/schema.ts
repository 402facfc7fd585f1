import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// The one place where table shapes live. Domain modules map these rows to app objects
// (0/1 to boolean, JSON text to arrays) once, in their own mappers.

/** A column the database fills in on insert but the app may also set. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface UserTable {
	id: Generated<number>;
	email: string;
	name: string;
	password_hash: string;
	is_admin: Defaulted<number>;
	locale: Defaulted<'es' | 'en'>;
	active: Defaulted<number>;
	created_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface SessionTable {
	id: string;
	user_id: number;
	secret_hash: Uint8Array;
	created_at: string;
	last_verified_at: string;
	/** How the sign-in proved a second factor: 'provider', 'totp', or null (migration 20261209T0200). */
	second_factor: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProgrammeTable {
	id: Generated<number>;
	slug: string;
	code: string;
	short_name: string;
	title: string;
	country: string;
	partners: Defaulted<string>;
	donor: Defaulted<string>;
	funding_modality: string;
	budget_cents: number | null;
	currency: Defaulted<string>;
	start_date: string;
	end_date: string;
	revised_end_date: string | null;
	status: string;
	summary: Defaulted<string>;
	/** JSON array of SDG target codes, e.g. ["1.3","3.8"]. */
	sdg_targets: Defaulted<string>;
	gender_marker: Defaulted<number>;
	iati_identifier: string | null;
	/** The IATI reporting organisation's reference (e.g. XM-DAC-41302 for the ILO). */
	iati_reporting_org: string | null;
	/** 1 when the IATI identifier is the demo seed's illustrative one (migration 20261211T0300). */
	iati_illustrative: Defaulted<number>;
	/** The language the programme's own texts are written in ('es' or 'en'). */
	content_language: Defaulted<'es' | 'en'>;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
	/** Donor-format facts (issue 21, programmes/donor-facts.ts); texts translatable by field name. */
	tc_symbol: Defaulted<string>;
	administrative_unit: Defaulted<string>;
	backstopping_unit: Defaulted<string>;
	pb_outcomes: Defaulted<string>;
	dwcp_outcome: Defaulted<string>;
	contract_number: Defaulted<string>;
	coordinator_contact: Defaulted<string>;
	affiliated_entities: Defaulted<string>;
	target_countries: Defaulted<string>;
	target_groups: Defaulted<string>;
}

/** Sign-in throttle state: one row per account × address, and one per address (email ''). */
export interface LoginAttemptTable {
	email: string;
	address: string;
	failures: Defaulted<number>;
	last_failure_at: string | null;
	signed_in_at: string | null;
}

export interface MembershipTable {
	id: Generated<number>;
	user_id: number;
	programme_id: number;
	role: 'coordinator' | 'evaluator' | 'donor';
	created_at: Defaulted<string>;
}

export interface ModuleTable {
	id: Generated<number>;
	programme_id: number;
	code: string;
	title: string;
	objective: Defaulted<string>;
	sort_order: Defaulted<number>;
	version: Defaulted<number>;
}

export interface OutputTable {
	id: Generated<number>;
	module_id: number;
	code: string;
	title: string;
	description: Defaulted<string>;
	sort_order: Defaulted<number>;
	version: Defaulted<number>;
}

export interface ActivityTable {
	id: Generated<number>;
	output_id: number;
	code: string;
	title: string;
	planned_start: string | null;
	planned_end: string | null;
	actual_start: string | null;
	actual_end: string | null;
	status: Defaulted<string>;
	progress: Defaulted<number>;
	responsible: Defaulted<string>;
	sort_order: Defaulted<number>;
	version: Defaulted<number>;
	/** Why the activity departs from its plan (issue 21): printed beside it in donor reports. */
	deviation_reason: Defaulted<string>;
}

export interface ReportingPeriodTable {
	id: Generated<number>;
	programme_id: number;
	label: string;
	start_date: string;
	end_date: string;
	locked: Defaulted<number>;
	version: Defaulted<number>;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: Defaulted<string>;
	user_id: number | null;
	programme_id: number | null;
	entity: string;
	entity_id: string;
	action: string;
	before: string | null;
	after: string | null;
	reason: string | null;
}

export interface IndicatorTable {
	id: Generated<number>;
	programme_id: number;
	module_id: number | null;
	output_id: number | null;
	code: string;
	title: string;
	definition: Defaulted<string>;
	unit: Defaulted<string>;
	measure: 'number' | 'percentage' | 'milestone' | 'qualitative';
	direction: Defaulted<'increase' | 'decrease'>;
	aggregation: Defaulted<'per_period' | 'cumulative' | 'latest'>;
	baseline_value: number | null;
	baseline_date: string | null;
	baseline_note: Defaulted<string>;
	target_value: number | null;
	means_of_verification: Defaulted<string>;
	frequency: Defaulted<string>;
	responsible: Defaulted<string>;
	disaggregated_by_sex: Defaulted<number>;
	sdg_target: Defaulted<string>;
	ilo_outcome: Defaulted<string>;
	eu_logframe_code: Defaulted<string>;
	is_key: Defaulted<number>;
	sort_order: Defaulted<number>;
	/** Decimals its figures show (0 for head counts). */
	decimals: Defaulted<number>;
	/** 'manual' (entered values) or 'recommendations_adopted' (counted from the tracker). */
	source: Defaulted<'manual' | 'recommendations_adopted'>;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface IndicatorTargetTable {
	id: Generated<number>;
	indicator_id: number;
	period_id: number;
	value: number;
	women: number | null;
	men: number | null;
	version: Defaulted<number>;
}

export interface IndicatorValueTable {
	id: Generated<number>;
	indicator_id: number;
	period_id: number;
	value: number | null;
	women: number | null;
	men: number | null;
	not_stated: number | null;
	narrative: Defaulted<string>;
	evidence_url: string | null;
	status: Defaulted<'draft' | 'submitted' | 'returned' | 'approved' | 'superseded'>;
	return_note: string | null;
	corrects_id: number | null;
	correction_reason: string | null;
	entered_by: number | null;
	entered_at: Defaulted<string>;
	submitted_by: number | null;
	submitted_at: string | null;
	reviewed_by: number | null;
	reviewed_at: string | null;
	is_illustrative: Defaulted<number>;
	version: Defaulted<number>;
}

export interface ValueCommentTable {
	id: Generated<number>;
	value_id: number;
	author_id: number | null;
	body: string;
	created_at: Defaulted<string>;
}

export interface AttachmentTable {
	id: Generated<number>;
	programme_id: number;
	owner_entity: string;
	owner_id: number;
	original_name: string;
	stored_name: string;
	content_type: string;
	size_bytes: number;
	sha256: string;
	uploaded_by: number | null;
	uploaded_at: Defaulted<string>;
}

export interface RiskTable {
	id: Generated<number>;
	programme_id: number;
	module_id: number | null;
	output_id: number | null;
	activity_id: number | null;
	kind: 'risk' | 'assumption';
	code: Defaulted<string>;
	title: string;
	description: Defaulted<string>;
	category: 'political' | 'institutional' | 'financial' | 'operational' | 'external' | 'reputational';
	likelihood: number;
	impact: number;
	mitigation: Defaulted<string>;
	contingency: Defaulted<string>;
	owner: Defaulted<string>;
	status: Defaulted<'open' | 'monitoring' | 'materialised' | 'closed'>;
	next_review_date: string | null;
	internal_notes: Defaulted<string>;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface RiskReviewTable {
	id: Generated<number>;
	risk_id: number;
	reviewed_on: string;
	likelihood: number;
	impact: number;
	note: Defaulted<string>;
	reviewer_id: number | null;
	created_at: Defaulted<string>;
}

export interface AssumptionCheckTable {
	id: Generated<number>;
	risk_id: number;
	period_id: number;
	result: 'holds' | 'partly' | 'no';
	note: Defaulted<string>;
	checked_by: number | null;
	checked_at: Defaulted<string>;
}

export interface RiskIndicatorTable {
	risk_id: number;
	indicator_id: number;
}

export interface GenderActionTable {
	id: Generated<number>;
	programme_id: number;
	module_id: number | null;
	title: string;
	description: Defaulted<string>;
	type: 'analysis' | 'capacity_building' | 'policy_advice' | 'data_statistics' | 'participation' | 'communication';
	responsible: Defaulted<string>;
	partner: Defaulted<string>;
	start_date: string | null;
	due_date: string | null;
	status: Defaulted<'planned' | 'ongoing' | 'completed' | 'cancelled'>;
	evidence_url: string | null;
	internal_notes: Defaulted<string>;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface GenderActionIndicatorTable {
	action_id: number;
	indicator_id: number;
}

export interface SourceDocumentTable {
	id: Generated<number>;
	programme_id: number;
	title: string;
	kind: 'midterm_evaluation' | 'final_evaluation' | 'technical_study';
	issued_on: string | null;
	url: string | null;
	version: Defaulted<number>;
}

export interface RecommendationTable {
	id: Generated<number>;
	programme_id: number;
	source_document_id: number | null;
	code: string;
	text: string;
	issued_on: string;
	addressed_to: string;
	area: 'coverage' | 'governance' | 'sustainability' | 'quality';
	priority: Defaulted<'high' | 'medium' | 'low'>;
	timeframe: Defaulted<string>;
	management_response: 'accepted' | 'partially_accepted' | 'rejected' | null;
	management_response_text: Defaulted<string>;
	/** The seed inferred the response; nobody has confirmed it yet. */
	response_is_illustrative: Defaulted<number>;
	internal_notes: Defaulted<string>;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface AdoptionEventTable {
	id: Generated<number>;
	recommendation_id: number;
	event_date: string;
	status:
		| 'proposed'
		| 'under_review'
		| 'accepted_in_principle'
		| 'partially_adopted'
		| 'adopted'
		| 'implemented'
		| 'rejected'
		| 'no_longer_applicable';
	instrument: Defaulted<string>;
	evidence_url: string | null;
	note: Defaulted<string>;
	author_id: number | null;
	is_illustrative: Defaulted<number>;
	created_at: Defaulted<string>;
}

export interface KeyActionTable {
	id: Generated<number>;
	recommendation_id: number;
	action: string;
	responsible: Defaulted<string>;
	due_date: string | null;
	status: Defaulted<'not_initiated' | 'initiated' | 'completed' | 'no_longer_applicable'>;
	is_illustrative: Defaulted<number>;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface RecommendationCommentTable {
	id: Generated<number>;
	recommendation_id: number;
	author_id: number | null;
	body: string;
	created_at: Defaulted<string>;
}

export interface RecommendationModuleTable {
	recommendation_id: number;
	module_id: number;
}
export interface RecommendationOutputTable {
	recommendation_id: number;
	output_id: number;
}
export interface RecommendationIndicatorTable {
	recommendation_id: number;
	indicator_id: number;
}
export interface RecommendationRiskTable {
	recommendation_id: number;
	risk_id: number;
}

export interface TranslationTable {
	id: Generated<number>;
	programme_id: number;
	entity: string;
	entity_id: number;
	field: string;
	locale: 'es' | 'en';
	text: string;
	updated_by: number | null;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

/** A personal token of the read API (only the SHA-256 of its secret is stored). */
export interface ApiTokenTable {
	id: Generated<number>;
	user_id: number;
	name: string;
	secret_hash: Uint8Array;
	hint: string;
	/** JSON array of scopes. */
	scopes: string;
	/** JSON array of programme ids, or null for every programme the user may see. */
	programme_ids: string | null;
	created_at: Defaulted<string>;
	expires_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
	revoked_by: number | null;
	rate_window_start: string | null;
	rate_count: Defaulted<number>;
	version: Defaulted<number>;
}

export interface ReportTable {
	id: Generated<number>;
	programme_id: number;
	layout: 'oecd_dac' | 'eu_narrative' | 'ilo_tcpr';
	title_es: Defaulted<string>;
	title_en: Defaulted<string>;
	window_start: string;
	cut_off: string;
	/** JSON array of the languages to issue. */
	languages: string;
	status: Defaulted<'draft' | 'issued'>;
	created_by: number | null;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
	/** Why it was reopened for a correction (issue 19); null until then. */
	correction_reason: string | null;
	/** When it is due to the donor (issue 23): evaluators are reminded while it cannot be issued. */
	due_date: string | null;
}

export interface ReportPeriodTable {
	report_id: number;
	period_id: number;
}

export interface ReportSectionTable {
	id: Generated<number>;
	report_id: number;
	key: string;
	rating: string | null;
	narrative_es: Defaulted<string>;
	narrative_en: Defaulted<string>;
	justification_es: Defaulted<string>;
	justification_en: Defaulted<string>;
	updated_by: number | null;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface ReportCommentTable {
	id: Generated<number>;
	report_id: number;
	section_key: string | null;
	author_id: number | null;
	body: string;
	created_at: Defaulted<string>;
}

/** Append-only (a trigger refuses update and delete). */
export interface ReportIssueTable {
	id: Generated<number>;
	report_id: number;
	number: number;
	issued_at: string;
	issued_by: number | null;
	issued_by_name: string;
	snapshot: string;
	snapshot_sha256: string;
	previous_hash: string | null;
	supersedes_number: number | null;
	/** The reason the correction was opened with (issue 19); null for a first issue. */
	correction_reason: string | null;
}

/** Append-only (a trigger refuses update and delete). */
export interface ReportIssueFileTable {
	id: Generated<number>;
	issue_id: number;
	lang: 'es' | 'en';
	format: 'pdf' | 'docx';
	path: string;
	sha256: string;
	size_bytes: number;
}

export interface BudgetLineTable {
	id: Generated<number>;
	programme_id: number;
	code: string;
	title: string;
	/** One of BUDGET_CATEGORIES (src/lib/finance-rules.ts). */
	category: string;
	/** Integer minor units (cents) of the programme's currency. */
	amount_minor: number;
	sort_order: Defaulted<number>;
	is_illustrative: Defaulted<number>;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface BudgetPhasingTable {
	budget_line_id: number;
	period_id: number;
	amount_minor: number;
}

export interface BudgetAllocationTable {
	id: Generated<number>;
	budget_line_id: number;
	module_id: number | null;
	output_id: number | null;
	/** Basis points of the line (10000 = 100 %). */
	share_bp: number;
}

export interface ExpenditureTable {
	id: Generated<number>;
	budget_line_id: number;
	period_id: number;
	/** Integer minor units; negative for a refund. */
	amount_minor: number;
	source: 'entered' | 'imported';
	import_sha256: string | null;
	spent_on: string | null;
	note: Defaulted<string>;
	is_illustrative: Defaulted<number>;
	created_by: number | null;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

/** A dated revision of a budget line's amount (migrations/20261209T0500_budget_revisions.ts). */
export interface BudgetRevisionTable {
	id: Generated<number>;
	budget_line_id: number;
	effective_on: string;
	/** Integer minor units: the line's amount in force from effective_on. */
	amount_minor: number;
	reason: string;
	created_by: number | null;
	created_at: Defaulted<string>;
}

/** What the donor plans to disburse in a reporting period (IATI planned-disbursement). */
export interface PlannedDisbursementTable {
	id: Generated<number>;
	programme_id: number;
	period_id: number;
	amount_minor: number;
	created_by: number | null;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

/** A report's render job (see migrations/20261207T0100_report_jobs.ts). */
export interface ReportJobTable {
	id: Generated<number>;
	report_id: number;
	programme_id: number;
	report_version: number;
	snapshot_sha256: string;
	issued_at: string;
	issued_by: number | null;
	issued_by_name: string;
	origin: string;
	state: Generated<'queued' | 'rendering' | 'done' | 'failed'>;
	step: string | null;
	attempts: Generated<number>;
	claimed_by: string | null;
	claimed_at: string | null;
	heartbeat_at: string | null;
	folder: string | null;
	error: string | null;
	error_detail: string | null;
	issue_number: number | null;
	created_at: Generated<string>;
	finished_at: string | null;
}

/** An entry of the shared indicator library (instance-wide; admins curate it). */
export interface LibraryIndicatorTable {
	id: Generated<number>;
	code: string;
	title_es: string;
	title_en: string;
	definition_es: Defaulted<string>;
	definition_en: Defaulted<string>;
	method_es: Defaulted<string>;
	method_en: Defaulted<string>;
	measure: 'number' | 'percentage' | 'milestone' | 'qualitative';
	unit: Defaulted<string>;
	direction: Defaulted<'increase' | 'decrease'>;
	disaggregations: Defaulted<string>;
	source: Defaulted<string>;
	framework_refs: Defaulted<string>;
	/** English of unit, disaggregations, source, framework references (the columns above are Spanish). */
	unit_en: Defaulted<string>;
	disaggregations_en: Defaulted<string>;
	source_en: Defaulted<string>;
	framework_refs_en: Defaulted<string>;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

/** A programme indicator's link to the library entry it measures (one at most). */
export interface IndicatorLibraryLinkTable {
	indicator_id: number;
	library_indicator_id: number;
	linked_at: Defaulted<string>;
}

export interface SocialDialogueEventTable {
	id: Generated<number>;
	programme_id: number;
	held_on: string;
	body: string;
	outcome: Defaulted<string>;
	evidence_url: string | null;
	is_illustrative: Defaulted<number>;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface SocialDialoguePartyTable {
	id: Generated<number>;
	event_id: number;
	constituent: 'government' | 'employers' | 'workers' | 'other';
	names: Defaulted<string>;
}

export interface ConstituentTagTable {
	id: Generated<number>;
	programme_id: number;
	entity: 'activity' | 'output' | 'recommendation';
	entity_id: number;
	constituent: 'government' | 'employers' | 'workers' | 'other';
}

export interface LessonTable {
	id: Generated<number>;
	programme_id: number;
	kind: 'lesson' | 'practice';
	status: Defaulted<'draft' | 'validated'>;
	theme: string;
	criterion: string | null;
	title: string;
	context: Defaulted<string>;
	challenges: Defaulted<string>;
	causal_factors: Defaulted<string>;
	targeted_users: Defaulted<string>;
	success: Defaulted<string>;
	administrative_issues: Defaulted<string>;
	summary: Defaulted<string>;
	conditions: Defaulted<string>;
	cause_effect: Defaulted<string>;
	impact: Defaulted<string>;
	replication: Defaulted<string>;
	pb_link: Defaulted<string>;
	/** Folded text of every field in both languages (src/lib/evaluation/search-text.ts). */
	search_text: Defaulted<string>;
	created_by: number | null;
	validated_by: number | null;
	validated_at: string | null;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface LessonModuleTable {
	lesson_id: number;
	module_id: number;
}

export interface LessonOutputTable {
	lesson_id: number;
	output_id: number;
}

export interface LessonRecommendationTable {
	lesson_id: number;
	recommendation_id: number;
}

export interface LessonIndicatorTable {
	lesson_id: number;
	indicator_id: number;
}

export interface EvaluationQuestionTable {
	id: Generated<number>;
	report_id: number;
	criterion: string;
	sort_order: Defaulted<number>;
	question: string;
	judgement_criteria: Defaulted<string>;
	sources: Defaulted<string>;
	methods: Defaulted<string>;
	created_by: number | null;
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface EvaluationQuestionIndicatorTable {
	question_id: number;
	indicator_id: number;
}

export interface EvaluationQuestionRecommendationTable {
	question_id: number;
	recommendation_id: number;
}

/** An entry's distinct folded words, for the search across programmes (issue 24). */
export interface LessonWordTable {
	word: string;
	lesson_id: number;
}

/** One outcome's (module's) narrative in an ILO progress report (issue 21). */
export interface ReportModuleNarrativeTable {
	id: Generated<number>;
	report_id: number;
	module_id: number;
	narrative_es: Defaulted<string>;
	narrative_en: Defaulted<string>;
	updated_by: number | null;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
}

export interface Database {
	user: UserTable;
	session: SessionTable;
	login_attempt: LoginAttemptTable;
	translation: TranslationTable;
	api_token: ApiTokenTable;
	programme: ProgrammeTable;
	membership: MembershipTable;
	module: ModuleTable;
	output: OutputTable;
	activity: ActivityTable;
	reporting_period: ReportingPeriodTable;
	audit_log: AuditLogTable;
	indicator: IndicatorTable;
	indicator_target: IndicatorTargetTable;
	indicator_value: IndicatorValueTable;
	value_comment: ValueCommentTable;
	attachment: AttachmentTable;
	risk: RiskTable;
	risk_review: RiskReviewTable;
	assumption_check: AssumptionCheckTable;
	risk_indicator: RiskIndicatorTable;
	gender_action: GenderActionTable;
	gender_action_indicator: GenderActionIndicatorTable;
	source_document: SourceDocumentTable;
	recommendation: RecommendationTable;
	adoption_event: AdoptionEventTable;
	key_action: KeyActionTable;
	recommendation_comment: RecommendationCommentTable;
	recommendation_module: RecommendationModuleTable;
	recommendation_output: RecommendationOutputTable;
	recommendation_indicator: RecommendationIndicatorTable;
	recommendation_risk: RecommendationRiskTable;
	report: ReportTable;
	report_period: ReportPeriodTable;
	report_section: ReportSectionTable;
	report_comment: ReportCommentTable;
	report_issue: ReportIssueTable;
	report_issue_file: ReportIssueFileTable;
	notification: NotificationTable;
	notification_preference: NotificationPreferenceTable;
	instance_key: InstanceKeyTable;
	totp: TotpTable;
	two_factor_challenge: TwoFactorChallengeTable;
	identity: IdentityTable;
	oidc_login: OidcLoginTable;
	budget_line: BudgetLineTable;
	budget_phasing: BudgetPhasingTable;
	budget_allocation: BudgetAllocationTable;
	expenditure: ExpenditureTable;
	report_job: ReportJobTable;
	library_indicator: LibraryIndicatorTable;
	indicator_library_link: IndicatorLibraryLinkTable;
	social_dialogue_event: SocialDialogueEventTable;
	social_dialogue_party: SocialDialoguePartyTable;
	constituent_tag: ConstituentTagTable;
	lesson: LessonTable;
	lesson_module: LessonModuleTable;
	lesson_output: LessonOutputTable;
	lesson_recommendation: LessonRecommendationTable;
	lesson_indicator: LessonIndicatorTable;
	evaluation_question: EvaluationQuestionTable;
	evaluation_question_indicator: EvaluationQuestionIndicatorTable;
	evaluation_question_recommendation: EvaluationQuestionRecommendationTable;
	lesson_word: LessonWordTable;
	report_module_narrative: ReportModuleNarrativeTable;
	budget_revision: BudgetRevisionTable;
	planned_disbursement: PlannedDisbursementTable;
}

export type UserRow = Selectable<UserTable>;
export type ProgrammeRow = Selectable<ProgrammeTable>;
export type NewProgramme = Insertable<ProgrammeTable>;
export type ProgrammeUpdate = Updateable<ProgrammeTable>;
export type ModuleRow = Selectable<ModuleTable>;
export type OutputRow = Selectable<OutputTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type ReportingPeriodRow = Selectable<ReportingPeriodTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type IndicatorTargetRow = Selectable<IndicatorTargetTable>;
export type IndicatorValueRow = Selectable<IndicatorValueTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
export type RiskRow = Selectable<RiskTable>;
export type GenderActionRow = Selectable<GenderActionTable>;
export type RecommendationRow = Selectable<RecommendationTable>;
export type AdoptionEventRow = Selectable<AdoptionEventTable>;
export type KeyActionRow = Selectable<KeyActionTable>;

// ---- notifications (issue 23) ----
export type NotificationState = 'pending' | 'sending' | 'sent' | 'failed' | 'waiting' | 'digested';

export interface NotificationTable {
	id: Generated<number>;
	user_id: number;
	programme_id: number | null;
	kind: string;
	locale: 'es' | 'en';
	recipient: string;
	subject: string;
	body_text: string;
	body_html: string;
	link: string;
	dedupe_key: string | null;
	state: NotificationState;
	digest_id: number | null;
	attempts: Defaulted<number>;
	next_attempt_at: string;
	claimed_by: string | null;
	claimed_at: string | null;
	last_error: string | null;
	created_at: Defaulted<string>;
	sent_at: string | null;
}

export interface NotificationPreferenceTable {
	user_id: number;
	kind: string;
	delivery: 'immediate' | 'daily' | 'weekly' | 'off';
	updated_at: Defaulted<string>;
}

export interface InstanceKeyTable {
	name: string;
	secret: Uint8Array;
	created_at: Defaulted<string>;
}

// ---- second factor (issue 23) ----
export interface TotpTable {
	user_id: number;
	secret: Uint8Array;
	recovery_hashes: string;
	enrolled_at: string | null;
	last_step: Defaulted<number>;
	created_at: Defaulted<string>;
}

export interface TwoFactorChallengeTable {
	token_hash: Uint8Array;
	user_id: number;
	redirect_to: string;
	expires_at: string;
}

/** A person's account at an OpenID provider (issuer × subject), linked on first sign-in. */
export interface IdentityTable {
	id: Generated<number>;
	user_id: number;
	issuer: string;
	subject: string;
	created_at: Defaulted<string>;
}

/** One sign-in through the OpenID provider in progress, keyed by the SHA-256 of its state. */
export interface OidcLoginTable {
	state_hash: Uint8Array;
	nonce: string;
	code_verifier: string;
	redirect_to: string;
	expires_at: string;
}
