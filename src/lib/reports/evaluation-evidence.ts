import { CRITERIA, type SectionKey } from './outline';
import { ILO_DRIVERS, type EvaluationCriterion, type LessonKind } from '$lib/evaluation/model';
import type { ComposeContext } from './compose-context';
import type { DocBlock, DocEvidence, DocInline } from './document';
import type { SnapshotQuestion } from './evaluation-snapshot';
import type { BilingualText, RecordKey } from './snapshot';
import { reasonText } from '$lib/evaluation/sufficiency-text';

// What the evaluator's instruments add to a printed report (issue 24), a pure function of the
// snapshot like every other evidence block: each criterion's section prints its evaluation
// questions (judgement criteria, linked records, sources, methods, evidence sufficiency in words)
// beside the rating; the ILO cross-cutting drivers' questions print in the gender section (the
// outline has no section of their own); the lessons-learned and good-practices sections print the
// validated entries in their ILO EVAL template's fields.

const KIND_OF_SECTION: Partial<Record<SectionKey, LessonKind>> = { lessons_learned: 'lesson', good_practices: 'practice' };

function criteriaOf(section: SectionKey): readonly EvaluationCriterion[] {
	if ((CRITERIA as readonly string[]).includes(section)) return [section as EvaluationCriterion];
	if (section === 'gender') return ILO_DRIVERS;
	return [];
}

/** The key a question's untranslated texts are listed under in the editor ("question:12"). */
export const questionKey = (q: Pick<SnapshotQuestion, 'id'>): RecordKey => `question:${q.id}`;

/** A question's text with its translation (none in issues made before the matrix was translatable). */
export function questionText(q: SnapshotQuestion, field: 'question' | 'judgementCriteria' | 'sources'): BilingualText {
	return { original: q[field], translation: q.translations?.[field] ?? null };
}

/** A question's text in the reader's language, or the original marked "(es)". */
export const questionInlines = (
	ctx: ComposeContext,
	q: SnapshotQuestion,
	field: 'question' | 'judgementCriteria' | 'sources'
): DocInline[] => ctx.loc(questionText(q, field), questionKey(q), field);

function questionBlocks(ctx: ComposeContext, q: SnapshotQuestion): DocBlock[] {
	const { t } = ctx;
	const td = ctx.i18n.td;
	const refs = (keys: readonly string[]): DocInline[] =>
		keys.length === 0
			? ctx.text('—')
			: keys.flatMap((key, n) => [...(n ? ctx.text(', ') : []), ctx.ref(key.slice(key.indexOf(':') + 1), key)]);
	return [
		{ type: 'paragraph', inlines: questionInlines(ctx, q, 'question').map((i) => (i.type === 'text' ? { ...i, bold: true } : i)) },
		{
			type: 'facts',
			items: [
				{ label: t('evaluation.field.criterion'), value: ctx.text(td(`evaluation.criterion.${q.criterion}`)) },
				{
					label: t('evaluation.matrix.judgement'),
					value: q.judgementCriteria ? questionInlines(ctx, q, 'judgementCriteria') : ctx.text('—')
				},
				{ label: t('evaluation.matrix.indicators'), value: refs(q.indicatorKeys) },
				{ label: t('evaluation.matrix.recommendations'), value: refs(q.recommendationKeys) },
				{ label: t('evaluation.matrix.sources'), value: q.sources ? questionInlines(ctx, q, 'sources') : ctx.text('—') },
				{ label: t('evaluation.matrix.methods'), value: ctx.text(q.methods.map((m) => td(`evaluation.method.${m}`)).join(', ') || '—') },
				{
					label: t('evaluation.matrix.sufficiency'),
					value: ctx.text([td(`evaluation.sufficiency.${q.sufficiency}`), ...q.reasons.map((r) => reasonText(ctx.lang, r))].join(' '))
				}
			]
		}
	];
}

/** The evaluation evidence a section prints after its generated blocks (none for most sections). */
export function evaluationEvidence(ctx: ComposeContext, section: SectionKey): DocEvidence[] {
	const block = ctx.snapshot.evaluation;
	if (!block) return [];
	const id = `sec-${section}`.replace(/_/g, '-');
	const out: DocEvidence[] = [];
	const criteria = criteriaOf(section);
	const questions = block.questions.filter((q) => criteria.includes(q.criterion));
	if (questions.length) {
		out.push({
			key: 'evaluation_questions',
			id: `${id}-evaluation-questions`,
			title: ctx.t('evaluation.report.questions'),
			blocks: questions.flatMap((q) => questionBlocks(ctx, q))
		});
	}
	const kind = KIND_OF_SECTION[section];
	if (kind) {
		const entries = block.lessons.filter((l) => l.kind === kind);
		const blocks: DocBlock[] = entries.length
			? entries.flatMap((l): DocBlock[] => [
					{ type: 'paragraph', inlines: ctx.loc(l.title, l.key, 'title').map((i) => (i.type === 'text' ? { ...i, bold: true } : i)) },
					{
						type: 'facts',
						items: [
							{ label: ctx.t('evaluation.field.theme'), value: ctx.text(ctx.i18n.td(`evaluation.theme.${l.theme}`)) },
							...l.fields
								.filter((f) => f.text.original.trim() !== '')
								.map((f) => ({ label: ctx.i18n.td(`evaluation.field.${f.field}`), value: ctx.loc(f.text, l.key, f.field) }))
						]
					}
				])
			: [{ type: 'note', inlines: ctx.text(ctx.t('reportDoc.none')) }];
		out.push({ key: 'evaluation_entries', id: `${id}-evaluation-entries`, title: ctx.i18n.td(`evaluation.kinds.${kind}`), blocks });
	}
	return out;
}

/** The registry entries of the two blocks: printed through evaluationEvidence, never on their own. */
export const noEvaluationBlock = (): DocBlock[] => [];
