import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import { canonicalJson } from '$lib/reports/canonical-json';
import { reportBlockers } from '$lib/reports/blockers';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { observeQueries, type Db } from '$lib/server/db/connection';
import { ConflictError, DomainValidationError, ForbiddenTransitionError } from '$lib/server/core/errors';
import { issueFile, issueOf, listIssues } from '$lib/server/reports/issue';
import { issueReport } from '$lib/server/reports/jobs';
import {
	createReport,
	draftSnapshot,
	loadSections,
	reopenReport,
	reopenSchema,
	reportRowFor,
	saveSection,
	sectionSchema
} from '$lib/server/reports/reports';
import { verifyHash } from '$lib/server/reports/verify';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let programme: Programme;
let evaluator: { id: number; name: string };
let uploads: string;

const origin = 'https://avance.example.org';
const issue = (reportId: number, version: number, renderers = fakeRenderers) =>
	issueReport(db, evaluator, programme, reportId, version, renderers, { origin });
const versionOf = async (reportId: number) => (await reportRowFor(db, programme.id, reportId)).version;
const filesUnder = (dir: string): string[] =>
	existsSync(dir)
		? readdirSync(dir, { recursive: true, withFileTypes: true })
				.filter((e) => e.isFile())
				.map((e) => e.name)
		: [];

beforeAll(async () => {
	uploads = mkdtempSync(join(tmpdir(), 'avance-report-files-'));
	process.env.UPLOADS_PATH = uploads;
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	programme = patss.programme;
	evaluator = { id: await userId(db, 'evaluator@avance.test'), name: 'Elena Evaluadora' };
});

beforeEach(async () => {
	// Each test starts with every period open again (an issue locks them).
	await db.updateTable('reporting_period').set({ locked: 0 }).where('programme_id', '=', programme.id).execute();
});

async function statements(fn: () => Promise<unknown>): Promise<number> {
	let n = 0;
	observeQueries(() => n++);
	try {
		await fn();
	} finally {
		observeQueries(undefined);
	}
	return n;
}

describe('the snapshot', () => {
	it('takes a fixed number of statements whatever the number of indicators', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S1'), patss.periodId('2019-S2')]);
		const before = await statements(() => draftSnapshot(db, programme, id, origin));
		const output = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.module_id'])
			.where('module.programme_id', '=', programme.id)
			.executeTakeFirstOrThrow();
		for (let i = 0; i < 40; i++) {
			const { id: indicatorId } = await db
				.insertInto('indicator')
				.values({
					programme_id: programme.id,
					output_id: output.id,
					code: `X-${i}`,
					title: `Extra ${i}`,
					measure: 'number',
					target_value: 100,
					baseline_value: 0
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('indicator_value')
				.values({ indicator_id: indicatorId, period_id: patss.periodId('2019-S1'), value: i, status: 'approved' })
				.execute();
		}
		const after = await statements(() => draftSnapshot(db, programme, id, origin));
		expect(after).toBe(before);
		// 27 before this round; money and results (issue 20: lines, shares, expenditure), the as-of
		// history read (issue 19) and the evaluation block (issue 24: questions, lessons and their
		// links) each add a fixed number of reads, whatever the size; the donors' formats (issue 21:
		// facts, next period, indicator sources, assumption links, dialogue events and parties,
		// linked programmes) add seven; targets as of the cut-off (issue 19) one more; the
		// tripartite block (issue 25: tags, events, parties) three more; the tags and parties as at
		// the cut-off (issue 25: their later changes in the audit log) one more; budget revisions and
		// planned disbursements (issue 20) two more; the matrix questions' translations (issue 24) one more;
		// the activities on record by the cut-off (issue 19, their progress %) one more; the linked
		// programmes' translations (issue 21) one more.
		expect(before).toBeLessThanOrEqual(54);
		await db
			.deleteFrom('indicator_value')
			.where('indicator_id', 'in', db.selectFrom('indicator').select('id').where('code', 'like', 'X-%'))
			.execute();
		await db.deleteFrom('indicator').where('code', 'like', 'X-%').execute();
	});

	it('counts approved values only, carries both languages and a record for every figure', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S1'), patss.periodId('2019-S2')]);
		const indicatorId = patss.indicatorId('M1-1');
		const { id: draftValueId } = await db
			.insertInto('indicator_value')
			.values({ indicator_id: indicatorId, period_id: patss.periodId('2019-S2'), value: 999999, status: 'submitted' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const snapshot = await draftSnapshot(db, programme, id, origin);
		const indicator = snapshot.indicators.find((i) => i.code === 'M1-1')!;
		expect(indicator.periods.map((p) => p.value)).not.toContain(999999);
		for (const p of indicator.periods) if (p.valueKey) expect(snapshot.records[p.valueKey]?.kind).toBe('value');
		expect(snapshot.records[indicator.key]?.path).toBe(`/programmes/patss/indicators/${indicatorId}`);
		expect(snapshot.report.periods.map((p) => p.label)).toEqual(['2019-S1', '2019-S2']);
		expect(snapshot.report.cutOff).toBe('2019-12-31');
		expect(snapshot.programme.title.original).toBe(programme.title);
		expect(() => canonicalJson(snapshot)).not.toThrow();
		await db.deleteFrom('indicator_value').where('id', '=', draftValueId).execute();
	});
});

describe('the cut-off', () => {
	it('judges at the period that ends on the cut-off, and prints nothing from after it', async () => {
		// 2019-S1 and 2019-S2: the cut-off is 31 December 2019, the last day of 2019-S2.
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S1'), patss.periodId('2019-S2')]);
		const snapshot = await draftSnapshot(db, programme, id, origin);
		const cutOff = snapshot.report.cutOff;
		expect(snapshot.allPeriods.every((p) => p.end <= cutOff)).toBe(true);
		expect(snapshot.allPeriods.at(-1)?.end).toBe(cutOff);
		for (const indicator of snapshot.indicators) {
			expect(indicator.periods.every((p) => snapshot.allPeriods.some((a) => a.id === p.periodId))).toBe(true);
		}
		// IMP-1 has approved values for 2019-S2 and later: judged at 2019-S2, not at 2019-S1, and its
		// actual is that period's, not a later one's.
		const imp1 = snapshot.indicators.find((i) => i.code === 'IMP-1')!;
		expect(imp1.judgedPeriodId).toBe(patss.periodId('2019-S2'));
		const approved2019S2 = await db
			.selectFrom('indicator_value')
			.select('value')
			.where('indicator_id', '=', patss.indicatorId('IMP-1'))
			.where('period_id', '=', patss.periodId('2019-S2'))
			.where('status', '=', 'approved')
			.executeTakeFirstOrThrow();
		expect(imp1.periods.find((p) => p.periodId === patss.periodId('2019-S2'))?.value).toBe(approved2019S2.value);
		expect(Object.keys(snapshot.records).some((k) => /@20(2[0-9])-S/.test(k))).toBe(false);
	});
});

describe('issuing', () => {
	it('is atomic: hashes the canonical snapshot, stores the files, locks the periods, chains and audits', async () => {
		const periods = [patss.periodId('2018-S2'), patss.periodId('2019-S1')];
		const id = await writtenReport(db, evaluator, programme, periods, { citation: '[[indicator:M1-1]]' });
		const { number, sha256 } = await issue(id, await versionOf(id));
		expect(number).toBe(1);
		const row = await issueOf(db, programme.id, id, 1);
		expect(createHash('sha256').update(row.snapshot).digest('hex')).toBe(sha256);
		expect(row.snapshot_sha256).toBe(sha256);
		const snapshot = JSON.parse(row.snapshot) as ReportSnapshot;
		expect(canonicalJson(snapshot)).toBe(row.snapshot);
		expect(snapshot.report.issueNumber).toBe(1);
		expect(snapshot.report.issuedBy).toBe('Elena Evaluadora');
		const locked = await db.selectFrom('reporting_period').select(['id', 'locked']).where('id', 'in', periods).execute();
		expect(locked.every((p) => p.locked === 1)).toBe(true);
		const files = await db.selectFrom('report_issue_file').selectAll().where('issue_id', '=', row.id).execute();
		expect(files.map((f) => `${f.lang}.${f.format}`).sort()).toEqual(['en.docx', 'en.pdf', 'es.docx', 'es.pdf']);
		for (const f of files) {
			const stored = readFileSync(join(uploads, 'reports', f.path));
			expect(createHash('sha256').update(stored).digest('hex')).toBe(f.sha256);
			expect(stored.byteLength).toBe(f.size_bytes);
		}
		const pdf = await issueFile(db, programme.id, id, 1, 'es', 'pdf');
		expect(new TextDecoder().decode(pdf.bytes)).toContain('%PDF');
		const audit = await db
			.selectFrom('audit_log')
			.select(['entity', 'action'])
			.where('programme_id', '=', programme.id)
			.where('action', 'in', ['issue', 'lock'])
			.execute();
		expect(audit.filter((a) => a.action === 'issue')).toHaveLength(1);
		expect(audit.filter((a) => a.action === 'lock' && a.entity === 'reporting_period').length).toBeGreaterThanOrEqual(2);
		expect((await reportRowFor(db, programme.id, id)).status).toBe('issued');

		// The verify page finds it by the snapshot hash and by each file's hash, and nothing else.
		expect((await verifyHash(db, sha256))?.issueNumber).toBe(1);
		expect((await verifyHash(db, files[0]!.sha256))?.matched.kind).toBe('file');
		expect(await verifyHash(db, 'f'.repeat(64))).toBeNull();

		// A second report issued later chains to this issue's hash.
		const next = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S2')]);
		const second = await issue(next, await versionOf(next));
		const secondRow = await issueOf(db, programme.id, next, second.number);
		expect(secondRow.snapshot_sha256).not.toBe(sha256);
		expect((JSON.parse(secondRow.snapshot) as ReportSnapshot).report.previousHash).toBe(sha256);
	});

	it('later edits change nothing issued; a correction is a new issue naming the one it supersedes', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2020-S1')]);
		const first = await issue(id, await versionOf(id));
		const before = await issueOf(db, programme.id, id, first.number);
		const pdfBefore = await issueFile(db, programme.id, id, first.number, 'en', 'pdf');
		await db.updateTable('indicator').set({ title: 'Renamed after the issue' }).where('id', '=', patss.indicatorId('M1-1')).execute();
		await db.updateTable('report_section').set({ narrative_en: 'changed behind its back' }).where('report_id', '=', id).execute();
		const after = await issueOf(db, programme.id, id, first.number);
		expect(after.snapshot).toBe(before.snapshot);
		expect((await issueFile(db, programme.id, id, first.number, 'en', 'pdf')).bytes).toEqual(pdfBefore.bytes);
		// The section cannot be saved through the app while issued.
		const s = (await loadSections(db, id))[0]!;
		await expect(
			saveSection(db, evaluator, programme, id, {
				key: s.key,
				version: s.version,
				narrativeEs: 'x',
				narrativeEn: 'y',
				justificationEs: '',
				justificationEn: ''
			})
		).rejects.toBeInstanceOf(ForbiddenTransitionError);
		// A correction says why: no reason, no reopening.
		await expect(reopenReport(db, evaluator, programme, id, await versionOf(id), '  ')).rejects.toBeInstanceOf(DomainValidationError);
		expect(reopenSchema.safeParse({ version: '3', reason: '' }).success).toBe(false);
		expect((await reportRowFor(db, programme.id, id)).status).toBe('issued');
		const reason = 'Corrige el resumen ejecutivo: faltaba una cifra.';
		await reopenReport(db, evaluator, programme, id, await versionOf(id), reason);
		const summary = (await loadSections(db, id)).find((x) => x.key === 'executive_summary')!;
		await saveSection(db, evaluator, programme, id, {
			key: 'executive_summary',
			version: summary.version,
			narrativeEs: 'Resumen corregido.',
			narrativeEn: 'Corrected summary.',
			justificationEs: '',
			justificationEn: ''
		});
		const second = await issue(id, await versionOf(id));
		expect(second.number).toBe(2);
		const row = await issueOf(db, programme.id, id, 2);
		const corrected = JSON.parse(row.snapshot) as ReportSnapshot;
		expect(corrected.report.supersedes).toBe(1);
		expect(corrected.report.correctionReason).toBe(reason);
		// "What changed since the last issue": compared with issue 1 of this report, the section edited.
		expect(corrected.changes.since).toMatchObject({ reportId: id, issueNumber: 1, sha256: first.sha256 });
		expect(corrected.changes.items).toContainEqual({ kind: 'section_text', section: 'executive_summary' });
		const stored = await db.selectFrom('report_issue').select('correction_reason').where('id', '=', row.id).executeTakeFirstOrThrow();
		expect(stored.correction_reason).toBe(reason);
		// The superseded issue is marked as such in the listing the API serves.
		const listed = (await listIssues(db, programme.id)).filter((x) => x.reportId === id);
		expect(listed.map((x) => [x.number, x.supersedes, x.supersededBy])).toEqual([
			[1, null, 2],
			[2, 1, null]
		]);
		expect(listed[1]!.correctionReason).toBe(reason);
		expect((await verifyHash(db, first.sha256))?.supersededBy).toBe(2);
	});

	it('is refused while something blocks it, and leaves nothing', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2020-S2')]);
		const relevance = (await loadSections(db, id)).find((s) => s.key === 'relevance')!;
		await saveSection(db, evaluator, programme, id, {
			key: 'relevance',
			version: relevance.version,
			rating: undefined,
			narrativeEs: 'texto',
			narrativeEn: '',
			justificationEs: 'j',
			justificationEn: 'j'
		});
		const blockers = reportBlockers(await draftSnapshot(db, programme, id, origin));
		expect(blockers).toEqual(
			expect.arrayContaining([
				{ kind: 'rating', section: 'relevance' },
				{ kind: 'narrative', section: 'relevance', lang: 'en' }
			])
		);
		await expect(issue(id, await versionOf(id))).rejects.toBeInstanceOf(ForbiddenTransitionError);
		expect(await db.selectFrom('report_issue').select('id').where('report_id', '=', id).execute()).toHaveLength(0);
		expect((await reportRowFor(db, programme.id, id)).status).toBe('draft');
	});

	it('a renderer that throws leaves no issue, no lock and no stray file', async () => {
		const period = patss.periodId('2021-S1');
		const id = await writtenReport(db, evaluator, programme, [period]);
		const filesBefore = filesUnder(join(uploads, 'reports')).length;
		const broken = { ...fakeRenderers, docx: async () => Promise.reject(new Error('renderer broke')) };
		await expect(issue(id, await versionOf(id), broken)).rejects.toThrow('renderer broke');
		expect(await db.selectFrom('report_issue').select('id').where('report_id', '=', id).execute()).toHaveLength(0);
		expect((await db.selectFrom('reporting_period').select('locked').where('id', '=', period).executeTakeFirstOrThrow()).locked).toBe(0);
		expect((await reportRowFor(db, programme.id, id)).status).toBe('draft');
		expect(filesUnder(join(uploads, 'reports')).length).toBe(filesBefore);
		expect(filesUnder(join(uploads, 'reports')).some((f) => f.endsWith('.part'))).toBe(false);
	});

	it('data that moves while the files are rendered makes a conflict, and nothing is written', async () => {
		const period = patss.periodId('2020-S1');
		const id = await writtenReport(db, evaluator, programme, [period]);
		const indicatorId = patss.indicatorId('M1-1');
		let valueId = 0;
		const meddling = {
			...fakeRenderers,
			pdf: async (...args: Parameters<typeof fakeRenderers.pdf>) => {
				if (!valueId) {
					// A value approved while the PDF renders changes the snapshot.
					const period2019 = patss.periodId('2019-S2');
					await db
						.updateTable('indicator_value')
						.set({ status: 'superseded' })
						.where('indicator_id', '=', indicatorId)
						.where('period_id', '=', period2019)
						.execute();
					valueId = (
						await db
							.insertInto('indicator_value')
							.values({ indicator_id: indicatorId, period_id: period2019, value: 4242, status: 'approved' })
							.returning('id')
							.executeTakeFirstOrThrow()
					).id;
				}
				return fakeRenderers.pdf(...args);
			}
		};
		const filesBefore = filesUnder(join(uploads, 'reports')).length;
		await expect(issue(id, await versionOf(id), meddling)).rejects.toBeInstanceOf(ConflictError);
		expect(await db.selectFrom('report_issue').select('id').where('report_id', '=', id).execute()).toHaveLength(0);
		expect((await db.selectFrom('reporting_period').select('locked').where('id', '=', period).executeTakeFirstOrThrow()).locked).toBe(0);
		expect(filesUnder(join(uploads, 'reports')).length).toBe(filesBefore);
		// Issued again, it freezes the new data.
		const { number } = await issue(id, await versionOf(id));
		const snapshot = JSON.parse((await issueOf(db, programme.id, id, number)).snapshot) as ReportSnapshot;
		expect(snapshot.indicators.find((i) => i.code === 'M1-1')!.periods.map((p) => p.value)).toContain(4242);
	});

	it('issuing twice at once issues once', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2021-S2')]);
		const version = await versionOf(id);
		const results = await Promise.allSettled([issue(id, version), issue(id, version)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(rejected.reason).toBeInstanceOf(ConflictError);
		expect(await db.selectFrom('report_issue').select('id').where('report_id', '=', id).execute()).toHaveLength(1);
	});

	it('the trigger refuses to update or delete an issue or its files', async () => {
		const anyIssue = await db.selectFrom('report_issue').select('id').executeTakeFirstOrThrow();
		await expect(sql`update report_issue set snapshot = '{}' where id = ${anyIssue.id}`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`delete from report_issue where id = ${anyIssue.id}`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`update report_issue_file set sha256 = 'x' where issue_id = ${anyIssue.id}`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`delete from report_issue_file where issue_id = ${anyIssue.id}`.execute(db)).rejects.toThrow(/append-only/);
	});
});

describe('writing', () => {
	it('two evaluators saving the same section: the second gets a conflict, nothing is overwritten', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2022-S1')]);
		const s = (await loadSections(db, id)).find((x) => x.key === 'context')!;
		const input = {
			key: 'context' as const,
			version: s.version,
			narrativeEs: 'primero',
			narrativeEn: 'first',
			justificationEs: '',
			justificationEn: ''
		};
		await saveSection(db, evaluator, programme, id, input);
		await expect(saveSection(db, evaluator, programme, id, { ...input, narrativeEs: 'segundo' })).rejects.toBeInstanceOf(ConflictError);
		expect((await loadSections(db, id)).find((x) => x.key === 'context')!.narrativeEs).toBe('primero');
	});

	it('refuses bad input with field messages: over-long narrative, unknown rating, period of another programme, foreign citation', async () => {
		const long = sectionSchema.safeParse({ key: 'impact', version: '1', narrativeEs: 'a'.repeat(20_001), rating: 'excellent' });
		expect(long.success).toBe(false);
		const fields = long.error!.issues.map((i) => String(i.path[0]));
		expect(fields).toEqual(expect.arrayContaining(['narrativeEs', 'rating']));

		const other = await seeded(db, 'el-salvador-pps');
		const foreignPeriod = (
			await db.selectFrom('reporting_period').select('id').where('programme_id', '=', other.programme.id).executeTakeFirstOrThrow()
		).id;
		const attempt = createReport(db, evaluator, programme, {
			layout: 'oecd_dac',
			titleEs: 'x',
			titleEn: 'x',
			window: 'periods',
			periodIds: [foreignPeriod],
			windowStart: null,
			cutOff: null,
			languages: ['es', 'en']
		});
		await expect(attempt).rejects.toSatisfy(
			(e: unknown) => e instanceof DomainValidationError && e.fields.periodIds?.key === 'reports.periodNotInProgramme'
		);

		const patssCodes = new Set(
			(await db.selectFrom('indicator').select('code').where('programme_id', '=', programme.id).execute()).map((r) => r.code)
		);
		const foreignIndicator = (await db.selectFrom('indicator').select('code').where('programme_id', '=', other.programme.id).execute())
			.map((r) => r.code)
			.find((c) => !patssCodes.has(c))!;
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2022-S1')]);
		const s = (await loadSections(db, id)).find((x) => x.key === 'impact')!;
		const foreign = saveSection(db, evaluator, programme, id, {
			key: 'impact',
			version: s.version,
			rating: 'satisfactory',
			narrativeEs: `Véase [[indicator:${foreignIndicator}]] y [[indicator:M1-1]].`,
			narrativeEn: 'ok',
			justificationEs: 'j',
			justificationEn: 'j'
		});
		await expect(foreign).rejects.toSatisfy(
			(e: unknown) => e instanceof DomainValidationError && e.fields.narrativeEs?.key === 'reports.unresolvedCitation'
		);
		const kept = (await loadSections(db, id)).find((x) => x.key === 'impact')!;
		expect(kept.version).toBe(s.version);
		expect(kept.narrativeEs).toBe(s.narrativeEs);
	});
});
