import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import { issueReport } from '$lib/server/reports/jobs';
import { reportRowFor } from '$lib/server/reports/reports';
import * as list from '../../../src/routes/programmes/[slug]/reports/+page.server';
import * as editor from '../../../src/routes/programmes/[slug]/reports/[id]/+page.server';
import * as preview from '../../../src/routes/programmes/[slug]/reports/[id]/preview/+page.server';
import * as download from '../../../src/routes/programmes/[slug]/reports/[id]/issues/[n]/[file]/+server';
import * as verify from '../../../src/routes/verify/+page.server';
import * as jobEndpoint from '../../../src/routes/programmes/[slug]/reports/[id]/job/+server';
import * as records from '../../../src/routes/programmes/[slug]/reports/[id]/records/+server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

// The reports' routes as each role meets them: donors never reach a draft (404 for the list
// entry, the editor, the preview and any download of it), bad input is refused field by field.

let db: Db;
let programme: Programme;
let patss: Awaited<ReturnType<typeof seeded>>;
let draftId: number;
let issuedId: number;
let issuedHash: string;
const EVALUATOR = 'evaluator@avance.test';
const DONOR = 'donor.iess@avance.test';
const COORDINATOR = 'coord.patss@avance.test';

const params = (id: number, extra: Record<string, string> = {}) => ({ slug: 'patss', id: String(id), ...extra });

async function get(email: string, p: Record<string, string>) {
	const user = await sessionUser(db, email);
	return outcome(() => call(download.GET, makeEvent({ url: 'http://localhost/', params: p, user })));
}

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-report-routes-'));
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	programme = patss.programme;
	const evaluator = { id: await userId(db, EVALUATOR), name: 'Elena Evaluadora' };
	issuedId = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S1')]);
	issuedHash = (
		await issueReport(db, evaluator, programme, issuedId, (await reportRowFor(db, programme.id, issuedId)).version, fakeRenderers, {
			origin: 'http://localhost'
		})
	).sha256;
	draftId = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S2')]);
}, 120_000);

describe('donors', () => {
	it('see issued reports only in the list', async () => {
		const r = await loadAs<{ reports: { id: number }[] }>(db, list.load, DONOR, { params: { slug: 'patss' } });
		expect(r.kind).toBe('value');
		const ids = r.kind === 'value' ? r.value.reports.map((x) => x.id) : [];
		expect(ids).toContain(issuedId);
		expect(ids).not.toContain(draftId);
		const internal = await loadAs<{ reports: { id: number }[] }>(db, list.load, COORDINATOR, { params: { slug: 'patss' } });
		expect(internal.kind === 'value' && internal.value.reports.map((x) => x.id)).toContain(draftId);
	});

	it('get 404 for a draft, its preview and crafted downloads; the issued report shows no draft', async () => {
		expect(await loadAs(db, editor.load, DONOR, { params: params(draftId) })).toMatchObject({ kind: 'error', status: 404 });
		expect(await loadAs(db, preview.load, DONOR, { params: params(draftId) })).toMatchObject({ kind: 'error', status: 404 });
		expect(await loadAs(db, preview.load, DONOR, { params: params(issuedId) })).toMatchObject({ kind: 'error', status: 404 });
		expect(await get(DONOR, params(draftId, { n: '1', file: 'report-es.pdf' }))).toMatchObject({ kind: 'error', status: 404 });
		expect(await get(DONOR, params(draftId, { n: '1', file: 'snapshot.json' }))).toMatchObject({ kind: 'error', status: 404 });
		// Nor the draft's records through the citation search.
		const donor = await sessionUser(db, DONOR);
		expect(
			await outcome(() => call(records.GET, makeEvent({ url: 'http://localhost/?q=M1', params: params(draftId), user: donor })))
		).toMatchObject({ kind: 'error', status: 404 });
		const issued = await loadAs<{ draft: unknown }>(db, editor.load, DONOR, { params: params(issuedId) });
		expect(issued.kind === 'value' && issued.value.draft).toBeNull();
		// Writes are refused before anything is read.
		const save = await postAs(db, editor.actions.save, DONOR, { params: params(draftId), form: { key: 'context', version: '1' } });
		expect(save).toMatchObject({ kind: 'error', status: 403 });
	});

	it('download the issued files; snapshot.json is the exact hashed bytes', async () => {
		const json = await get(DONOR, params(issuedId, { n: '1', file: 'snapshot.json' }));
		expect(json.kind).toBe('value');
		const response = (json as { value: Response }).value;
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(issuedHash);
		expect(response.headers.get('X-Content-SHA256')).toBe(issuedHash);
		const pdf = (await get(DONOR, params(issuedId, { n: '1', file: 'report-en.pdf' }))) as { value: Response };
		expect(pdf.value.headers.get('Content-Type')).toBe('application/pdf');
		expect(await get(DONOR, params(issuedId, { n: '1', file: 'report-fr.pdf' }))).toMatchObject({ kind: 'error', status: 404 });
		expect(await get(DONOR, params(issuedId, { n: '2', file: 'report-en.pdf' }))).toMatchObject({ kind: 'error', status: 404 });
	});
});

describe('the editor', () => {
	it('shows evidence, blockers and the citation list to the evaluator', async () => {
		const r = await loadAs<{
			draft: { blockers: unknown[]; evidence: Record<string, unknown[]>; cite: { matches: { key: string }[] } };
		}>(db, editor.load, EVALUATOR, {
			params: params(draftId),
			url: 'http://localhost/?cite=M1-1'
		});
		expect(r.kind).toBe('value');
		if (r.kind !== 'value') return;
		expect(r.value.draft.blockers).toEqual([]);
		expect(r.value.draft.evidence.effectiveness?.length).toBeGreaterThan(0);
		expect(r.value.draft.cite.matches.map((x) => x.key)).toContain('indicator:M1-1');
	});

	it('refuses bad input with messages beside the fields, keeping what was typed', async () => {
		const long = 'ñ'.repeat(20_001);
		const r = formFailure(
			await postAs(db, editor.actions.save, EVALUATOR, {
				params: params(draftId),
				form: { _form: 'section-impact', key: 'impact', version: '1', rating: 'superb', narrativeEs: long, narrativeEn: 'ok' }
			})
		);
		expect(r.status).toBe(400);
		expect(Object.keys(r.data.errors)).toEqual(expect.arrayContaining(['rating', 'narrativeEs']));
		expect(r.data.values.narrativeEs).toBe(long);

		const other = await seeded(db, 'el-salvador-pps');
		const foreign = (
			await db.selectFrom('reporting_period').select('id').where('programme_id', '=', other.programme.id).executeTakeFirstOrThrow()
		).id;
		const create = formFailure(
			await postAs(db, list.actions.create, EVALUATOR, {
				params: { slug: 'patss' },
				form: {
					_form: 'new-report',
					layout: 'oecd_dac',
					titleEs: 'x',
					titleEn: 'y',
					window: 'periods',
					periodIds: String(foreign),
					languages: ['es', 'en']
				}
			})
		);
		expect(create.status).toBe(400);
		expect(create.data.errors.periodIds?.[0]).toMatch(/programa|programme/);

		const coordinator = await postAs(db, editor.actions.issue, COORDINATOR, { params: params(draftId), form: { version: '1' } });
		expect(coordinator).toMatchObject({ kind: 'error', status: 403 });
	});

	it('the issue action records a render job and answers at once; the page and its JSON show the job, donors never', async () => {
		const id = await writtenReport(db, { id: await userId(db, EVALUATOR) }, programme, [patss.periodId('2020-S1')]);
		const version = String((await reportRowFor(db, programme.id, id)).version);
		const r = await postAs(db, editor.actions.issue, EVALUATOR, {
			params: params(id),
			form: { _form: 'issue', version },
			route: '/programmes/[slug]/reports/[id]'
		});
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		expect((r as { location: string }).location).toContain('notice=reportQueued');
		expect(await db.selectFrom('report_issue').select('id').where('report_id', '=', id).execute()).toHaveLength(0);
		const page = await loadAs<{ job: { state: string } | null }>(db, editor.load, EVALUATOR, { params: params(id) });
		expect(page.kind === 'value' && page.value.job?.state).toBe('queued');
		const user = await sessionUser(db, EVALUATOR);
		const answer = (await outcome(() => call(jobEndpoint.GET, makeEvent({ url: 'http://localhost/', params: params(id), user })))) as {
			kind: string;
			value: Response;
		};
		expect(((await answer.value.json()) as { job: { state: string } }).job.state).toBe('queued');
		const donor = await sessionUser(db, DONOR);
		expect(
			await outcome(() => call(jobEndpoint.GET, makeEvent({ url: 'http://localhost/', params: params(id), user: donor })))
		).toMatchObject({
			kind: 'error',
			status: 404
		});
		// A second issue while the job is open is a conflict, never a second job.
		const again = await postAs(db, editor.actions.issue, EVALUATOR, { params: params(id), form: { _form: 'issue', version } });
		expect(again).toMatchObject({ kind: 'value' });
		expect(await db.selectFrom('report_job').select('id').where('report_id', '=', id).execute()).toHaveLength(1);
	});

	it('lets a coordinator comment on a draft', async () => {
		const r = await postAs(db, editor.actions.comment, COORDINATOR, {
			params: params(draftId),
			form: { _form: 'comment', body: 'Revisar cifras del módulo 2.' },
			route: '/programmes/[slug]/reports/[id]'
		});
		expect(r.kind).toBe('redirect');
		const comments = await db.selectFrom('report_comment').select('body').where('report_id', '=', draftId).execute();
		expect(comments.map((c) => c.body)).toContain('Revisar cifras del módulo 2.');
	});
});

describe('/verify', () => {
	it('says which issue a hash or a file is, and nothing for an unknown one', async () => {
		const ok = await outcome(() =>
			call(verify.actions.default, makeEvent({ url: 'http://localhost/verify', form: { hash: issuedHash.toUpperCase() } }))
		);
		expect(ok).toMatchObject({ kind: 'value', value: { result: { issueNumber: 1, programmeCode: programme.code } } });
		const file = new File([new TextEncoder().encode('not an issued file')], 'x.pdf', { type: 'application/pdf' });
		const no = await outcome(() => call(verify.actions.default, makeEvent({ url: 'http://localhost/verify', form: { hash: '', file } })));
		expect(no).toMatchObject({ kind: 'value', value: { result: null, fromFile: true } });
		const bad = await outcome(() => call(verify.actions.default, makeEvent({ url: 'http://localhost/verify', form: { hash: 'abc' } })));
		expect(bad).toMatchObject({ kind: 'value', value: { status: 400 } });
	});
});
