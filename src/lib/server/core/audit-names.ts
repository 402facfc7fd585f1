import { auditReferences, nameKey, type AuditName, type AuditNames, type AuditRefKind } from '$lib/i18n/audit-lines';
import type { Locale } from '$lib/model';
import type { Executor } from '../db/executor';
import type { AuditRecord } from './audit';

// The names of the records an audit trail points to (design §4: "records by code and title with a
// link"): one statement per kind of record the entries mention, plus one for the translations of
// their titles, whatever the number of entries. A record that no longer exists has no name here;
// the page then says so, or names it from what the deletion recorded.

interface Row {
	id: number;
	code: string;
	title: string;
	slug: string;
	content_language: Locale;
	context?: string | null;
	date?: string | null;
	/** The record it belongs to and is seen on: a value's indicator, a review's risk, a step's recommendation. */
	parent_id?: number;
	currency?: string;
	/** A title kept in both languages on the record itself (a report's), rather than in the translation table. */
	titles?: Partial<Record<Locale, string>>;
}

/** Which translated record and field give a kind its title. */
const TITLE_OF: Partial<Record<AuditRefKind, { entity: string; field: string }>> = {
	module: { entity: 'module', field: 'title' },
	output: { entity: 'output', field: 'title' },
	activity: { entity: 'activity', field: 'title' },
	indicator: { entity: 'indicator', field: 'title' },
	indicator_value: { entity: 'indicator', field: 'title' },
	value_comment: { entity: 'indicator', field: 'title' },
	risk: { entity: 'risk', field: 'title' },
	risk_review: { entity: 'risk', field: 'title' },
	gender_action: { entity: 'gender_action', field: 'title' },
	recommendation: { entity: 'recommendation', field: 'text' },
	adoption_event: { entity: 'recommendation', field: 'text' },
	recommendation_comment: { entity: 'recommendation', field: 'text' },
	key_action: { entity: 'key_action', field: 'action' },
	lesson: { entity: 'lesson', field: 'title' }
};

/** The record whose translation gives the title: the record itself, or the one it belongs to. */
const translatedId = (kind: AuditRefKind, row: Row) => (TITLE_OF[kind]?.entity === kind ? row.id : (row.parent_id ?? row.id));

const programmePath = (slug: string) => `/programmes/${encodeURIComponent(slug)}`;

function lookup(db: Executor, kind: AuditRefKind, ids: number[]): Promise<Row[]> {
	switch (kind) {
		case 'programme':
			return db
				.selectFrom('programme')
				.select(['id', 'code', 'short_name as title', 'slug', 'content_language', 'currency'])
				.where('id', 'in', ids)
				.execute();
		case 'module':
			return db
				.selectFrom('module')
				.innerJoin('programme', 'programme.id', 'module.programme_id')
				.select(['module.id', 'module.code', 'module.title', 'programme.slug', 'programme.content_language'])
				.where('module.id', 'in', ids)
				.execute();
		case 'output':
			return db
				.selectFrom('output')
				.innerJoin('module', 'module.id', 'output.module_id')
				.innerJoin('programme', 'programme.id', 'module.programme_id')
				.select(['output.id', 'output.code', 'output.title', 'programme.slug', 'programme.content_language'])
				.where('output.id', 'in', ids)
				.execute();
		case 'activity':
			return db
				.selectFrom('activity')
				.innerJoin('output', 'output.id', 'activity.output_id')
				.innerJoin('module', 'module.id', 'output.module_id')
				.innerJoin('programme', 'programme.id', 'module.programme_id')
				.select(['activity.id', 'activity.code', 'activity.title', 'programme.slug', 'programme.content_language'])
				.where('activity.id', 'in', ids)
				.execute();
		case 'reporting_period':
			return db
				.selectFrom('reporting_period')
				.innerJoin('programme', 'programme.id', 'reporting_period.programme_id')
				.select(['reporting_period.id', 'reporting_period.label as title', 'programme.slug', 'programme.content_language'])
				.select((eb) => eb.val('').as('code'))
				.where('reporting_period.id', 'in', ids)
				.execute();
		case 'indicator':
			return db
				.selectFrom('indicator')
				.innerJoin('programme', 'programme.id', 'indicator.programme_id')
				.select(['indicator.id', 'indicator.code', 'indicator.title', 'programme.slug', 'programme.content_language'])
				.where('indicator.id', 'in', ids)
				.execute();
		case 'indicator_value':
		case 'value_comment': {
			const values = db
				.selectFrom('indicator_value')
				.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
				.innerJoin('reporting_period', 'reporting_period.id', 'indicator_value.period_id')
				.innerJoin('programme', 'programme.id', 'indicator.programme_id');
			if (kind === 'indicator_value') {
				return values
					.select([
						'indicator_value.id',
						'indicator.code',
						'indicator.title',
						'indicator.id as parent_id',
						'reporting_period.label as context',
						'programme.slug',
						'programme.content_language'
					])
					.where('indicator_value.id', 'in', ids)
					.execute();
			}
			return values
				.innerJoin('value_comment', 'value_comment.value_id', 'indicator_value.id')
				.select([
					'value_comment.id',
					'indicator.code',
					'indicator.title',
					'indicator.id as parent_id',
					'reporting_period.label as context',
					'programme.slug',
					'programme.content_language'
				])
				.where('value_comment.id', 'in', ids)
				.execute();
		}
		case 'risk':
			return db
				.selectFrom('risk')
				.innerJoin('programme', 'programme.id', 'risk.programme_id')
				.select(['risk.id', 'risk.code', 'risk.title', 'programme.slug', 'programme.content_language'])
				.where('risk.id', 'in', ids)
				.execute();
		case 'risk_review':
			return db
				.selectFrom('risk_review')
				.innerJoin('risk', 'risk.id', 'risk_review.risk_id')
				.innerJoin('programme', 'programme.id', 'risk.programme_id')
				.select([
					'risk_review.id',
					'risk.code',
					'risk.title',
					'risk.id as parent_id',
					'risk_review.reviewed_on as date',
					'programme.slug',
					'programme.content_language'
				])
				.where('risk_review.id', 'in', ids)
				.execute();
		case 'gender_action':
			return db
				.selectFrom('gender_action')
				.innerJoin('programme', 'programme.id', 'gender_action.programme_id')
				.select(['gender_action.id', 'gender_action.title', 'programme.slug', 'programme.content_language'])
				.select((eb) => eb.val('').as('code'))
				.where('gender_action.id', 'in', ids)
				.execute();
		case 'recommendation':
			return db
				.selectFrom('recommendation')
				.innerJoin('programme', 'programme.id', 'recommendation.programme_id')
				.select([
					'recommendation.id',
					'recommendation.code',
					'recommendation.text as title',
					'programme.slug',
					'programme.content_language'
				])
				.where('recommendation.id', 'in', ids)
				.execute();
		case 'adoption_event':
			return db
				.selectFrom('adoption_event')
				.innerJoin('recommendation', 'recommendation.id', 'adoption_event.recommendation_id')
				.innerJoin('programme', 'programme.id', 'recommendation.programme_id')
				.select([
					'adoption_event.id',
					'recommendation.code',
					'recommendation.text as title',
					'recommendation.id as parent_id',
					'adoption_event.event_date as date',
					'programme.slug',
					'programme.content_language'
				])
				.where('adoption_event.id', 'in', ids)
				.execute();
		case 'key_action':
			return db
				.selectFrom('key_action')
				.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
				.innerJoin('programme', 'programme.id', 'recommendation.programme_id')
				.select([
					'key_action.id',
					'recommendation.code',
					'key_action.action as title',
					'recommendation.id as parent_id',
					'programme.slug',
					'programme.content_language'
				])
				.where('key_action.id', 'in', ids)
				.execute();
		case 'recommendation_comment':
			return db
				.selectFrom('recommendation_comment')
				.innerJoin('recommendation', 'recommendation.id', 'recommendation_comment.recommendation_id')
				.innerJoin('programme', 'programme.id', 'recommendation.programme_id')
				.select([
					'recommendation_comment.id',
					'recommendation.code',
					'recommendation.text as title',
					'recommendation.id as parent_id',
					'programme.slug',
					'programme.content_language'
				])
				.where('recommendation_comment.id', 'in', ids)
				.execute();
		case 'source_document':
			return db
				.selectFrom('source_document')
				.innerJoin('programme', 'programme.id', 'source_document.programme_id')
				.select(['source_document.id', 'source_document.title', 'programme.slug', 'programme.content_language'])
				.select((eb) => eb.val('').as('code'))
				.where('source_document.id', 'in', ids)
				.execute();
		case 'lesson':
			return db
				.selectFrom('lesson')
				.innerJoin('programme', 'programme.id', 'lesson.programme_id')
				.select(['lesson.id', 'lesson.title', 'programme.slug', 'programme.content_language'])
				.select((eb) => eb.val('').as('code'))
				.where('lesson.id', 'in', ids)
				.execute();
		case 'evaluation_question':
			// A question is seen on its report's matrix; its text is not translated.
			return db
				.selectFrom('evaluation_question')
				.innerJoin('report', 'report.id', 'evaluation_question.report_id')
				.innerJoin('programme', 'programme.id', 'report.programme_id')
				.select([
					'evaluation_question.id',
					'evaluation_question.question as title',
					'evaluation_question.report_id as parent_id',
					'programme.slug',
					'programme.content_language'
				])
				.select((eb) => eb.val('').as('code'))
				.where('evaluation_question.id', 'in', ids)
				.execute();
		case 'report':
		case 'report_section':
			return reportRows(db, kind, ids);
		case 'user':
			return db
				.selectFrom('user')
				.select(['id', 'name as title'])
				.select((eb) => [eb.val('').as('code'), eb.val('').as('slug'), eb.val<Locale>('es').as('content_language')])
				.where('id', 'in', ids)
				.execute();
	}
}

/** The page a record is seen on (its own, or its parent's), or null when it has none for this viewer. */
function hrefOf(kind: AuditRefKind, row: Row, linkUsers: boolean): string | null {
	const base = programmePath(row.slug);
	switch (kind) {
		case 'programme':
			return base;
		case 'module':
		case 'output':
		case 'activity':
			return `${base}/logframe#${kind}-${row.id}`;
		case 'reporting_period':
			return `${base}/periods`;
		case 'indicator':
			return `${base}/indicators/${row.id}`;
		case 'indicator_value':
		case 'value_comment':
			return `${base}/indicators/${row.parent_id}`;
		case 'risk':
			return `${base}/risks/${row.id}`;
		case 'risk_review':
			return `${base}/risks/${row.parent_id}`;
		case 'gender_action':
			return `${base}/gender`;
		case 'recommendation':
			return `${base}/recommendations/${row.id}`;
		case 'adoption_event':
		case 'recommendation_comment':
		case 'key_action':
			return `${base}/recommendations/${row.parent_id}`;
		case 'source_document':
			return `${base}/recommendations/sources#source-${row.id}`;
		case 'user':
			return linkUsers ? `/admin/users/${row.id}` : null;
		case 'lesson':
			return `${base}/lessons/${row.id}`;
		case 'evaluation_question':
			return `${base}/reports/${row.parent_id}/matrix`;
		case 'report':
			return `${base}/reports/${row.id}`;
		case 'report_section':
			return `${base}/reports/${row.parent_id}`;
	}
}

/**
 * A report, or one of its sections (named by its report's title; the entry's own lines say which
 * section): the report keeps its title in both languages itself, so the title is given in the programme's
 * content language with the other one beside it.
 */
async function reportRows(db: Executor, kind: 'report' | 'report_section', ids: number[]): Promise<Row[]> {
	const rows =
		kind === 'report'
			? await db
					.selectFrom('report')
					.innerJoin('programme', 'programme.id', 'report.programme_id')
					.select([
						'report.id',
						'report.id as parent_id',
						'report.title_es',
						'report.title_en',
						'programme.slug',
						'programme.content_language'
					])
					.select((eb) => eb.val('').as('context'))
					.where('report.id', 'in', ids)
					.execute()
			: await db
					.selectFrom('report_section')
					.innerJoin('report', 'report.id', 'report_section.report_id')
					.innerJoin('programme', 'programme.id', 'report.programme_id')
					.select([
						'report_section.id',
						'report.id as parent_id',
						'report.title_es',
						'report.title_en',
						'programme.slug',
						'programme.content_language'
					])
					.select((eb) => eb.val('').as('context'))
					.where('report_section.id', 'in', ids)
					.execute();
	return rows.map((r) => {
		const titles: Partial<Record<Locale, string>> = {
			...(r.title_es ? { es: r.title_es } : {}),
			...(r.title_en ? { en: r.title_en } : {})
		};
		const lang: Locale = titles[r.content_language] ? r.content_language : titles.es ? 'es' : 'en';
		return {
			id: r.id,
			code: '',
			title: titles[lang] ?? '',
			slug: r.slug,
			content_language: lang,
			parent_id: r.parent_id,
			context: r.context,
			titles
		};
	});
}

/**
 * The names of every record the entries mention, keyed by nameKey(kind, id). `linkUsers`: the
 * viewer may open account pages (the admin), so people's names link there.
 */
export async function auditNames(
	db: Executor,
	records: readonly AuditRecord[],
	options: { linkUsers?: boolean } = {}
): Promise<AuditNames> {
	const refs = auditReferences(records);
	if (refs.size === 0) return {};
	const kinds = [...refs.keys()];
	const found = await Promise.all(kinds.map((kind) => lookup(db, kind, refs.get(kind)!)));

	// Titles in the other language: one statement for every translated record mentioned.
	const wanted = new Map<string, Set<number>>();
	kinds.forEach((kind, i) => {
		const of = TITLE_OF[kind];
		if (!of) return;
		let set = wanted.get(of.entity);
		if (!set) wanted.set(of.entity, (set = new Set()));
		for (const row of found[i]!) set.add(translatedId(kind, row));
	});
	const translations = new Map<string, Partial<Record<Locale, string>>>();
	if (wanted.size) {
		const rows = await db
			.selectFrom('translation')
			.select(['entity', 'entity_id', 'field', 'locale', 'text'])
			.where((eb) =>
				eb.or(
					[...wanted].map(([entity, ids]) =>
						eb.and([
							eb('entity', '=', entity),
							eb('field', '=', Object.values(TITLE_OF).find((t) => t.entity === entity)!.field),
							eb('entity_id', 'in', [...ids])
						])
					)
				)
			)
			.execute();
		for (const r of rows) {
			const key = `${r.entity}:${r.entity_id}`;
			translations.set(key, { ...translations.get(key), [r.locale]: r.text });
		}
	}

	const names: AuditNames = {};
	kinds.forEach((kind, i) => {
		const of = TITLE_OF[kind];
		for (const row of found[i]!) {
			const name: AuditName = {
				code: row.code ?? '',
				title: row.title ?? '',
				lang: of || row.titles ? row.content_language : null,
				translations: of ? (translations.get(`${of.entity}:${translatedId(kind, row)}`) ?? {}) : (row.titles ?? {}),
				context: row.context ?? '',
				date: row.date ?? null,
				href: hrefOf(kind, row, !!options.linkUsers),
				...(row.currency ? { currency: row.currency } : {})
			};
			names[nameKey(kind, row.id)] = name;
		}
	});
	return names;
}
