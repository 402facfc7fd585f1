import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import { formatPaces } from '$lib/i18n/forecast-text';
import { countLikelihoods, forecastBand } from '$lib/indicator-forecast';
import { API_SCOPES } from '$lib/api-tokens';
import { createApiToken } from '$lib/server/api/tokens';
import { resultsSchema } from '$lib/server/api/schemas';
import type { Viewer } from '$lib/server/core/viewer';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import type { Db } from '$lib/server/db/connection';
import { draftSnapshot } from '$lib/server/reports/reports';
import { assessProgramme } from '$lib/server/results/assessment';
import { composeReport } from '$lib/reports/compose';
import { GET as getResults } from '../../../src/routes/api/v1/programmes/[slug]/results/+server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Issue 25, reviewer findings 9, 20 and 21 on the seeded Peru programme: the API says how many
// approved values a forecast rests on (PE-2 has one), every reader counts a projection without
// an end target in its own band, and the report's likelihood table carries the pace needed
// against the pace so far.

const AS_OF = '2026-11-21';
const en = createI18n(() => 'en');
let db: Db;
let peru: Awaited<ReturnType<typeof seeded>>;
let donor: Viewer;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	peru = await seeded(db, 'peru-desempleo-ue');
	donor = { id: await userId(db, 'donor.eu@avance.test'), internal: false, canReview: false };
});

describe('forecast findings on seeded Peru', () => {
	it('the API counts the approved values even when there are too few for a forecast, and names the band', async () => {
		const user = await sessionUser(db, 'donor.eu@avance.test');
		const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
		const { token } = await createApiToken(db, user, { name: 'forecast', scopes: [...API_SCOPES], programmeIds: [], expiresOn });
		const url = `http://localhost/api/v1/programmes/${peru.programme.slug}/results?asOf=${AS_OF}&lang=en&limit=200`;
		const event = makeEvent({ url, params: { slug: peru.programme.slug } });
		(event as { request: Request }).request = new Request(url, { headers: { authorization: `Bearer ${token}` } });
		const response = (await call(getResults as (e: never) => unknown, event)) as Response;
		expect(response.status).toBe(200);
		const body = resultsSchema.parse(await response.json());
		const assessed = await assessProgramme(db, peru.programme, AS_OF);
		const pe2 = body.data.find((i) => i.code === 'PE-2')!;
		expect(pe2.forecast.available).toBe(false);
		expect(pe2.forecast.basedOn).toBe(1);
		for (const indicator of body.data) {
			const approved = [...(assessed.approved.get(indicator.id)?.values() ?? [])].filter((v) => v.value !== null).length;
			const f = assessed.forecasts.get(indicator.id)!;
			if (f.kind === 'projected' || f.reason === 'too_few_values') expect(indicator.forecast.basedOn).toBe(approved);
			expect(indicator.forecast.band).toBe(forecastBand(f));
		}
	});

	it('the dashboard tile has a "no target" band beside "no forecast"', async () => {
		const dashboard = await loadDashboard(db, peru.programme, donor, { asOf: AS_OF, locale: 'en' });
		const assessed = await assessProgramme(db, peru.programme, AS_OF);
		const numeric = assessed.indicators.filter((i) => i.measure === 'number' || i.measure === 'percentage');
		const noTarget = numeric.filter((i) => {
			const f = assessed.forecasts.get(i.id)!;
			return f.kind === 'projected' && f.target === null;
		}).length;
		expect(dashboard.forecast.counts.no_target).toBe(noTarget);
		expect(dashboard.forecast.counts).toEqual(countLikelihoods(numeric.map((i) => assessed.forecasts.get(i.id)!)));
	});

	it('the report table carries the pace needed against the pace so far for every projected indicator', async () => {
		const periods = await db
			.selectFrom('reporting_period')
			.select(['id', 'end_date'])
			.where('programme_id', '=', peru.programme.id)
			.where('end_date', '<=', '2025-12-31')
			.execute();
		const coordinator = await sessionUser(db, 'coord.peru@avance.test');
		const reportId = await writtenReport(
			db,
			coordinator,
			peru.programme,
			periods.map((p) => p.id),
			{ layout: 'eu_narrative' }
		);
		const snapshot = await draftSnapshot(db, peru.programme, reportId, 'http://localhost');
		const doc = composeReport(snapshot, 'en');
		const block = doc.sections.find((s) => s.key === 'executive_summary')!.evidence.find((e) => e.key === 'targets_likelihood')!;
		const table = block.blocks.find((b) => b.type === 'table');
		if (!table || table.type !== 'table') throw new Error('no likelihood table');
		const col = table.table.columns.findIndex((c) => c.label === 'Pace needed against the pace so far');
		expect(col).toBeGreaterThan(0);
		const projected = snapshot.forecasts!.filter((f) => f.forecast.kind === 'projected');
		expect(table.table.rows.length).toBe(projected.length);
		const byKey = new Map(snapshot.indicators.map((i) => [i.key, i]));
		projected.forEach(({ indicatorKey, forecast }, n) => {
			const row = table.table.rows[n]!;
			const cell = row.type === 'row' ? row.cells[col]! : [];
			const text = cell.map((c) => ('text' in c ? c.text : '')).join('');
			expect(text).toBe(formatPaces(en, forecast, byKey.get(indicatorKey)!));
			expect(text).toMatch(/^needed: .+; so far: .+$/);
		});
	});
});
