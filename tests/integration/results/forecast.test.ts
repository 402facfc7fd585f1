import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import { forecastLikelihoodText, forecastSentence } from '$lib/i18n/forecast-text';
import { countLikelihoods, type Forecast } from '$lib/indicator-forecast';
import { API_SCOPES } from '$lib/api-tokens';
import { createApiToken } from '$lib/server/api/tokens';
import { resultsSchema } from '$lib/server/api/schemas';
import type { Viewer } from '$lib/server/core/viewer';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import type { Db } from '$lib/server/db/connection';
import { loadExportData } from '$lib/server/exchange/export-data';
import { ipttLayout } from '$lib/server/exchange/iptt-layout';
import { draftSnapshot } from '$lib/server/reports/reports';
import { assessmentFor, assessProgramme } from '$lib/server/results/assessment';
import { loadIndicatorDetail } from '$lib/server/results/indicator-page';
import { composeReport } from '$lib/reports/compose';
import { GET as getResults } from '../../../src/routes/api/v1/programmes/[slug]/results/+server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// The forecast (design §3) is made once, by the status module, and every reader shows that one:
// the indicator page, the dashboard tile, the read API, the IPTT workbook and the report snapshot.

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

const projectedOf = (forecasts: Map<number, Forecast>) => [...forecasts].filter(([, f]) => f.kind === 'projected');

describe('one forecast, every reader', () => {
	it('projects the seeded Peru indicators that have two approved values, and no other', async () => {
		const assessed = await assessProgramme(db, peru.programme, AS_OF);
		const projected = projectedOf(assessed.forecasts);
		expect(projected.length).toBeGreaterThan(0);
		for (const indicator of assessed.indicators) {
			const approved = [...(assessed.approved.get(indicator.id)?.values() ?? [])].filter((v) => v.value !== null).length;
			const f = assessed.forecasts.get(indicator.id)!;
			if (approved < 2) expect(f.kind).toBe('none');
			if (f.kind === 'projected') expect(f.endDate <= peru.programme.effectiveEndDate).toBe(true);
		}
	});

	it('shows on the indicator page the forecast the assessment made', async () => {
		const assessed = await assessProgramme(db, peru.programme, AS_OF);
		for (const [id, forecast] of projectedOf(assessed.forecasts)) {
			const detail = await loadIndicatorDetail(db, peru.programme, donor, { indicatorId: id, asOf: AS_OF });
			expect(detail.forecast).toEqual(forecast);
		}
	});

	it('counts the dashboard tile from the same forecasts', async () => {
		const dashboard = await loadDashboard(db, peru.programme, donor, { asOf: AS_OF, locale: 'en' });
		const assessed = await assessProgramme(db, peru.programme, AS_OF);
		const numeric = assessed.indicators.filter((i) => i.measure === 'number' || i.measure === 'percentage');
		expect(dashboard.forecast.counts).toEqual(countLikelihoods(numeric.map((i) => assessed.forecasts.get(i.id)!)));
		expect(dashboard.forecast.endDate).toBe(peru.programme.effectiveEndDate);
		for (const row of dashboard.forecast.unlikely) expect(row.forecast).toEqual(assessed.forecasts.get(row.id));
	});

	it('gives the forecast in the read API, with its sentence in the answer’s language', async () => {
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
		for (const indicator of body.data) {
			const f = assessed.forecasts.get(indicator.id)!;
			expect(indicator.forecast.available).toBe(f.kind === 'projected');
			expect(indicator.forecast.explanation).toBe(forecastSentence(en, f, indicator));
			if (f.kind === 'projected') {
				expect(indicator.forecast.projected).toBe(f.projected);
				expect(indicator.forecast.likelihood).toBe(f.likelihood);
				expect(indicator.forecast.unlikelyToReachTarget).toBe(f.likelihood === 'unlikely');
			}
		}
	});

	it('writes the projected value, the band and the reason into the IPTT', async () => {
		const data = await loadExportData(db, peru.programme, donor, { asOf: AS_OF });
		const layout = ipttLayout(data, en);
		const at = (key: string) => layout.columns.findIndex((c) => c.key === key);
		const rows = layout.rows.filter((r) => r.kind === 'indicator');
		const assessed = await assessProgramme(db, peru.programme, AS_OF);
		expect(rows.length).toBe(assessed.indicators.length);
		for (const row of rows) {
			if (row.kind !== 'indicator') continue;
			// The hidden key column reads `indicator:<id>`.
			const f = assessed.forecasts.get(Number(String(row.cells[0]!.value).replace('indicator:', '')))!;
			expect(row.cells[at('forecast.projected')]!.value).toBe(f.kind === 'projected' ? f.projected : null);
			expect(row.cells[at('forecast.likelihood')]!.value).toBe(forecastLikelihoodText(en, f));
		}
	});

	it('freezes the forecasts at the cut-off in the report snapshot and prints them in the executive summary', async () => {
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
		const cutOff = snapshot.report.cutOff;
		const assessed = await assessmentFor(db, peru.programme, { cutOff });
		const byCode = new Map(assessed.indicators.map((i) => [`indicator:${i.code}`, i.id]));
		expect(snapshot.forecasts!.length).toBeGreaterThan(0);
		for (const { indicatorKey, forecast } of snapshot.forecasts!)
			expect(forecast).toEqual(assessed.forecasts.get(byCode.get(indicatorKey)!));

		const doc = composeReport(snapshot, 'en');
		const summary = doc.sections.find((s) => s.key === 'executive_summary')!;
		const block = summary.evidence.find((e) => e.key === 'targets_likelihood')!;
		expect(block.title).toBe('Likelihood of reaching the targets');
		const table = block.blocks.find((b) => b.type === 'table');
		const projected = snapshot.forecasts!.filter((f) => f.forecast.kind === 'projected');
		expect(table && table.type === 'table' ? table.table.rows.length : 0).toBe(projected.length);
	});
});
