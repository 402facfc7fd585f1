import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import { composeReport } from '$lib/reports/compose';
import { inlineText } from '$lib/reports/document';
import type { Db } from '$lib/server/db/connection';
import { issueReport } from '$lib/server/reports/jobs';
import { draftSnapshot, reportRowFor, type IssueSummary } from '$lib/server/reports/reports';
import * as list from '../../../src/routes/programmes/[slug]/reports/+page.server';
import * as editor from '../../../src/routes/programmes/[slug]/reports/[id]/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

// Review 4, F12: the reason a report is reopened has a field in the programme's other language on
// the correction form (saved as a content translation, audited); the cover and "what changed"
// print the reader's language, or the original marked "(es)". An assumption check's note, which
// has no translation, prints marked in English.

let db: Db;
let programme: Programme;
let reportId: number;
const EVALUATOR = 'evaluator@avance.test';
const origin = 'https://avance.example.org';
const versionOf = async () => (await reportRowFor(db, programme.id, reportId)).version;
const reopen = async (form: Record<string, string>) =>
	postAs(db, editor.actions.reopen, EVALUATOR, {
		params: { slug: 'patss', id: String(reportId) },
		form: { _form: 'reopen', version: String(await versionOf()), ...form }
	});

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-correction-en-'));
	db = await freshDatabase({ demoAccounts: true });
	const patss = await seeded(db, 'patss');
	programme = patss.programme;
	const evaluator = { id: await userId(db, EVALUATOR), name: 'Elena Evaluadora' };
	reportId = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S1')]);
	await issueReport(db, evaluator, programme, reportId, await versionOf(), fakeRenderers, { origin });
}, 120_000);

const reasonOnCover = async (lang: 'es' | 'en') => {
	const doc = composeReport(await draftSnapshot(db, programme, reportId, origin), lang);
	const label = lang === 'en' ? 'Reason for the correction' : 'Motivo de la corrección';
	return doc.cover.facts.find((f) => f.label === label)!.value;
};

describe('the correction reason in English', () => {
	it('refuses a control character in the English reason by field, reopening nothing', async () => {
		const refused = formFailure(await reopen({ reason: 'Se corrige la tasa.', reasonTranslation: 'bad\u0007text' }));
		expect(refused.status).toBe(400);
		expect(Object.keys(refused.data.errors)).toContain('reasonTranslation');
		expect(refused.data.values.reason).toBe('Se corrige la tasa.');
		expect((await reportRowFor(db, programme.id, reportId)).status).toBe('issued');
	});

	it('is saved from the correction form and printed to English readers; Spanish readers read the original', async () => {
		await reopen({ reason: 'Se corrige la tasa de ejecución citada.', reasonTranslation: 'The delivery rate cited is corrected.' });
		expect((await reportRowFor(db, programme.id, reportId)).status).toBe('draft');
		const en = await reasonOnCover('en');
		expect(inlineText(en)).toBe('The delivery rate cited is corrected.');
		expect(en.some((i) => i.type === 'mark')).toBe(false);
		expect(inlineText(await reasonOnCover('es'))).toBe('Se corrige la tasa de ejecución citada.');
		const audit = await db
			.selectFrom('audit_log')
			.select('after')
			.where('entity', '=', 'report')
			.where('entity_id', '=', String(reportId))
			.where('action', '=', 'translate')
			.executeTakeFirstOrThrow();
		expect(audit.after).toContain('The delivery rate cited is corrected.');
		// "What changed" carries the same reason in the reader's language.
		const doc = composeReport(await draftSnapshot(db, programme, reportId, origin), 'en');
		const text = JSON.stringify(doc.sections);
		expect(text).toContain('The delivery rate cited is corrected.');
		expect(text).not.toContain('Se corrige la tasa');
	});

	it('prints the Spanish original marked "(es)" when no English reason was given', async () => {
		await db
			.deleteFrom('translation')
			.where('entity', '=', 'report')
			.where('entity_id', '=', reportId)
			.where('field', '=', 'correction_reason')
			.execute();
		const en = await reasonOnCover('en');
		expect(inlineText(en)).toBe('Se corrige la tasa de ejecución citada. (es)');
		expect(en.at(-1)).toMatchObject({ type: 'mark', text: '(es)' });
	});

	it('marks an assumption check’s Spanish note in English', async () => {
		const snapshot = await draftSnapshot(db, programme, reportId, origin);
		const risk = snapshot.risks[0]!;
		risk.checks.push({ date: snapshot.report.cutOff, result: 'partly', note: 'El paro de octubre interrumpió varias mesas.' });
		const rows = JSON.stringify(composeReport(snapshot, 'en').sections);
		expect(rows).toContain('El paro de octubre interrumpió varias mesas.');
		expect(rows).toMatch(/El paro de octubre interrumpió varias mesas\.","lang":"es"\},\{"type":"mark","text":"\(es\)"/);
	});
});

describe('the issue list after the correction is issued (F19)', () => {
	it('gives each issue its correction reason and every file, PDF and DOCX, to a donor', async () => {
		// Change something so the correction can be issued.
		const section = await db
			.selectFrom('report_section')
			.select(['id', 'narrative_es'])
			.where('report_id', '=', reportId)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('report_section')
			.set({ narrative_es: `${section.narrative_es} Cifra corregida.` })
			.where('id', '=', section.id)
			.execute();
		const evaluator = { id: await userId(db, EVALUATOR), name: 'Elena Evaluadora' };
		await issueReport(db, evaluator, programme, reportId, await versionOf(), fakeRenderers, { origin });
		const page = await loadAs<{ reports: { id: number; issues: IssueSummary[] }[] }>(db, list.load, 'donor.iess@avance.test', {
			params: { slug: 'patss' }
		});
		expect(page.kind).toBe('value');
		const issues = page.kind === 'value' ? page.value.reports.find((r) => r.id === reportId)!.issues : [];
		expect(issues.map((i) => [i.number, i.supersedes, i.correctionReason])).toEqual([
			[1, null, null],
			[2, 1, 'Se corrige la tasa de ejecución citada.']
		]);
		for (const i of issues) expect(new Set(i.files.map((f) => f.format))).toEqual(new Set(['pdf', 'docx']));
	});
});
