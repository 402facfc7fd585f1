import { localize } from '$lib/content-language';
import { DIGEST_CHOICES, KIND_DELIVERIES, NOTIFICATION_KINDS } from '$lib/notification-kinds';
import { CONSTITUENTS, TAGGABLE } from '$lib/constituents';
import { EVALUATION_CRITERIA, EVALUATION_METHODS, LESSON_KINDS, LESSON_STATUSES, LESSON_THEMES } from '$lib/evaluation/model';
import {
	ACTIVITY_STATUSES,
	ADOPTION_STATUSES,
	AGGREGATIONS,
	ASSUMPTION_RESULTS,
	DIRECTIONS,
	FREQUENCIES,
	FUNDING_MODALITIES,
	GENDER_ACTION_STATUSES,
	GENDER_ACTION_TYPES,
	GENDER_MARKERS,
	INDICATOR_LEVELS,
	INDICATOR_SOURCES,
	KEY_ACTION_STATUSES,
	LOCALES,
	MANAGEMENT_RESPONSES,
	MEASURES,
	PRIORITIES,
	PROGRAMME_STATUSES,
	RECOMMENDATION_AREAS,
	RISK_CATEGORIES,
	RISK_KINDS,
	RISK_STATUSES,
	ROLES,
	SOURCE_KINDS,
	VALUE_STATES,
	type IsoDate,
	type Locale
} from '$lib/model';
import { REPORT_LAYOUTS, SECTION_KEYS } from '$lib/reports/outline';
import { RATING_CHOICES } from '$lib/reports/not-rated';
import type { AuditRecord } from '$lib/server/core/audit';
import { auditLabel } from './audit-labels';
import type { I18n } from './context';
import { isMessageKey } from './translate';

// An audit record in words (design §4, Admin): each changed field as its label with its values
// in the reader's language — enum values by name, ids as the records they point to, dates in the
// reader's format — and never a line that changes nothing. Pure: the names of the records come
// from the server (core/audit-names.ts), one lookup per kind of record.

// ---- the names of the records an audit record points to ----------------------------------------

export const AUDIT_REF_KINDS = [
	'programme',
	'module',
	'output',
	'activity',
	'reporting_period',
	'indicator',
	'indicator_value',
	'value_comment',
	'risk',
	'risk_review',
	'gender_action',
	'recommendation',
	'adoption_event',
	'key_action',
	'recommendation_comment',
	'source_document',
	'user',
	// The evaluator's workspace and the report (issue 24): named rather than "(deleted record)".
	'lesson',
	'evaluation_question',
	'report',
	'report_section'
] as const;
export type AuditRefKind = (typeof AUDIT_REF_KINDS)[number];

/** What a record is called: its code and title (in its content language, with translations), where it lives. */
export interface AuditName {
	code: string;
	title: string;
	/** The language `title` is written in; null for texts that are not translated (a period label, a name). */
	lang: Locale | null;
	translations: Partial<Record<Locale, string>>;
	/** The period of a value, the date of a review… */
	context: string;
	date: IsoDate | null;
	href: string | null;
	/** A programme's currency, for its budget. */
	currency?: string;
}
export type AuditNames = Record<string, AuditName>;
export const nameKey = (kind: AuditRefKind, id: number | string) => `${kind}:${id}`;

/** Fields whose value is the id of a record. */
export const ID_FIELDS: Record<string, AuditRefKind> = {
	periodId: 'reporting_period',
	moduleId: 'module',
	outputId: 'output',
	activityId: 'activity',
	indicatorId: 'indicator',
	riskId: 'risk',
	reviewId: 'risk_review',
	recommendationId: 'recommendation',
	sourceDocumentId: 'source_document',
	valueId: 'indicator_value',
	correctsId: 'indicator_value',
	keyActionId: 'key_action',
	eventId: 'adoption_event',
	actionId: 'gender_action',
	userId: 'user',
	enteredBy: 'user',
	submittedBy: 'user',
	reviewedBy: 'user',
	reviewerId: 'user',
	authorId: 'user',
	checkedBy: 'user',
	updatedBy: 'user'
};

/** Fields whose value is a list of ids (an array, or the ids joined by commas). */
export const ID_LIST_FIELDS: Record<string, AuditRefKind> = {
	moduleIds: 'module',
	outputIds: 'output',
	indicatorIds: 'indicator',
	riskIds: 'risk',
	recommendationIds: 'recommendation'
};

/**
 * Bookkeeping that says nothing to a reader: the record's own id and version, its place in a
 * list, its timestamps (the entry has its own), and the programme (the entry names it).
 */
export const HIDDEN_FIELDS: ReadonlySet<string> = new Set([
	'id',
	'version',
	'valueVersion',
	'sortOrder',
	'createdAt',
	'updatedAt',
	'programmeId',
	'passwordHash',
	'secretHash',
	// The button a form was sent with (save as draft or submit): the entry's action says it.
	'intent'
]);

/** snake_case column names (row snapshots) and camelCase input fields read the same. */
export const fieldName = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A translation's field: `title_en` → title in English. */
const TRANSLATED_FIELD = new RegExp(`^(\\w+?)_(${LOCALES.join('|')})$`);

// ---- enumerated values -------------------------------------------------------------------------

export interface AuditEnum {
	values: readonly (string | number)[];
	/** Catalogue prefix: the value's name is `${prefix}.${value}`. */
	prefix: string;
}
const e = (values: readonly (string | number)[], prefix: string): AuditEnum => ({ values, prefix });
const SCALE = [1, 2, 3, 4, 5] as const;

/** `status` and `kind` mean a different list on each kind of record. */
const BY_ENTITY: Record<string, Record<string, AuditEnum>> = {
	status: {
		indicator_value: e(VALUE_STATES, 'valueState'),
		risk: e(RISK_STATUSES, 'riskStatus'),
		activity: e(ACTIVITY_STATUSES, 'activityStatus'),
		programme: e(PROGRAMME_STATUSES, 'programmeStatus'),
		recommendation: e(ADOPTION_STATUSES, 'adoptionStatus'),
		adoption_event: e(ADOPTION_STATUSES, 'adoptionStatus'),
		key_action: e(KEY_ACTION_STATUSES, 'keyActionStatus'),
		gender_action: e(GENDER_ACTION_STATUSES, 'genderActionStatus'),
		lesson: e(LESSON_STATUSES, 'evaluation.status')
	},
	kind: {
		risk: e(RISK_KINDS, 'riskKind'),
		source_document: e(SOURCE_KINDS, 'sourceKind'),
		lesson: e(LESSON_KINDS, 'evaluation.kind')
	}
};

const BY_FIELD: Record<string, AuditEnum> = {
	measure: e(MEASURES, 'measure'),
	direction: e(DIRECTIONS, 'direction'),
	aggregation: e(AGGREGATIONS, 'aggregation'),
	frequency: e(FREQUENCIES, 'frequency'),
	source: e(INDICATOR_SOURCES, 'source'),
	level: e(INDICATOR_LEVELS, 'level'),
	category: e(RISK_CATEGORIES, 'riskCategory'),
	result: e(ASSUMPTION_RESULTS, 'assumptionResult'),
	area: e(RECOMMENDATION_AREAS, 'recommendationArea'),
	priority: e(PRIORITIES, 'recommendationPriority'),
	managementResponse: e(MANAGEMENT_RESPONSES, 'managementResponse'),
	type: e(GENDER_ACTION_TYPES, 'genderActionType'),
	fundingModality: e(FUNDING_MODALITIES, 'fundingModality'),
	role: e(ROLES, 'role'),
	locale: e(LOCALES, 'language'),
	contentLanguage: e(LOCALES, 'language'),
	genderMarker: e(GENDER_MARKERS, 'genderMarker'),
	likelihood: e(SCALE, 'riskLikelihood'),
	impact: e(SCALE, 'riskImpact'),
	layout: e(REPORT_LAYOUTS, 'reports.layout'),
	rating: e(RATING_CHOICES, 'reports.rating'),
	key: e(SECTION_KEYS, 'reportDoc.section'),
	sectionKey: e(SECTION_KEYS, 'reportDoc.section'),
	window: e(['periods', 'dates'], 'reports.windowKind'),
	digest: e(DIGEST_CHOICES, 'prefs.digest'),
	...Object.fromEntries(
		NOTIFICATION_KINDS.map((k) => [
			`kind${k.replace(/(^|_)(\w)/g, (_, _u, c: string) => c.toUpperCase())}`,
			e(KIND_DELIVERIES, 'prefs.delivery')
		])
	),
	entity: e(TAGGABLE, 'audit.entity'),
	constituent: e(CONSTITUENTS, 'dialogue.constituent'),
	constituents: e(CONSTITUENTS, 'dialogue.constituent'),
	theme: e(LESSON_THEMES, 'evaluation.theme'),
	methods: e(EVALUATION_METHODS, 'evaluation.method'),
	criterion: e(EVALUATION_CRITERIA, 'evaluation.criterion')
};

/** A move in the logframe's order. */
const MOVE = e(['up', 'down'], 'audit.move');

/** Every list of values the audit log can hold, for the test that each value has a name. */
export const AUDIT_ENUMS: readonly AuditEnum[] = [
	...Object.values(BY_ENTITY).flatMap((m) => Object.values(m)),
	...Object.values(BY_FIELD),
	MOVE
];

export function enumOf(entity: string, action: string, field: string): AuditEnum | null {
	if (action === 'reorder' && field === 'direction') return MOVE;
	const byEntity = BY_ENTITY[field];
	if (byEntity) return byEntity[entity] ?? null;
	return BY_FIELD[field] ?? null;
}

// ---- which records an audit record points to ----------------------------------------------------

const idsIn = (value: unknown): number[] => {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	return list.map((v) => Number(typeof v === 'string' ? v.trim() : v)).filter((n) => Number.isInteger(n) && n > 0);
};

/** The record an entry is about: its kind and id (a membership is a user in a programme). */
function subjectRefs(record: Pick<AuditRecord, 'entity' | 'entityId'>): [AuditRefKind, number][] {
	if (record.entity === 'membership') {
		const [user, programme] = record.entityId.split(':').map(Number);
		return [
			['user', user!],
			['programme', programme!]
		];
	}
	if (record.entity === 'session') return [['user', Number(record.entityId)]];
	if ((AUDIT_REF_KINDS as readonly string[]).includes(record.entity)) return [[record.entity as AuditRefKind, Number(record.entityId)]];
	return [];
}

/** Every record the entries point to, by kind, so the server looks each kind up once. */
export function auditReferences(records: readonly AuditRecord[]): Map<AuditRefKind, number[]> {
	const found = new Map<AuditRefKind, Set<number>>();
	const add = (kind: AuditRefKind, ids: number[]) => {
		let set = found.get(kind);
		if (!set) found.set(kind, (set = new Set()));
		for (const id of ids) if (Number.isInteger(id) && id > 0) set.add(id);
	};
	for (const record of records) {
		for (const [kind, id] of subjectRefs(record)) add(kind, [id]);
		for (const side of [record.before, record.after]) {
			if (!side) continue;
			for (const [key, value] of Object.entries(side)) {
				if (record.action === 'set_targets') {
					add('reporting_period', idsIn(key));
					continue;
				}
				const field = fieldName(key);
				if (ID_FIELDS[field]) add(ID_FIELDS[field], idsIn(value));
				else if (ID_LIST_FIELDS[field]) add(ID_LIST_FIELDS[field], idsIn(value));
			}
		}
	}
	return new Map([...found].filter(([, ids]) => ids.size > 0).map(([kind, ids]) => [kind, [...ids].sort((a, b) => a - b)]));
}

// ---- values in words ---------------------------------------------------------------------------

/** A piece of a value: a text, maybe a link, maybe shortened (the full text beside it), maybe in another language. */
export interface AuditPiece {
	text: string;
	href?: string;
	/** The whole text when `text` is shortened. */
	full?: string;
	/** Set when the text fell back to its original language: shown with a "(es)" mark. */
	lang?: Locale;
}

export interface AuditLine {
	field: string;
	label: string;
	/** Null: the side is not shown (a new record has no before; a deleted one no after). */
	before: AuditPiece[] | null;
	after: AuditPiece[] | null;
}

export interface AuditEntryView {
	id: number;
	entity: string;
	subject: AuditPiece[];
	action: string;
	who: string;
	when: string;
	reason: string | null;
	lines: AuditLine[];
}

const LONG = 160;
const TITLE = 90;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const URL = /^https?:\/\//i;

const shorten = (text: string, max: number): AuditPiece =>
	text.length > max ? { text: `${text.slice(0, max - 1).trimEnd()}…`, full: text } : { text };

/** The same value whatever its spelling: null, '' and undefined; 4 and '4'; true and 1; [1, 2] and '1,2'. */
export function canonical(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	// A number and its digits read the same; two texts are compared as typed ("1.10" is not "1.1").
	if (typeof value === 'string') return value.trim();
	if (Array.isArray(value)) return value.map(canonical).join(',');
	if (typeof value === 'object') {
		const parts = Object.entries(value as Record<string, unknown>)
			.map(([k, v]) => [fieldName(k), canonical(v)] as const)
			.filter(([, v]) => v !== '')
			.sort(([a], [b]) => a.localeCompare(b));
		return parts.length ? JSON.stringify(parts) : '';
	}
	return String(value);
}

interface Context {
	i18n: I18n;
	names: AuditNames;
	record: AuditRecord;
}

export function fieldLabel(i18n: I18n, field: string): string {
	const key = `audit.field.${field}`;
	if (isMessageKey(key)) return i18n.td(key);
	// Never shown when the catalogue is complete (a unit test makes sure it is).
	return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A record as its code, title and context ("4.2-1 Mujeres afiliadas · 2020-S2"), linked to its page. */
export function namePiece(i18n: I18n, name: AuditName): AuditPiece {
	const title = name.lang ? localize(name.title, name.lang, i18n.locale, name.translations[i18n.locale]) : null;
	const shown = title ? shorten(title.text, TITLE) : shorten(name.title, TITLE);
	// A programme's code is often its short name: say it once.
	const parts = [name.code, shown.text].filter((part, i, all) => part && all.indexOf(part) === i);
	const context = [name.context, name.date ? i18n.date(name.date) : ''].filter(Boolean).join(', ');
	const text = parts.join(' ') + (context ? ` · ${context}` : '');
	return {
		text: text || i18n.t('audit.unnamed'),
		...(name.href ? { href: name.href } : {}),
		...(shown.full ? { full: shown.full } : {}),
		...(title?.fallback ? { lang: title.lang } : {})
	};
}

function refPiece(ctx: Context, kind: AuditRefKind, id: number): AuditPiece {
	const name = ctx.names[nameKey(kind, id)];
	return name ? namePiece(ctx.i18n, name) : { text: ctx.i18n.t('audit.deletedRecord') };
}

const join = (lists: AuditPiece[][], separator = ', '): AuditPiece[] =>
	lists.flatMap((pieces, i) => (i === 0 ? pieces : [{ text: separator }, ...pieces]));

/** One value in words; [] when there is nothing. */
export function valuePieces(ctx: Context, field: string, value: unknown): AuditPiece[] {
	const { i18n, record } = ctx;
	if (canonical(value) === '') return [];
	if (ID_FIELDS[field]) return join(idsIn(value).map((id) => [refPiece(ctx, ID_FIELDS[field]!, id)]));
	if (ID_LIST_FIELDS[field]) return join(idsIn(value).map((id) => [refPiece(ctx, ID_LIST_FIELDS[field]!, id)]));
	const list = enumOf(record.entity, record.action, field);
	if (list && (typeof value === 'string' || typeof value === 'number' || Array.isArray(value))) {
		// A multiple choice is recorded as a list or as codes joined by commas: each code in words.
		const codes = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [String(value)];
		const words = codes.map((code) => {
			const key = `${list.prefix}.${code.trim()}`;
			return isMessageKey(key) ? i18n.td(key) : code.trim();
		});
		return [{ text: words.join(', ') }];
	}
	if (field === 'budgetCents' && typeof value === 'number') {
		const currency = [record.after?.currency, record.before?.currency, ctx.names[nameKey('programme', record.entityId)]?.currency].find(
			(c): c is string => typeof c === 'string' && /^[A-Z]{3}$/.test(c)
		);
		return [{ text: currency ? i18n.money(value, currency) : i18n.number(value / 100, 2) }];
	}
	if (typeof value === 'boolean') return [{ text: i18n.t(value ? 'common.yes' : 'common.no') }];
	if (typeof value === 'number') return [{ text: i18n.number(value, 4) }];
	if (typeof value === 'string') {
		const text = value.trim();
		if (ISO_DATE.test(text)) return [{ text: i18n.date(text) }];
		if (ISO_INSTANT.test(text)) return [{ text: i18n.dateTime(text) }];
		if (URL.test(text)) return [{ ...shorten(text.replace(URL, ''), 60), href: text }];
		return [shorten(text, LONG)];
	}
	if (Array.isArray(value)) {
		return join(
			value.map((item) =>
				item && typeof item === 'object' && !Array.isArray(item)
					? itemPieces(ctx, item as Record<string, unknown>)
					: valuePieces(ctx, field, item)
			)
		);
	}
	// The counts a deletion took with it: only those that are not zero.
	if (typeof value === 'object') return objectPieces(ctx, value as Record<string, unknown>, field === 'impact');
	return [{ text: String(value) }];
}

/** A record listed inside a value (e.g. the indicators a deletion took with it): its code or title. */
function itemPieces(ctx: Context, item: Record<string, unknown>): AuditPiece[] {
	const named = [item.code, item.title, item.label, item.name].filter((v): v is string => typeof v === 'string' && v !== '');
	if (named.length) return [shorten(named.join(' '), TITLE)];
	return objectPieces(ctx, item);
}

/** An object's fields, each as "Label: value" (never the object itself). */
function objectPieces(ctx: Context, object: Record<string, unknown>, skipZero = false): AuditPiece[] {
	const parts = Object.entries(object)
		.map(([key, value]) => [fieldName(key), value] as const)
		.filter(([field, value]) => !HIDDEN_FIELDS.has(field) && canonical(value) !== '' && !(skipZero && value === 0))
		.map(([field, value]) => [{ text: `${fieldLabel(ctx.i18n, field)}: ` }, ...valuePieces(ctx, field, value)]);
	return join(parts, '; ');
}

function lineLabel(ctx: Context, key: string): { field: string; label: string } {
	const { i18n, record } = ctx;
	if (record.action === 'set_targets' && /^\d+$/.test(key)) {
		return { field: `target:${key}`, label: i18n.t('audit.targetFor', { period: refPiece(ctx, 'reporting_period', Number(key)).text }) };
	}
	const translated = record.action === 'translate' ? TRANSLATED_FIELD.exec(key) : null;
	if (translated) {
		const field = fieldName(translated[1]!);
		return {
			field: `${field}:${translated[2]}`,
			label: i18n.t('audit.translationOf', { field: fieldLabel(i18n, field), language: i18n.td(`audit.language.${translated[2]}`) })
		};
	}
	const field = fieldName(key);
	// A deletion keeps what went with the record under `impact` (counts) and `removed` (which ones).
	if (field === 'impact' && typeof (record.before?.[key] ?? record.after?.[key]) === 'object')
		return { field, label: i18n.t('audit.alsoRemoved') };
	return { field, label: fieldLabel(i18n, field) };
}

function has(side: Record<string, unknown> | null, key: string): boolean {
	return !!side && Object.prototype.hasOwnProperty.call(side, key) && side[key] !== undefined;
}

/** The lines of an entry: one per field that changed (or, for a new or deleted record, per field it had). */
export function auditLines(i18n: I18n, record: AuditRecord, names: AuditNames, options: { hide?: readonly string[] } = {}): AuditLine[] {
	const ctx: Context = { i18n, names, record };
	const hidden = new Set([...HIDDEN_FIELDS, ...(options.hide ?? [])]);
	const before = record.before && typeof record.before === 'object' ? record.before : null;
	const after = record.after && typeof record.after === 'object' ? record.after : null;
	const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
	const lines: AuditLine[] = [];
	const seen = new Set<string>();
	for (const key of keys) {
		const { field, label } = lineLabel(ctx, key);
		if (hidden.has(field) || seen.has(field)) continue;
		seen.add(field);
		const was = has(before, key) ? before![key] : undefined;
		const now = has(after, key) ? after![key] : undefined;
		const valueField = field.startsWith('target:') || field.includes(':') ? '' : field;
		const show = (v: unknown) => valuePieces(ctx, valueField, v);
		if (record.action === 'delete' || !has(after, key)) {
			// What the record had when it went, or what the previous state said (a check replaced): only
			// what was there. A text removed altogether (no after at all) reads "before → —".
			if (canonical(was) === '') continue;
			lines.push({ field, label, before: show(was), after: after === null && record.action !== 'delete' ? [] : null });
		} else if (!has(before, key)) {
			if (canonical(now) === '') continue;
			lines.push({ field, label, before: null, after: show(now) });
		} else {
			if (canonical(was) === canonical(now)) continue;
			lines.push({ field, label, before: show(was), after: show(now) });
		}
	}
	return lines;
}

/** What the entry is about, named: from the lookup, or (a deleted record) from what it said when it went. */
export function auditSubject(i18n: I18n, record: AuditRecord, names: AuditNames): AuditPiece[] {
	const ctx: Context = { i18n, names, record };
	if (record.entity === 'membership') {
		const [user, programme] = record.entityId.split(':').map(Number);
		return [refPiece(ctx, 'user', user!), { text: ' · ' }, refPiece(ctx, 'programme', programme!)];
	}
	const refs = subjectRefs(record);
	const found = refs.length ? names[nameKey(refs[0]![0], refs[0]![1])] : undefined;
	if (found) return [namePiece(i18n, found)];
	const snapshot = { ...(record.after ?? {}), ...(record.before ?? {}) };
	const said = [snapshot.code, snapshot.title ?? snapshot.label ?? snapshot.name ?? snapshot.text ?? snapshot.action ?? snapshot.body]
		.filter((v): v is string => typeof v === 'string' && v.trim() !== '')
		.join(' ');
	return [said ? shorten(said, TITLE) : { text: i18n.t('audit.deletedRecord') }];
}

/** The whole entry in words. */
export function auditEntry(i18n: I18n, record: AuditRecord, names: AuditNames, options: { hide?: readonly string[] } = {}): AuditEntryView {
	return {
		id: record.id,
		entity: auditLabel(i18n, 'entity', record.entity),
		subject: auditSubject(i18n, record, names),
		action: auditLabel(i18n, 'action', record.action),
		who: record.userName ?? i18n.t('audit.system'),
		when: i18n.dateTime(record.at),
		reason: record.reason === 'seed' ? i18n.t('audit.seedReason') : record.reason,
		lines: auditLines(i18n, record, names, options)
	};
}
