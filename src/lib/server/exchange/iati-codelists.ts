import type { IndicatorLevel, Measure, ProgrammeStatus } from '$lib/model';

// The IATI codelist codes the export emits (IATI-Codelists, version 2.03). The XSD types these
// attributes as plain strings, so a wrong code would still validate: tests pin each one here.

/** ResultType: 1 Output, 2 Outcome, 3 Impact. */
export const RESULT_TYPE: Record<IndicatorLevel, '1' | '2' | '3'> = { output: '1', module: '2', programme: '3' };

/** IndicatorMeasure: 1 Unit, 2 Percentage, 3 Nominal (yes / no), 5 Qualitative. */
export const INDICATOR_MEASURE: Record<Measure, '1' | '2' | '3' | '5'> = { number: '1', percentage: '2', milestone: '3', qualitative: '5' };

/** ActivityStatus: 1 Pipeline/identification, 2 Implementation, 4 Closed, 5 Cancelled, 6 Suspended. */
export const ACTIVITY_STATUS: Record<ProgrammeStatus, '1' | '2' | '4' | '6'> = { pipeline: '1', active: '2', closed: '4', suspended: '6' };

/** ActivityDateType: 1 Planned start, 2 Actual start, 3 Planned end, 4 Actual end. */
export const ACTIVITY_DATE = { plannedStart: '1', actualStart: '2', plannedEnd: '3', actualEnd: '4' } as const;

/** OrganisationRole: 1 Funding, 4 Implementing. */
export const ORGANISATION_ROLE = { funding: '1', implementing: '4' } as const;

/** OrganisationType 40: Multilateral (the ILO reports as one). */
export const REPORTING_ORG_TYPE = '40';

/** DescriptionType 1: General. */
export const DESCRIPTION_GENERAL = '1';

/** PolicyMarkerVocabulary 1 (OECD DAC CRS), PolicyMarker 1: Gender equality; significance 0/1/2 is the programme's DAC marker. */
export const GENDER_POLICY_MARKER = { vocabulary: '1', code: '1' } as const;
export const POLICY_SIGNIFICANCE: Record<0 | 1 | 2, '0' | '1' | '2'> = { 0: '0', 1: '1', 2: '2' };

/**
 * SectorVocabulary 1 (OECD DAC 5-digit), 16010: Social protection. The fact sheet has no sector
 * field yet; every programme Avance follows is social protection (social security, unemployment
 * protection, social protection floors), so the export states it.
 */
export const SECTOR = { vocabulary: '1', code: '16010' } as const;

/** DocumentCategory A08: Results, outcomes and outputs (evidence of a reported value). */
export const EVIDENCE_DOCUMENT_CATEGORY = 'A08';

/**
 * FileFormat (IATI-Codelists-NonEmbedded, taken from IANA media types): the formats of the files
 * Avance accepts as evidence that are in the codelist, as it stood in June 2026. The schema types
 * `document-link/@format` as a plain string, so only this list keeps a code out of the file that
 * the IATI Validator would reject: WebP is not in it, and a media type's parameters
 * (`text/csv; charset=utf-8`) are not part of a code. The official lists are vendored in
 * `iati/codelists/` and a unit test checks every code of an exported file against them.
 */
export const FILE_FORMATS = new Set([
	'text/html',
	'text/csv',
	'text/plain',
	'application/pdf',
	'image/png',
	'image/jpeg',
	'image/gif',
	'application/msword',
	'application/vnd.ms-excel',
	'application/vnd.ms-powerpoint',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'application/vnd.oasis.opendocument.text',
	'application/vnd.oasis.opendocument.spreadsheet',
	'application/vnd.oasis.opendocument.presentation',
	'application/octet-stream'
]);

/** A stored file's content type as a FileFormat code: its media type, or "any bytes" when the codelist lacks it. */
export function fileFormat(contentType: string): string {
	const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
	return FILE_FORMATS.has(mediaType) ? mediaType : 'application/octet-stream';
}

/** The `sex` dimension's values for the women and men figures. */
export const SEX_DIMENSION = { name: 'sex', women: 'female', men: 'male' } as const;

/** Country (ISO 3166-1 alpha-2) of the countries programmes are in, by name in either language. */
const COUNTRY_CODES: Record<string, string> = {
	ecuador: 'EC',
	peru: 'PE',
	'el salvador': 'SV',
	bolivia: 'BO',
	colombia: 'CO',
	chile: 'CL',
	argentina: 'AR',
	paraguay: 'PY',
	uruguay: 'UY',
	guatemala: 'GT',
	honduras: 'HN',
	nicaragua: 'NI',
	'costa rica': 'CR',
	panama: 'PA',
	mexico: 'MX',
	'republica dominicana': 'DO',
	'dominican republic': 'DO',
	brasil: 'BR',
	brazil: 'BR',
	venezuela: 'VE',
	cuba: 'CU',
	haiti: 'HT'
};

/** The ISO code of a country named in the fact sheet, or null when it is not one we know. */
export function countryCode(name: string): string | null {
	const key = name
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.trim()
		.toLowerCase();
	if (/^[a-z]{2}$/.test(key)) return key.toUpperCase();
	return COUNTRY_CODES[key] ?? null;
}
