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
