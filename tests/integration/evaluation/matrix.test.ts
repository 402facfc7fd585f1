import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import { composeReport } from '$lib/reports/compose';
import type { Db } from '$lib/server/db/connection';
import { createLesson, lessonCreateSchema, validateLesson } from '$lib/server/evaluation/lessons';
import { annexHeading, matrixDocx, matrixXlsx } from '$lib/server/evaluation/matrix-annex';
import { formatDate } from '$lib/i18n/format';
import { loadMatrix } from '$lib/server/evaluation/matrix-read';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { draftSnapshot, getReport } from '$lib/server/reports/reports';
import { approveValue, saveValue, valueSchema } from '$lib/server/results/values';
import { actions as matrixActions, load as loadMatrixPage } from '../../../src/routes/programmes/[slug]/reports/[id]/matrix/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { writtenReport } from '../../helpers/reports';
import { seedEvaluationMatrix } from '../../../seed/evaluation';

// The evaluation matrix of a report on the suite's database: an evaluator writes it, its evidence
// sufficiency follows the data (a weak question turns adequate once a value with evidence is
// approved), the team reads it, donors do not, and the report's snapshot carries what it prints.

let db: Db;
let patss: Programme;
let reportId: number;
let periodId: number;
let indicatorId: number;
let recommendationId: number;

const EVALUATOR = 'evaluator@avance.test';
const COORD = 'coord.patss@avance.test';
const COORD2 = 'coord2.patss@avance.test';
const DONOR = 'donor.iess@avance.test';

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	const last = await db
		.selectFrom('reporting_period')
		.select(['id'])
		.where('programme_id', '=', patss.id)
		.orderBy('end_date', 'desc')
		.executeTakeFirstOrThrow();
	periodId = last.id;
	// A plain count indicator with no value yet in the report's period: its evidence is ours to make.
	const free = await db
		.selectFrom('indicator')
		.select('id')
		.where('programme_id', '=', patss.id)
		.where('measure', '=', 'number')
		.where('disaggregated_by_sex', '=', 0)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb.selectFrom('indicator_value').select('id').whereRef('indicator_id', '=', 'indicator.id').where('period_id', '=', periodId)
				)
			)
		)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	indicatorId = free.id;
	recommendationId = (
		await db.selectFrom('recommendation').select('id').where('programme_id', '=', patss.id).orderBy('id').executeTakeFirstOrThrow()
	).id;
	reportId = await writtenReport(db, { id: await userId(db, EVALUATOR) }, patss, [periodId]);
});

const params = () => ({ slug: 'patss', id: String(reportId) });
const route = '/programmes/[slug]/reports/[id]/matrix';
const question = (over: Record<string, string | string[]> = {}) => ({
	_form: 'question-new',
	criterion: 'effectiveness',
	question: '¿En qué medida mejoró el registro de afiliados?',
	judgementCriteria: 'Meta del indicador alcanzada en el período',
	sources: 'Informes del IESS',
	methods: ['document_review', 'constituent_interviews'],
	indicatorIds: [String(indicatorId)],
	recommendationIds: [String(recommendationId)],
	...over
});
const report = async () => getReport(db, patss, { id: 0, internal: true, canReview: false }, reportId);

describe('the evaluation matrix', () => {
	it('lets only the evaluator write it', async () => {
		const refused = await postAs(db, matrixActions.add, COORD, { params: params(), form: question(), route });
		expect(refused).toMatchObject({ kind: 'error', status: 403 });
		const added = await postAs(db, matrixActions.add, EVALUATOR, { params: params(), form: question(), route });
		expect(added.kind).toBe('redirect');
		const driver = await postAs(db, matrixActions.add, EVALUATOR, {
			params: params(),
			form: question({
				criterion: 'social_dialogue',
				question: '¿Participaron los mandantes tripartitos?',
				indicatorIds: [],
				recommendationIds: []
			}),
			route
		});
		expect(driver.kind).toBe('redirect');
	});

	it('refuses a linked indicator of another programme and an unknown criterion, by field', async () => {
		const peru = (await getProgrammeBySlug(db, 'peru-desempleo-ue'))!;
		const foreign = await db.selectFrom('indicator').select('id').where('programme_id', '=', peru.id).executeTakeFirstOrThrow();
		const r = formFailure(
			await postAs(db, matrixActions.add, EVALUATOR, { params: params(), form: question({ indicatorIds: [String(foreign.id)] }) })
		);
		expect(r.data.errors?.indicatorIds).toBeDefined();
		const bad = formFailure(await postAs(db, matrixActions.add, EVALUATOR, { params: params(), form: question({ criterion: 'vibes' }) }));
		expect(bad.status).toBe(400);
		expect(bad.data.errors?.criterion).toBeDefined();
	});

	it('computes sufficiency from the data: weak while the value waits, adequate once approved with evidence', async () => {
		const before = (await loadMatrix(db, patss, await report())).find((q) => q.criterion === 'effectiveness')!;
		expect(before.sufficiency.level).toBe('weak');
		expect(before.sufficiency.reasons.some((r) => r.missing && r.key === 'evaluation.reason.indicatorMissing')).toBe(true);

		const indicator = { measure: 'number' as const, disaggregatedBySex: false };
		const input = valueSchema(indicator).parse({
			periodId: String(periodId),
			value: '12',
			evidenceUrl: 'https://example.org/informe.pdf',
			intent: 'submit'
		});
		const valueId = await saveValue(db, { id: await userId(db, COORD) }, patss, indicatorId, input);
		const pending = (await loadMatrix(db, patss, await report())).find((q) => q.criterion === 'effectiveness')!;
		expect(pending.sufficiency.level).toBe('weak');
		expect(pending.sufficiency.reasons.map((r) => r.key)).toContain('evaluation.reason.indicatorPendingOne');

		const version = (await db.selectFrom('indicator_value').select('version').where('id', '=', valueId).executeTakeFirstOrThrow()).version;
		await approveValue(db, { id: await userId(db, COORD2) }, patss, valueId, version);
		const after = (await loadMatrix(db, patss, await report())).find((q) => q.criterion === 'effectiveness')!;
		expect(after.sufficiency.level).toBe('adequate');
		expect(after.sufficiency.reasons.every((r) => !r.missing)).toBe(true);
	});

	it('shows the team the matrix and refuses donors', async () => {
		const team = await loadAs<{ questions: unknown[] }>(db, loadMatrixPage, COORD, { params: params() });
		if (team.kind !== 'value') throw new Error(JSON.stringify(team));
		expect(team.value.questions).toHaveLength(2);
		const donor = await loadAs(db, loadMatrixPage, DONOR, { params: params() });
		expect(donor.kind).toBe('error');
	});

	it('carries the matrix and the validated entries in the snapshot, and the report prints them', async () => {
		const evaluator = { id: await userId(db, EVALUATOR) };
		const input = lessonCreateSchema.parse({
			kind: 'practice',
			theme: 'social_dialogue',
			title: 'Mesas técnicas con los mandantes',
			titleTranslation: 'Technical tables with the constituents',
			summary: 'Se reunieron el IESS, empleadores y trabajadores.',
			conditions: 'Apoyo político.'
		});
		const lessonId = await createLesson(db, evaluator, patss, input);
		const draftOnly = await createLesson(db, evaluator, patss, { ...input, title: 'Borrador sin validar' });
		await validateLesson(db, evaluator, patss, lessonId, 1);
		// The report speaks as of its cut-off: an entry validated on the cut-off day is in it, one
		// validated the day after is not (the suite's clock is past the demo report's cut-off).
		const { cutOff } = await report();
		const lateId = await createLesson(db, evaluator, patss, { ...input, title: 'Validada después del corte' });
		await validateLesson(db, evaluator, patss, lateId, 1);
		await db
			.updateTable('lesson')
			.set({ validated_at: `${cutOff}T18:30:00.000Z` })
			.where('id', '=', lessonId)
			.execute();
		const dayAfterCutOff = new Date(Date.parse(`${cutOff}T00:00:00Z`) + 86_400_000).toISOString();
		expect(dayAfterCutOff < new Date().toISOString()).toBe(true);
		await db.updateTable('lesson').set({ validated_at: dayAfterCutOff }).where('id', '=', lateId).execute();

		const snapshot = await draftSnapshot(db, patss, reportId, 'http://localhost');
		expect(snapshot.evaluation?.questions.map((q) => q.criterion)).toEqual(['effectiveness', 'social_dialogue']);
		expect(snapshot.evaluation?.questions[0]!.sufficiency).toBe('adequate');
		const lessonIds = snapshot.evaluation?.lessons.map((l) => l.id) ?? [];
		expect(lessonIds).toContain(lessonId);
		expect(lessonIds).not.toContain(draftOnly);
		expect(lessonIds).not.toContain(lateId);

		const doc = composeReport(snapshot, 'en');
		const effectiveness = doc.sections.find((s) => s.key === 'effectiveness')!;
		expect(effectiveness.ratingLabel).toBe('Satisfactory');
		expect(effectiveness.evidence.map((e) => e.key)).toContain('evaluation_questions');
		const practices = doc.sections.find((s) => s.key === 'good_practices')!.evidence.find((e) => e.key === 'evaluation_entries')!;
		expect(JSON.stringify(practices.blocks)).toContain('Technical tables with the constituents');
		const gender = doc.sections.find((s) => s.key === 'gender')!;
		expect(JSON.stringify(gender.evidence)).toContain('¿Participaron los mandantes tripartitos?');
	});

	it('exports the matrix as the inception report annex in XLSX and DOCX', async () => {
		const questions = await loadMatrix(db, patss, await report());
		const xlsx = await matrixXlsx(patss, await report(), questions, 'en');
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(xlsx as unknown as ArrayBuffer);
		const sheet = book.worksheets[0]!;
		expect(sheet.getRow(4).getCell(2).value).toBe('Evaluation question');
		// Written in Spanish only: the English annex prints it with its language mark.
		expect(sheet.getRow(5).getCell(2).value).toBe('¿En qué medida mejoró el registro de afiliados? (es)');
		expect(String(sheet.getRow(5).getCell(8).value)).toMatch(/^Adequate/);
		// Its reasons' dates too ("the period that ended on Dec 31, 2020", never the stored form).
		expect(String(sheet.getRow(5).getCell(8).value)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		// The heading names the report and the programme once; the window's dates read as the page writes them.
		const r = await report();
		const heading = String(sheet.getRow(1).getCell(1).value);
		expect(heading).toContain(r.title.en || r.title.es);
		expect(heading).not.toContain(`${patss.code} ${patss.code}`);
		expect(heading.split(patss.code).length - 1).toBe(patss.shortName === patss.code ? 1 : heading.split(patss.shortName).length - 1);
		const window = String(sheet.getRow(2).getCell(1).value);
		expect(window).toContain(formatDate('en', r.cutOff));
		expect(window).not.toContain(r.cutOff);
		const es = annexHeading(patss, r, 'es');
		expect(es.title).toContain(r.title.es);
		expect(es.window).toContain(formatDate('es', r.windowStart));
		expect(es.window).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		const docx = await matrixDocx(patss, await report(), questions, 'es');
		expect(docx.subarray(0, 2).toString()).toBe('PK');
	});
});

describe('the matrix in both languages', () => {
	const TRANSLATED = {
		question: '¿Respondió el programa a las prioridades del IESS?',
		questionTranslation: "Did the programme respond to IESS's priorities?",
		judgementCriteria: 'Objetivos alineados con el plan del IESS.',
		judgementCriteriaTranslation: "Objectives in line with IESS's plan.",
		sources: 'Documento del programa.',
		sourcesTranslation: 'Programme document.'
	};
	const idOf = async (text: string) =>
		await db.selectFrom('evaluation_question').select(['id', 'version']).where('question', '=', text).executeTakeFirstOrThrow();

	it('saves each text with its English version, reads them back, and audits the translation', async () => {
		const added = await postAs(db, matrixActions.add, EVALUATOR, {
			params: params(),
			form: question({ criterion: 'relevance', ...TRANSLATED, indicatorIds: [], recommendationIds: [] }),
			route
		});
		expect(added.kind).toBe('redirect');
		const { id } = await idOf(TRANSLATED.question);
		const read = (await loadMatrix(db, patss, await report())).find((q) => q.id === id)!;
		expect(read.translations).toEqual({
			question: TRANSLATED.questionTranslation,
			judgementCriteria: TRANSLATED.judgementCriteriaTranslation,
			sources: TRANSLATED.sourcesTranslation
		});
		// The untranslated questions read null, never the original under another name.
		const other = (await loadMatrix(db, patss, await report())).find((q) => q.criterion === 'effectiveness')!;
		expect(other.translations).toEqual({ question: null, judgementCriteria: null, sources: null });
		const audited = await db
			.selectFrom('audit_log')
			.select('after')
			.where('entity', '=', 'evaluation_question')
			.where('entity_id', '=', String(id))
			.where('action', '=', 'translate')
			.execute();
		expect(audited.map((a) => String(a.after))).toEqual(
			expect.arrayContaining([expect.stringContaining(TRANSLATED.questionTranslation), expect.stringContaining('Programme document.')])
		);

		// An edit changes the English text with the question's own version check; an emptied one is removed.
		const { version } = await idOf(TRANSLATED.question);
		const edited = await postAs(db, matrixActions.update, EVALUATOR, {
			params: params(),
			form: question({
				_form: `question-${id}`,
				questionId: String(id),
				version: String(version),
				criterion: 'relevance',
				...TRANSLATED,
				questionTranslation: "To what extent did the programme respond to IESS's priorities?",
				sourcesTranslation: '',
				indicatorIds: [],
				recommendationIds: []
			}),
			route
		});
		expect(edited.kind).toBe('redirect');
		const after = (await loadMatrix(db, patss, await report())).find((q) => q.id === id)!;
		expect(after.translations.question).toBe("To what extent did the programme respond to IESS's priorities?");
		expect(after.translations.sources).toBeNull();
		// A stale version changes nothing, the translation included.
		const stale = formFailure(
			await postAs(db, matrixActions.update, EVALUATOR, {
				params: params(),
				form: question({
					_form: `question-${id}`,
					questionId: String(id),
					version: String(version),
					criterion: 'relevance',
					...TRANSLATED,
					indicatorIds: [],
					recommendationIds: []
				}),
				route
			})
		);
		expect(stale.status).toBe(409);
		expect((await loadMatrix(db, patss, await report())).find((q) => q.id === id)!.translations.question).toBe(
			"To what extent did the programme respond to IESS's priorities?"
		);
		// Put the full translation back for the tests below.
		await postAs(db, matrixActions.update, EVALUATOR, {
			params: params(),
			form: question({
				_form: `question-${id}`,
				questionId: String(id),
				version: String(version + 1),
				criterion: 'relevance',
				...TRANSLATED,
				indicatorIds: [],
				recommendationIds: []
			}),
			route
		});
	});

	it('refuses an oversize translation by field, keeping nothing', async () => {
		const r = formFailure(
			await postAs(db, matrixActions.add, EVALUATOR, {
				params: params(),
				form: question({ question: '¿Pregunta con traducción demasiado larga?', questionTranslation: 'x'.repeat(1001) }),
				route
			})
		);
		expect(r.data.errors?.questionTranslation).toBeDefined();
		expect(
			await db.selectFrom('evaluation_question').select('id').where('question', '=', '¿Pregunta con traducción demasiado larga?').execute()
		).toHaveLength(0);
	});

	it('carries the English texts in the snapshot; English prints them, and marks the untranslated ones (es)', async () => {
		const { id } = await idOf(TRANSLATED.question);
		const snapshot = await draftSnapshot(db, patss, reportId, 'http://localhost');
		const carried = snapshot.evaluation!.questions.find((q) => q.id === id)!;
		expect(carried.translations).toEqual({
			question: TRANSLATED.questionTranslation,
			judgementCriteria: TRANSLATED.judgementCriteriaTranslation,
			sources: TRANSLATED.sourcesTranslation
		});

		const en = composeReport(snapshot, 'en');
		// Each criterion's questions come first, then the evidence tables that answer them.
		const relevance = en.sections.find((s) => s.key === 'relevance')!;
		expect(relevance.evidence[0]!.key).toBe('evaluation_questions');
		expect(relevance.evidence.map((e) => e.key)).toContain('alignment');
		const printed = JSON.stringify(relevance.evidence[0]!.blocks);
		expect(printed).toContain(TRANSLATED.questionTranslation);
		expect(printed).toContain(TRANSLATED.judgementCriteriaTranslation);
		expect(printed).toContain(TRANSLATED.sourcesTranslation);
		expect(printed).not.toContain(TRANSLATED.question);
		expect(printed).not.toContain('"mark"');

		// The question written only in Spanish prints in Spanish with its mark, and the editor lists it.
		const untranslated = snapshot.evaluation!.questions.find((q) => q.criterion === 'effectiveness')!;
		const effectiveness = en.sections.find((s) => s.key === 'effectiveness')!;
		expect(effectiveness.evidence[0]!.key).toBe('evaluation_questions');
		const heading = effectiveness.evidence[0]!.blocks[0]!;
		expect(heading).toMatchObject({
			type: 'paragraph',
			inlines: [
				{ type: 'text', text: untranslated.question, lang: 'es' },
				{ type: 'mark', text: '(es)', lang: 'es' }
			]
		});
		expect(en.missingTranslations).toEqual(
			expect.arrayContaining([
				{ key: `question:${untranslated.id}`, field: 'question', original: untranslated.question, lang: 'es' },
				{ key: `question:${untranslated.id}`, field: 'sources', original: untranslated.sources, lang: 'es' }
			])
		);
		expect(en.missingTranslations.some((m) => m.key === `question:${id}`)).toBe(false);

		// Spanish prints the originals, unmarked.
		const es = composeReport(snapshot, 'es');
		const esPrinted = JSON.stringify(es.sections.find((s) => s.key === 'relevance')!.evidence[0]!.blocks);
		expect(esPrinted).toContain(TRANSLATED.question);
		expect(esPrinted).not.toContain(TRANSLATED.questionTranslation);
		expect(es.missingTranslations.some((m) => m.key.startsWith('question:'))).toBe(false);
	});

	it('prints the English texts in the English annex (XLSX and DOCX), and the untranslated ones marked (es)', async () => {
		const questions = await loadMatrix(db, patss, await report());
		const untranslated = questions.find((q) => q.criterion === 'effectiveness')!;
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await matrixXlsx(patss, await report(), questions, 'en')) as unknown as ArrayBuffer);
		const rows = book.worksheets[0]!.getRows(5, questions.length)!.map((r) => [2, 3, 6].map((c) => String(r.getCell(c).value ?? '')));
		expect(rows).toContainEqual([TRANSLATED.questionTranslation, TRANSLATED.judgementCriteriaTranslation, TRANSLATED.sourcesTranslation]);
		expect(rows).toContainEqual([
			`${untranslated.question} (es)`,
			`${untranslated.judgementCriteria} (es)`,
			`${untranslated.sources} (es)`
		]);
		const esBook = new ExcelJS.Workbook();
		await esBook.xlsx.load((await matrixXlsx(patss, await report(), questions, 'es')) as unknown as ArrayBuffer);
		const esRows = esBook.worksheets[0]!.getRows(5, questions.length)!.map((r) => String(r.getCell(2).value));
		expect(esRows).toContain(TRANSLATED.question);
		expect(esRows.some((t) => t.endsWith('(es)'))).toBe(false);

		const docx = await matrixDocx(patss, await report(), questions, 'en');
		// Read straight from the zip, as the report DOCX tests do.
		const dir = mkdtempSync(join(tmpdir(), 'avance-annex-'));
		const file = join(dir, 'annex-en.docx');
		writeFileSync(file, docx);
		const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
		rmSync(dir, { recursive: true, force: true });
		expect(xml).toContain(TRANSLATED.sourcesTranslation);
		expect(xml).toContain(`${untranslated.sources} (es)`);
	});

	it('takes a deleted question’s translations with it', async () => {
		const { id, version } = await idOf(TRANSLATED.question);
		const deleted = await postAs(db, matrixActions.delete, EVALUATOR, {
			params: params(),
			form: { _form: `delete-${id}`, questionId: String(id), version: String(version) },
			route
		});
		expect(deleted.kind).toBe('redirect');
		expect(
			await db.selectFrom('translation').select('id').where('entity', '=', 'evaluation_question').where('entity_id', '=', id).execute()
		).toHaveLength(0);
	});
});

describe('the seeded PATSS final evaluation matrix', () => {
	const seeded = async () => {
		const r = await db
			.selectFrom('report')
			.select('id')
			.where('programme_id', '=', patss.id)
			.where('title_es', '=', 'Evaluación final del PATSS (informe inicial)')
			.executeTakeFirstOrThrow();
		return getReport(db, patss, { id: 0, internal: true, canReview: false }, r.id);
	};

	it('has every question, judgement criterion and source in English', async () => {
		// The suite's database holds no seeded reports: the seed's own step makes the matrix here.
		expect(await seedEvaluationMatrix(db)).toBe(true);
		const questions = await loadMatrix(db, patss, await seeded());
		expect(questions.length).toBeGreaterThan(0);
		for (const q of questions) {
			expect(q.translations.question).toMatch(/\?$/);
			expect(q.translations.question).not.toBe(q.question);
			expect(q.translations.judgementCriteria).toBeTruthy();
			expect(q.translations.sources).toBeTruthy();
		}
	});

	it('gives a matrix seeded before its texts were translatable its English versions, once', async () => {
		const report = await seeded();
		const ids = (await loadMatrix(db, patss, report)).map((q) => q.id);
		await db.deleteFrom('translation').where('entity', '=', 'evaluation_question').where('entity_id', 'in', ids).execute();
		expect((await loadMatrix(db, patss, report)).every((q) => q.translations.question === null)).toBe(true);
		expect(await seedEvaluationMatrix(db)).toBe(true);
		expect((await loadMatrix(db, patss, report)).every((q) => q.translations.question !== null)).toBe(true);
		expect(await seedEvaluationMatrix(db)).toBe(false);
	});
});
