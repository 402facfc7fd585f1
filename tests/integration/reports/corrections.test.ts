import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { issueContent } from '$lib/reports/issue-content';
import type { Db } from '$lib/server/db/connection';
import { ForbiddenTransitionError } from '$lib/server/core/errors';
import { issueOf, listIssues } from '$lib/server/reports/issue';
import { issueReport } from '$lib/server/reports/jobs';
import { loadSections, reopenReport, reportRowFor, saveSection } from '$lib/server/reports/reports';
import { verifyHash } from '$lib/server/reports/verify';
import * as list from '../../../src/routes/programmes/[slug]/reports/+page.server';
import * as editor from '../../../src/routes/programmes/[slug]/reports/[id]/+page.server';
import * as dashboard from '../../../src/routes/programmes/[slug]/dashboard/+page.server';
import * as portfolio from '../../../src/routes/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

// Corrections (issue 19): a correction that changes nothing is refused with a clear message and
// writes nothing; once a real correction is issued, the superseded issue says so in words, with a
// link to the issue that replaces it, on the report page, the list, the dashboard's and the
// portfolio's links, /verify and the API listing.

let db: Db;
let programme: Programme;
let patss: Awaited<ReturnType<typeof seeded>>;
let evaluator: { id: number; name: string };
let reportId: number;
let first: { number: number; sha256: string };
const EVALUATOR = 'evaluator@avance.test';
const DONOR = 'donor.iess@avance.test';
const origin = 'https://avance.example.org';
const versionOf = async (id: number) => (await reportRowFor(db, programme.id, id)).version;
const issue = async (id: number) => issueReport(db, evaluator, programme, id, await versionOf(id), fakeRenderers, { origin });

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-report-corrections-'));
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	programme = patss.programme;
	evaluator = { id: await userId(db, EVALUATOR), name: 'Elena Evaluadora' };
	reportId = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S1')]);
	first = await issue(reportId);
	await reopenReport(db, evaluator, programme, reportId, await versionOf(reportId), 'Faltaba una cifra en el resumen.');
}, 120_000);

describe('a correction that changes nothing', () => {
	it('is announced in the editor and refused on issue with a clear message, writing nothing', async () => {
		const page = await loadAs<{ draft: { unchangedFrom: number | null } }>(db, editor.load, EVALUATOR, {
			params: { slug: 'patss', id: String(reportId) }
		});
		expect(page.kind === 'value' && page.value.draft.unchangedFrom).toBe(1);

		const jobsBefore = await db.selectFrom('report_job').select('id').where('report_id', '=', reportId).execute();
		const refused = formFailure(
			await postAs(db, editor.actions.issue, EVALUATOR, {
				params: { slug: 'patss', id: String(reportId) },
				form: { _form: 'issue', version: String(await versionOf(reportId)) },
				locale: 'en'
			})
		);
		expect(refused.status).toBe(403);
		expect(refused.data.formError).toBe(
			'This correction changes nothing: its content is identical to issue 1. Change what needed correcting before issuing.'
		);
		await expect(issue(reportId)).rejects.toMatchObject(new ForbiddenTransitionError('reports.unchangedCorrection', { n: 1 }));
		// Nothing written: no second issue, no job, the report still a draft.
		expect(await db.selectFrom('report_issue').select('number').where('report_id', '=', reportId).execute()).toEqual([{ number: 1 }]);
		expect(await db.selectFrom('report_job').select('id').where('report_id', '=', reportId).execute()).toEqual(jobsBefore);
		expect((await reportRowFor(db, programme.id, reportId)).status).toBe('draft');
	});

	it('compares content only: the issue facts and what is measured against the previous issue are set aside', async () => {
		const stored = JSON.parse((await issueOf(db, programme.id, reportId, 1)).snapshot) as ReportSnapshot;
		const reissued: ReportSnapshot = {
			...stored,
			report: { ...stored.report, issueNumber: 2, supersedes: 1, correctionReason: 'x', previousHash: 'f'.repeat(64), issuedAt: 'now' },
			changes: { since: null, items: [] },
			risks: stored.risks.map((r) => ({ ...r, previousScore: r.score, previousStatus: r.status }))
		};
		expect(issueContent(reissued)).toBe(issueContent(stored));
		const edited = {
			...stored,
			sections: stored.sections.map((s, n) => (n === 0 ? { ...s, narrative: { ...s.narrative, en: 'Another text' } } : s))
		};
		expect(issueContent(edited)).not.toBe(issueContent(stored));
	});
});

describe('a superseded issue', () => {
	let second: { number: number; sha256: string };
	beforeAll(async () => {
		const summary = (await loadSections(db, reportId)).find((s) => s.key === 'executive_summary')!;
		await saveSection(db, evaluator, programme, reportId, {
			key: 'executive_summary',
			version: summary.version,
			narrativeEs: 'Resumen corregido con la cifra que faltaba.',
			narrativeEn: 'Summary corrected with the missing figure.',
			justificationEs: '',
			justificationEn: ''
		});
		second = await issue(reportId);
	}, 120_000);

	it('is issued once it changes something, and names the one it corrects', () => {
		expect(second.number).toBe(2);
	});

	it('is marked on the report page and in the list, linking to the issue that supersedes it', async () => {
		type Issues = { number: number; supersedes: number | null; supersededBy: number | null }[];
		const page = await loadAs<{ report: { issues: Issues } }>(db, editor.load, DONOR, { params: { slug: 'patss', id: String(reportId) } });
		expect(page.kind === 'value' && page.value.report.issues.map((i) => [i.number, i.supersedes, i.supersededBy])).toEqual([
			[1, null, 2],
			[2, 1, null]
		]);
		const listed = await loadAs<{ reports: { id: number; issues: Issues }[] }>(db, list.load, DONOR, { params: { slug: 'patss' } });
		const row = listed.kind === 'value' ? listed.value.reports.find((r) => r.id === reportId) : undefined;
		expect(row?.issues.map((i) => i.supersededBy)).toEqual([2, null]);
	});

	it('the dashboard and the portfolio link the latest issue and say which one it corrects', async () => {
		const d = await loadAs<{ dashboard: { header: { links: { kind: string; href: string; detail?: string }[] } } }>(
			db,
			dashboard.load,
			DONOR,
			{
				params: { slug: 'patss' },
				locale: 'en'
			}
		);
		const link = d.kind === 'value' ? d.value.dashboard.header.links.find((l) => l.kind === 'report') : undefined;
		expect(link?.href).toBe(`/programmes/patss/reports/${reportId}#issue-2`);
		expect(link?.detail).toContain('Issue 2 (corrects issue 1)');
		const p = await loadAs<{ portfolio: { programme: { id: number }; lastReport: { href: string; label: string } | null }[] }>(
			db,
			portfolio.load,
			DONOR,
			{ locale: 'es' }
		);
		const card = p.kind === 'value' ? p.value.portfolio.find((e) => e.programme.id === programme.id) : undefined;
		expect(card?.lastReport?.href).toBe(`/programmes/patss/reports/${reportId}#issue-2`);
		expect(card?.lastReport?.label).toContain('Emisión 2 (corrige la emisión 1)');
	});

	it('/verify says so, with the fingerprint of the issue that replaces it and a link to it', async () => {
		const v = await verifyHash(db, first.sha256);
		expect(v).toMatchObject({
			issueNumber: 1,
			supersededBy: 2,
			supersededByHash: second.sha256,
			reportPath: `/programmes/patss/reports/${reportId}`
		});
		expect((await verifyHash(db, second.sha256))?.supersededBy).toBeNull();
	});

	it('the API listing carries supersedes, supersededBy and the previous hash', async () => {
		const listed = (await listIssues(db, programme.id)).filter((i) => i.reportId === reportId);
		expect(listed.map((i) => [i.number, i.supersedes, i.supersededBy])).toEqual([
			[1, null, 2],
			[2, 1, null]
		]);
		expect(listed[1]!.previousHash).toBe(first.sha256);
	});
});
