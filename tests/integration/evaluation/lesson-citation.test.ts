import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import { composeReport } from '$lib/reports/compose';
import type { Db } from '$lib/server/db/connection';
import { DomainValidationError } from '$lib/server/core/errors';
import { createLesson, lessonCreateSchema, validateLesson } from '$lib/server/evaluation/lessons';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { draftSnapshot, loadSections, saveSection } from '$lib/server/reports/reports';
import { freshDatabase, userId } from '../../helpers/db';
import { writtenReport } from '../../helpers/reports';

// A validated lesson or good practice is cited in a report like any record ([[lesson:12]]): the
// editor accepts the citation, the snapshot carries the record it prints (title in both languages,
// who validated it and when, its page), the document links the citation to the records-cited
// annex. A draft entry, or another programme's, is no record of the report: the citation is refused.

let db: Db;
let patss: Programme;
let reportId: number;
let validatedId: number;
let draftId: number;
let otherProgrammeId: number;
const EVALUATOR = 'evaluator@avance.test';

const entry = (title: string, titleTranslation: string) =>
	lessonCreateSchema.parse({
		kind: 'lesson',
		theme: 'social_dialogue',
		title,
		titleTranslation,
		context: 'Las mesas técnicas se reunieron cada mes.',
		challenges: 'La rotación de los delegados.'
	});

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	const peru = (await getProgrammeBySlug(db, 'peru-desempleo-ue'))!;
	const evaluator = { id: await userId(db, EVALUATOR) };
	const period = await db
		.selectFrom('reporting_period')
		.select('id')
		.where('programme_id', '=', patss.id)
		.orderBy('end_date', 'desc')
		.executeTakeFirstOrThrow();
	reportId = await writtenReport(db, evaluator, patss, [period.id]);
	validatedId = await createLesson(db, evaluator, patss, entry('El diálogo técnico sostenido', 'Sustained technical dialogue'));
	await validateLesson(db, evaluator, patss, validatedId, 1);
	// Validated within the report's window: a report prints entries validated by its cut-off.
	const { cut_off } = await db.selectFrom('report').select('cut_off').where('id', '=', reportId).executeTakeFirstOrThrow();
	await db
		.updateTable('lesson')
		.set({ validated_at: `${cut_off}T12:00:00.000Z` })
		.where('id', '=', validatedId)
		.execute();
	draftId = await createLesson(db, evaluator, patss, entry('Un borrador sin validar', 'An unvalidated draft'));
	otherProgrammeId = (
		await db
			.selectFrom('lesson')
			.select('id')
			.where('programme_id', '=', peru.id)
			.where('status', '=', 'validated')
			.executeTakeFirstOrThrow()
	).id;
});

async function saveLessonsSection(narrativeEn: string): Promise<void> {
	const section = (await loadSections(db, reportId)).find((s) => s.key === 'lessons_learned')!;
	await saveSection(db, { id: await userId(db, EVALUATOR) }, patss, reportId, {
		key: 'lessons_learned',
		version: section.version,
		rating: undefined,
		narrativeEs: 'Lecciones del programa.',
		narrativeEn,
		justificationEs: '',
		justificationEn: ''
	});
}

describe('citing a lesson in a report', () => {
	it('carries the validated entry as a record of the snapshot, with what the annex prints', async () => {
		const snapshot = await draftSnapshot(db, patss, reportId, 'http://localhost');
		const record = snapshot.records[`lesson:${validatedId}`]!;
		expect(record).toMatchObject({
			kind: 'lesson',
			id: validatedId,
			label: { original: 'El diálogo técnico sostenido', translation: 'Sustained technical dialogue' },
			path: `/programmes/patss/lessons/${validatedId}`,
			approvedBy: expect.any(String)
		});
		expect(record.approvedAt).not.toBeNull();
		expect(snapshot.records[`lesson:${draftId}`]).toBeUndefined();
		expect(snapshot.records[`lesson:${otherProgrammeId}`]).toBeUndefined();
	});

	it('accepts [[lesson:…]] in a narrative and prints it as a link to the records-cited annex', async () => {
		await saveLessonsSection(`As the registry shows ([[lesson:${validatedId}]]), dialogue pays.`);
		const snapshot = await draftSnapshot(db, patss, reportId, 'http://localhost');
		const doc = composeReport(snapshot, 'en');
		const section = doc.sections.find((s) => s.key === 'lessons_learned')!;
		const refs = JSON.stringify(section.narrative);
		expect(refs).toContain(JSON.stringify({ type: 'ref', text: 'Sustained technical dialogue', key: `lesson:${validatedId}` }));
		const annex = JSON.stringify(doc.annexes.find((a) => a.key === 'records_cited')!.blocks);
		expect(annex).toContain(`lesson:${validatedId}`);
		expect(annex).toContain(`http://localhost/programmes/patss/lessons/${validatedId}`);
	});

	it('refuses a citation of a draft entry or of another programme’s entry, naming it', async () => {
		for (const id of [draftId, otherProgrammeId, 999999]) {
			const error = await saveLessonsSection(`See [[lesson:${id}]].`).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(DomainValidationError);
			expect(JSON.stringify((error as DomainValidationError).fields)).toContain(`[[lesson:${id}]]`);
		}
	});

	it('says a draft entry must be validated first, and an unknown one that it names no record', async () => {
		const fieldOf = async (narrative: string) => {
			const error = await saveLessonsSection(narrative).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(DomainValidationError);
			return (error as DomainValidationError).fields.narrativeEn!;
		};
		expect(await fieldOf(`See [[lesson:${draftId}]].`)).toEqual({
			key: 'evaluation.citation.draft',
			params: { citations: `[[lesson:${draftId}]]` }
		});
		expect(await fieldOf(`See [[lesson:${otherProgrammeId}]].`)).toMatchObject({ key: 'reports.unresolvedCitation' });
		// Both at once: the record that does not exist is named first.
		expect(await fieldOf(`See [[lesson:${draftId}]] and [[lesson:999999]].`)).toEqual({
			key: 'reports.unresolvedCitation',
			params: { citations: '[[lesson:999999]]' }
		});
	});
});
