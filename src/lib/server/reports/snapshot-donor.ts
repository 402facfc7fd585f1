import type { IsoDate, Locale, Programme } from '$lib/model';
import type { BilingualText, RecordKey } from '$lib/reports/snapshot';
import { DONOR_FACTS, MANAGEMENT_RESPONSES, type DonorSnapshot, type ManagementResponse } from '$lib/reports/snapshot-donor';
import type { Executor } from '../db/executor';
import { listDialogueEvents } from '../dialogue/events';
import { factColumn, readDonorFacts, TRANSLATED_FACTS } from '../programmes/donor-facts';

// The donor-format part of a report's snapshot (issue 21), read in a fixed number of statements
// (facts 1, next period 1, indicator sources and assumption links 2, dialogue 2, linked
// programmes 1 and their translations 1) whatever the size. The caller passes the rows and keys the snapshot already holds
// (activities, recommendations with their key actions as of the cut-off), so nothing is read or
// judged twice.

type Bi = (entity: string, id: number, field: string, original: string) => BilingualText;

export interface DonorInputs {
	cutOff: IsoDate;
	/** The report, for the TCPR's outcome narratives (read only for that layout: one statement). */
	report?: { id: number; layout: string; languages: readonly Locale[] };
	modules?: readonly { id: number; key: RecordKey }[];
	windowStart: IsoDate;
	bi: Bi;
	activities: { id: number; key: RecordKey; deviationReason: string }[];
	indicatorKeyById: ReadonlyMap<number, RecordKey>;
	riskKeyById: ReadonlyMap<number, RecordKey>;
	recommendations: {
		id: number;
		key: RecordKey;
		response: string | null;
		responseText: string;
		illustrative: boolean;
		keyActions: { id: number; action: string; responsible: string; dueDate: IsoDate | null; status: string; illustrative: boolean }[];
	}[];
}

const year = (date: string | null | undefined): number | null => (date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null);

export async function donorSnapshot(db: Executor, programme: Programme, input: DonorInputs): Promise<DonorSnapshot> {
	const pid = programme.id;
	const tcpr = input.report?.layout === 'ilo_tcpr' ? input.report : null;
	const [facts, next, indicatorRows, assumptionLinks, dialogue, linked, outcomeRows, linkedTranslations] = await Promise.all([
		readDonorFacts(db, pid),
		db
			.selectFrom('reporting_period')
			.select(['id', 'label', 'start_date', 'end_date'])
			.where('programme_id', '=', pid)
			.where('start_date', '>', input.cutOff)
			.orderBy('start_date')
			.limit(1)
			.executeTakeFirst(),
		db
			.selectFrom('indicator')
			.select(['id', 'means_of_verification', 'baseline_date', 'eu_logframe_code'])
			.where('programme_id', '=', pid)
			.execute(),
		db
			.selectFrom('risk_indicator')
			.innerJoin('risk', 'risk.id', 'risk_indicator.risk_id')
			.select(['risk_indicator.risk_id', 'risk_indicator.indicator_id'])
			.where('risk.programme_id', '=', pid)
			.where('risk.kind', '=', 'assumption')
			.orderBy('risk.code')
			.execute(),
		listDialogueEvents(db, pid, { through: input.cutOff }),
		db
			.selectFrom('programme')
			.select(['id', 'code', 'short_name', 'title', 'donor', 'content_language'])
			.where('country', '=', programme.country)
			.where('id', '!=', pid)
			.orderBy('code')
			.execute(),
		tcpr
			? db
					.selectFrom('report_module_narrative')
					.select(['module_id', 'narrative_es', 'narrative_en'])
					.where('report_id', '=', tcpr.id)
					.execute()
			: Promise.resolve(null),
		// The linked programmes' titles and donors in the other language (one statement).
		db
			.selectFrom('translation')
			.innerJoin('programme', 'programme.id', 'translation.programme_id')
			.select(['translation.entity_id', 'translation.field', 'translation.locale', 'translation.text'])
			.where('programme.country', '=', programme.country)
			.where('programme.id', '!=', pid)
			.where('translation.entity', '=', 'programme')
			.whereRef('translation.entity_id', '=', 'programme.id')
			.where('translation.field', 'in', ['title', 'donor'])
			.execute()
	]);
	// The end target is due at the programme's (revised) end: its year is the target year.
	const targetYear = year(programme.effectiveEndDate);
	const assumptionsOf = new Map<number, RecordKey[]>();
	for (const l of assumptionLinks) {
		const key = input.riskKeyById.get(l.risk_id);
		if (!key) continue;
		const list = assumptionsOf.get(l.indicator_id) ?? [];
		list.push(key);
		assumptionsOf.set(l.indicator_id, list);
	}
	return {
		facts: Object.fromEntries(
			DONOR_FACTS.map((f) => [
				f,
				(TRANSLATED_FACTS as readonly string[]).includes(f)
					? input.bi('programme', pid, factColumn(f), facts[f])
					: { original: facts[f], translation: null }
			])
		) as DonorSnapshot['facts'],
		nextPeriod: next ? { id: next.id, label: next.label, start: next.start_date, end: next.end_date } : null,
		deviations: input.activities
			.filter((a) => a.deviationReason.trim() !== '')
			.map((a) => ({ activityKey: a.key, reason: input.bi('activity', a.id, 'deviation_reason', a.deviationReason) })),
		logframe: indicatorRows
			.filter((r) => input.indicatorKeyById.has(r.id))
			.map((r) => ({
				indicatorKey: input.indicatorKeyById.get(r.id)!,
				sources: input.bi('indicator', r.id, 'means_of_verification', r.means_of_verification),
				baselineYear: year(r.baseline_date),
				targetYear,
				assumptionKeys: assumptionsOf.get(r.id) ?? [],
				euCode: r.eu_logframe_code
			})),
		responses: input.recommendations.map((r) => ({
			recommendationKey: r.key,
			response: (MANAGEMENT_RESPONSES as readonly string[]).includes(r.response ?? '') ? (r.response as ManagementResponse) : null,
			text: input.bi('recommendation', r.id, 'management_response_text', r.responseText),
			illustrative: r.illustrative,
			keyActions: r.keyActions.map((k) => ({
				action: input.bi('key_action', k.id, 'action', k.action),
				responsible: k.responsible,
				dueDate: k.dueDate,
				status: k.status,
				illustrative: k.illustrative
			}))
		})),
		dialogue: dialogue
			.filter((e) => e.heldOn >= input.windowStart)
			.reverse()
			.map((e) => ({
				heldOn: e.heldOn,
				body: e.body,
				outcome: e.outcome,
				constituents: e.parties.map((p) => p.constituent),
				illustrative: e.isIllustrative
			})),
		linkedProgrammes: linked.map((p) => {
			// A translation is the text in the language other than the programme's own content language.
			const other = (field: string) =>
				linkedTranslations.find((t) => t.entity_id === p.id && t.field === field && t.locale !== p.content_language && t.text.trim() !== '')
					?.text ?? null;
			return {
				code: p.code,
				shortName: p.short_name,
				donor: p.donor,
				titleText: { original: p.title, translation: other('title') },
				donorText: { original: p.donor, translation: other('donor') }
			};
		}),
		...(tcpr && outcomeRows ? { outcomes: outcomeNarratives(tcpr.languages, input.modules ?? [], outcomeRows) } : {})
	};
}

/** Every outcome in the logframe's order, with what was written for it ('' when nothing yet). */
function outcomeNarratives(
	languages: readonly Locale[],
	modules: readonly { id: number; key: RecordKey }[],
	rows: readonly { module_id: number; narrative_es: string; narrative_en: string }[]
): NonNullable<DonorSnapshot['outcomes']> {
	const byModule = new Map(rows.map((r) => [r.module_id, r]));
	return modules.map((m) => {
		const r = byModule.get(m.id);
		return {
			moduleKey: m.key,
			narrative: {
				es: languages.includes('es') ? (r?.narrative_es ?? '') : null,
				en: languages.includes('en') ? (r?.narrative_en ?? '') : null
			}
		};
	});
}
