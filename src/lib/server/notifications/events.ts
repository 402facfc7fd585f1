import type { Locale, Programme } from '$lib/model';
import { formatDate } from '$lib/i18n/format';
import { translate, translateDynamic } from '$lib/i18n/translate';
import type { Executor } from '../db/executor';
import type { IndicatorValueRow } from '../db/schema';
import { notify } from './outbox';
import { titleIn } from '$lib/content-language';

// The events other domains report, each called inside the transaction that records the event
// (one line at the event's site). Each knows who should hear of it; `notify` applies the
// person's preferences and language. Record names are shown as stored (the programme's own
// language); every sentence around them is in the reader's.

type Who = { id: number; name?: string };
type ProgrammeRef = Pick<Programme, 'id' | 'slug' | 'shortName'>;

async function membersWithRole(db: Executor, programmeId: number, role: 'coordinator' | 'evaluator' | 'donor'): Promise<number[]> {
	const rows = await db
		.selectFrom('membership')
		.select('user_id')
		.where('programme_id', '=', programmeId)
		.where('role', '=', role)
		.execute();
	return rows.map((r) => r.user_id);
}

async function nameOf(db: Executor, actor: Who): Promise<string> {
	if (actor.name) return actor.name;
	const row = await db.selectFrom('user').select('name').where('id', '=', actor.id).executeTakeFirst();
	return row?.name ?? '—';
}

/** A value moved in its review workflow: returned (to who entered and submitted it) or submitted (to the other coordinators). */
export async function notifyValueTransition(
	db: Executor,
	actor: Who,
	programme: ProgrammeRef,
	value: Pick<IndicatorValueRow, 'id' | 'indicator_id' | 'period_id' | 'entered_by' | 'submitted_by'>,
	action: string,
	note?: string | null
): Promise<void> {
	if (action !== 'return' && action !== 'submit') return;
	const [indicator, period, coordinators, who] = await Promise.all([
		db.selectFrom('indicator').select(['code', 'title']).where('id', '=', value.indicator_id).executeTakeFirstOrThrow(),
		db.selectFrom('reporting_period').select('label').where('id', '=', value.period_id).executeTakeFirstOrThrow(),
		action === 'submit' ? membersWithRole(db, programme.id, 'coordinator') : Promise.resolve([]),
		nameOf(db, actor)
	]);
	const link = `/programmes/${programme.slug}/indicators/${value.indicator_id}?period=${value.period_id}`;
	const params = { programme: programme.shortName, indicator: `${indicator.code} ${indicator.title}`, period: period.label };
	if (action === 'return') {
		await notify(db, {
			kind: 'value_returned',
			userIds: [value.entered_by, value.submitted_by].filter((id): id is number => id !== null && id !== actor.id),
			programmeId: programme.id,
			programme: programme.shortName,
			link,
			compose: (locale) => ({
				subject: translate(locale, 'notify.value_returned.subject', params),
				body: translate(locale, 'notify.value_returned.body', { ...params, reviewer: who, note: note ?? '' })
			})
		});
		return;
	}
	await notify(db, {
		kind: 'value_to_review',
		userIds: coordinators.filter((id) => id !== actor.id && id !== value.entered_by),
		programmeId: programme.id,
		programme: programme.shortName,
		link,
		compose: (locale) => ({
			subject: translate(locale, 'notify.value_to_review.subject', params),
			body: translate(locale, 'notify.value_to_review.body', { ...params, submitter: who })
		})
	});
}

/** A comment on a draft report: to the programme's evaluators (who write the drafts), not its author. */
export async function notifyReportComment(
	db: Executor,
	actor: Who,
	programme: ProgrammeRef,
	reportId: number,
	body: string
): Promise<void> {
	const [report, evaluators, who] = await Promise.all([
		db.selectFrom('report').select(['title_es', 'title_en', 'created_by']).where('id', '=', reportId).executeTakeFirstOrThrow(),
		membersWithRole(db, programme.id, 'evaluator'),
		nameOf(db, actor)
	]);
	const excerpt = body.length > 300 ? `${body.slice(0, 300)}…` : body;
	await notify(db, {
		kind: 'report_comment',
		userIds: [...evaluators, ...(report.created_by ? [report.created_by] : [])].filter((id) => id !== actor.id),
		programmeId: programme.id,
		programme: programme.shortName,
		link: `/programmes/${programme.slug}/reports/${reportId}`,
		compose: (locale) => {
			const params = { programme: programme.shortName, report: reportTitle(report, locale), author: who, comment: excerpt };
			return {
				subject: translate(locale, 'notify.report_comment.subject', params),
				body: translate(locale, 'notify.report_comment.body', params)
			};
		}
	});
}

function reportTitle(report: { title_es: string; title_en: string }, locale: Locale): string {
	return titleIn({ es: report.title_es, en: report.title_en }, locale) || '—';
}

/**
 * A report issued: to the programme's donors (and evaluators). A correction (an issue that
 * supersedes an earlier one) says so and names the sections whose text changed.
 */
export async function notifyReportIssued(
	db: Executor,
	programme: ProgrammeRef,
	reportId: number,
	issue: { number: number; supersedes: number | null; snapshot: string },
	actorId: number
): Promise<void> {
	const [report, donors, evaluators, previous] = await Promise.all([
		db.selectFrom('report').select(['title_es', 'title_en']).where('id', '=', reportId).executeTakeFirstOrThrow(),
		membersWithRole(db, programme.id, 'donor'),
		membersWithRole(db, programme.id, 'evaluator'),
		issue.supersedes === null
			? Promise.resolve(undefined)
			: db
					.selectFrom('report_issue')
					.select('snapshot')
					.where('report_id', '=', reportId)
					.where('number', '=', issue.supersedes)
					.executeTakeFirst()
	]);
	const changed = previous ? changedSections(previous.snapshot, issue.snapshot) : [];
	await notify(db, {
		kind: 'report_issued',
		userIds: [...donors, ...evaluators].filter((id) => id !== actorId),
		programmeId: programme.id,
		programme: programme.shortName,
		link: `/programmes/${programme.slug}/reports/${reportId}`,
		compose: (locale) => {
			const params = { programme: programme.shortName, report: reportTitle(report, locale), number: String(issue.number) };
			if (issue.supersedes === null) {
				return {
					subject: translate(locale, 'notify.report_issued.subject', params),
					body: translate(locale, 'notify.report_issued.body', params)
				};
			}
			const changes = changed.length
				? translate(locale, 'notify.report_changes', {
						// Each part by its title in the reader's language, as the document names it.
						sections: changed.map((key) => translateDynamic(locale, `reportDoc.section.${key}`)).join(', ')
					})
				: translate(locale, 'notify.report_noChanges');
			return {
				subject: translate(locale, 'notify.report_corrected.subject', params),
				body: translate(locale, 'notify.report_corrected.body', { ...params, previous: String(issue.supersedes), changes })
			};
		}
	});
}

/** The keys of the sections whose stored text differs between two issue snapshots (canonical JSON). */
export function changedSections(before: string, after: string): string[] {
	const sections = (json: string): Map<string, string> => {
		try {
			const parsed = JSON.parse(json) as { sections?: { key?: string }[] };
			return new Map((parsed.sections ?? []).map((s) => [String(s.key ?? ''), JSON.stringify(s)]));
		} catch {
			return new Map();
		}
	};
	const a = sections(before);
	const b = sections(after);
	return [...new Set([...a.keys(), ...b.keys()])].filter((k) => k && a.get(k) !== b.get(k)).sort();
}

/** An import finished: to whoever ran it. */
export async function notifyImportFinished(
	db: Executor,
	actorId: number,
	programmeId: number,
	detail: Record<string, unknown>
): Promise<void> {
	const programme = await db.selectFrom('programme').select(['slug', 'short_name']).where('id', '=', programmeId).executeTakeFirstOrThrow();
	const file = typeof detail.file === 'string' ? detail.file : '—';
	// A values import says how many it saved; a logframe import how many it created and updated.
	const rows = typeof detail.saved === 'number' ? detail.saved : Number(detail.create ?? 0) + Number(detail.update ?? 0);
	await notify(db, {
		kind: 'import_finished',
		userIds: [actorId],
		programmeId,
		programme: programme.short_name,
		link: `/programmes/${programme.slug}/results`,
		compose: (locale) => {
			const params = { programme: programme.short_name, file, rows };
			return {
				subject: translate(locale, 'notify.import_finished.subject', params),
				body: translate(locale, 'notify.import_finished.body', params)
			};
		}
	});
}

/**
 * A draft report that still cannot be issued as its due date comes near (or has passed): to the
 * programme's evaluators and the report's author, once per report, due date and moment
 * ("soon" / "overdue"), with how many things stop it and the first of them in words.
 */
export async function notifyReportBlocked(
	db: Executor,
	programme: ProgrammeRef,
	report: { id: number; title_es: string; title_en: string; created_by: number | null; due_date: string },
	moment: 'soon' | 'overdue',
	blockers: { count: number; describe: (locale: Locale) => string[] },
	now?: Date
): Promise<void> {
	const evaluators = await membersWithRole(db, programme.id, 'evaluator');
	await notify(db, {
		kind: 'report_blocked',
		userIds: [...evaluators, ...(report.created_by ? [report.created_by] : [])],
		programmeId: programme.id,
		programme: programme.shortName,
		link: `/programmes/${programme.slug}/reports/${report.id}`,
		dedupeKey: `report_blocked:${report.id}:${report.due_date}:${moment}`,
		now,
		compose: (locale) => {
			const params = {
				programme: programme.shortName,
				report: reportTitle(report, locale),
				due: formatDate(locale, report.due_date),
				count: blockers.count
			};
			const first = blockers.describe(locale).slice(0, 5);
			return {
				subject: translate(
					locale,
					moment === 'soon' ? 'notify.report_blocked.subject.soon' : 'notify.report_blocked.subject.overdue',
					params
				),
				body: [translate(locale, 'notify.report_blocked.body', params), ...first.map((line) => `- ${line}`)].join('\n')
			};
		}
	});
}
