import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as model from '$lib/model';
import { TRANSLATABLE_FIELDS } from '$lib/content-language';
import { AUDIT_ENUMS, enumOf, fieldName, HIDDEN_FIELDS } from '$lib/i18n/audit-lines';
import { isMessageKey } from '$lib/i18n/translate';
import { auditOfCascade, type Cascade } from '$lib/server/core/cascade';

// Every field and every enumerated value that can reach the audit log has a name in the
// catalogue. The fields are read from where they come from — the zod schemas of every form, the
// table columns, the app objects whose snapshots are recorded, and the object literals written by
// each recordAudit call — so a new field fails here until it is named, instead of showing its key.

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path);
		return /\.(ts|js)$/.test(name) ? [path] : [];
	});
}

const sources = [...filesUnder('src/lib/server'), ...filesUnder('src/routes'), ...filesUnder('seed')].map((path) => ({
	path,
	text: readFileSync(path, 'utf8')
}));

/** The text of each `recordAudit(…)` call, up to its closing parenthesis. */
const auditCalls = sources.flatMap(({ path, text }) => {
	const calls: { path: string; text: string }[] = [];
	for (const m of text.matchAll(/recordAudit\(/g)) {
		if (/function\s+$/.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
		let depth = 0;
		let end = m.index + 'recordAudit'.length;
		do {
			const c = text[end];
			if (c === '(' || c === '{' || c === '[') depth++;
			if (c === ')' || c === '}' || c === ']') depth--;
			end++;
		} while (depth > 0 && end < text.length);
		calls.push({ path, text: text.slice(m.index, end) });
	}
	return calls;
});

/** The keys of an object literal that follows `key:` at the top level of a call (spreads and computed keys aside). */
function literalKeys(call: string, key: 'before' | 'after'): string[] {
	const keys: string[] = [];
	for (const m of call.matchAll(new RegExp(`\\b${key}:\\s*(?:[^{,]*\\?\\s*)?\\{`, 'g'))) {
		let depth = 0;
		let part = '';
		for (let i = m.index + m[0].length; i < call.length; i++) {
			const c = call[i]!;
			if (depth === 0 && (c === ',' || c === '}')) {
				const p = part.trim();
				const name = /^(\w+)\s*(:|$)/.exec(p);
				if (name && !p.startsWith('...')) keys.push(name[1]!);
				part = '';
				if (c === '}') break;
				continue;
			}
			if (c === '{' || c === '(' || c === '[') depth++;
			if (c === '}' || c === ')' || c === ']') depth--;
			part += c;
		}
	}
	return keys;
}

/** The string literals of an `entity:` or `action:` property of the calls (and of the options that carry an action). */
function literalsOf(property: 'entity' | 'action'): Set<string> {
	const found = new Set<string>();
	for (const call of auditCalls) {
		for (const m of call.text.matchAll(new RegExp(`\\b${property}:\\s*([^,}\\n]+)`, 'g'))) {
			for (const s of m[1]!.matchAll(/'([a-z_]+)'/g)) found.add(s[1]!);
		}
	}
	return found;
}

const entities = literalsOf('entity');
for (const entity of Object.keys(TRANSLATABLE_FIELDS)) entities.add(entity);
// The value workflow passes its action through options: { action: 'approve' }.
const actions = literalsOf('action');
for (const { text } of sources.filter((s) => /recordAudit\(/.test(s.text))) {
	for (const m of text.matchAll(/\{\s*action:\s*'([a-z_]+)'/g)) actions.add(m[1]!);
}

/** The fields of a zod schema, and the options of each of its enum fields. */
function schemaFields(schema: z.ZodType, into: Map<string, readonly string[] | null>) {
	const def = (schema as unknown as { def: Record<string, unknown> }).def;
	const type = def.type as string;
	if (type === 'object') {
		for (const [key, field] of Object.entries((schema as z.ZodObject).shape)) into.set(key, enumOptions(field as z.ZodType));
	} else if (type === 'pipe') {
		schemaFields(def.in as z.ZodType, into);
	} else if (type === 'intersection') {
		schemaFields(def.left as z.ZodType, into);
		schemaFields(def.right as z.ZodType, into);
	}
}

function enumOptions(schema: z.ZodType): readonly string[] | null {
	const def = (schema as unknown as { def: Record<string, unknown> }).def;
	if (def.type === 'enum') return Object.values(def.entries as Record<string, string>);
	if (def.type === 'pipe') return enumOptions(def.in as z.ZodType) ?? enumOptions(def.out as z.ZodType);
	if (def.innerType) return enumOptions(def.innerType as z.ZodType);
	return null;
}

const serverModules = import.meta.glob('/src/lib/server/**/*.ts', { eager: true }) as Record<string, Record<string, unknown>>;
const formFields = new Map<string, readonly string[] | null>();
// The read API's response schemas describe answers, not what a person writes: never in the log.
const RESPONSE_SCHEMAS = new Set(['/src/lib/server/api/schemas.ts', '/src/lib/server/api/finance-schema.ts']);
for (const [path, exports] of Object.entries(serverModules)) {
	if (RESPONSE_SCHEMAS.has(path)) continue;
	for (const [name, value] of Object.entries(exports)) {
		if (value instanceof z.ZodType) schemaFields(value, formFields);
		// Schemas built for a record (the value form, the targets form): built for the widest case.
		else if (typeof value === 'function' && /Schema$/.test(name)) {
			const built = name === 'valueSchema' ? (value as (i: object) => z.ZodType)({ measure: 'number', disaggregatedBySex: true }) : null;
			if (built) schemaFields(built, formFields);
		}
	}
}

/** Columns of every table that holds programme data (not sessions, sign-in attempts, files or the log itself). */
// Report render jobs (report_job) are machinery: never audited; the issue they record is.
const INFRASTRUCTURE = new Set([
	'SessionTable',
	'LoginAttemptTable',
	'AuditLogTable',
	'AttachmentTable',
	'TranslationTable',
	'NotificationTable',
	'InstanceKeyTable',
	'TotpTable',
	'TwoFactorChallengeTable',
	'ReportJobTable',
	// An entry's search words: derived from its text on every write, never audited themselves.
	'LessonWordTable',
	// A sign-in through the organisation's provider in progress (state, nonce, PKCE verifier).
	'OidcLoginTable'
]);
const schemaSource = readFileSync('src/lib/server/db/schema.ts', 'utf8');
const columns = [...schemaSource.matchAll(/export interface (\w+Table) \{([\s\S]*?)\n\}/g)]
	.filter((m) => !INFRASTRUCTURE.has(m[1]!))
	.flatMap((m) => [...m[2]!.matchAll(/^\t(\w+):/gm)].map((c) => c[1]!));

/** Fields of the app objects (model.ts) whose snapshots deletions and updates record. */
const modelSource = readFileSync('src/lib/model.ts', 'utf8');
const modelFields = [...modelSource.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)].flatMap((m) =>
	[...m[2]!.matchAll(/^\t(\w+)\??:/gm)].map((c) => c[1]!)
);

/** What a deletion says went with the record: the cascade's counts and lists, and each domain's deletion impact. */
const emptyCascade: Cascade = {
	outputs: 0,
	activities: 0,
	indicators: [],
	targets: 0,
	values: 0,
	lockedValues: 0,
	risks: [],
	genderActions: [],
	links: 0,
	checks: 0,
	files: []
};
const cascade = auditOfCascade(emptyCascade);
const impactFields = [
	...Object.keys(cascade),
	...Object.keys(cascade.impact),
	...Object.keys(cascade.removed),
	...sources.flatMap(({ text }) =>
		[...text.matchAll(/export interface \w+DeletionImpact \{([\s\S]*?)\n\}/g)].flatMap((m) =>
			[...m[1]!.matchAll(/^\t(\w+):/gm)].map((c) => c[1]!)
		)
	)
];

const literalFields = auditCalls.flatMap((c) => [...literalKeys(c.text, 'before'), ...literalKeys(c.text, 'after')]);

const allFields = [...new Set([...formFields.keys(), ...columns, ...modelFields, ...impactFields, ...literalFields].map(fieldName))].sort();
const unlabelled = (fields: string[]) => fields.filter((f) => !HIDDEN_FIELDS.has(f) && !isMessageKey(`audit.field.${f}`));

/** Lists of model.ts that are never stored, only computed for a page (they never reach the log). */
const COMPUTED = new Set(['INDICATOR_STATUSES', 'RISK_BANDS', 'RISK_TRENDS', 'RISK_LEVELS', 'OPEN_VALUE_STATES', 'ADOPTION_LADDER']);

describe('the audit log’s words', () => {
	it('reads the places fields come from (a scan that finds nothing would pass vacuously)', () => {
		expect(auditCalls.length).toBeGreaterThan(50);
		expect(formFields.get('nextReviewDate')).toBeNull();
		expect(formFields.get('category')).toEqual(model.RISK_CATEGORIES);
		expect(columns).toContain('sdg_target');
		expect(literalFields).toEqual(expect.arrayContaining(['reviewId', 'locked', 'recommendationIds', 'files']));
		expect(impactFields).toEqual(expect.arrayContaining(['removed', 'genderActions', 'reviews', 'keyActions']));
		expect(entities).toEqual(new Set([...entities].filter(Boolean)));
		expect([...entities]).toEqual(expect.arrayContaining(['indicator_value', 'membership', 'session', 'source_document', 'key_action']));
		expect([...actions]).toEqual(expect.arrayContaining(['approve', 'return', 'set_targets', 'translate', 'seed_indicators', 'reorder']));
	});

	it('names every field that can appear, in Spanish and English', () => {
		expect(unlabelled(allFields)).toEqual([]);
	});

	it('names every kind of record and every action', () => {
		expect([...entities].filter((e) => !isMessageKey(`audit.entity.${e}`))).toEqual([]);
		expect([...actions].filter((a) => !isMessageKey(`audit.action.${a}`))).toEqual([]);
	});

	it('gives every stored list of model.ts a name for each of its values', () => {
		const lists = Object.entries(model).filter(([, v]) => Array.isArray(v)) as [string, readonly (string | number)[]][];
		expect(lists.length).toBeGreaterThan(20);
		const read = new Set(AUDIT_ENUMS.map((e) => e.values));
		expect(lists.filter(([name, values]) => !COMPUTED.has(name) && !read.has(values)).map(([name]) => name)).toEqual([]);
		const missing = AUDIT_ENUMS.flatMap((e) => e.values.map((v) => `${e.prefix}.${v}`)).filter((key) => !isMessageKey(key));
		expect(missing).toEqual([]);
	});

	it('reads every choice of every form as one of those lists', () => {
		const unread: string[] = [];
		for (const [key, options] of formFields) {
			const field = fieldName(key);
			if (!options || HIDDEN_FIELDS.has(field)) continue;
			const covered = [...entities].some((entity) =>
				[...actions].some((action) => {
					const list = enumOf(entity, action, field);
					return !!list && options.every((o) => list.values.map(String).includes(o));
				})
			);
			if (!covered) unread.push(`${field}: ${options.join(', ')}`);
		}
		expect(unread).toEqual([]);
	});
});
