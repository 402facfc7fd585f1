import { chronological, latestEvent, stepKind, statusAsOf, summarizeKeyActions, type KeyActionSummary, type StepKind } from '$lib/adoption';
import type { AdoptionEvent, IsoDate, Recommendation, SourceDocument, SourceKind, Programme } from '$lib/model';
import { listAttachments, type Attachment } from '../core/attachments';
import { listAudit, type AuditRecord } from '../core/audit';
import { auditNames } from '../core/audit-names';
import type { AuditNames } from '$lib/i18n/audit-lines';
import type { Executor } from '../db/executor';
import { toKeyAction, type KeyActionView } from './key-actions';
import { listRecommendationComments, type RecommendationComment } from './comments';
import { EVENT_FILE_OWNER } from './files';
import { byCode } from './tracker';
import { recommendationIn, toRecommendation } from './recommendations';
import { todayIso } from '../core/dates';
import type { Viewer } from '../core/viewer';

// One recommendation's page in a fixed number of statements: its facts, links, management
// response, the ladder as a timeline with evidence files, key actions, and for the team its
// comments and audit trail. Donors get no internal notes, no step notes, no comments and no audit
// trail: they are removed here, on the server, never merely hidden by the page.

export interface TimelineEvent extends AdoptionEvent {
	files: Attachment[];
	/** How this step moved the recommendation from the one before it. */
	step: StepKind;
}

export interface LinkedItem {
	id: number;
	code: string;
	title: string;
}

export interface RecommendationDetail {
	asOf: IsoDate;
	recommendation: Recommendation;
	source: SourceDocument | null;
	/** Oldest first. */
	timeline: TimelineEvent[];
	statusDate: IsoDate | null;
	keyActions: KeyActionView[];
	keyActionSummary: KeyActionSummary;
	links: { modules: LinkedItem[]; outputs: LinkedItem[]; indicators: LinkedItem[]; risks: LinkedItem[] };
	comments: RecommendationComment[];
	history: AuditRecord[];
	/** The records the history points to, by name. */
	historyNames: AuditNames;
}

export async function loadRecommendationDetail(
	db: Executor,
	programme: Pick<Programme, 'id'>,
	viewer: Pick<Viewer, 'internal'>,
	options: { recommendationId: number; asOf?: IsoDate }
): Promise<RecommendationDetail> {
	const programmeId = programme.id;
	const id = options.recommendationId;
	const today = options.asOf ?? todayIso();
	const row = await recommendationIn(db, programmeId, id);
	const [source, eventRows, actionRows, modules, outputs, indicators, risks, comments] = await Promise.all([
		row.source_document_id
			? db.selectFrom('source_document').selectAll().where('id', '=', row.source_document_id).executeTakeFirst()
			: undefined,
		db
			.selectFrom('adoption_event')
			.leftJoin('user', 'user.id', 'adoption_event.author_id')
			.selectAll('adoption_event')
			.select('user.name as author_name')
			.where('adoption_event.recommendation_id', '=', id)
			.execute(),
		db.selectFrom('key_action').selectAll().where('recommendation_id', '=', id).orderBy('due_date').orderBy('id').execute(),
		db
			.selectFrom('recommendation_module')
			.innerJoin('module', 'module.id', 'recommendation_module.module_id')
			.select(['module.id', 'module.code', 'module.title'])
			.where('recommendation_module.recommendation_id', '=', id)
			.execute(),
		db
			.selectFrom('recommendation_output')
			.innerJoin('output', 'output.id', 'recommendation_output.output_id')
			.select(['output.id', 'output.code', 'output.title'])
			.where('recommendation_output.recommendation_id', '=', id)
			.execute(),
		db
			.selectFrom('recommendation_indicator')
			.innerJoin('indicator', 'indicator.id', 'recommendation_indicator.indicator_id')
			.select(['indicator.id', 'indicator.code', 'indicator.title'])
			.where('recommendation_indicator.recommendation_id', '=', id)
			.execute(),
		db
			.selectFrom('recommendation_risk')
			.innerJoin('risk', 'risk.id', 'recommendation_risk.risk_id')
			.select(['risk.id', 'risk.code', 'risk.title'])
			.where('recommendation_risk.recommendation_id', '=', id)
			.execute(),
		viewer.internal ? listRecommendationComments(db, id) : Promise.resolve([])
	]);

	const events = eventRows.map((e) => ({ id: e.id, eventDate: e.event_date, status: e.status }));
	const ordered = chronological(eventRows.map((e) => ({ ...e, eventDate: e.event_date })));
	const files = await listAttachments(
		db,
		EVENT_FILE_OWNER,
		ordered.map((e) => e.id)
	);
	const timeline: TimelineEvent[] = ordered.map((e, i) => ({
		id: e.id,
		recommendationId: e.recommendation_id,
		eventDate: e.event_date,
		status: e.status,
		instrument: e.instrument,
		evidenceUrl: e.evidence_url,
		note: viewer.internal ? e.note : '',
		authorName: e.author_name,
		isIllustrative: e.is_illustrative === 1,
		files: files.filter((f) => f.ownerId === e.id),
		step: stepKind(i === 0 ? 'proposed' : ordered[i - 1]!.status, e.status)
	}));
	const keyActions = actionRows.map((r) => toKeyAction(r, today));
	const recommendation = toRecommendation(row, statusAsOf(events, today));
	if (!viewer.internal) recommendation.internalNotes = '';

	const history = viewer.internal
		? await listAudit(db, {
				programmeId,
				subjects: [
					{ entity: 'recommendation', ids: [id] },
					{ entity: 'adoption_event', ids: events.map((e) => e.id) },
					{ entity: 'key_action', ids: keyActions.map((a) => a.id) }
				],
				limit: 100
			})
		: [];
	const historyNames = await auditNames(db, history);

	return {
		asOf: today,
		recommendation,
		source: source
			? {
					id: source.id,
					programmeId: source.programme_id,
					title: source.title,
					kind: source.kind,
					issuedOn: source.issued_on,
					url: source.url,
					version: source.version
				}
			: null,
		timeline,
		statusDate: latestEvent(events, today)?.eventDate ?? null,
		keyActions,
		keyActionSummary: summarizeKeyActions(keyActions, today),
		links: { modules: modules.sort(byCode), outputs: outputs.sort(byCode), indicators: indicators.sort(byCode), risks: risks.sort(byCode) },
		comments,
		history,
		historyNames
	};
}

// ---- what the recommendation form offers -------------------------------------------------------

export interface FormOptions {
	sources: { id: number; title: string; kind: SourceKind }[];
	modules: LinkedItem[];
	outputs: (LinkedItem & { moduleCode: string })[];
	indicators: LinkedItem[];
	risks: LinkedItem[];
	/** Addressees already used, offered as suggestions so the groups stay consistent. */
	addressees: string[];
}

export async function recommendationFormOptions(db: Executor, programmeId: number): Promise<FormOptions> {
	const [sources, modules, outputs, indicators, risks, addressees] = await Promise.all([
		db
			.selectFrom('source_document')
			.select(['id', 'title', 'kind'])
			.where('programme_id', '=', programmeId)
			.orderBy('issued_on')
			.orderBy('id')
			.execute(),
		db
			.selectFrom('module')
			.select(['id', 'code', 'title'])
			.where('programme_id', '=', programmeId)
			.orderBy('sort_order')
			.orderBy('id')
			.execute(),
		db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.code', 'output.title', 'module.code as moduleCode'])
			.where('module.programme_id', '=', programmeId)
			.orderBy('module.sort_order')
			.orderBy('output.sort_order')
			.orderBy('output.id')
			.execute(),
		db
			.selectFrom('indicator')
			.select(['id', 'code', 'title'])
			.where('programme_id', '=', programmeId)
			.orderBy('sort_order')
			.orderBy('id')
			.execute(),
		db.selectFrom('risk').select(['id', 'code', 'title']).where('programme_id', '=', programmeId).orderBy('code').orderBy('id').execute(),
		db
			.selectFrom('recommendation')
			.select('addressed_to')
			.distinct()
			.where('programme_id', '=', programmeId)
			.orderBy('addressed_to')
			.execute()
	]);
	return { sources, modules, outputs, indicators, risks, addressees: addressees.map((a) => a.addressed_to) };
}
