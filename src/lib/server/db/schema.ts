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
	created_at: Defaulted<string>;
	updated_at: Defaulted<string>;
	version: Defaulted<number>;
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

export interface Database {
	user: UserTable;
	session: SessionTable;
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
