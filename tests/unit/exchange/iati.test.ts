import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iatiActivityXml, iatiBlocker } from '$lib/server/exchange/iati-activity';
import {
	ACTIVITY_STATUS,
	INDICATOR_MEASURE,
	RESULT_TYPE,
	countryCode,
	EVIDENCE_DOCUMENT_CATEGORY,
	SECTOR,
	GENDER_POLICY_MARKER,
	FILE_FORMATS,
	fileFormat
} from '$lib/server/exchange/iati-codelists';
import { validateIati } from '$lib/server/exchange/iati-validate';
import { fixture, programme } from './fixture';
import { checkCodelists, codelists } from '../../helpers/iati-codelists';

// The XSD checks structure and order, not codelists: these tests pin every code the export
// emits to the IATI 2.03 codelists (IATI-Codelists: ResultType, IndicatorMeasure, ActivityStatus,
// ActivityDateType, OrganisationRole, OrganisationType, PolicyMarker, SectorVocabulary, Sector,
// DocumentCategory).

const fileUrl = (id: number) => `https://avance.example/programmes/demo/files/${id}`;
const xml = () => iatiActivityXml(fixture(), { fileUrl, now: new Date('2026-11-21T10:00:00Z') });
const attrs = (text: string, element: string, attribute: string) =>
	[...text.matchAll(new RegExp(`<${element}\\b[^>]*\\b${attribute}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('the IATI codelists the export uses', () => {
	it('maps levels to ResultType 3 impact, 2 outcome, 1 output', () => {
		expect(RESULT_TYPE).toEqual({ programme: '3', module: '2', output: '1' });
	});

	it('maps measures to IndicatorMeasure 1 unit, 2 percentage, 3 nominal (yes/no), 5 qualitative', () => {
		expect(INDICATOR_MEASURE).toEqual({ number: '1', percentage: '2', milestone: '3', qualitative: '5' });
	});

	it('maps programme status to ActivityStatus 1 pipeline, 2 implementation, 4 closed, 6 suspended', () => {
		expect(ACTIVITY_STATUS).toEqual({ pipeline: '1', active: '2', closed: '4', suspended: '6' });
	});

	it('maps a stored file to its FileFormat code: parameters dropped, a format the codelist lacks as any bytes', () => {
		expect(fileFormat('text/csv; charset=utf-8')).toBe('text/csv');
		expect(fileFormat('image/webp')).toBe('application/octet-stream');
		expect(fileFormat('application/PDF')).toBe('application/pdf');
		expect(fileFormat('')).toBe('application/octet-stream');
	});

	it('knows the countries of the programmes by name, with or without accents, as ISO 3166 codes', () => {
		expect(['Ecuador', 'Perú', 'Peru', 'El Salvador', 'EC', 'Atlantis'].map(countryCode)).toEqual(['EC', 'PE', 'PE', 'SV', 'EC', null]);
	});
});

describe('the IATI activity file', () => {
	it('emits exactly the codes of the codelists', () => {
		const text = xml();
		expect(attrs(text, 'result', 'type')).toEqual(['3', '2', '1']);
		expect(attrs(text, 'indicator', 'measure')).toEqual(['2', '3', '1']);
		expect(attrs(text, 'indicator', 'ascending')).toEqual(['true', 'false', 'true']);
		expect(attrs(text, 'activity-status', 'code')).toEqual(['4']);
		expect(attrs(text, 'activity-date', 'type')).toEqual(['1', '2', '3', '4']);
		expect(attrs(text, 'participating-org', 'role')).toEqual(['1', '4', '4']);
		expect(attrs(text, 'reporting-org', 'type')).toEqual(['40']);
		expect(attrs(text, 'recipient-country', 'code')).toEqual(['EC']);
		expect(attrs(text, 'sector', 'code')).toEqual([SECTOR.code]);
		expect(attrs(text, 'sector', 'vocabulary')).toEqual(['1']);
		expect(attrs(text, 'policy-marker', 'code')).toEqual([GENDER_POLICY_MARKER.code]);
		expect(attrs(text, 'policy-marker', 'significance')).toEqual(['1']);
		expect(attrs(text, 'category', 'code')).toEqual([EVIDENCE_DOCUMENT_CATEGORY, EVIDENCE_DOCUMENT_CATEGORY]);
		expect(attrs(text, 'dimension', 'value')).toEqual(['female', 'male']);
		expect(attrs(text, 'dimension', 'name')).toEqual(['sex', 'sex']);
	});

	it('writes only FileFormat codes for evidence, whatever kind of file was attached', () => {
		const data = fixture();
		data.values[1] = {
			...data.values[1]!,
			files: [
				{ id: 9, name: 'lista.csv', contentType: 'text/csv; charset=utf-8' },
				{ id: 10, name: 'foto.webp', contentType: 'image/webp' },
				{ id: 11, name: 'acta.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }
			]
		};
		const formats = attrs(iatiActivityXml(data, { fileUrl, now: new Date('2026-11-21T10:00:00Z') }), 'document-link', 'format');
		expect(formats).toEqual([
			'text/html',
			'text/csv',
			'application/octet-stream',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		]);
		for (const format of formats) expect(FILE_FORMATS.has(format!)).toBe(true);
	});

	it('writes the title in both languages, only where a translation exists', () => {
		const text = xml();
		expect(text).toContain('<narrative xml:lang="es">Asistencia técnica</narrative>');
		expect(text).toContain('<narrative xml:lang="en">Technical assistance</narrative>');
		// "Personas capacitadas" has no English title: no English narrative, never a copy marked "(es)".
		expect(text).not.toContain('(es)');
		expect(text).toContain('<narrative xml:lang="en">Cobertura (EN)</narrative>');
	});

	it('writes periods with targets and approved actuals, women and men as a sex dimension, evidence as document links', () => {
		const text = xml();
		expect(text).toMatch(/<target value="20"\/>\s*<actual value="12">/);
		expect(text).toMatch(/<actual value="7">\s*<dimension name="sex" value="female"\/>/);
		expect(text).toMatch(/<actual value="5">\s*<dimension name="sex" value="male"\/>/);
		expect(text).toContain('url="https://example.org/informe.pdf" format="text/html"');
		expect(text).toContain('url="https://avance.example/programmes/demo/files/9" format="application/pdf"');
		expect(text).toMatch(/<baseline year="2018" iso-date="2018-10-01" value="40.5"\/>/);
	});

	it('is valid against the IATI 2.03 schema', async () => {
		expect(await validateIati(xml())).toEqual({ valid: true, errors: [] });
	});

	it('is refused by the validator when required parts are missing (the should-fail example)', async () => {
		const failing = readFileSync('tests/unit/exchange/should-fail-indicator-without-measure.xml', 'utf8');
		const result = await validateIati(failing);
		expect(result.valid).toBe(false);
		expect(result.errors.join('\n')).toMatch(/The attribute 'measure' is required/);
	});

	it('is never built without an IATI identifier and reporting organisation, nor from open values', () => {
		expect(iatiBlocker(programme)).toBeNull();
		expect(iatiBlocker({ ...programme, iatiIdentifier: null })).toBe('missing_identifier');
		expect(iatiBlocker({ ...programme, iatiReportingOrg: '  ' })).toBe('missing_identifier');
		expect(() => iatiActivityXml(fixture({ programme: { ...programme, iatiIdentifier: null } }), { fileUrl })).toThrow(/IATI identifier/);
		expect(() => iatiActivityXml(fixture({ internal: true, includeOpen: true }), { fileUrl })).toThrow(/approved values only/);
	});
});

describe('the codes of the IATI file against the official codelists (vendored beside the schema)', () => {
	const evidence = (contentTypes: string[]) => {
		const data = fixture();
		data.values[1] = { ...data.values[1]!, files: contentTypes.map((contentType, i) => ({ id: 20 + i, name: `f${i}`, contentType })) };
		return iatiActivityXml(data, { fileUrl, now: new Date('2026-11-21T10:00:00Z') });
	};

	it('knows every FileFormat code the export may write', () => {
		const official = codelists().get('FileFormat')!;
		for (const format of FILE_FORMATS) expect(official.has(format), format).toBe(true);
		// WebP is not in the codelist (2.03): a WebP photo goes out as "any bytes", never as image/webp.
		expect(official.has('image/webp')).toBe(false);
		expect(official.has(fileFormat('image/webp'))).toBe(true);
	});

	it('emits only codes of their codelists, every coded attribute read as IATI’s own mapping reads it', () => {
		const check = checkCodelists(
			evidence(['text/csv; charset=utf-8', 'image/webp', 'image/png', 'application/zip', 'application/vnd.oasis.opendocument.text'])
		);
		expect(check.unknown).toEqual([]);
		expect(check.missing).toEqual([]);
		for (const list of [
			'Version',
			'Language',
			'OrganisationType',
			'OrganisationRole',
			'DescriptionType',
			'ActivityStatus',
			'ActivityDateType',
			'Country',
			'SectorVocabulary',
			'Sector',
			'PolicyMarkerVocabulary',
			'PolicyMarker',
			'PolicySignificance',
			'ResultType',
			'IndicatorMeasure',
			'FileFormat',
			'DocumentCategory'
		])
			expect(check.checked, list).toContain(list);
	});

	it('catches a code outside its codelist (the check is not empty)', () => {
		const wrong = xml()
			.replace('format="application/pdf"', 'format="image/webp"')
			.replace(/<result type="3"/, '<result type="7"');
		expect(checkCodelists(wrong).unknown).toEqual(['result/@type=7 (ResultType)', 'document-link/@format=image/webp (FileFormat)']);
	});
});
