import { dayAfter } from '$lib/as-of';
import { translationKey, translationLanguage } from '$lib/content-language';
import { templateFields } from '$lib/evaluation/model';
import type { Programme } from '$lib/model';
import type { EvaluationSnapshot } from '$lib/reports/evaluation-snapshot';
import type { SnapshotRecord } from '$lib/reports/snapshot';
import { loadTranslations } from '../core/translations';
import type { Executor } from '../db/executor';
import { toLessonEntry } from './lesson-read';
import { loadMatrix } from './matrix-read';
import type { MatrixReport } from './matrix';

// The evaluation block of a report's snapshot (issue 24), read by the reports domain's snapshot
// builder: the matrix with sufficiencies as computed now, and the programme's validated lessons
// and good practices validated on or before the report's cut-off (and by the issue), both languages. A fixed number of statements (the matrix's four, the
// lessons, their translations).

/**
 * `asOf`: the instant. A report speaks as of its cut-off like every figure in it, so an
 * entry validated after the cut-off day (or after the issue) is not in it.
 */
export async function readEvaluationBlock(
	db: Executor,
	programme: Programme,
	report: MatrixReport,
	asOf: string
): Promise<EvaluationSnapshot> {
	const other = translationLanguage(programme);
	const [questions, lessonRows, translations] = await Promise.all([
		loadMatrix(db, programme, report),
		db
			.selectFrom('lesson')
			.leftJoin('user as validator', 'validator.id', 'lesson.validated_by')
			.selectAll('lesson')
			.select('validator.name as validator_name')
			.where('lesson.programme_id', '=', programme.id)
			.where('lesson.status', '=', 'validated')
			.where('lesson.validated_at', '<=', asOf)
			.where('lesson.validated_at', '<', dayAfter(report.cutOff))
			.orderBy('lesson.kind')
			.orderBy('lesson.validated_at')
			.orderBy('lesson.id')
			.execute(),
		loadTranslations(db, programme.id, other)
	]);
	const bi = (id: number, field: string, original: string) => {
		const t = original.trim() === '' ? undefined : translations.get(translationKey('lesson', id, field));
		return { original, translation: t && t.trim() !== '' ? t : null };
	};
	return {
		questions: questions.map((q) => ({
			id: q.id,
			criterion: q.criterion,
			question: q.question,
			judgementCriteria: q.judgementCriteria,
			sources: q.sources,
			translations: q.translations,
			methods: q.methods,
			indicatorKeys: q.indicators.map((i) => `indicator:${i.code}`),
			recommendationKeys: q.recommendations.map((r) => `recommendation:${r.code}`),
			sufficiency: q.sufficiency.level,
			reasons: q.sufficiency.reasons.map((r) => ({ key: r.key, params: r.params, missing: r.missing }))
		})),
		lessons: lessonRows.map((row) => {
			const l = toLessonEntry(row);
			return {
				key: `lesson:${l.id}`,
				id: l.id,
				kind: l.kind,
				theme: l.theme,
				criterion: l.criterion,
				title: bi(l.id, 'title', l.title),
				fields: templateFields(l.kind).map((f) => ({ field: f, text: bi(l.id, f, l.fields[f]) })),
				validatedBy: l.validatedBy,
				validatedAt: l.validatedAt,
				path: `/programmes/${programme.slug}/lessons/${l.id}`,
				version: l.version
			};
		})
	};
}

/**
 * The validated entries as records of the snapshot, so a narrative cites them like any record
 * ([[lesson:12]]): labelled by their title in both languages, "approved" by the evaluator who
 * validated them, linked to their page. The records-cited annex prints exactly this.
 */
export function lessonRecords(block: EvaluationSnapshot): SnapshotRecord[] {
	return block.lessons.map((l) => ({
		key: l.key,
		kind: 'lesson',
		id: l.id,
		label: l.title,
		version: l.version ?? 1,
		path: l.path,
		approvedBy: l.validatedBy,
		approvedAt: l.validatedAt,
		evidence: [],
		evidenceUrl: null,
		illustrative: false
	}));
}
