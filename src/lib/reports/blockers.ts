import type { Locale } from '$lib/model';
import { createI18n } from '$lib/i18n/context';
import { formatEnteredValue } from '$lib/i18n/measure-format';
import { figureMismatches } from './cited-figures';
import { citationsIn } from './narrative';
import { OUTLINES, type SectionKey } from './outline';
import type { RecordKey, ReportSnapshot } from './snapshot';

// What stops a report from being issued (design §5), computed from the snapshot the issue would
// freeze: a criterion without rating or justification, a narrative missing in a language to
// issue, a citation that names no record of the snapshot. The editor lists them; the issue path
// refuses while there is any. (The content texts printed with no translation yet are listed too,
// not blocking: compose.ts's missingTranslations, from the document itself.)

export type Blocker =
	| { kind: 'rating'; section: SectionKey }
	| { kind: 'justification'; section: SectionKey; lang: Locale }
	| { kind: 'narrative'; section: SectionKey; lang: Locale }
	| { kind: 'citation'; section: SectionKey; lang: Locale; raw: string }
	/** A figure typed right before a value or finance citation that differs from the figure cited (cited-figures.ts). */
	| { kind: 'figure'; section: SectionKey; lang: Locale; raw: string; typed: string; cited: string }
	/** An outcome (module) of an ILO progress report without its own narrative in a language to issue (issue 21). */
	| { kind: 'outcome_narrative'; section: SectionKey; lang: Locale; module: string }
	/** The same typed-figure check in an outcome's own narrative (issue 21): names the outcome. */
	| { kind: 'outcome_figure'; section: SectionKey; lang: Locale; module: string; raw: string; typed: string; cited: string };

export function reportBlockers(
	snapshot: Pick<ReportSnapshot, 'report' | 'sections' | 'records'> &
		Partial<Pick<ReportSnapshot, 'indicators' | 'allPeriods' | 'modules' | 'donor' | 'finance'>>
): Blocker[] {
	const blockers: Blocker[] = [];
	const bySection = new Map(snapshot.sections.map((s) => [s.key, s]));
	for (const outline of OUTLINES[snapshot.report.layout]) {
		const s = bySection.get(outline.key);
		// "Not rated" is a choice (with its reason, the justification checked below), not a gap.
		if (outline.rated && !s?.rating && !s?.notRated) blockers.push({ kind: 'rating', section: outline.key });
		for (const lang of snapshot.report.languages) {
			const narrative = s?.narrative[lang] ?? '';
			if (narrative.trim() === '') blockers.push({ kind: 'narrative', section: outline.key, lang });
			if (outline.rated && (s?.justification[lang] ?? '').trim() === '')
				blockers.push({ kind: 'justification', section: outline.key, lang });
			for (const text of [narrative, s?.justification[lang] ?? '']) {
				for (const raw of unresolvedCitations(text, snapshot.records)) blockers.push({ kind: 'citation', section: outline.key, lang, raw });
				for (const m of typedFigureMismatches(text, lang, snapshot)) blockers.push({ kind: 'figure', section: outline.key, lang, ...m });
			}
		}
	}
	blockers.push(...outcomeBlockers(snapshot));
	return blockers;
}

/** Each outcome of a TCPR needs its own narrative in every language to issue, citing only records of the report. */
function outcomeBlockers(
	snapshot: Pick<ReportSnapshot, 'report' | 'records'> &
		Partial<Pick<ReportSnapshot, 'indicators' | 'allPeriods' | 'modules' | 'donor' | 'finance'>>
): Blocker[] {
	const outcomes = snapshot.donor?.outcomes;
	if (snapshot.report.layout !== 'ilo_tcpr' || !outcomes) return [];
	const blockers: Blocker[] = [];
	for (const o of outcomes) {
		const module = snapshot.modules?.find((m) => m.key === o.moduleKey)?.code ?? o.moduleKey;
		for (const lang of snapshot.report.languages) {
			const text = o.narrative[lang] ?? '';
			if (text.trim() === '') blockers.push({ kind: 'outcome_narrative', section: 'outcome_progress', lang, module });
			for (const raw of unresolvedCitations(text, snapshot.records))
				blockers.push({ kind: 'citation', section: 'outcome_progress', lang, raw });
			for (const m of typedFigureMismatches(text, lang, snapshot))
				blockers.push({ kind: 'outcome_figure', section: 'outcome_progress', lang, module, ...m });
		}
	}
	return blockers;
}

/** The figures typed right before a value citation of `text` that differ from it (the one rule, cited-figures.ts), worded for the list. */
function typedFigureMismatches(
	text: string,
	lang: Locale,
	snapshot: Partial<Pick<ReportSnapshot, 'indicators' | 'allPeriods' | 'finance'>>
): { raw: string; typed: string; cited: string }[] {
	if (!snapshot.indicators || !snapshot.allPeriods) return [];
	const i18n = createI18n(() => lang);
	const figures = { indicators: snapshot.indicators, allPeriods: snapshot.allPeriods, finance: snapshot.finance ?? null };
	return figureMismatches(text, lang, figures).map((m) => ({
		raw: m.raw,
		typed: m.typed,
		// Worded as the report prints it: the value in its unit, a delivery rate as a percentage.
		cited: m.kind === 'value' ? formatEnteredValue(i18n, m.value, m.cited.indicator) : i18n.percent(m.value)
	}));
}

/** The `[[…]]` of `text` that name no record of the snapshot (unknown kind, or a record not in it). */
export function unresolvedCitations(text: string, records: Readonly<Record<RecordKey, unknown>>): string[] {
	return citationsIn(text)
		.filter((c) => !c.citation || !Object.hasOwn(records, c.citation.key))
		.map((c) => c.raw);
}
