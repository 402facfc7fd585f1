import { describe, expect, it } from 'vitest';
import {
	heatMap,
	matchesFilters,
	NO_FILTERS,
	reviewFlag,
	reviewOverdue,
	riskBand,
	riskLevel,
	riskScore,
	riskTrend,
	sortReviews,
	type FilterableRisk
} from '$lib/risk-rules';

describe('score and band', () => {
	it('multiplies likelihood by impact', () => {
		expect(riskScore(1, 1)).toBe(1);
		expect(riskScore(3, 4)).toBe(12);
		expect(riskScore(5, 5)).toBe(25);
	});

	it('refuses a likelihood or impact outside 1–5 or not whole', () => {
		expect(() => riskScore(0, 3)).toThrow(RangeError);
		expect(() => riskScore(3, 6)).toThrow(RangeError);
		expect(() => riskScore(2.5, 3)).toThrow(RangeError);
	});

	it('puts each score in its band at the edges: 1–4 low, 5–9 medium, 10–15 high, 16–25 critical', () => {
		expect([1, 4].map(riskBand)).toEqual(['low', 'low']);
		expect([5, 9].map(riskBand)).toEqual(['medium', 'medium']);
		expect([10, 15].map(riskBand)).toEqual(['high', 'high']);
		expect([16, 25].map(riskBand)).toEqual(['critical', 'critical']);
		expect(() => riskBand(26)).toThrow(RangeError);
		expect(() => riskBand(0)).toThrow(RangeError);
	});
});

describe('trend from the last two reviews', () => {
	const review = (id: number, reviewedOn: string, likelihood: number, impact: number) => ({ id, reviewedOn, likelihood, impact });

	it('is new with fewer than two reviews', () => {
		expect(riskTrend([])).toBe('new');
		expect(riskTrend([review(1, '2021-01-01', 5, 5)])).toBe('new');
	});

	it('rises, falls or stays with the score of the latest review against the one before', () => {
		expect(riskTrend([review(1, '2021-01-01', 2, 3), review(2, '2021-06-30', 3, 3)])).toBe('rising');
		expect(riskTrend([review(1, '2021-01-01', 4, 4), review(2, '2021-06-30', 3, 4)])).toBe('falling');
		// 2 × 6 would not exist, but 3 × 4 and 4 × 3 are the same score: stable.
		expect(riskTrend([review(1, '2021-01-01', 3, 4), review(2, '2021-06-30', 4, 3)])).toBe('stable');
	});

	it('looks only at the last two reviews by date, whatever order they arrive in', () => {
		const reviews = [review(3, '2022-01-01', 2, 2), review(1, '2020-01-01', 5, 5), review(2, '2021-01-01', 1, 1)];
		expect(sortReviews(reviews).map((r) => r.id)).toEqual([1, 2, 3]);
		expect(riskTrend(reviews)).toBe('rising');
	});

	it('orders two reviews of the same day by when they were recorded', () => {
		expect(riskTrend([review(8, '2021-06-30', 2, 2), review(7, '2021-06-30', 4, 4)])).toBe('falling');
	});
});

describe('review needed', () => {
	const asOf = '2026-11-21';
	// A programme still running on asOf.
	const end = '2027-12-31';
	const base = { status: 'open' as const, nextReviewDate: null, linked: [] };

	it('flags an entry whose next review date has passed', () => {
		expect(reviewFlag({ ...base, nextReviewDate: '2026-11-20' }, asOf, end)).toEqual({ overdue: true, offTrack: [] });
	});

	it('does not flag a review due today or later', () => {
		expect(reviewFlag({ ...base, nextReviewDate: '2026-11-21' }, asOf, end)).toBeNull();
		expect(reviewFlag({ ...base, nextReviewDate: '2027-01-01' }, asOf, end)).toBeNull();
		expect(reviewFlag(base, asOf, end)).toBeNull();
	});

	it('flags an entry whose linked indicator is off track, naming it, and ignores the others', () => {
		const linked = [
			{ code: 'M3-1', status: 'off_track' as const },
			{ code: 'M5-1', status: 'at_risk' as const },
			{ code: 'X-1', status: 'overdue' as const }
		];
		expect(reviewFlag({ ...base, linked }, asOf, end)).toEqual({ overdue: false, offTrack: ['M3-1'] });
	});

	it('stops flagging an off-track indicator once the risk is reviewed after the period that showed it', () => {
		const linked = [{ code: 'M3-1', status: 'off_track' as const, judgedAt: '2022-03-31' }];
		expect(reviewFlag({ ...base, linked, lastReviewOn: '2022-02-01' }, asOf, end)).toEqual({ overdue: false, offTrack: ['M3-1'] });
		expect(reviewFlag({ ...base, linked, lastReviewOn: '2022-03-31' }, asOf, end)).toEqual({ overdue: false, offTrack: ['M3-1'] });
		expect(reviewFlag({ ...base, linked, lastReviewOn: '2022-04-15' }, asOf, end)).toBeNull();
	});

	it('gives both reasons when both apply', () => {
		expect(reviewFlag({ ...base, nextReviewDate: '2025-01-01', linked: [{ code: 'A', status: 'off_track' }] }, asOf, end)).toEqual({
			overdue: true,
			offTrack: ['A']
		});
	});

	it('stops asking for any review once the programme has ended, however old the last one', () => {
		const late = { ...base, nextReviewDate: '2022-01-01', linked: [{ code: 'A', status: 'off_track' as const }] };
		expect(reviewFlag(late, asOf, '2022-03-31')).toBeNull();
		expect(reviewOverdue(late, asOf, '2022-03-31')).toBe(false);
		// On its last day it still asks.
		expect(reviewFlag(late, '2022-03-31', '2022-03-31')).toEqual({ overdue: true, offTrack: ['A'] });
	});

	it('never flags a closed entry', () => {
		expect(
			reviewFlag({ status: 'closed', nextReviewDate: '2020-01-01', linked: [{ code: 'A', status: 'off_track' }] }, asOf, end)
		).toBeNull();
	});
});

describe('heat map', () => {
	it('counts risks that are not closed in their likelihood × impact cell, top row likelihood 5', () => {
		const map = heatMap([
			{ kind: 'risk', status: 'open', likelihood: 5, impact: 4 },
			{ kind: 'risk', status: 'materialised', likelihood: 5, impact: 4 },
			{ kind: 'risk', status: 'monitoring', likelihood: 1, impact: 1 },
			{ kind: 'risk', status: 'closed', likelihood: 5, impact: 4 },
			{ kind: 'assumption', status: 'open', likelihood: 5, impact: 4 }
		]);
		expect(map.total).toBe(3);
		expect(map.rows).toHaveLength(5);
		expect(map.rows[0]!.map((c) => c.likelihood)).toEqual([5, 5, 5, 5, 5]);
		expect(map.rows[0]!.map((c) => c.impact)).toEqual([1, 2, 3, 4, 5]);
		expect(map.rows[0]![3]).toEqual({ likelihood: 5, impact: 4, score: 20, band: 'critical', count: 2 });
		expect(map.rows[4]![0]).toMatchObject({ likelihood: 1, impact: 1, band: 'low', count: 1 });
		expect(map.rows.flat().reduce((sum, c) => sum + c.count, 0)).toBe(3);
	});

	it('colours every cell by its band even when empty', () => {
		const cells = heatMap([]).rows.flat();
		expect(cells).toHaveLength(25);
		expect(cells.every((c) => c.count === 0)).toBe(true);
		expect(cells.find((c) => c.likelihood === 2 && c.impact === 5)!.band).toBe('high');
	});
});

describe('register filters', () => {
	const risk: FilterableRisk = {
		level: 'output',
		category: 'financial',
		band: 'critical',
		status: 'open',
		kind: 'risk',
		likelihood: 5,
		impact: 4,
		reviewNeeded: { overdue: false, offTrack: ['M3-1'] }
	};

	it('keeps everything without filters', () => {
		expect(matchesFilters(risk, NO_FILTERS)).toBe(true);
	});

	it('filters by level, category, band, kind and status', () => {
		expect(
			matchesFilters(risk, { ...NO_FILTERS, level: 'output', category: 'financial', band: 'critical', kind: 'risk', status: 'open' })
		).toBe(true);
		expect(matchesFilters(risk, { ...NO_FILTERS, level: 'activity' })).toBe(false);
		expect(matchesFilters(risk, { ...NO_FILTERS, category: 'political' })).toBe(false);
		expect(matchesFilters(risk, { ...NO_FILTERS, band: 'high' })).toBe(false);
		expect(matchesFilters(risk, { ...NO_FILTERS, kind: 'assumption' })).toBe(false);
		expect(matchesFilters(risk, { ...NO_FILTERS, status: 'closed' })).toBe(false);
	});

	it('reads "active" as every status but closed', () => {
		expect(matchesFilters({ ...risk, status: 'materialised' }, { ...NO_FILTERS, status: 'active' })).toBe(true);
		expect(matchesFilters({ ...risk, status: 'closed' }, { ...NO_FILTERS, status: 'active' })).toBe(false);
	});

	it('tells "review needed" from "review overdue"', () => {
		expect(matchesFilters(risk, { ...NO_FILTERS, review: 'needed' })).toBe(true);
		expect(matchesFilters(risk, { ...NO_FILTERS, review: 'overdue' })).toBe(false);
		expect(matchesFilters({ ...risk, reviewNeeded: null }, { ...NO_FILTERS, review: 'needed' })).toBe(false);
	});

	it('filters by the heat-map cell', () => {
		expect(matchesFilters(risk, { ...NO_FILTERS, likelihood: 5, impact: 4 })).toBe(true);
		expect(matchesFilters(risk, { ...NO_FILTERS, likelihood: 5, impact: 5 })).toBe(false);
	});
});

describe('level', () => {
	it('is the most specific of activity, output, module, programme', () => {
		expect(riskLevel({ moduleId: 1, outputId: 2, activityId: 3 })).toBe('activity');
		expect(riskLevel({ moduleId: 1, outputId: 2, activityId: null })).toBe('output');
		expect(riskLevel({ moduleId: 1, outputId: null, activityId: null })).toBe('module');
		expect(riskLevel({ moduleId: null, outputId: null, activityId: null })).toBe('programme');
	});
});

describe('review overdue', () => {
	it('is the next review date passed on a risk still followed, the same rule for the register and the inbox', () => {
		const risk = { status: 'open' as const, nextReviewDate: '2022-01-31', lastReviewOn: '2021-06-30', linked: [] };
		expect(reviewOverdue(risk, '2022-02-15', '2022-03-31')).toBe(true);
		expect(reviewOverdue(risk, '2022-01-31', '2022-03-31')).toBe(false);
		expect(reviewOverdue({ ...risk, status: 'closed' }, '2022-02-15', '2022-03-31')).toBe(false);
		expect(reviewFlag(risk, '2022-02-15', '2022-03-31')).toEqual({ overdue: true, offTrack: [] });
	});
});
