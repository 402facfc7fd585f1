import type { Locale } from '$lib/model';
import { citationsIn } from './narrative';
import { OUTLINES, type SectionKey } from './outline';
import type { BilingualText, RecordKey, ReportSnapshot } from './snapshot';

// What stops a report from being issued (design §5), computed from the snapshot the issue would
// freeze: a criterion without rating or justification, a narrative missing in a language to
// issue, a citation that names no record of the snapshot. The editor lists them; the issue path
// refuses while there is any. Also the content texts printed with no translation yet (they print
// in the original language, marked): listed, not blocking.

export type Blocker =
	| { kind: 'rating'; section: SectionKey }
	| { kind: 'justification'; section: SectionKey; lang: Locale }
	| { kind: 'narrative'; section: SectionKey; lang: Locale }
	| { kind: 'citation'; section: SectionKey; lang: Locale; raw: string };

export function reportBlockers(snapshot: Pick<ReportSnapshot, 'report' | 'sections' | 'records'>): Blocker[] {
	const blockers: Blocker[] = [];
	const bySection = new Map(snapshot.sections.map((s) => [s.key, s]));
	for (const outline of OUTLINES[snapshot.report.layout]) {
		const s = bySection.get(outline.key);
		if (outline.rated && !s?.rating) blockers.push({ kind: 'rating', section: outline.key });
		for (const lang of snapshot.report.languages) {
			const narrative = s?.narrative[lang] ?? '';
			if (narrative.trim() === '') blockers.push({ kind: 'narrative', section: outline.key, lang });
			if (outline.rated && (s?.justification[lang] ?? '').trim() === '')
				blockers.push({ kind: 'justification', section: outline.key, lang });
			for (const text of [narrative, s?.justification[lang] ?? '']) {
				for (const raw of unresolvedCitations(text, snapshot.records)) blockers.push({ kind: 'citation', section: outline.key, lang, raw });
			}
		}
	}
	return blockers;
}

/** The `[[…]]` of `text` that name no record of the snapshot (unknown kind, or a record not in it). */
export function unresolvedCitations(text: string, records: Readonly<Record<RecordKey, unknown>>): string[] {
	return citationsIn(text)
		.filter((c) => !c.citation || !Object.hasOwn(records, c.citation.key))
		.map((c) => c.raw);
}

export interface MissingTranslation {
	key: RecordKey | string;
	/** The field, e.g. "title". */
	field: string;
	original: string;
	/** The language it is missing in. */
	lang: Locale;
}

/**
 * Content texts the report prints in a language to issue that have no translation into it.
 * Only languages other than the programme's content language can miss one.
 */
export function missingTranslations(snapshot: ReportSnapshot): MissingTranslation[] {
	const wanted = snapshot.report.languages.filter((l) => l !== snapshot.programme.contentLanguage);
	if (wanted.length === 0) return [];
	const found: MissingTranslation[] = [];
	const check = (key: string, field: string, text: BilingualText) => {
		if (text.original.trim() !== '' && text.translation === null)
			for (const lang of wanted) found.push({ key, field, original: text.original, lang });
	};
	check(snapshot.programme.key, 'title', snapshot.programme.title);
	check(snapshot.programme.key, 'summary', snapshot.programme.summary);
	for (const m of snapshot.modules) {
		check(m.key, 'title', m.title);
		check(m.key, 'objective', m.objective);
	}
	for (const o of snapshot.outputs) check(o.key, 'title', o.title);
	for (const a of snapshot.activities) check(a.key, 'title', a.title);
	for (const i of snapshot.indicators) {
		check(i.key, 'title', i.title);
		check(i.key, 'unit', i.unit);
	}
	for (const r of snapshot.risks) {
		check(r.key, 'title', r.title);
		check(r.key, 'description', r.description);
	}
	for (const g of snapshot.genderActions) check(g.key, 'title', g.title);
	for (const r of snapshot.recommendations) check(r.key, 'text', r.text);
	return found;
}
