import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { auditEntry, type AuditNames } from '$lib/i18n/audit-lines';
import { recordAudit, type AuditRecord } from '$lib/server/core/audit';
import { createI18n } from '$lib/i18n/context';
import { load as loadAudit } from '../../../src/routes/admin/audit/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The audit log names the evaluator's records (issue 24) — a lesson, a matrix question, a report
// and a report's section — with a link to where each is seen, instead of "(deleted record)", even
// when the entry itself says nothing of the record (a validation, an edit of one field).

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const es = createI18n(() => 'es');
const en = createI18n(() => 'en');
const text = (pieces: { text: string }[]) => pieces.map((p) => p.text).join('');

let reportId: number;
let sectionId: number;
let questionId: number;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	// A report of its own (the test database holds no seeded report), with a section and a question.
	({ id: reportId } = await db
		.insertInto('report')
		.values({
			programme_id: patss.programme.id,
			layout: 'oecd_dac',
			title_es: 'Evaluación final del PATSS',
			title_en: 'PATSS final evaluation',
			window_start: '2018-01-01',
			cut_off: '2022-12-31',
			languages: '["es","en"]'
		})
		.returning('id')
		.executeTakeFirstOrThrow());
	({ id: sectionId } = await db
		.insertInto('report_section')
		.values({ report_id: reportId, key: 'relevance' })
		.returning('id')
		.executeTakeFirstOrThrow());
	({ id: questionId } = await db
		.insertInto('evaluation_question')
		.values({ report_id: reportId, criterion: 'relevance', question: '¿Respondió el programa a las prioridades del IESS?' })
		.returning('id')
		.executeTakeFirstOrThrow());
});

async function auditOf(entity: string): Promise<{ entries: AuditRecord[]; names: AuditNames }> {
	const admin = await sessionUser(db, 'admin@avance.test');
	const r = await outcome(() => call(loadAudit, makeEvent({ user: admin, url: `http://localhost/admin/audit?entity=${entity}` })));
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value as unknown as { entries: AuditRecord[]; names: AuditNames };
}

const log = (entity: string, entityId: number, before: Record<string, unknown>, after: Record<string, unknown>) =>
	recordAudit(db, { userId: null, programmeId: patss.programme.id, entity, entityId, action: 'update', before, after });

describe('the evaluator’s records in the audit log', () => {
	it('names a lesson by its title in the reader’s language, linked to its page', async () => {
		const lesson = await db
			.selectFrom('lesson')
			.select(['id', 'title'])
			.where('programme_id', '=', patss.programme.id)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		const english = await db
			.selectFrom('translation')
			.select('text')
			.where('entity', '=', 'lesson')
			.where('entity_id', '=', lesson.id)
			.where('field', '=', 'title')
			.where('locale', '=', 'en')
			.executeTakeFirstOrThrow();
		await log('lesson', lesson.id, { status: 'draft' }, { status: 'validated' });
		const page = await auditOf('lesson');
		const entry = page.entries.find((e) => e.entityId === String(lesson.id))!;
		const spanish = auditEntry(es, entry, page.names).subject;
		expect(text(spanish).slice(0, 20)).toBe(lesson.title.slice(0, 20));
		expect(spanish[0]!.href).toBe(`/programmes/patss/lessons/${lesson.id}`);
		expect(text(auditEntry(en, entry, page.names).subject).slice(0, 20)).toBe(english.text.slice(0, 20));
	});

	it('names a matrix question by its text, linked to its report’s matrix', async () => {
		await log('evaluation_question', questionId, { sources: 'a' }, { sources: 'b' });
		const page = await auditOf('evaluation_question');
		const entry = page.entries.find((e) => e.entityId === String(questionId))!;
		const subject = auditEntry(es, entry, page.names).subject;
		expect(text(subject)).toBe('¿Respondió el programa a las prioridades del IESS?');
		expect(subject[0]!.href).toBe(`/programmes/patss/reports/${reportId}/matrix`);
	});

	it('names a report and a report’s section by the report’s title in each language', async () => {
		await log('report_section', sectionId, { section: 'relevance', rating: null }, { section: 'relevance', rating: 'satisfactory' });
		await log('report', reportId, { status: 'issued' }, { status: 'draft' });
		for (const [entity, id] of [
			['report_section', sectionId],
			['report', reportId]
		] as const) {
			const page = await auditOf(entity);
			const entry = page.entries.find((e) => e.entityId === String(id))!;
			const spanish = auditEntry(es, entry, page.names).subject;
			expect(text(spanish)).toBe('Evaluación final del PATSS');
			expect(text(auditEntry(en, entry, page.names).subject)).toBe('PATSS final evaluation');
			expect(spanish[0]!.href).toBe(`/programmes/patss/reports/${reportId}`);
		}
	});
});
