import { describe, expect, it } from 'vitest';
import {
	adoptedCountsFrom,
	ageingBucket,
	checkRemoval,
	checkStep,
	chronological,
	daysBetween,
	daysOverdue,
	filterRecommendations,
	isOverdue,
	latestEvent,
	matchesSearch,
	NO_FILTERS,
	statusAsOf,
	stepKind,
	stepNeedsNote,
	summarizeAdoption,
	summarizeBy,
	summarizeKeyActions,
	type FilterableRecommendation,
	type LadderEvent
} from '$lib/adoption';
import type { AdoptionStatus } from '$lib/model';

const ev = (id: number, eventDate: string, status: AdoptionStatus): LadderEvent => ({ id, eventDate, status });

describe('current status from the ladder', () => {
	it('is proposed before any event', () => {
		expect(statusAsOf([])).toBe('proposed');
	});

	it('is the status of the latest event by date, whatever order they were recorded in', () => {
		const events = [ev(3, '2022-05-01', 'adopted'), ev(1, '2021-01-10', 'under_review'), ev(2, '2021-06-01', 'accepted_in_principle')];
		expect(statusAsOf(events)).toBe('adopted');
		expect(chronological(events).map((e) => e.id)).toEqual([1, 2, 3]);
	});

	it('breaks a tie on the same date with the event recorded later', () => {
		const events = [ev(8, '2022-05-01', 'adopted'), ev(5, '2022-05-01', 'partially_adopted')];
		expect(latestEvent(events)?.id).toBe(8);
		expect(statusAsOf(events)).toBe('adopted');
	});

	it('reads the status as of a past date, ignoring later events', () => {
		const events = [ev(1, '2021-01-10', 'under_review'), ev(2, '2022-05-01', 'adopted')];
		expect(statusAsOf(events, '2021-12-31')).toBe('under_review');
		expect(statusAsOf(events, '2022-05-01')).toBe('adopted');
		expect(statusAsOf(events, '2020-12-31')).toBe('proposed');
	});
});

describe('ladder rules', () => {
	it('tells steps up, down, closing and reopening apart', () => {
		expect(stepKind('under_review', 'adopted')).toBe('up');
		expect(stepKind('adopted', 'under_review')).toBe('down');
		expect(stepKind('adopted', 'rejected')).toBe('close');
		expect(stepKind('rejected', 'under_review')).toBe('reopen');
		expect(stepKind('adopted', 'adopted')).toBe('same');
	});

	it('asks for a note going down the ladder or reopening, not going up or closing', () => {
		expect(stepNeedsNote('adopted', 'partially_adopted')).toBe(true);
		expect(stepNeedsNote('no_longer_applicable', 'proposed')).toBe(true);
		expect(stepNeedsNote('proposed', 'implemented')).toBe(false);
		expect(stepNeedsNote('implemented', 'no_longer_applicable')).toBe(false);
	});

	const base = {
		issuedOn: '2021-03-31',
		today: '2024-06-15',
		events: [ev(1, '2021-06-01', 'accepted_in_principle'), ev(2, '2022-01-10', 'adopted')]
	};

	it('accepts a step up dated between the recommendation and today', () => {
		expect(checkStep({ ...base, eventDate: '2024-06-15', status: 'implemented', note: '' })).toEqual({});
		expect(checkStep({ ...base, eventDate: '2021-03-31', status: 'under_review', note: '' })).toEqual({});
	});

	it('refuses a date in the future', () => {
		expect(checkStep({ ...base, eventDate: '2024-06-16', status: 'implemented', note: '' }).eventDate).toEqual({
			problem: 'future',
			today: '2024-06-15'
		});
	});

	it('refuses a date before the recommendation was made', () => {
		expect(checkStep({ ...base, eventDate: '2021-03-30', status: 'under_review', note: '' }).eventDate).toEqual({
			problem: 'beforeIssued',
			issuedOn: '2021-03-31'
		});
	});

	it('refuses a step down without a note and accepts it with one', () => {
		expect(checkStep({ ...base, eventDate: '2023-01-01', status: 'under_review', note: '  ' }).note).toEqual({
			problem: 'down',
			from: 'adopted',
			to: 'under_review'
		});
		expect(checkStep({ ...base, eventDate: '2023-01-01', status: 'under_review', note: 'New authorities reopened the review.' })).toEqual(
			{}
		);
	});

	it('judges a back-dated step against the status in force on its date', () => {
		// On 2021-12-01 the status was "accepted in principle": "under review" then is a step down…
		expect(checkStep({ ...base, eventDate: '2021-12-01', status: 'under_review', note: '' }).note?.from).toBe('accepted_in_principle');
		// …and "partially adopted" a step up, although today's status is "adopted".
		expect(checkStep({ ...base, eventDate: '2021-12-01', status: 'partially_adopted', note: '' })).toEqual({});
	});

	it('asks why a rejected recommendation is reopened', () => {
		const closed = { ...base, events: [ev(1, '2021-06-01', 'rejected')] };
		expect(checkStep({ ...closed, eventDate: '2022-01-01', status: 'under_review', note: '' }).note?.problem).toBe('reopen');
	});
});

describe('adoption and addressed rates (design §3)', () => {
	it('divides adopted + implemented by all but the rejected and no longer applicable', () => {
		const s = summarizeAdoption([
			'adopted',
			'implemented',
			'partially_adopted',
			'under_review',
			'proposed',
			'rejected',
			'no_longer_applicable'
		]);
		expect(s.total).toBe(7);
		expect(s.considered).toBe(5);
		expect(s.adopted).toBe(2);
		expect(s.adoptionRate).toBeCloseTo(2 / 5);
	});

	it('adds the partially adopted for the addressed rate', () => {
		const s = summarizeAdoption(['adopted', 'partially_adopted', 'partially_adopted', 'accepted_in_principle']);
		expect(s.addressed).toBe(3);
		expect(s.addressedRate).toBeCloseTo(3 / 4);
	});

	it('has no rate when nothing is left to consider', () => {
		expect(summarizeAdoption(['rejected', 'no_longer_applicable']).adoptionRate).toBeNull();
		expect(summarizeAdoption([]).addressedRate).toBeNull();
	});

	it('groups by a key, keeping the given order and empty groups first, then the rest alphabetically', () => {
		const items = [
			{ who: 'IESS', s: 'adopted' as const },
			{ who: 'BIESS', s: 'under_review' as const },
			{ who: 'Asamblea Nacional', s: 'rejected' as const },
			{ who: 'IESS', s: 'proposed' as const }
		];
		const groups = summarizeBy(
			items,
			(i) => i.who,
			(i) => i.s,
			['IESS', 'Ministerio del Trabajo']
		);
		expect(groups.map((g) => g.key)).toEqual(['IESS', 'Ministerio del Trabajo', 'Asamblea Nacional', 'BIESS']);
		expect(groups[0]!.summary.adoptionRate).toBe(0.5);
		expect(groups[1]!.summary.total).toBe(0);
		expect(groups[2]!.summary.adoptionRate).toBeNull();
	});
});

describe('adopted counts as of dates (the derived indicator)', () => {
	it('counts, for each date, the recommendations whose status then was adopted or implemented', () => {
		const ladders = [
			[ev(1, '2021-01-10', 'under_review'), ev(2, '2022-05-01', 'adopted')],
			[ev(3, '2021-06-01', 'adopted'), ev(4, '2023-02-01', 'implemented')],
			[ev(5, '2021-06-01', 'adopted'), ev(6, '2022-01-01', 'partially_adopted')],
			[]
		];
		const counts = adoptedCountsFrom(ladders, ['2020-12-31', '2021-12-31', '2022-06-30', '2023-12-31']);
		expect([...counts]).toEqual([
			['2020-12-31', 0],
			['2021-12-31', 2],
			['2022-06-30', 2],
			['2023-12-31', 2]
		]);
	});
});

describe('key actions', () => {
	it('is overdue when past its due date and neither completed nor no longer applicable', () => {
		expect(isOverdue({ dueDate: '2024-01-31', status: 'initiated' }, '2024-02-01')).toBe(true);
		expect(isOverdue({ dueDate: '2024-01-31', status: 'not_initiated' }, '2024-01-31')).toBe(false);
		expect(isOverdue({ dueDate: '2024-01-31', status: 'completed' }, '2025-01-01')).toBe(false);
		expect(isOverdue({ dueDate: '2024-01-31', status: 'no_longer_applicable' }, '2025-01-01')).toBe(false);
		expect(isOverdue({ dueDate: null, status: 'initiated' }, '2025-01-01')).toBe(false);
	});

	it('ages overdue actions in calendar days, across month and leap-year ends', () => {
		expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
		expect(daysOverdue({ dueDate: '2023-12-31', status: 'initiated' }, '2024-12-31')).toBe(366);
		expect(daysOverdue({ dueDate: '2023-12-31', status: 'completed' }, '2024-12-31')).toBeNull();
		expect([1, 30, 31, 90, 180, 181, 365, 366].map(ageingBucket)).toEqual([
			'upTo30',
			'upTo30',
			'upTo90',
			'upTo90',
			'upTo180',
			'upTo365',
			'upTo365',
			'over365'
		]);
	});

	it('summarises % completed (leaving out the no longer applicable), overdue and ageing', () => {
		const s = summarizeKeyActions(
			[
				{ dueDate: '2024-01-01', status: 'completed' },
				{ dueDate: '2024-01-01', status: 'initiated' },
				{ dueDate: '2020-01-01', status: 'not_initiated' },
				{ dueDate: null, status: 'initiated' },
				{ dueDate: '2020-01-01', status: 'no_longer_applicable' }
			],
			'2024-01-15'
		);
		expect(s).toMatchObject({ total: 5, completed: 1, applicable: 4, completedRate: 0.25, overdue: 2 });
		expect(s.ageing).toMatchObject({ upTo30: 1, over365: 1, upTo90: 0 });
	});
});

describe('tracker filters and search', () => {
	const row = (over: Partial<FilterableRecommendation>): FilterableRecommendation => ({
		code: 'X-1',
		text: '',
		addressedTo: 'IESS',
		area: 'coverage',
		priority: 'high',
		status: 'proposed',
		sourceId: 1,
		sourceTitle: 'Estudio',
		overdueActions: 0,
		...over
	});
	const rows = [
		row({ code: 'COB-01', text: 'Mejorar la gestión de afiliación' }),
		row({ code: 'GOB-01', area: 'governance', addressedTo: 'Asamblea Nacional', status: 'adopted', overdueActions: 2, sourceId: 2 }),
		row({ code: 'SOS-01', area: 'sustainability', addressedTo: 'BIESS', priority: 'low' })
	];

	it('lets everything through without filters', () => {
		expect(filterRecommendations(rows, NO_FILTERS)).toHaveLength(3);
	});

	it('combines filters', () => {
		expect(filterRecommendations(rows, { ...NO_FILTERS, overdue: true }).map((r) => r.code)).toEqual(['GOB-01']);
		expect(filterRecommendations(rows, { ...NO_FILTERS, area: 'coverage', priority: 'high' }).map((r) => r.code)).toEqual(['COB-01']);
		expect(filterRecommendations(rows, { ...NO_FILTERS, addressee: 'BIESS', status: 'adopted' })).toEqual([]);
		expect(filterRecommendations(rows, { ...NO_FILTERS, sourceId: 2 }).map((r) => r.code)).toEqual(['GOB-01']);
	});

	it('searches without regard to case or accents, every word', () => {
		expect(matchesSearch('Mejorar la gestión de afiliación', 'GESTION afiliacion')).toBe(true);
		expect(matchesSearch('Mejorar la gestión', 'gestión cobro')).toBe(false);
		expect(filterRecommendations(rows, { ...NO_FILTERS, q: 'asamblea' }).map((r) => r.code)).toEqual(['GOB-01']);
	});
});

describe('back-dated and removed steps', () => {
	const ladder = [
		{ id: 1, eventDate: '2020-01-10', status: 'under_review' as const, note: '' },
		{ id: 2, eventDate: '2021-06-01', status: 'adopted' as const, note: '' }
	];
	const base = { issuedOn: '2019-12-01', today: '2026-11-21', events: ladder, note: '' };

	it('refuses a back-dated step that would turn the next step into an unexplained step down', () => {
		const problems = checkStep({ ...base, eventDate: '2020-06-01', status: 'implemented' });
		expect(problems.eventDate).toEqual({ problem: 'breaksNext', next: 'adopted', nextDate: '2021-06-01' });
	});

	it('accepts it when the next step already explains itself, or when it stays on the way up', () => {
		const explained = ladder.map((e) => (e.id === 2 ? { ...e, note: 'La ley volvió atrás.' } : e));
		expect(checkStep({ ...base, events: explained, eventDate: '2020-06-01', status: 'implemented' }).eventDate).toBeUndefined();
		expect(checkStep({ ...base, eventDate: '2020-06-01', status: 'accepted_in_principle' }).eventDate).toBeUndefined();
	});

	it('refuses to remove a step when the next one would then be an unexplained step down', () => {
		const three = [
			{ id: 1, eventDate: '2020-01-10', status: 'adopted' as const, note: '' },
			{ id: 2, eventDate: '2020-06-01', status: 'implemented' as const, note: '' },
			{ id: 3, eventDate: '2021-06-01', status: 'partially_adopted' as const, note: 'Derogación parcial.' }
		];
		expect(checkRemoval(three, 1)).toBeNull();
		expect(checkRemoval(three, 3)).toBeNull();
		const noted = three.map((e) => (e.id === 3 ? { ...e, status: 'implemented' as const, note: '' } : e));
		// Removing "implemented" (2) leaves adopted → implemented: still up, fine.
		expect(checkRemoval(noted, 2)).toBeNull();
		const down = [
			{ id: 1, eventDate: '2020-01-10', status: 'implemented' as const, note: '' },
			{ id: 2, eventDate: '2020-06-01', status: 'under_review' as const, note: 'Revisión por nueva ley.' },
			{ id: 3, eventDate: '2021-06-01', status: 'adopted' as const, note: '' }
		];
		// Removing the explained step down (2) would make implemented → adopted, unexplained.
		expect(checkRemoval(down, 2)).toEqual({ from: 'implemented', to: 'adopted' });
	});
});
