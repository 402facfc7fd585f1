import type { EvaluationCriterion, EvaluationMethod, LessonKind, LessonTheme, Sufficiency, TemplateField } from '$lib/evaluation/model';
import type { SufficiencyReason } from '$lib/evaluation/sufficiency';
import type { BilingualText, RecordKey } from './snapshot';

// The part of a report's snapshot that the evaluator's instruments give (issue 24): the evaluation
// matrix with each question's evidence sufficiency as computed at the issue, and the validated
// lessons learned and good practices in their template's fields, both languages. Plain JSON.

export interface SnapshotQuestion {
	id: number;
	criterion: EvaluationCriterion;
	question: string;
	judgementCriteria: string;
	sources: string;
	/**
	 * The three texts in the programme's other language (null where none is written). Absent in
	 * issues made before the matrix was translatable: those print the original, marked.
	 */
	translations?: { question: string | null; judgementCriteria: string | null; sources: string | null };
	methods: EvaluationMethod[];
	/** Keys into `records` ("indicator:<code>", "recommendation:<code>"). */
	indicatorKeys: RecordKey[];
	recommendationKeys: RecordKey[];
	sufficiency: Sufficiency;
	reasons: Pick<SufficiencyReason, 'key' | 'params' | 'missing'>[];
}

export interface SnapshotLesson {
	key: RecordKey;
	id: number;
	kind: LessonKind;
	theme: LessonTheme;
	criterion: EvaluationCriterion | null;
	title: BilingualText;
	/** The fields of the entry's own template, in the template's order. */
	fields: { field: TemplateField; text: BilingualText }[];
	validatedBy: string | null;
	validatedAt: string | null;
	path: string;
	/** The entry's version as printed (its cited record's); absent in issues made before lessons were citable. */
	version?: number;
}

export interface EvaluationSnapshot {
	questions: SnapshotQuestion[];
	lessons: SnapshotLesson[];
}
