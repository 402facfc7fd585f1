import { beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '$lib/api-tokens';
import { createApiToken } from '$lib/server/api/tokens';
import { resultsSchema } from '$lib/server/api/schemas';
import type { Db } from '$lib/server/db/connection';
import { todayIso } from '$lib/server/core/dates';
import { assessProgramme, assessmentFor } from '$lib/server/results/assessment';
import { draftSnapshot } from '$lib/server/reports/reports';
import { GET as getResults } from '../../../src/routes/api/v1/programmes/[slug]/results/+server';
import { actions as edit } from '../../../src/routes/programmes/[slug]/indicators/[id]/edit/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Targets as they stood at a date (issue 19): an end target or a period milestone changed after a
// report's cut-off, or after an API "as of", is read at its value then — from the audit trail's
// "before" values, by the one assessment every page, report and API answer uses. Today's reads
// see the change; a page judged at a date (a stand-in for today) does not rewind.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
// Before this test's edits (recorded today), after the seeded data.
const PAST = '2026-11-21';
let indicatorId: number;
let endTargetBefore: number | null;
let milestonePeriod: number;
let milestoneBefore: number;

async function run(fn: unknown, params: Record<string, string>, form: Record<string, string>) {
	const event = makeEvent({ user: await sessionUser(db, COORD), params: { slug: 'patss', ...params }, form, url: 'http://localhost/x' });
	return outcome(() => call(fn as never, event) as Promise<unknown>);
}

const version = async (id: number) =>
	String((await db.selectFrom('indicator').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	expect(todayIso() > PAST).toBe(true);
	// A number indicator with an end target and at least one period milestone in the seed.
	const assessed = await assessProgramme(db, patss.programme, PAST);
	const indicator = assessed.indicators.find(
		(i) => i.measure === 'number' && i.targetValue !== null && assessed.assessments.get(i.id)!.periods.some((p) => p.milestone !== null)
	)!;
	indicatorId = indicator.id;
	endTargetBefore = indicator.targetValue;
	const withMilestone = assessed.assessments.get(indicatorId)!.periods.find((p) => p.milestone !== null)!;
	milestonePeriod = withMilestone.periodId;
	milestoneBefore = withMilestone.milestone!;

	// The coordinator revises both today, through the pages, with their reasons.
	const row = await db.selectFrom('indicator').selectAll().where('id', '=', indicatorId).executeTakeFirstOrThrow();
	const parent = row.output_id ? `output:${row.output_id}` : row.module_id ? `module:${row.module_id}` : 'programme';
	const sheet = {
		parent,
		code: row.code,
		title: row.title,
		definition: row.definition,
		unit: row.unit,
		measure: row.measure,
		direction: row.direction,
		aggregation: row.aggregation,
		baselineValue: row.baseline_value === null ? '' : String(row.baseline_value),
		baselineDate: row.baseline_date ?? '',
		baselineNote: row.baseline_note,
		targetValue: String((endTargetBefore ?? 0) + 1000),
		meansOfVerification: row.means_of_verification,
		frequency: row.frequency,
		responsible: row.responsible,
		sdgTarget: row.sdg_target,
		iloOutcome: row.ilo_outcome,
		euLogframeCode: row.eu_logframe_code,
		...(row.disaggregated_by_sex ? { disaggregatedBySex: 'on' } : {}),
		...(row.is_key ? { isKey: 'on' } : {}),
		decimals: row.decimals === null ? '' : String(row.decimals),
		source: row.source,
		reason: 'Meta revisada con el socio.',
		version: String(row.version)
	};
	expect(await run(edit.update, { id: String(indicatorId) }, sheet)).toMatchObject({ kind: 'redirect', status: 303 });
	const targets = await db.selectFrom('indicator_target').selectAll().where('indicator_id', '=', indicatorId).execute();
	const form: Record<string, string> = { version: await version(indicatorId), reason: 'Hito ajustado.' };
	for (const t of targets) {
		form[`target_${t.period_id}`] = String(t.period_id === milestonePeriod ? t.value + 77 : t.value);
		if (t.women !== null) form[`women_${t.period_id}`] = String(t.women);
		if (t.men !== null) form[`men_${t.period_id}`] = String(t.men);
	}
	const saved = await run(edit.targets, { id: String(indicatorId) }, { ...form, confirmFalling: 'on' });
	expect(saved).toMatchObject({ kind: 'redirect', status: 303 });
}, 120_000);

describe('targets as of a date', () => {
	it('today: the revised end target and milestone', async () => {
		const now = await assessProgramme(db, patss.programme);
		expect(now.indicators.find((i) => i.id === indicatorId)!.targetValue).toBe((endTargetBefore ?? 0) + 1000);
		expect(now.assessments.get(indicatorId)!.periods.find((p) => p.periodId === milestonePeriod)!.milestone).toBe(milestoneBefore + 77);
	});

	it('at an earlier date, asked to rewind (as the API’s ?asOf= and a report’s cut-off are): the values they had then', async () => {
		const then = await assessProgramme(db, patss.programme, PAST, true);
		expect(then.indicators.find((i) => i.id === indicatorId)!.targetValue).toBe(endTargetBefore);
		expect(then.assessments.get(indicatorId)!.periods.find((p) => p.periodId === milestonePeriod)!.milestone).toBe(milestoneBefore);
	});

	it('a report with an earlier cut-off prints the end target of its cut-off', async () => {
		const evaluator = { id: await userId(db, 'evaluator@avance.test') };
		const id = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2020-S1')]);
		const snapshot = await draftSnapshot(db, patss.programme, id, 'https://avance.example.org');
		expect(snapshot.indicators.find((i) => i.id === indicatorId)!.endTarget).toBe(endTargetBefore);
		const cut = await assessmentFor(db, patss.programme, { cutOff: snapshot.report.cutOff });
		expect(cut.assessments.get(indicatorId)!.periods.find((p) => p.periodId === milestonePeriod)!.milestone).toBe(milestoneBefore);
	});

	it('the API answers ?asOf= with the targets of that date, and today with today’s', async () => {
		const user = await sessionUser(db, 'donor.iess@avance.test');
		const expiresOn = new Date(Date.now() + 86_400_000 * 30).toISOString().slice(0, 10);
		const { token } = await createApiToken(db, user, { name: 'as of', scopes: [...API_SCOPES], programmeIds: [], expiresOn });
		const read = async (query: string) => {
			const url = `http://localhost/api/v1/programmes/patss/results?limit=200${query}`;
			const event = makeEvent({ url, params: { slug: 'patss' } });
			(event as { request: Request }).request = new Request(url, { headers: { authorization: `Bearer ${token}` } });
			const body = resultsSchema.parse(await ((await call(getResults, event)) as Response).json());
			return body.data.find((i) => i.id === indicatorId)!;
		};
		const then = await read(`&asOf=${PAST}`);
		expect(then.endTarget).toBe(endTargetBefore);
		expect(then.periods.find((p) => p.periodId === milestonePeriod)!.target).toBe(milestoneBefore);
		const now = await read('');
		expect(now.endTarget).toBe((endTargetBefore ?? 0) + 1000);
		expect(now.periods.find((p) => p.periodId === milestonePeriod)!.target).toBe(milestoneBefore + 77);
	});
});
