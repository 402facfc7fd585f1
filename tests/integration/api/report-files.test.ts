import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES, type ApiScope } from '$lib/api-tokens';
import { createApiToken } from '$lib/server/api/tokens';
import { reportListSchema } from '$lib/server/api/schemas';
import type { Db } from '$lib/server/db/connection';
import { issueReport } from '$lib/server/reports/jobs';
import { reportRowFor } from '$lib/server/reports/reports';
import { GET as getReports } from '../../../src/routes/api/v1/programmes/[slug]/reports/+server';
import { GET as getFile } from '../../../src/routes/api/v1/programmes/[slug]/reports/[id]/issues/[n]/[file]/+server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

// Issue 19: a token with the reports scope downloads the issued files the reports listing gives
// (before, the listing linked the app's pages, which answered a token with a redirect to sign-in).
// The token reads as its user: a programme they are not a member of is a 404, a token without the
// scope a 403, no token a 401.

let db: Db;
let reportId: number;
let issuedHash: string;
const tokens = { donor: '', noScope: '', otherDonor: '' };

async function tokenFor(email: string, scopes: ApiScope[]) {
	const user = await sessionUser(db, email);
	const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
	return (await createApiToken(db, user, { name: `files ${email} ${scopes.length}`, scopes, programmeIds: [], expiresOn })).token;
}

type Handler = (event: never) => unknown;

/** A GET as a script sends it: the token only in the Authorization header. */
async function get(handler: Handler, url: string, params: Record<string, string>, token: string | null): Promise<Response> {
	const event = makeEvent({ url, params });
	(event as { request: Request }).request = new Request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
	return (await call(handler, event)) as Response;
}

/** The route parameters of an API file address. */
function fileParams(url: string): Record<string, string> {
	const m = /\/api\/v1\/programmes\/([^/]+)\/reports\/(\d+)\/issues\/(\d+)\/([^/]+)$/.exec(new URL(url).pathname);
	if (!m) throw new Error(`not an API file address: ${url}`);
	return { slug: m[1]!, id: m[2]!, n: m[3]!, file: m[4]! };
}

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-api-report-files-'));
	db = await freshDatabase({ demoAccounts: true });
	const patss = await seeded(db, 'patss');
	const evaluator = { id: await userId(db, 'evaluator@avance.test'), name: 'Evaluadora' };
	reportId = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2019-S1')]);
	const { version } = await reportRowFor(db, patss.programme.id, reportId);
	issuedHash = (await issueReport(db, evaluator, patss.programme, reportId, version, fakeRenderers, { origin: 'http://localhost' })).sha256;
	tokens.donor = await tokenFor('donor.iess@avance.test', ['read:reports']);
	tokens.noScope = await tokenFor(
		'donor.iess@avance.test',
		API_SCOPES.filter((s) => s !== 'read:reports')
	);
	tokens.otherDonor = await tokenFor('donor.eu@avance.test', [...API_SCOPES]);
}, 120_000);

describe('a token with the reports scope', () => {
	it('downloads every file the listing gives, byte for byte as listed', async () => {
		const listed = await get(getReports, 'http://localhost/api/v1/programmes/patss/reports', { slug: 'patss' }, tokens.donor);
		const issue = reportListSchema.parse(await listed.json()).data.find((i) => i.id === reportId)!;
		expect(issue.files).toHaveLength(4);
		for (const f of issue.files) {
			expect(f.url).toMatch(
				new RegExp(`^http://localhost/api/v1/programmes/patss/reports/${reportId}/issues/1/report-${f.locale}\\.${f.kind}$`)
			);
			const response = await get(getFile, f.url, fileParams(f.url), tokens.donor);
			expect(response.status).toBe(200);
			expect(response.headers.get('Content-Type')).toBe(
				f.kind === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
			);
			const bytes = new Uint8Array(await response.arrayBuffer());
			expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
			expect(response.headers.get('X-Content-SHA256')).toBe(f.sha256);
		}
	});

	it('downloads the snapshot that was hashed, and gets a 404 for what was never issued', async () => {
		const base = `http://localhost/api/v1/programmes/patss/reports/${reportId}/issues`;
		const json = await get(
			getFile,
			`${base}/1/snapshot.json`,
			{ slug: 'patss', id: String(reportId), n: '1', file: 'snapshot.json' },
			tokens.donor
		);
		expect(json.status).toBe(200);
		expect(
			createHash('sha256')
				.update(new Uint8Array(await json.arrayBuffer()))
				.digest('hex')
		).toBe(issuedHash);
		for (const [n, file] of [
			['2', 'report-es.pdf'],
			['1', 'report-fr.pdf'],
			['1', '..%2Fsecret']
		] as const) {
			const r = await get(getFile, `${base}/${n}/${file}`, { slug: 'patss', id: String(reportId), n, file }, tokens.donor);
			expect(r.status, `${n}/${file}`).toBe(404);
		}
	});
});

describe('what a token may not download', () => {
	const url = () => `http://localhost/api/v1/programmes/patss/reports/${reportId}/issues/1/report-es.pdf`;
	const params = () => ({ slug: 'patss', id: String(reportId), n: '1', file: 'report-es.pdf' });

	it('a programme its user is not a member of: 404', async () => {
		const r = await get(getFile, url(), params(), tokens.otherDonor);
		expect(r.status).toBe(404);
		expect(await r.json()).toMatchObject({ error: { code: 'not_found' } });
	});

	it('a token without the reports scope: 403; no token: 401 (never a redirect to sign-in)', async () => {
		const forbidden = await get(getFile, url(), params(), tokens.noScope);
		expect(forbidden.status).toBe(403);
		expect(await forbidden.json()).toMatchObject({ error: { code: 'insufficient_scope' } });
		const anonymous = await get(getFile, url(), params(), null);
		expect(anonymous.status).toBe(401);
	});
});
