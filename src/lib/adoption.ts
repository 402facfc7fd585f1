import { earlier, earlierDate } from './as-of';
import {
	ADOPTION_LADDER,
	ADOPTION_STATUSES,
	KEY_ACTION_STATUSES,
	type AdoptionStatus,
	type IsoDate,
	type KeyActionStatus,
	type Tone
} from './model';

// The rules of the recommendation tracker (design §2 "recommendation", §3), kept pure so the
// tracker, the detail page, the derived "recommendations adopted" indicator and the tests all
// compute them the same way. Dates are ISO calendar dates compared as text.

/** Before any event a recommendation has only been proposed. */
export const INITIAL_STATUS: AdoptionStatus = 'proposed';
/** What counts as adopted (numerator of the adoption rate). */
export const ADOPTED_STATUSES: readonly AdoptionStatus[] = ['adopted', 'implemented'];
/** What counts as addressed: adopted, or adopted in part. */
export const ADDRESSED_STATUSES: readonly AdoptionStatus[] = ['partially_adopted', 'adopted', 'implemented'];
/** Off the ladder: left out of both rates' denominators. */
export const CLOSED_STATUSES: readonly AdoptionStatus[] = ['rejected', 'no_longer_applicable'];

export const isAdopted = (status: AdoptionStatus) => ADOPTED_STATUSES.includes(status);

// ---- the ladder --------------------------------------------------------------------------------

export interface LadderEvent {
	id: number;
	eventDate: IsoDate;
	status: AdoptionStatus;
}

/** Later date wins; on the same date, the one recorded later (higher id). */
export function isLater(a: LadderEvent, b: LadderEvent): boolean {
	return a.eventDate > b.eventDate || (a.eventDate === b.eventDate && a.id > b.id);
}

/** The event that sets the status as of `asOf` (every event when `asOf` is not given). */
export function latestEvent<E extends LadderEvent>(events: readonly E[], asOf?: IsoDate): E | null {
	let latest: E | null = null;
	for (const e of events) {
		if (asOf !== undefined && e.eventDate > asOf) continue;
		if (!latest || isLater(e, latest)) latest = e;
	}
	return latest;
}

/** The current status is the latest event's; 'proposed' before any. */
export function statusAsOf(events: readonly LadderEvent[], asOf?: IsoDate): AdoptionStatus {
	return latestEvent(events, asOf)?.status ?? INITIAL_STATUS;
}

/** Oldest first, the order the timeline is read in. */
export function chronological<E extends LadderEvent>(events: readonly E[]): E[] {
	return [...events].sort((a, b) => (isLater(a, b) ? 1 : isLater(b, a) ? -1 : 0));
}

/** Position on the ladder (0 = proposed … 5 = implemented); -1 for rejected / no longer applicable. */
export function ladderRank(status: AdoptionStatus): number {
	return (ADOPTION_LADDER as readonly AdoptionStatus[]).indexOf(status);
}

export type StepKind = 'same' | 'up' | 'down' | 'close' | 'reopen';

/** What a move from `from` to `to` is: up or down the ladder, off it (closing), or back onto it. */
export function stepKind(from: AdoptionStatus, to: AdoptionStatus): StepKind {
	if (from === to) return 'same';
	const a = ladderRank(from);
	const b = ladderRank(to);
	if (b < 0) return 'close';
	if (a < 0) return 'reopen';
	return b < a ? 'down' : 'up';
}

/**
 * Going back down the ladder is allowed but must say why; so must reopening a recommendation
 * that was rejected or no longer applicable (it undoes a closure just as a step down undoes progress).
 */
export function stepNeedsNote(from: AdoptionStatus, to: AdoptionStatus): boolean {
	const kind = stepKind(from, to);
	return kind === 'down' || kind === 'reopen';
}

export interface StepInput {
	/** The recommendation's date: no step may be dated before it. */
	issuedOn: IsoDate;
	today: IsoDate;
	/** The events already recorded (with their notes, when a later step may depend on them). */
	events: readonly (LadderEvent & { note?: string })[];
	eventDate: IsoDate;
	status: AdoptionStatus;
	note: string;
}

export interface StepProblems {
	eventDate?:
		| { problem: 'future'; today: IsoDate }
		| { problem: 'beforeIssued'; issuedOn: IsoDate }
		/** Back-dated before a later step that would then go down (or reopen) without a note. */
		| { problem: 'breaksNext'; next: AdoptionStatus; nextDate: IsoDate };
	note?: { problem: 'down' | 'reopen'; from: AdoptionStatus; to: AdoptionStatus };
}

/**
 * Checks one new step. The status it moves from is the one in force on its date (a step may be
 * back-dated between earlier ones): the new event is recorded after any other on that date.
 */
export function checkStep(input: StepInput): StepProblems {
	const problems: StepProblems = {};
	if (input.eventDate > input.today) problems.eventDate = { problem: 'future', today: input.today };
	else if (input.eventDate < input.issuedOn) problems.eventDate = { problem: 'beforeIssued', issuedOn: input.issuedOn };
	const from = statusAsOf(input.events, input.eventDate);
	const kind = stepKind(from, input.status);
	if ((kind === 'down' || kind === 'reopen') && input.note.trim() === '') problems.note = { problem: kind, from, to: input.status };
	// A back-dated step also changes the step after it: that one must not become an unexplained
	// step down. (The new event sorts after every other on its own date.)
	const next = chronological(input.events).find((e) => e.eventDate > input.eventDate);
	if (!problems.eventDate && next && stepNeedsNote(input.status, next.status) && !(next.note ?? '').trim()) {
		problems.eventDate = { problem: 'breaksNext', next: next.status, nextDate: next.eventDate };
	}
	return problems;
}

/**
 * Removing a step joins the one before it to the one after it; refused (returns the step it would
 * create) when that becomes a step down or a reopening the later event gives no note for.
 */
export function checkRemoval(
	events: readonly (LadderEvent & { note?: string })[],
	eventId: number
): { from: AdoptionStatus; to: AdoptionStatus } | null {
	const ordered = chronological(events);
	const index = ordered.findIndex((e) => e.id === eventId);
	const next = ordered[index + 1];
	if (index < 0 || !next) return null;
	const from = ordered[index - 1]?.status ?? INITIAL_STATUS;
	return stepNeedsNote(from, next.status) && !(next.note ?? '').trim() ? { from, to: next.status } : null;
}

// ---- rates (design §3) -------------------------------------------------------------------------

export interface AdoptionSummary {
	total: number;
	byStatus: Record<AdoptionStatus, number>;
	/** Adopted + implemented. */
	adopted: number;
	/** Partially adopted + adopted + implemented. */
	addressed: number;
	/** All − rejected − no longer applicable: the denominator of both rates. */
	considered: number;
	/** adopted / considered; null when nothing is left to consider. */
	adoptionRate: number | null;
	addressedRate: number | null;
}

export function summarizeAdoption(statuses: Iterable<AdoptionStatus>): AdoptionSummary {
	const byStatus = Object.fromEntries(ADOPTION_STATUSES.map((s) => [s, 0])) as Record<AdoptionStatus, number>;
	let total = 0;
	for (const s of statuses) {
		byStatus[s] += 1;
		total += 1;
	}
	const adopted = ADOPTED_STATUSES.reduce((n, s) => n + byStatus[s], 0);
	const addressed = ADDRESSED_STATUSES.reduce((n, s) => n + byStatus[s], 0);
	const considered = total - byStatus.rejected - byStatus.no_longer_applicable;
	return {
		total,
		byStatus,
		adopted,
		addressed,
		considered,
		adoptionRate: considered > 0 ? adopted / considered : null,
		addressedRate: considered > 0 ? addressed / considered : null
	};
}

/**
 * The adoption figures of a set of recommendations as of a date, from each one's ladder (an empty
 * ladder is a recommendation still proposed). The portfolio, the tracker and the reports read these.
 */
export function adoptionAsOf(ladders: Iterable<readonly LadderEvent[]>, asOf: IsoDate): AdoptionSummary {
	return summarizeAdoption([...ladders].map((events) => statusAsOf(events, asOf)));
}

/**
 * Rates per group (area, addressee…). Groups named in `order` come first, in that order and even
 * when empty; any other group follows alphabetically.
 */
export function summarizeBy<T>(
	items: readonly T[],
	key: (item: T) => string,
	status: (item: T) => AdoptionStatus,
	order: readonly string[] = []
): { key: string; summary: AdoptionSummary }[] {
	const groups = new Map<string, AdoptionStatus[]>(order.map((k) => [k, []]));
	for (const item of items) {
		const k = key(item);
		let list = groups.get(k);
		if (!list) groups.set(k, (list = []));
		list.push(status(item));
	}
	const known = new Set(order);
	const rest = [...groups.keys()].filter((k) => !known.has(k)).sort((a, b) => a.localeCompare(b, 'es'));
	return [...order, ...rest].map((k) => ({ key: k, summary: summarizeAdoption(groups.get(k) ?? []) }));
}

/**
 * How many recommendations were adopted (or implemented) as of each date, from every
 * recommendation's events. Recommendations without events are only proposed, so they never count.
 */
export function adoptedCountsFrom(
	eventsByRecommendation: Iterable<readonly LadderEvent[]>,
	dates: readonly IsoDate[]
): Map<IsoDate, number> {
	const counts = new Map<IsoDate, number>(dates.map((d) => [d, 0]));
	for (const events of eventsByRecommendation) {
		for (const date of counts.keys()) {
			if (isAdopted(statusAsOf(events, date))) counts.set(date, counts.get(date)! + 1);
		}
	}
	return counts;
}

// ---- key actions -------------------------------------------------------------------------------

export interface KeyActionLike {
	dueDate: IsoDate | null;
	status: KeyActionStatus;
}

/** Past its due date and neither completed nor dropped as no longer applicable. */
export function isOverdue(action: KeyActionLike, today: IsoDate): boolean {
	return action.dueDate !== null && action.dueDate < today && action.status !== 'completed' && action.status !== 'no_longer_applicable';
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
	const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
	return Math.round(ms / 86_400_000);
}

/** Ageing: days past due as of `today`; null when the action is not overdue. */
export function daysOverdue(action: KeyActionLike, today: IsoDate): number | null {
	return isOverdue(action, today) ? daysBetween(action.dueDate!, today) : null;
}

export const AGEING_BUCKETS = [
	{ key: 'upTo30', max: 30 },
	{ key: 'upTo90', max: 90 },
	{ key: 'upTo180', max: 180 },
	{ key: 'upTo365', max: 365 },
	{ key: 'over365', max: Number.POSITIVE_INFINITY }
] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number]['key'];

export function ageingBucket(days: number): AgeingBucket {
	return AGEING_BUCKETS.find((b) => days <= b.max)!.key;
}

export interface KeyActionSummary {
	total: number;
	completed: number;
	/** All − no longer applicable: the denominator of the completion rate. */
	applicable: number;
	completedRate: number | null;
	overdue: number;
	ageing: Record<AgeingBucket, number>;
}

export function summarizeKeyActions(actions: readonly KeyActionLike[], today: IsoDate): KeyActionSummary {
	const ageing = Object.fromEntries(AGEING_BUCKETS.map((b) => [b.key, 0])) as Record<AgeingBucket, number>;
	let completed = 0;
	let dropped = 0;
	let overdue = 0;
	for (const a of actions) {
		if (a.status === 'completed') completed += 1;
		if (a.status === 'no_longer_applicable') dropped += 1;
		const days = daysOverdue(a, today);
		if (days !== null) {
			overdue += 1;
			ageing[ageingBucket(days)] += 1;
		}
	}
	const applicable = actions.length - dropped;
	return { total: actions.length, completed, applicable, completedRate: applicable > 0 ? completed / applicable : null, overdue, ageing };
}

/**
 * A key action as it stood at `asOf` (a report's cut-off): `later` holds the field values before
 * the changes recorded after the date (as-of.ts). A key action carries no completion date, so one
 * due after the date is not counted completed at it: it was under way (initiated) then.
 */
export function keyActionAsOf(current: KeyActionLike, asOf: IsoDate, later?: Record<string, unknown>): KeyActionLike {
	let status = earlier(later, 'status', current.status, KEY_ACTION_STATUSES);
	const dueDate = earlierDate(later, 'dueDate', current.dueDate);
	if (status === 'completed' && dueDate !== null && dueDate > asOf) status = 'initiated';
	return { dueDate, status };
}

// ---- how each status looks (never colour alone: a symbol and a word too) ----------------------

export const ADOPTION_LOOK: Record<AdoptionStatus, { tone: Tone; symbol: string }> = {
	proposed: { tone: 'muted', symbol: '○' },
	under_review: { tone: 'info', symbol: '◔' },
	accepted_in_principle: { tone: 'info', symbol: '◑' },
	partially_adopted: { tone: 'warn', symbol: '◕' },
	adopted: { tone: 'ok', symbol: '✔' },
	implemented: { tone: 'ok', symbol: '★' },
	rejected: { tone: 'bad', symbol: '✖' },
	no_longer_applicable: { tone: 'muted', symbol: '–' }
};

export const KEY_ACTION_LOOK: Record<KeyActionStatus, { tone: Tone; symbol: string }> = {
	not_initiated: { tone: 'muted', symbol: '○' },
	initiated: { tone: 'info', symbol: '◑' },
	completed: { tone: 'ok', symbol: '✔' },
	no_longer_applicable: { tone: 'muted', symbol: '–' }
};

// ---- search ------------------------------------------------------------------------------------

/** Lower case without accents, so "gestion" finds "gestión" and "IESS" finds "iess". */
export function searchable(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase();
}

/** Every word of the query appears somewhere in the text. */
export function matchesSearch(text: string, query: string): boolean {
	const words = searchable(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const hay = searchable(text);
	return words.every((w) => hay.includes(w));
}

// ---- the tracker's filters ---------------------------------------------------------------------

export interface TrackerFilters {
	sourceId: number | null;
	addressee: string | null;
	area: string | null;
	priority: string | null;
	status: AdoptionStatus | null;
	/** Only recommendations with at least one overdue key action. */
	overdue: boolean;
	q: string;
}

export const NO_FILTERS: TrackerFilters = {
	sourceId: null,
	addressee: null,
	area: null,
	priority: null,
	status: null,
	overdue: false,
	q: ''
};

export interface FilterableRecommendation {
	code: string;
	text: string;
	addressedTo: string;
	area: string;
	priority: string;
	status: AdoptionStatus;
	sourceId: number | null;
	sourceTitle: string | null;
	overdueActions: number;
}

export function filterRecommendations<R extends FilterableRecommendation>(rows: readonly R[], f: TrackerFilters): R[] {
	return rows.filter(
		(r) =>
			(f.sourceId === null || r.sourceId === f.sourceId) &&
			(f.addressee === null || r.addressedTo === f.addressee) &&
			(f.area === null || r.area === f.area) &&
			(f.priority === null || r.priority === f.priority) &&
			(f.status === null || r.status === f.status) &&
			(!f.overdue || r.overdueActions > 0) &&
			matchesSearch(`${r.code} ${r.text} ${r.addressedTo} ${r.sourceTitle ?? ''}`, f.q)
	);
}
