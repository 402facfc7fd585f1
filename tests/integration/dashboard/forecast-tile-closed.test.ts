import { beforeAll, describe, expect, it } from 'vitest';
import { closedBand, forecastBand, programmeClosed } from '$lib/indicator-forecast';
import type { Programme } from '$lib/model';
import type { Viewer } from '$lib/server/core/viewer';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import type { Db } from '$lib/server/db/connection';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// Issue 25: every seeded programme but Peru has ended, yet the dashboard's forecast tile kept the
// running programme's wording ("unlikely to reach", bands about the future). Once the (revised)
// end date has passed, the tile speaks of the final result: how many indicators reached or missed
// their target at the end, and which missed it — from the forecast module's one rule.

let db: Db;
let patss: Programme;
let team: Viewer;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await seeded(db, 'patss')).programme;
	team = { id: await userId(db, 'coord.patss@avance.test'), internal: true, canReview: true };
}, 120_000);

describe('the dashboard forecast tile of a closed programme', () => {
	it('is closed once the end date has passed, with the final result per band and the indicators that missed', async () => {
		const asOf = '2026-11-21';
		expect(programmeClosed(patss.effectiveEndDate, asOf)).toBe(true);
		const { forecast: tile } = await loadDashboard(db, patss, team, { asOf, locale: 'en' });
		expect(tile.closed).toBe(true);
		// Nothing is "unlikely" about a past: the running list is empty, the missed list takes its place.
		expect(tile.unlikely).toEqual([]);
		const forecasts = [...tile.missed.map((r) => r.forecast)];
		for (const f of forecasts) expect(closedBand(f)).toBe('missed');
		const total = Object.values(tile.counts).reduce((a, b) => a + b, 0);
		expect(Object.values(tile.closedCounts).reduce((a, b) => a + b, 0)).toBe(total);
		// Reached is exactly the "likely" band (meets the target); missed every other judged band.
		expect(tile.closedCounts.reached).toBe(tile.counts.likely);
		expect(tile.closedCounts.missed).toBe(tile.counts.close + tile.counts.may_miss + tile.counts.unlikely);
		expect(tile.missed.length).toBe(tile.closedCounts.missed);
		expect(tile.closedCounts.reached + tile.closedCounts.missed).toBeGreaterThan(0);
		for (const row of tile.missed) expect(['close', 'may_miss', 'unlikely']).toContain(forecastBand(row.forecast));
	});

	it('keeps the running wording before the end date', async () => {
		const asOf = '2021-06-30';
		expect(programmeClosed(patss.effectiveEndDate, asOf)).toBe(false);
		const { forecast: tile } = await loadDashboard(db, patss, team, { asOf, locale: 'en' });
		expect(tile.closed).toBe(false);
		expect(tile.missed).toEqual([]);
	});
});
