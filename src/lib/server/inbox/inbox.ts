import { isOverdue } from '$lib/adoption';
import { OPEN_VALUE_STATES, type IsoDate, type Locale, type Programme, type Role } from '$lib/model';
import { can, type Grants } from '$lib/permissions';
import { reviewOverdue } from '$lib/risk-rules';
import type { Executor } from '../db/executor';
import { assessProgrammes, type ProgrammeAssessment } from '../results/assessment';
import { draftsToIssue } from '../reports/reports';
import { reviewableValueIds } from '../results/values';
import { risksNeedingReview } from '../risks/review-needed';
import { localize, titleIn, translationKey, type LocalizedText } from '$lib/content-language';

// "Needs my action" (design §4): what waits for this person across all their programmes — values
// to review (only those the four-eyes rule lets them review), values returned to them, values
// due for the last ended period, risk reviews and key actions past their date. A fixed number of
// statements whatever the number of programmes or indicators.

export type InboxKind = 'review' | 'returned' | 'due' | 'riskReview' | 'keyAction' | 'report' | 'riskFlag';

export interface InboxItem {
	/** Unique in the inbox: the kind and the record it is about. */
	key: string;
	kind: InboxKind;
	/** The page that deals with it. */
	href: string;
	code: string;
	title: string;
	/** The title as the reader should read it: translated, or the original with its mark. */
	shown: LocalizedText;
	/** The period of a value item (to open the period's sheet or review), else null. */
	periodId: number | null;
	/** A period label, or a date (ISO) for risk reviews and key actions. */
	period: string | null;
	date: IsoDate | null;
}

export interface InboxProgramme {
	programme: Pick<Programme, 'id' | 'slug' | 'shortName'>;
	items: InboxItem[];
}

export interface Inbox {
	asOf: IsoDate;
	programmes: InboxProgramme[];
	total: number;
}

interface Entry {
	programme: Programme;
	role: Role | null;
}

export async function loadInbox(
	db: Executor,
	user: { id: number; isAdmin: boolean; locale?: Locale },
	entries: Entry[],
	asOf: IsoDate,
	/** The programmes' assessments at `asOf`, when the request already has them (the portfolio does). */
	given?: Map<number, ProgrammeAssessment>
): Promise<Inbox> {
	const grants: Grants = {
		isAdmin: user.isAdmin,
		roles: Object.fromEntries(entries.filter((e) => e.role).map((e) => [e.programme.id, e.role!]))
	};
	const allowed = (action: Parameters<typeof can>[1]) => entries.filter((e) => can(grants, action, e.programme)).map((e) => e.programme);
	const reviewing = allowed('value.review');
	const recording = allowed('value.record');
	const keepingRisks = allowed('risk.edit');
	const keepingRecommendations = allowed('recommendation.edit');
	const issuingReports = allowed('report.issue');
	const ids = (list: Programme[]) => list.map((p) => p.id);
	// Every query runs over all the person's programmes and the rights are applied below, so the
	// statements are the same for every role and every number of programmes.
	const all = entries.map((e) => e.programme);
	if (all.length === 0) return { asOf, programmes: [], total: 0 };

	const locale: Locale = user.locale ?? 'es';
	const [open, assessed, risks, actions, drafts, translations] = await Promise.all([
		db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.innerJoin('reporting_period', 'reporting_period.id', 'indicator_value.period_id')
			.select([
				'indicator_value.id',
				'indicator_value.status',
				'indicator_value.entered_by',
				'indicator_value.period_id',
				'indicator.id as indicator_id',
				'indicator.programme_id',
				'indicator.code',
				'indicator.title',
				'reporting_period.label'
			])
			.where('indicator.programme_id', 'in', ids(all))
			.where('indicator_value.status', 'in', OPEN_VALUE_STATES)
			.execute(),
		given ? Promise.resolve(given) : assessProgrammes(db, all, asOf),
		db
			.selectFrom('risk')
			.select(['id', 'programme_id', 'code', 'title', 'status', 'next_review_date'])
			.where('programme_id', 'in', ids(all))
			.where('status', '!=', 'closed')
			.where('next_review_date', '<', asOf)
			.execute(),
		db
			.selectFrom('key_action')
			.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
			.select([
				'key_action.id',
				'key_action.action',
				'key_action.due_date',
				'key_action.status',
				'recommendation.id as recommendation_id',
				'recommendation.code',
				'recommendation.programme_id'
			])
			.where('recommendation.programme_id', 'in', ids(all))
			.where('key_action.due_date', '<', asOf)
			.execute(),
		draftsToIssue(db, ids(all)),
		// The titles' translations into the reader's language (review of issue 22: Spanish titles
		// in the English inbox), for every programme in one statement.
		db
			.selectFrom('translation')
			.select(['entity', 'entity_id', 'field', 'text'])
			.where('programme_id', 'in', ids(all))
			.where('locale', '=', locale)
			.where('entity', 'in', ['indicator', 'risk', 'key_action'])
			.where('field', 'in', ['title', 'action'])
			.execute()
	]);
	const translated = new Map(translations.map((t) => [translationKey(t.entity, t.entity_id, t.field), t.text]));
	const languageOf = new Map(entries.map((e) => [e.programme.id, e.programme.contentLanguage]));
	const shown = (programmeId: number, entity: 'indicator' | 'risk' | 'key_action', id: number, field: string, original: string) =>
		localize(original, languageOf.get(programmeId) ?? 'es', locale, translated.get(translationKey(entity, id, field)));

	const reviewingIds = new Set(ids(reviewing));
	const submitted = open.filter((v) => v.status === 'submitted').map((v) => v.id);
	const mayReview = await reviewableValueIds(db, user.id, submitted);
	const reviewable = new Set(open.filter((v) => mayReview.has(v.id) && reviewingIds.has(v.programme_id)).map((v) => v.id));

	const items = new Map<number, InboxItem[]>(entries.map((e) => [e.programme.id, []]));
	const slugOf = new Map(entries.map((e) => [e.programme.id, e.programme.slug]));
	const endOf = new Map(entries.map((e) => [e.programme.id, e.programme.effectiveEndDate]));
	const push = (programmeId: number, item: InboxItem) => items.get(programmeId)?.push(item);
	const indicatorHref = (programmeId: number, indicatorId: number) => `/programmes/${slugOf.get(programmeId)}/indicators/${indicatorId}`;

	const recordingIds = new Set(ids(recording));
	for (const v of open) {
		const base = {
			href: indicatorHref(v.programme_id, v.indicator_id),
			code: v.code,
			title: v.title,
			shown: shown(v.programme_id, 'indicator', v.indicator_id, 'title', v.title),
			periodId: v.period_id,
			period: v.label,
			date: null
		};
		if (reviewable.has(v.id)) push(v.programme_id, { key: `review:${v.id}`, kind: 'review', ...base });
		else if (v.status === 'returned' && v.entered_by === user.id && recordingIds.has(v.programme_id))
			push(v.programme_id, { key: `returned:${v.id}`, kind: 'returned', ...base });
	}

	// Due: the latest ended period of a manually kept indicator has no approved value, and nobody
	// has started one either (an open value is already on its way through review).
	const started = new Set(open.map((v) => `${v.indicator_id}:${v.period_id}`));
	for (const programme of recording) {
		const assessment = assessed.get(programme.id);
		if (!assessment) continue;
		const label = new Map(assessment.periods.map((p) => [p.id, p.label]));
		for (const indicator of assessment.indicators) {
			const overdue = assessment.assessments.get(indicator.id)?.updateOverdue;
			if (!overdue || indicator.source !== 'manual' || started.has(`${indicator.id}:${overdue.periodId}`)) continue;
			push(programme.id, {
				key: `due:${indicator.id}:${overdue.periodId}`,
				kind: 'due',
				href: `${indicatorHref(programme.id, indicator.id)}?period=${overdue.periodId}#record`,
				code: indicator.code,
				title: indicator.title,
				shown: shown(programme.id, 'indicator', indicator.id, 'title', indicator.title),
				periodId: overdue.periodId,
				period: label.get(overdue.periodId) ?? null,
				date: null
			});
		}
	}

	// The risk matrix's own rule decides what is overdue.
	const riskKeepers = new Set(ids(keepingRisks));
	for (const r of risks) {
		if (!riskKeepers.has(r.programme_id)) continue;
		if (!reviewOverdue({ status: r.status, nextReviewDate: r.next_review_date }, asOf, endOf.get(r.programme_id) ?? asOf)) continue;
		push(r.programme_id, {
			key: `riskReview:${r.id}`,
			kind: 'riskReview',
			href: `/programmes/${slugOf.get(r.programme_id)}/risks/${r.id}`,
			code: r.code,
			title: r.title,
			shown: shown(r.programme_id, 'risk', r.id, 'title', r.title),
			periodId: null,
			period: null,
			date: r.next_review_date
		});
	}
	// Risks whose threatened indicator went off track since their last review (issue 22).
	// Asked over all the person's programmes (same statements for every role), kept for risk keepers.
	for (const r of await risksNeedingReview(db, all, assessed, asOf)) {
		if (!riskKeepers.has(r.programmeId)) continue;
		push(r.programmeId, {
			key: `riskFlag:${r.id}`,
			kind: 'riskFlag',
			href: `/programmes/${slugOf.get(r.programmeId)}/risks/${r.id}`,
			code: r.code,
			title: r.title,
			shown: shown(r.programmeId, 'risk', r.id, 'title', r.title),
			periodId: null,
			period: r.offTrack.join(', '),
			date: null
		});
	}
	const recommendationKeepers = new Set(ids(keepingRecommendations));
	for (const a of actions) {
		if (!recommendationKeepers.has(a.programme_id)) continue;
		if (!isOverdue({ dueDate: a.due_date, status: a.status }, asOf)) continue;
		push(a.programme_id, {
			key: `keyAction:${a.id}`,
			kind: 'keyAction',
			href: `/programmes/${slugOf.get(a.programme_id)}/recommendations/${a.recommendation_id}#key-actions`,
			code: a.code,
			title: a.action,
			shown: shown(a.programme_id, 'key_action', a.id, 'action', a.action),
			periodId: null,
			period: null,
			date: a.due_date
		});
	}

	// Reports to write or issue: the drafts, for those who may issue them.
	const reportIssuers = new Set(ids(issuingReports));
	for (const d of drafts) {
		if (!reportIssuers.has(d.programmeId)) continue;
		push(d.programmeId, {
			key: `report:${d.id}`,
			kind: 'report',
			href: `/programmes/${slugOf.get(d.programmeId)}/reports/${d.id}`,
			code: '',
			title: titleIn(d.title, locale),
			shown: { text: titleIn(d.title, locale), lang: locale, fallback: false },
			periodId: null,
			period: null,
			date: d.cutOff
		});
	}

	const order: InboxKind[] = ['review', 'returned', 'due', 'riskReview', 'riskFlag', 'keyAction', 'report'];
	const programmes = entries
		.map((e) => ({
			programme: { id: e.programme.id, slug: e.programme.slug, shortName: e.programme.shortName },
			items: (items.get(e.programme.id) ?? []).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.code.localeCompare(b.code))
		}))
		.filter((p) => p.items.length > 0);
	return { asOf, programmes, total: programmes.reduce((n, p) => n + p.items.length, 0) };
}
