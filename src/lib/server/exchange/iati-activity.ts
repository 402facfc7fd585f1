import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { LocalizedText } from '$lib/content-language';
import { LOCALES, type Locale } from '$lib/model';
import type { ExportData, ExportIndicator, ExportValue } from './export-data';
import {
	ACTIVITY_DATE,
	ACTIVITY_STATUS,
	DESCRIPTION_GENERAL,
	EVIDENCE_DOCUMENT_CATEGORY,
	fileFormat,
	GENDER_POLICY_MARKER,
	INDICATOR_MEASURE,
	ORGANISATION_ROLE,
	POLICY_SIGNIFICANCE,
	REPORTING_ORG_TYPE,
	RESULT_TYPE,
	SECTOR,
	SEX_DIMENSION,
	countryCode
} from './iati-codelists';
import { iatiFinanceElements } from './iati-finance';

// The programme as one IATI 2.03 `iati-activity` with its results (design §7), written in the
// schema's element order (the XSD checks it). Approved values only: build it from export data
// read for a non-internal viewer. Texts go out in both languages where a translation exists.

/** Why a programme cannot be exported to IATI (the fact sheet lacks what the standard requires). */
export type IatiBlocker = 'missing_identifier';

export function iatiBlocker(programme: { iatiIdentifier: string | null; iatiReportingOrg: string | null }): IatiBlocker | null {
	return programme.iatiIdentifier?.trim() && programme.iatiReportingOrg?.trim() ? null : 'missing_identifier';
}

/** Names of reporting organisations we know, by IATI organisation identifier. */
const KNOWN_ORGS: Record<string, Record<Locale, string>> = {
	'XM-DAC-41302': { es: 'Organización Internacional del Trabajo', en: 'International Labour Organization' }
};

type Texts = Partial<Record<Locale, LocalizedText>>;

/** One `narrative` per language that has its own text (a fallback is not a translation). */
function narratives(parent: XMLBuilder, texts: Texts, contentLanguage: Locale) {
	const written = new Set<Locale>();
	for (const locale of [contentLanguage, ...LOCALES.filter((l) => l !== contentLanguage)]) {
		const t = texts[locale];
		if (!t || t.fallback || t.text.trim() === '' || written.has(t.lang)) continue;
		parent.ele('narrative', { 'xml:lang': t.lang }).txt(t.text);
		written.add(t.lang);
	}
	return parent;
}

const plain = (text: string, lang: Locale): Texts => ({ [lang]: { text, lang, fallback: false } });

/** A URL the schema accepts (xsd:anyURI), or null for something that is not one. */
function safeUrl(raw: string): string | null {
	try {
		const url = new URL(raw);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

function evidenceLinks(parent: XMLBuilder, value: ExportValue | undefined, title: string, lang: Locale, fileUrl: (id: number) => string) {
	if (!value) return;
	const link = (url: string, format: string, name: string) => {
		const doc = parent.ele('document-link', { url, format });
		narratives(doc.ele('title'), plain(name, lang), lang);
		doc.ele('category', { code: EVIDENCE_DOCUMENT_CATEGORY });
	};
	const url = value.evidenceUrl ? safeUrl(value.evidenceUrl) : null;
	if (url) link(url, 'text/html', title);
	for (const f of value.files) link(fileUrl(f.id), fileFormat(f.contentType), `${title}: ${f.name}`);
}

function indicatorElement(
	result: XMLBuilder,
	item: ExportIndicator,
	data: ExportData,
	valueById: Map<number, ExportValue>,
	fileUrl: (id: number) => string
) {
	const { indicator } = item;
	const lang = data.programme.contentLanguage;
	const qualitative = indicator.measure === 'qualitative';
	const el = result.ele('indicator', {
		measure: INDICATOR_MEASURE[indicator.measure],
		ascending: indicator.direction === 'increase' ? 'true' : 'false'
	});
	narratives(el.ele('title'), { es: item.text.es.title, en: item.text.en.title }, lang);
	if (indicator.definition.trim()) narratives(el.ele('description'), { es: item.text.es.definition, en: item.text.en.definition }, lang);
	if (indicator.baselineValue !== null || indicator.baselineDate) {
		const date = indicator.baselineDate ?? data.programme.startDate;
		const baseline = el.ele('baseline', {
			year: date.slice(0, 4),
			...(indicator.baselineDate ? { 'iso-date': indicator.baselineDate } : {}),
			...(indicator.baselineValue !== null && !qualitative ? { value: String(indicator.baselineValue) } : {})
		});
		if (indicator.baselineNote.trim()) narratives(baseline.ele('comment'), plain(indicator.baselineNote, lang), lang);
	}
	const periodOf = new Map(data.periods.map((p) => [p.id, p]));
	for (const p of item.periods) {
		if (p.target === null && !p.hasValue) continue;
		const period = periodOf.get(p.periodId)!;
		const el2 = el.ele('period');
		el2.ele('period-start', { 'iso-date': period.startDate });
		el2.ele('period-end', { 'iso-date': period.endDate });
		if (p.target !== null && !qualitative) el2.ele('target', { value: String(p.target) });
		if (!p.hasValue) continue;
		const value = p.approvedValueId !== null ? valueById.get(p.approvedValueId) : undefined;
		const actual = el2.ele('actual', p.actual !== null && !qualitative ? { value: String(p.actual) } : {});
		if (value?.narrative.trim()) narratives(actual.ele('comment'), plain(value.narrative, lang), lang);
		evidenceLinks(actual, value, `${indicator.code} ${period.label}`, lang, fileUrl);
		if (indicator.disaggregatedBySex) {
			for (const [figure, sex] of [
				[p.women, SEX_DIMENSION.women],
				[p.men, SEX_DIMENSION.men]
			] as const) {
				if (figure === null) continue;
				el2.ele('actual', { value: String(figure) }).ele('dimension', { name: SEX_DIMENSION.name, value: sex });
			}
		}
	}
}

export interface IatiOptions {
	now?: Date;
	/** The address of an evidence file (absolute: the file leaves the app). */
	fileUrl: (id: number) => string;
}

/** The IATI XML text. The caller checks `iatiBlocker` first and validates the result before serving it. */
export function iatiActivityXml(data: ExportData, options: IatiOptions): string {
	const { programme } = data;
	if (data.internal || data.includeOpen) throw new Error('an IATI file is built from approved values only');
	if (iatiBlocker(programme)) throw new Error('the programme has no IATI identifier');
	const now = (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const lang = programme.contentLanguage;
	const doc = create({ version: '1.0', encoding: 'UTF-8' });
	const root = doc.ele('iati-activities', { version: '2.03', 'generated-datetime': now });
	const activity = root.ele('iati-activity', {
		'last-updated-datetime': now,
		'xml:lang': lang,
		...(programme.currency ? { 'default-currency': programme.currency } : {})
	});
	activity.ele('iati-identifier').txt(programme.iatiIdentifier!.trim());
	const orgRef = programme.iatiReportingOrg!.trim();
	const orgNames = KNOWN_ORGS[orgRef];
	const orgTexts: Texts = orgNames
		? { es: { text: orgNames.es, lang: 'es', fallback: false }, en: { text: orgNames.en, lang: 'en', fallback: false } }
		: plain(orgRef, lang);
	narratives(activity.ele('reporting-org', { ref: orgRef, type: REPORTING_ORG_TYPE }), orgTexts, lang);
	const title = { es: data.programmeText.es.title, en: data.programmeText.en.title };
	narratives(activity.ele('title'), title, lang);
	// The schema requires a description: the summary, or the title when there is none.
	const summary = programme.summary.trim() ? { es: data.programmeText.es.summary, en: data.programmeText.en.summary } : title;
	narratives(activity.ele('description', { type: DESCRIPTION_GENERAL }), summary, lang);

	if (programme.donor.trim())
		narratives(activity.ele('participating-org', { role: ORGANISATION_ROLE.funding }), plain(programme.donor, lang), lang);
	narratives(
		activity.ele('participating-org', { ref: orgRef, type: REPORTING_ORG_TYPE, role: ORGANISATION_ROLE.implementing }),
		orgTexts,
		lang
	);
	if (programme.partners.trim())
		narratives(activity.ele('participating-org', { role: ORGANISATION_ROLE.implementing }), plain(programme.partners, lang), lang);

	activity.ele('activity-status', { code: ACTIVITY_STATUS[programme.status] });
	activity.ele('activity-date', { type: ACTIVITY_DATE.plannedStart, 'iso-date': programme.startDate });
	if (programme.status !== 'pipeline') activity.ele('activity-date', { type: ACTIVITY_DATE.actualStart, 'iso-date': programme.startDate });
	activity.ele('activity-date', { type: ACTIVITY_DATE.plannedEnd, 'iso-date': programme.effectiveEndDate });
	if (programme.status === 'closed')
		activity.ele('activity-date', { type: ACTIVITY_DATE.actualEnd, 'iso-date': programme.effectiveEndDate });

	const country = countryCode(programme.country);
	if (country) activity.ele('recipient-country', { code: country, percentage: '100' });
	activity.ele('sector', { vocabulary: SECTOR.vocabulary, code: SECTOR.code, percentage: '100' });
	activity.ele('policy-marker', {
		vocabulary: GENDER_POLICY_MARKER.vocabulary,
		code: GENDER_POLICY_MARKER.code,
		significance: POLICY_SIGNIFICANCE[programme.genderMarker]
	});

	iatiFinanceElements(activity, data);

	const valueById = new Map(data.values.map((v) => [v.id, v]));
	for (const group of data.groups) {
		if (group.indicators.length === 0) continue;
		const result = activity.ele('result', { type: RESULT_TYPE[group.level] });
		const code = group.level === 'programme' ? '' : `${group.code} `;
		narratives(
			result.ele('title'),
			{
				es: { ...group.title.es, text: code + group.title.es.text },
				en: { ...group.title.en, text: code + group.title.en.text }
			},
			lang
		);
		for (const item of group.indicators) indicatorElement(result, item, data, valueById, options.fileUrl);
	}
	// Not indented: a quarter smaller, so faster to write, send and validate (it is read by programs).
	return doc.end({ prettyPrint: false });
}
