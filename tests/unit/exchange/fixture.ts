import type { Assessment } from '$lib/indicator-status';
import type { Indicator, Programme, ReportingPeriod } from '$lib/model';
import type { ExportData, ExportIndicator, ExportPeriodCell } from '$lib/server/exchange/export-data';

// A small export, built by hand: one programme-level indicator, one module with an indicator and
// one output with a sex-disaggregated head count and a yes/no milestone, over two periods.

export const programme: Programme = {
	id: 1,
	slug: 'demo',
	code: 'ECU/18/01/IES',
	shortName: 'Demo',
	title: 'Asistencia técnica',
	country: 'Ecuador',
	partners: 'IESS',
	donor: 'IESS (fondo fiduciario directo)',
	fundingModality: 'direct_trust_fund',
	budgetCents: null,
	currency: 'USD',
	startDate: '2018-10-01',
	endDate: '2022-03-31',
	revisedEndDate: null,
	effectiveEndDate: '2022-03-31',
	status: 'closed',
	summary: 'Resumen del programa.',
	sdgTargets: [],
	genderMarker: 1,
	iatiIdentifier: 'XM-DAC-41302-ECU-18-01-IES',
	iatiReportingOrg: 'XM-DAC-41302',
	contentLanguage: 'es',
	version: 1
};

export const periods: ReportingPeriod[] = [
	{ id: 11, programmeId: 1, label: '2019-S1', startDate: '2019-01-01', endDate: '2019-06-30', locked: true, version: 1 },
	{ id: 12, programmeId: 1, label: '2019-S2', startDate: '2019-07-01', endDate: '2019-12-31', locked: false, version: 1 }
];

function indicator(over: Partial<Indicator>): Indicator {
	return {
		id: 0,
		programmeId: 1,
		moduleId: null,
		outputId: null,
		level: 'programme',
		code: '',
		title: '',
		definition: '',
		unit: '',
		measure: 'number',
		direction: 'increase',
		aggregation: 'per_period',
		baselineValue: 0,
		baselineDate: '2018-10-01',
		baselineNote: '',
		targetValue: 100,
		meansOfVerification: 'Registros del IESS',
		frequency: 'semiannual',
		responsible: '',
		disaggregatedBySex: false,
		sdgTarget: '',
		iloOutcome: '',
		euLogframeCode: '',
		decimals: 0,
		isKey: false,
		sortOrder: 0,
		source: 'manual',
		version: 1,
		...over
	};
}

function assessment(status: Assessment['status'], over: Partial<Assessment> = {}): Assessment {
	return {
		status,
		periodId: 12,
		actual: null,
		expected: null,
		progress: null,
		achievement: null,
		updateOverdue: null,
		latestValue: null,
		latestActual: null,
		latestPeriodId: null,
		periods: [],
		...over
	};
}

const cell = (periodId: number, over: Partial<ExportPeriodCell> = {}): ExportPeriodCell => ({
	periodId,
	target: null,
	hasValue: false,
	actual: null,
	value: null,
	progress: null,
	women: null,
	men: null,
	status: null,
	approvedValueId: null,
	open: null,
	...over
});

const text = (title: string, fallback = false) => ({
	es: {
		title: { text: title, lang: 'es' as const, fallback: false },
		definition: { text: '', lang: 'es' as const, fallback: false },
		unit: { text: 'personas', lang: 'es' as const, fallback: false }
	},
	en: {
		title: { text: fallback ? title : `${title} (EN)`, lang: fallback ? ('es' as const) : ('en' as const), fallback },
		definition: { text: '', lang: 'es' as const, fallback: false },
		unit: { text: 'people', lang: 'en' as const, fallback: false }
	}
});

export const impact: ExportIndicator = {
	indicator: indicator({
		id: 1,
		code: 'IMP-1',
		title: 'Cobertura',
		measure: 'percentage',
		decimals: 1,
		baselineValue: 40.5,
		targetValue: 60
	}),
	text: text('Cobertura'),
	assessment: assessment('on_track', { achievement: 0.9 }),
	forecast: { kind: 'none', reason: 'too_few_values', basedOn: 0 },
	periods: [
		cell(11, { target: 45, hasValue: true, actual: 46.25, value: 46.25, progress: 1.1, status: 'on_track', approvedValueId: 101 }),
		cell(12)
	]
};

export const trained: ExportIndicator = {
	indicator: indicator({
		id: 2,
		code: '1.1-1',
		title: 'Personas capacitadas',
		level: 'output',
		moduleId: 5,
		outputId: 7,
		disaggregatedBySex: true,
		aggregation: 'cumulative',
		direction: 'increase'
	}),
	text: text('Personas capacitadas', true),
	assessment: assessment('at_risk', { updateOverdue: { periodId: 12 } }),
	forecast: { kind: 'none', reason: 'too_few_values', basedOn: 0 },
	periods: [
		cell(11, {
			target: 20,
			hasValue: true,
			actual: 12,
			value: 12,
			progress: 0.6,
			women: 7,
			men: 5,
			status: 'at_risk',
			approvedValueId: 102
		}),
		cell(12, { target: 40 })
	]
};

export const law: ExportIndicator = {
	indicator: indicator({
		id: 3,
		code: 'M1-1',
		title: 'Ley aprobada',
		level: 'module',
		moduleId: 5,
		measure: 'milestone',
		baselineValue: null,
		targetValue: 1,
		direction: 'decrease'
	}),
	text: text('Ley aprobada'),
	assessment: assessment('not_yet'),
	forecast: { kind: 'none', reason: 'too_few_values', basedOn: 0 },
	periods: [cell(11), cell(12, { target: 1 })]
};

export function fixture(over: Partial<ExportData> = {}): ExportData {
	const loc = (t: string) => ({
		es: { text: t, lang: 'es' as const, fallback: false },
		en: { text: t, lang: 'es' as const, fallback: true }
	});
	return {
		programme,
		programmeText: {
			es: {
				title: { text: programme.title, lang: 'es', fallback: false },
				summary: { text: programme.summary, lang: 'es', fallback: false }
			},
			en: {
				title: { text: 'Technical assistance', lang: 'en', fallback: false },
				summary: { text: programme.summary, lang: 'es', fallback: true }
			}
		},
		asOf: '2026-11-21',
		includeOpen: false,
		internal: false,
		periods,
		groups: [
			{ level: 'programme', id: null, code: programme.code, title: loc(programme.title), indicators: [impact] },
			{ level: 'module', id: 5, code: 'M1', title: loc('Módulo uno'), indicators: [law] },
			{ level: 'output', id: 7, code: '1.1', title: loc('Producto uno'), indicators: [trained] },
			{ level: 'output', id: 8, code: '1.2', title: loc('Producto sin indicadores'), indicators: [] }
		],
		values: [
			{
				id: 101,
				indicatorId: 1,
				periodId: 11,
				state: 'approved',
				value: 46.25,
				narrative: '=HYPERLINK("x")',
				evidenceUrl: 'https://example.org/informe.pdf',
				files: []
			},
			{
				id: 102,
				indicatorId: 2,
				periodId: 11,
				state: 'approved',
				value: 12,
				narrative: 'Dos cohortes.',
				evidenceUrl: null,
				files: [{ id: 9, name: 'lista.pdf', contentType: 'application/pdf' }]
			}
		],
		changes: [
			{
				id: 1,
				at: '2021-03-02T10:00:00.000Z',
				userName: 'Carlos',
				entity: 'indicator',
				entityId: '2',
				indicatorCode: '1.1-1',
				periodLabel: null,
				action: 'update',
				before: { baselineValue: 10 },
				after: { baselineValue: 12 },
				reason: 'Corrección del registro'
			},
			{
				id: 2,
				at: '2021-03-03T10:00:00.000Z',
				userName: null,
				entity: 'indicator_value',
				entityId: '102',
				indicatorCode: '1.1-1',
				periodLabel: '2019-S1',
				action: 'approve',
				before: { status: 'submitted' },
				after: { status: 'approved' },
				reason: null
			}
		],
		...over
	};
}
