import { formatDate } from '$lib/i18n/format';
import { translateDynamic } from '$lib/i18n/translate';
import type { IsoDate, Locale } from '$lib/model';
import type { SufficiencyReason } from './sufficiency';

// The sufficiency reasons in words, the same on the matrix page, in its XLSX/DOCX annex and in the
// report: a date reads as the locale writes dates ("31 dic 2020"), not as stored.

export function reasonText(locale: Locale, reason: Pick<SufficiencyReason, 'key' | 'params'>): string {
	const params = { ...reason.params };
	if (typeof params.date === 'string') params.date = formatDate(locale, params.date as IsoDate);
	return translateDynamic(locale, reason.key, params);
}

/**
 * What is missing, once per question with all its reasons (a question missing two things is
 * listed once, not twice), in the matrix's order.
 */
export function missingByQuestion<Q extends { sufficiency: { reasons: readonly SufficiencyReason[] } }>(
	questions: readonly Q[]
): { question: Q; reasons: SufficiencyReason[] }[] {
	return questions
		.map((question) => ({ question, reasons: question.sufficiency.reasons.filter((r) => r.missing) }))
		.filter((m) => m.reasons.length > 0);
}
