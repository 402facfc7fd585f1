import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Db } from '$lib/server/db/connection';
import { countQueries } from '$lib/server/db/connection';
import { createApiToken, RATE_LIMIT_PER_MINUTE } from '$lib/server/api/tokens';
import { encodeCursor } from '$lib/server/api/cursor';
import {
	errorSchema,
	indicatorResponseSchema,
	jsonSchemaOf,
	programmeListSchema,
	programmeResponseSchema,
	recommendationListSchema,
	recommendationResponseSchema,
	reportListSchema,
	resultsSchema,
	riskListSchema,
	riskResponseSchema,
	RESPONSE_SCHEMAS
} from '$lib/server/api/schemas';
import type { ApiScope } from '$lib/api-tokens';
import { API_SCOPES } from '$lib/api-tokens';
import { loadResultsTree } from '$lib/server/results/results-page';
import { GET as getIndex } from '../../../src/routes/api/v1/+server';
import { GET as getProgrammes } from '../../../src/routes/api/v1/programmes/+server';
import { GET as getProgramme } from '../../../src/routes/api/v1/programmes/[slug]/+server';
import { GET as getResults } from '../../../src/routes/api/v1/programmes/[slug]/results/+server';
import { GET as getIndicator } from '../../../src/routes/api/v1/programmes/[slug]/indicators/[id]/+server';
import { GET as getRisks } from '../../../src/routes/api/v1/programmes/[slug]/risks/+server';
import { GET as getRisk } from '../../../src/routes/api/v1/programmes/[slug]/risks/[id]/+server';
import { GET as getRecommendations } from '../../../src/routes/api/v1/programmes/[slug]/recommendations/+server';
import { GET as getRecommendation } from '../../../src/routes/api/v1/programmes/[slug]/recommendations/[id]/+server';
import { GET as getReports } from '../../../src/routes/api/v1/programmes/[slug]/reports/+server';
import { GET as getSchema } from '../../../src/routes/api/v1/schema/[name].json/+server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueReport } from '$lib/server/reports/jobs';
import { reportRowFor } from '$lib/server/reports/reports';
import { fakeRenderers, writtenReport } from '../../helpers/reports';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The read API end to end through its real endpoints: tokens, scopes, role scoping that mirrors
// the pages (a donor's token never sees a draft or an internal note), pagination, rate limit,
// and answers that parse with the schemas the API publishes.

const AS_OF = '2026-11-21';
let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const tokens = { donor: '', coord: '', donorEu: '' };

async function tokenFor(email: string, options: { scopes?: ApiScope[]; programmeIds?: number[]; name?: string } = {}) {
	const user = await sessionUser(db, email);
	const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
	const { token } = await createApiToken(db, user, {
		name: options.name ?? `token of ${email}`,
		scopes: options.scopes ?? [...API_SCOPES],
		programmeIds: options.programmeIds ?? [],
		expiresOn
	});
	return token;
}

type Handler = (event: never) => unknown;

/** A GET as a script would send it: the token only in the Authorization header. */
async function get(
	handler: Handler,
	path: string,
	params: Record<string, string>,
	token: string | null,
	headers: Record<string, string> = {}
) {
	const url = `http://localhost${path}`;
	const event = makeEvent({ url, params });
	const h: Record<string, string> = { ...headers };
	if (token) h.authorization = `Bearer ${token}`;
	(event as { request: Request }).request = new Request(url, { headers: h });
	const response = (await call(handler, event)) as Response;
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

const parse = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> => schema.parse(body);

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	tokens.donor = await tokenFor('donor.iess@avance.test');
	tokens.coord = await tokenFor('coord.patss@avance.test');
	tokens.donorEu = await tokenFor('donor.eu@avance.test');
	// A draft the coordinator is still working on, and an internal note on a risk: neither may
	// ever reach a donor.
	const coordId = (await sessionUser(db, 'coord.patss@avance.test')).id;
	await db
		.insertInto('indicator_value')
		.values({
			indicator_id: patss.indicatorId('5.1-3'),
			period_id: patss.periodId('2022-S1'),
			value: 987654,
			women: null,
			men: null,
			status: 'draft',
			entered_by: coordId
		})
		.execute();
	await db
		.updateTable('risk')
		.set({ internal_notes: 'Nota interna: no para donantes' })
		.where('programme_id', '=', patss.programme.id)
		.execute();
});

describe('authentication', () => {
	it('answers 401 without detail to a missing, malformed, unknown, revoked or expired token', async () => {
		const unknown = `avn_${'a'.repeat(52)}`;
		const revoked = await tokenFor('donor.iess@avance.test', { name: 'to revoke' });
		const revokedRow = await db.selectFrom('api_token').select(['id', 'version']).where('name', '=', 'to revoke').executeTakeFirstOrThrow();
		const { revokeApiToken } = await import('$lib/server/api/tokens');
		await revokeApiToken(db, await sessionUser(db, 'donor.iess@avance.test'), revokedRow.id, revokedRow.version);
		const expired = await tokenFor('donor.iess@avance.test', { name: 'to expire' });
		await db
			.updateTable('api_token')
			.set({ created_at: '2025-01-01T00:00:00.000Z', expires_at: '2025-06-30T23:59:59.999Z' })
			.where('name', '=', 'to expire')
			.execute();

		const answers = [
			await get(getProgrammes, '/api/v1/programmes', {}, null),
			await get(getProgrammes, '/api/v1/programmes', {}, 'not-a-token'),
			await get(getProgrammes, '/api/v1/programmes', {}, unknown),
			await get(getProgrammes, '/api/v1/programmes', {}, revoked),
			await get(getProgrammes, '/api/v1/programmes', {}, expired)
		];
		for (const a of answers) {
			expect(a.status).toBe(401);
			expect(a.headers.get('www-authenticate')).toMatch(/^Bearer/);
			expect(parse(errorSchema, a.body).error).toEqual({ code: 'unauthorized', message: 'Unauthorized' });
		}
		// The same body whatever the reason: nothing tells a guesser which tokens exist.
		expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
	});

	it('stops a token working once its account is deactivated', async () => {
		const token = await tokenFor('coord2.patss@avance.test');
		expect((await get(getProgrammes, '/api/v1/programmes', {}, token)).status).toBe(200);
		await db.updateTable('user').set({ active: 0 }).where('email', '=', 'coord2.patss@avance.test').execute();
		expect((await get(getProgrammes, '/api/v1/programmes', {}, token)).status).toBe(401);
		await db.updateTable('user').set({ active: 1 }).where('email', '=', 'coord2.patss@avance.test').execute();
	});

	it('never takes the token from the query string or a session cookie', async () => {
		const inQuery = await get(getProgrammes, `/api/v1/programmes?access_token=${tokens.donor}`, {}, null);
		expect(inQuery.status).toBe(401);
		const withCookie = await get(getProgrammes, '/api/v1/programmes', {}, null, { cookie: `avance_session=${tokens.donor}` });
		expect(withCookie.status).toBe(401);
		// A signed-in user's session in locals does not open the API either.
		const url = 'http://localhost/api/v1/programmes';
		const event = makeEvent({ url, user: await sessionUser(db, 'donor.iess@avance.test') });
		expect(((await call(getProgrammes, event)) as Response).status).toBe(401);
	});

	it('stamps the token’s last use', async () => {
		await get(getProgrammes, '/api/v1/programmes', {}, tokens.donorEu);
		const row = await db
			.selectFrom('api_token')
			.select('last_used_at')
			.where('name', '=', 'token of donor.eu@avance.test')
			.executeTakeFirstOrThrow();
		expect(row.last_used_at).not.toBeNull();
	});
});

describe('scopes and programmes', () => {
	it('answers 403 when the token lacks the endpoint’s scope', async () => {
		const risksOnly = await tokenFor('coord.patss@avance.test', { scopes: ['read:risks'] });
		const r = await get(getResults, '/api/v1/programmes/patss/results', { slug: 'patss' }, risksOnly);
		expect(r.status).toBe(403);
		expect(parse(errorSchema, r.body).error.code).toBe('insufficient_scope');
		expect((await get(getRisks, '/api/v1/programmes/patss/risks', { slug: 'patss' }, risksOnly)).status).toBe(200);
	});

	it('answers 404 for another programme, its records, and programmes outside the token’s list', async () => {
		// The EU donor does not belong to PATSS: the same 404 as a programme that does not exist.
		for (const [handler, path, params] of [
			[getProgramme, '/api/v1/programmes/patss', { slug: 'patss' }],
			[getResults, '/api/v1/programmes/patss/results', { slug: 'patss' }],
			[getRisks, '/api/v1/programmes/patss/risks', { slug: 'patss' }],
			[getRecommendations, '/api/v1/programmes/patss/recommendations', { slug: 'patss' }],
			[getReports, '/api/v1/programmes/patss/reports', { slug: 'patss' }],
			[getResults, '/api/v1/programmes/nope/results', { slug: 'nope' }]
		] as const) {
			const r = await get(handler, path, params, tokens.donorEu);
			expect(r.status, path).toBe(404);
			expect(parse(errorSchema, r.body).error.code).toBe('not_found');
		}
		// A PATSS indicator's id asked for under a programme the EU donor does see.
		const patssIndicator = String(patss.indicatorId('5.1-3'));
		const r = await get(
			getIndicator,
			`/api/v1/programmes/peru-desempleo-ue/indicators/${patssIndicator}`,
			{ slug: 'peru-desempleo-ue', id: patssIndicator },
			tokens.donorEu
		);
		expect(r.status).toBe(404);
		const patssRisk = await db.selectFrom('risk').select('id').where('programme_id', '=', patss.programme.id).executeTakeFirstOrThrow();
		const risk = await get(
			getRisk,
			`/api/v1/programmes/peru-desempleo-ue/risks/${patssRisk.id}`,
			{ slug: 'peru-desempleo-ue', id: String(patssRisk.id) },
			tokens.donorEu
		);
		expect(risk.status).toBe(404);

		// An evaluator's token limited to PATSS does not open the other programmes the evaluator sees.
		const patssOnly = await tokenFor('evaluator@avance.test', { programmeIds: [patss.programme.id] });
		const list = parse(programmeListSchema, (await get(getProgrammes, '/api/v1/programmes', {}, patssOnly)).body);
		expect(list.data.map((p) => p.slug)).toEqual(['patss']);
		expect((await get(getResults, '/api/v1/programmes/el-salvador-pps/results', { slug: 'el-salvador-pps' }, patssOnly)).status).toBe(404);
		expect((await get(getResults, '/api/v1/programmes/patss/results', { slug: 'patss' }, patssOnly)).status).toBe(200);
	});

	it('lists each token the programmes its user sees, as the portfolio does', async () => {
		const eu = parse(programmeListSchema, (await get(getProgrammes, '/api/v1/programmes', {}, tokens.donorEu)).body);
		expect(eu.data.map((p) => p.slug).sort()).toEqual(['ecuador-desempleo-ue', 'peru-desempleo-ue']);
		expect(eu.data.every((p) => p.role === 'donor')).toBe(true);
		const one = parse(programmeResponseSchema, (await get(getProgramme, '/api/v1/programmes/patss', { slug: 'patss' }, tokens.donor)).body);
		expect(one.data).toMatchObject({ slug: 'patss', code: 'PATSS', links: { page: 'http://localhost/programmes/patss' } });
	});
});

describe('role scoping mirrors the pages', () => {
	it('gives the donor and the coordinator the same approved values and statuses as the results page, and the draft to neither', async () => {
		const path = `/api/v1/programmes/patss/results?asOf=${AS_OF}&limit=200&include=statusCounts`;
		const donor = parse(resultsSchema, (await get(getResults, path, { slug: 'patss' }, tokens.donor)).body);
		const coord = parse(resultsSchema, (await get(getResults, path, { slug: 'patss' }, tokens.coord)).body);

		const page = await loadResultsTree(db, patss.programme, { id: 0, internal: false, canReview: false }, { asOf: AS_OF });
		const pageStatuses = new Map(
			[...page.programmeIndicators, ...page.modules.flatMap((m) => [...m.indicators, ...m.outputs.flatMap((o) => o.indicators)])].map(
				(s) => [s.id, s.status]
			)
		);
		expect(donor.data).toHaveLength(pageStatuses.size);
		for (const i of donor.data) expect(i.status, i.code).toBe(pageStatuses.get(i.id));
		expect(donor.statusCounts).toEqual(page.statusCounts);

		const values = (r: typeof donor) => r.data.map((i) => i.periods.map((p) => [p.actual, p.women, p.men]));
		expect(values(coord)).toEqual(values(donor));
		const draftIndicator = patss.indicatorId('5.1-3');
		const draftPeriod = patss.periodId('2022-S1');
		for (const r of [donor, coord]) {
			const ind = r.data.find((i) => i.id === draftIndicator)!;
			expect(ind.periods.find((p) => p.periodId === draftPeriod)!.actual).not.toBe(987654);
		}
		expect(JSON.stringify(donor)).not.toContain('987654');
		// The team sees that a value is in progress; the donor does not even learn that.
		expect(coord.data.find((i) => i.id === draftIndicator)!.pendingState).toBe('draft');
		expect(donor.data.every((i) => i.pendingState === null)).toBe(true);
	});

	it('answers numbers as numbers, ISO dates, sex disaggregations and links back to each page', async () => {
		const r = parse(
			resultsSchema,
			(await get(getResults, `/api/v1/programmes/patss/results?asOf=${AS_OF}&limit=200`, { slug: 'patss' }, tokens.donor)).body
		);
		const split = r.data.flatMap((i) => i.periods).find((p) => p.women !== null && p.men !== null);
		expect(split).toBeDefined();
		expect(typeof split!.women).toBe('number');
		expect(r.periods.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.startDate))).toBe(true);
		const ind = r.data[0]!;
		expect(ind.links.page).toBe(`http://localhost/programmes/patss/indicators/${ind.id}`);
		expect(ind.links.self).toBe(`http://localhost/api/v1/programmes/patss/indicators/${ind.id}`);
		const one = await get(
			getIndicator,
			`/api/v1/programmes/patss/indicators/${ind.id}?asOf=${AS_OF}`,
			{ slug: 'patss', id: String(ind.id) },
			tokens.donor
		);
		expect(parse(indicatorResponseSchema, one.body).data).toEqual(ind);
	});

	it('keeps internal notes of risks and notes of adoption steps from the donor’s token only', async () => {
		const donor = parse(
			riskListSchema,
			(await get(getRisks, `/api/v1/programmes/patss/risks?asOf=${AS_OF}&limit=200`, { slug: 'patss' }, tokens.donor)).body
		);
		const coord = parse(
			riskListSchema,
			(await get(getRisks, `/api/v1/programmes/patss/risks?asOf=${AS_OF}&limit=200`, { slug: 'patss' }, tokens.coord)).body
		);
		expect(donor.data.length).toBeGreaterThan(0);
		expect(donor.data.map((r) => [r.id, r.score, r.band])).toEqual(coord.data.map((r) => [r.id, r.score, r.band]));
		expect(donor.data.every((r) => r.internalNotes === null)).toBe(true);
		expect(coord.data.every((r) => r.internalNotes === 'Nota interna: no para donantes')).toBe(true);
		const one = await get(
			getRisk,
			`/api/v1/programmes/patss/risks/${donor.data[0]!.id}?asOf=${AS_OF}`,
			{ slug: 'patss', id: String(donor.data[0]!.id) },
			tokens.donor
		);
		expect(parse(riskResponseSchema, one.body).data).toEqual(donor.data[0]);

		const recPath = `/api/v1/programmes/patss/recommendations?asOf=${AS_OF}&limit=200`;
		const recDonor = parse(recommendationListSchema, (await get(getRecommendations, recPath, { slug: 'patss' }, tokens.donor)).body);
		const recCoord = parse(recommendationListSchema, (await get(getRecommendations, recPath, { slug: 'patss' }, tokens.coord)).body);
		expect(recDonor.data.length).toBeGreaterThan(0);
		expect(recDonor.data.map((r) => [r.id, r.status, r.ladder.length])).toEqual(
			recCoord.data.map((r) => [r.id, r.status, r.ladder.length])
		);
		expect(recDonor.data.flatMap((r) => r.ladder).every((s) => s.note === null)).toBe(true);
		expect(recCoord.data.flatMap((r) => r.ladder).some((s) => s.note !== null)).toBe(true);
		// The status is the ladder's latest step (the tracker's rule), never judged another way.
		const climbed = recDonor.data.find((r) => r.ladder.length > 0)!;
		expect(climbed.status).toBe(climbed.ladder.at(-1)!.status);
		const rec = await get(
			getRecommendation,
			`/api/v1/programmes/patss/recommendations/${climbed.id}?asOf=${AS_OF}`,
			{ slug: 'patss', id: String(climbed.id) },
			tokens.donor
		);
		expect(parse(recommendationResponseSchema, rec.body).data).toEqual(climbed);
	});

	it('lists issued reports with their hash and files, and never a draft', async () => {
		const empty = await get(getReports, '/api/v1/programmes/patss/reports', { slug: 'patss' }, tokens.donor);
		expect(empty.status).toBe(200);
		expect(parse(reportListSchema, empty.body).data).toEqual([]);

		process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-api-reports-'));
		const patss = await seeded(db, 'patss');
		const evaluator = { id: await userId(db, 'evaluator@avance.test'), name: 'Evaluadora' };
		const issued = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2019-S1'), patss.periodId('2019-S2')]);
		const draft = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2020-S1')]);
		const { version } = await reportRowFor(db, patss.programme.id, issued);
		const result = await issueReport(db, evaluator, patss.programme, issued, version, fakeRenderers, { origin: 'http://localhost' });

		const r = await get(getReports, '/api/v1/programmes/patss/reports', { slug: 'patss' }, tokens.donor);
		const list = parse(reportListSchema, r.body).data;
		expect(list.map((x) => x.id)).toEqual([issued]);
		expect(list.map((x) => x.id)).not.toContain(draft);
		expect(list[0]).toMatchObject({ number: 1, snapshotSha256: result.sha256 });
		expect(list[0]!.files.map((f) => `${f.kind}-${f.locale}`).sort()).toEqual(['docx-en', 'docx-es', 'pdf-en', 'pdf-es']);
		expect(list[0]!.files[0]!.url).toMatch(new RegExp(`/programmes/patss/reports/${issued}/issues/1/report-(es|en)\\.(pdf|docx)$`));
	});
});

describe('content language', () => {
	it('gives texts in the token user’s language where translated, and names the fields left in the original', async () => {
		// The EU donor's account is in English; the Peru project writes in Spanish.
		const peru = await seeded(db, 'peru-desempleo-ue');
		const path = `/api/v1/programmes/peru-desempleo-ue/results?asOf=${AS_OF}&limit=200`;
		const en = parse(resultsSchema, (await get(getResults, path, { slug: 'peru-desempleo-ue' }, tokens.donorEu)).body);
		expect(en.lang).toBe('en');
		// PATSS's seed translates every indicator title: one is left untranslated here, so both
		// cases are read with ?lang=en (and put back after).
		const removed = await db
			.deleteFrom('translation')
			.where('programme_id', '=', patss.programme.id)
			.where('entity', '=', 'indicator')
			.where('field', '=', 'title')
			.where('locale', '=', 'en')
			.where('entity_id', '=', (eb) =>
				eb
					.selectFrom('translation')
					.select((e) => e.fn.min('entity_id').as('first'))
					.where('programme_id', '=', patss.programme.id)
					.where('entity', '=', 'indicator')
					.where('field', '=', 'title')
					.where('locale', '=', 'en')
			)
			.returningAll()
			.execute();
		expect(removed).toHaveLength(1);
		const patssEn = parse(
			resultsSchema,
			(await get(getResults, `/api/v1/programmes/patss/results?asOf=${AS_OF}&limit=200&lang=en`, { slug: 'patss' }, tokens.coord)).body
		);
		for (const [programmeId, answer] of [
			[peru.programme.id, en],
			[patss.programme.id, patssEn]
		] as const) {
			const rows = await db
				.selectFrom('translation')
				.select(['entity_id', 'text'])
				.where('programme_id', '=', programmeId)
				.where('entity', '=', 'indicator')
				.where('field', '=', 'title')
				.where('locale', '=', 'en')
				.execute();
			const english = new Map(rows.map((r) => [r.entity_id, r.text]));
			const originals = new Map(
				(await db.selectFrom('indicator').select(['id', 'title']).where('programme_id', '=', programmeId).execute()).map((r) => [
					r.id,
					r.title
				])
			);
			for (const i of answer.data) {
				if (english.has(i.id)) {
					expect(i.title).toBe(english.get(i.id));
					expect(i.untranslated).not.toContain('title');
				} else {
					expect(i.title).toBe(originals.get(i.id));
					expect(i.untranslated).toContain('title');
				}
			}
		}
		expect(patssEn.data.some((i) => i.untranslated.includes('title'))).toBe(true);
		expect(patssEn.data.some((i) => !i.untranslated.includes('title'))).toBe(true);
		await db.insertInto('translation').values(removed).execute();

		const es = parse(resultsSchema, (await get(getResults, `${path}&lang=es`, { slug: 'peru-desempleo-ue' }, tokens.donorEu)).body);
		expect(es.lang).toBe('es');
		expect(es.data.every((i) => i.untranslated.length === 0)).toBe(true);
		expect(es.data.map((i) => i.title)).not.toEqual(en.data.map((i) => i.title));
		expect((await get(getResults, `${path}&lang=fr`, { slug: 'peru-desempleo-ue' }, tokens.donorEu)).status).toBe(400);
	});
});

describe('pagination', () => {
	it('walks the results framework page by page with an opaque cursor and a next link', async () => {
		const all = parse(
			resultsSchema,
			(await get(getResults, `/api/v1/programmes/patss/results?asOf=${AS_OF}&limit=200`, { slug: 'patss' }, tokens.donor)).body
		);
		const seen: number[] = [];
		let path: string | null = `/api/v1/programmes/patss/results?asOf=${AS_OF}&limit=7`;
		let pages = 0;
		while (path) {
			const page: z.output<typeof resultsSchema> = parse(
				resultsSchema,
				(await get(getResults, path, { slug: 'patss' }, tokens.donor)).body
			);
			seen.push(...page.data.map((i) => i.id));
			path = page.links.next ? new URL(page.links.next).pathname + new URL(page.links.next).search : null;
			expect(page.pagination.nextCursor === null).toBe(page.links.next === null);
			pages++;
		}
		expect(pages).toBe(Math.ceil(all.data.length / 7));
		expect(seen).toEqual(all.data.map((i) => i.id));
	});

	it('answers 400 to a malformed cursor, another list’s cursor and a bad limit or date', async () => {
		for (const query of [
			'cursor=garbage!',
			`cursor=${encodeCursor('risks', 3)}`,
			`cursor=${Buffer.from('{"v":1,"r":"results","a":"x"}').toString('base64url')}`,
			'limit=0',
			'limit=abc',
			'limit=1000',
			'asOf=2026-02-30'
		]) {
			const r = await get(getResults, `/api/v1/programmes/patss/results?${query}`, { slug: 'patss' }, tokens.donor);
			expect(r.status, query).toBe(400);
			expect(parse(errorSchema, r.body).error.code).toBe('bad_request');
		}
	});

	it('answers in the same number of statements whatever the size of the programme or the page', async () => {
		const evaluator = await tokenFor('evaluator@avance.test');
		const statements = async (handler: Handler, path: string, slug: string) =>
			(await countQueries(() => get(handler, path, { slug }, evaluator))).stats.statements;
		for (const [handler, resource] of [
			[getResults, 'results'],
			[getRisks, 'risks'],
			[getRecommendations, 'recommendations']
		] as const) {
			const counts = [
				await statements(handler, `/api/v1/programmes/patss/${resource}?asOf=${AS_OF}&limit=1`, 'patss'),
				await statements(handler, `/api/v1/programmes/patss/${resource}?asOf=${AS_OF}&limit=200`, 'patss'),
				await statements(handler, `/api/v1/programmes/el-salvador-pps/${resource}?asOf=${AS_OF}&limit=200`, 'el-salvador-pps'),
				await statements(handler, `/api/v1/programmes/peru-desempleo-ue/${resource}?asOf=${AS_OF}&limit=200`, 'peru-desempleo-ue')
			];
			const [patssOne, patssAll, elSalvador, peru] = counts;
			// A page holding the derived indicator reads its ladders in one more statement (the
			// results list assesses only the page's indicators), whatever the page's size.
			expect(patssAll! - patssOne!, `${resource}: ${counts.join(', ')}`).toBeGreaterThanOrEqual(0);
			expect(patssAll! - patssOne!, `${resource}: ${counts.join(', ')}`).toBeLessThanOrEqual(1);
			expect(elSalvador, `${resource}: ${counts.join(', ')}`).toBe(peru);
			// PATSS alone has a derived indicator ("recommendations adopted"): the assessment reads
			// the ladders for it in one more statement, whatever the number of indicators.
			expect(patssAll! - elSalvador!, `${resource}: ${counts.join(', ')}`).toBeGreaterThanOrEqual(0);
			expect(patssAll! - elSalvador!, `${resource}: ${counts.join(', ')}`).toBeLessThanOrEqual(1);
			expect(patssAll, resource).toBeLessThanOrEqual(16);
		}
	});
});

describe('rate limit', () => {
	it('answers 429 with Retry-After once a token has used its minute, and counts in the database', async () => {
		const token = await tokenFor('donor.iess@avance.test', { name: 'busy script' });
		expect((await get(getProgrammes, '/api/v1/programmes', {}, token)).status).toBe(200);
		// Another app process on the same database has counted the rest of this minute's requests.
		await db.updateTable('api_token').set({ rate_count: RATE_LIMIT_PER_MINUTE }).where('name', '=', 'busy script').execute();
		const r = await get(getProgrammes, '/api/v1/programmes', {}, token);
		expect(r.status).toBe(429);
		expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(60);
		expect(parse(errorSchema, r.body).error.code).toBe('rate_limited');
		// Other tokens are not held back.
		expect((await get(getProgrammes, '/api/v1/programmes', {}, tokens.donor)).status).toBe(200);
	});
});

describe('schemas', () => {
	it('serves a JSON Schema for every response, generated from the zod schemas', async () => {
		for (const name of Object.keys(RESPONSE_SCHEMAS) as (keyof typeof RESPONSE_SCHEMAS)[]) {
			const r = await get(getSchema, `/api/v1/schema/${name}.json`, { name }, null);
			expect(r.status, name).toBe(200);
			expect(r.headers.get('content-type')).toMatch(/^application\/schema\+json/);
			expect(r.body).toEqual(JSON.parse(JSON.stringify(jsonSchemaOf(name, 'http://localhost'))));
			expect((r.body as { type: string }).type).toBe('object');
		}
		expect((await get(getSchema, '/api/v1/schema/nope.json', { name: 'nope' }, null)).status).toBe(404);
		const results = (await get(getSchema, '/api/v1/schema/results.json', { name: 'results' }, null)).body as {
			properties: Record<string, unknown>;
		};
		expect(Object.keys(results.properties)).toEqual(expect.arrayContaining(['data', 'pagination', 'links', 'periods']));
	});

	it('lists its endpoints and their schemas at /api/v1 without a token', async () => {
		const r = await get(getIndex, '/api/v1', {}, null);
		expect(r.status).toBe(200);
		const body = r.body as { endpoints: { path: string; schema: string }[] };
		expect(body.endpoints.map((e) => e.path)).toContain('/api/v1/programmes/{slug}/results');
		expect(body.endpoints.every((e) => e.schema.startsWith('http://localhost/api/v1/schema/'))).toBe(true);
	});
});
