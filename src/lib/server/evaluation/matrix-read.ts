import { EVALUATION_CRITERIA, EVALUATION_METHODS, type EvaluationCriterion, type EvaluationMethod } from '$lib/evaluation/model';
import { evidenceSufficiency, type LinkedIndicatorEvidence, type SufficiencyResult } from '$lib/evaluation/sufficiency';
import type { Programme } from '$lib/model';
import type { Executor } from '../db/executor';
import { loadWindowEvidence } from '../results/evidence-window';
import type { MatrixReport } from './matrix';
import { translationLanguage } from '$lib/content-language';

// The evaluation matrix as the team reads it: each question with its links and the evidence
// sufficiency computed now from the data (approved values in the report's window, their evidence,
// recency, linked records). Five statements whatever the number of questions.

/** The question's texts in the programme's other language; null where none is written. */
export interface MatrixQuestionTranslations {
	question: string | null;
	judgementCriteria: string | null;
	sources: string | null;
}

export interface MatrixQuestion {
	id: number;
	criterion: EvaluationCriterion;
	question: string;
	judgementCriteria: string;
	sources: string;
	/** In the language that is not the programme's content language (see content-language.ts). */
	translations: MatrixQuestionTranslations;
	methods: EvaluationMethod[];
	indicators: { id: number; code: string; title: string }[];
	recommendations: { id: number; code: string; text: string }[];
	evidence: LinkedIndicatorEvidence[];
	sufficiency: SufficiencyResult;
	version: number;
}

export async function loadMatrix(db: Executor, programme: Programme, report: MatrixReport): Promise<MatrixQuestion[]> {
	const other = translationLanguage(programme);
	const [questions, indicatorLinks, recommendationLinks, evidence, translated] = await Promise.all([
		db.selectFrom('evaluation_question').selectAll().where('report_id', '=', report.id).orderBy('sort_order').orderBy('id').execute(),
		db
			.selectFrom('evaluation_question_indicator')
			.innerJoin('evaluation_question', 'evaluation_question.id', 'evaluation_question_indicator.question_id')
			.innerJoin('indicator', 'indicator.id', 'evaluation_question_indicator.indicator_id')
			.select(['evaluation_question_indicator.question_id', 'indicator.id', 'indicator.code', 'indicator.title'])
			.where('evaluation_question.report_id', '=', report.id)
			.orderBy('indicator.sort_order')
			.orderBy('indicator.id')
			.execute(),
		db
			.selectFrom('evaluation_question_recommendation')
			.innerJoin('evaluation_question', 'evaluation_question.id', 'evaluation_question_recommendation.question_id')
			.innerJoin('recommendation', 'recommendation.id', 'evaluation_question_recommendation.recommendation_id')
			.select(['evaluation_question_recommendation.question_id', 'recommendation.id', 'recommendation.code', 'recommendation.text'])
			.where('evaluation_question.report_id', '=', report.id)
			.orderBy('recommendation.code')
			.execute(),
		loadWindowEvidence(db, programme.id, { start: report.windowStart, cutOff: report.cutOff }),
		db
			.selectFrom('translation')
			.innerJoin('evaluation_question', 'evaluation_question.id', 'translation.entity_id')
			.select(['translation.entity_id', 'translation.field', 'translation.text'])
			.where('translation.entity', '=', 'evaluation_question')
			.where('translation.locale', '=', other)
			.where('evaluation_question.report_id', '=', report.id)
			.execute()
	]);
	const translationOf = (id: number, field: keyof MatrixQuestionTranslations): string | null => {
		const text = translated.find((t) => t.entity_id === id && t.field === field)?.text;
		return text !== undefined && text.trim() !== '' ? text : null;
	};
	const criterionOrder = new Map(EVALUATION_CRITERIA.map((c, i) => [c, i]));
	return questions
		.map((q) => {
			const indicators = indicatorLinks.filter((l) => l.question_id === q.id).map((l) => ({ id: l.id, code: l.code, title: l.title }));
			const recommendations = recommendationLinks
				.filter((l) => l.question_id === q.id)
				.map((l) => ({ id: l.id, code: l.code, text: l.text }));
			const linked: LinkedIndicatorEvidence[] = indicators.map((i) => {
				const e = evidence.get(i.id);
				return {
					id: i.id,
					code: i.code,
					approvedInWindow: e?.approvedInWindow ?? 0,
					withEvidence: e?.withEvidence ?? 0,
					latestPeriodEnd: e?.latestPeriodEnd ?? null,
					pending: e?.pending ?? 0
				};
			});
			return {
				id: q.id,
				criterion: q.criterion as EvaluationCriterion,
				question: q.question,
				judgementCriteria: q.judgement_criteria,
				sources: q.sources,
				translations: {
					question: translationOf(q.id, 'question'),
					judgementCriteria: translationOf(q.id, 'judgementCriteria'),
					sources: translationOf(q.id, 'sources')
				},
				methods: q.methods.split(',').filter((m): m is EvaluationMethod => (EVALUATION_METHODS as readonly string[]).includes(m)),
				indicators,
				recommendations,
				evidence: linked,
				sufficiency: evidenceSufficiency({ cutOff: report.cutOff, indicators: linked, records: recommendations.length }),
				version: q.version,
				sort: q.sort_order
			};
		})
		.sort((a, b) => criterionOrder.get(a.criterion)! - criterionOrder.get(b.criterion)! || a.sort - b.sort || a.id - b.id)
		.map(({ sort: _sort, ...q }) => q);
}
