import { INDICATOR_STATUSES, type IndicatorStatus, type Locale } from '../../src/lib/model';
import { SNAPSHOT_SCHEMA, type BilingualText, type ReportSnapshot, type SnapshotRecord } from '../../src/lib/reports/snapshot';
import { OUTLINES, type ReportLayout } from '../../src/lib/reports/outline';

// A realistic snapshot for the renderers' tests and the bench, built without a database: N
// indicators over modules of ten, Spanish content with accents and ñ, every third English
// translation missing, citations in the narratives, women/men values, risks, gender actions and
// recommendations with instruments.

export interface FixtureOptions {
	indicators?: number;
	layout?: ReportLayout;
	languages?: Locale[];
}

const bi = (original: string, translation: string | null): BilingualText => ({ original, translation });

export function fixtureSnapshot(options: FixtureOptions = {}): ReportSnapshot {
	const n = options.indicators ?? 12;
	const layout = options.layout ?? 'oecd_dac';
	const records: Record<string, SnapshotRecord> = {};
	const record = (
		key: string,
		kind: SnapshotRecord['kind'],
		id: number,
		label: BilingualText,
		path: string,
		extra: Partial<SnapshotRecord> = {}
	) => {
		records[key] = {
			key,
			kind,
			id,
			label,
			version: 1,
			path,
			approvedBy: null,
			approvedAt: null,
			evidence: [],
			evidenceUrl: null,
			illustrative: false,
			...extra
		};
	};
	const base = '/programmes/patss';
	record(
		'programme:PATSS',
		'programme',
		1,
		bi('PATSS Programa de Apoyo a la Transición del Seguro Social', 'PATSS Social Security Transition Support Programme'),
		base
	);

	const periods = Array.from({ length: 6 }, (_, k) => {
		const year = 2018 + Math.floor(k / 2);
		const half = (k % 2) + 1;
		return {
			id: k + 1,
			label: `${year}-S${half}`,
			start: `${year}-${half === 1 ? '01' : '07'}-01`,
			end: `${year}-${half === 1 ? '06-30' : '12-31'}`
		};
	});
	const moduleCount = Math.max(1, Math.ceil(n / 10));
	const modules = Array.from({ length: moduleCount }, (_, k) => {
		const code = `M${k + 1}`;
		const title = bi(`Módulo ${k + 1}: protección social y niñez`, k % 3 === 2 ? null : `Module ${k + 1}: social protection and childhood`);
		record(
			`module:${code}`,
			'module',
			k + 1,
			bi(`${code} ${title.original}`, title.translation && `${code} ${title.translation}`),
			`${base}/logframe#m${k + 1}`
		);
		return {
			key: `module:${code}`,
			id: k + 1,
			code,
			title,
			objective: bi('Fortalecer la gestión pública del año', 'Strengthen public management')
		};
	});
	const outputs = modules.map((m) => {
		const code = `${m.id}.1`;
		record(`output:${code}`, 'output', m.id, bi(`${code} Diseño técnico`, `${code} Technical design`), `${base}/logframe#o${m.id}`);
		return { key: `output:${code}`, id: m.id, moduleId: m.id, code, title: bi('Diseño técnico', 'Technical design') };
	});

	const statuses: IndicatorStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data', 'not_yet'];
	const indicators = Array.from({ length: n }, (_, k) => {
		const moduleId = (k % moduleCount) + 1;
		const code = `${moduleId}.${Math.floor(k / moduleCount) + 1}`;
		const key = `indicator:${code}`;
		const level = k === 0 ? 'programme' : k % 4 === 1 ? 'module' : 'output';
		const measure = k % 5 === 3 ? 'percentage' : 'number';
		const disaggregated = k % 2 === 0;
		const title = bi(
			`Personas de año ${k + 1} capacitadas en señalización`,
			k % 3 === 0 ? null : `People of year ${k + 1} trained in signage`
		);
		record(
			key,
			'indicator',
			k + 1,
			bi(`${code} ${title.original}`, title.translation && `${code} ${title.translation}`),
			`${base}/indicators/${k + 1}`
		);
		let running = 0;
		const series = periods.map((p, j) => {
			const covered = j < 4;
			const value = covered ? (measure === 'percentage' ? 40 + j * 5 + (k % 7) / 2 : 100 + ((k * 7 + j * 13) % 50)) : null;
			running = measure === 'percentage' ? (value ?? running) : running + (value ?? 0);
			const valueKey = covered ? `value:${code}@${p.label}` : null;
			if (valueKey)
				record(
					valueKey,
					'value',
					1000 + k * 10 + j,
					bi(`${code} @ ${p.label}`, `${code} @ ${p.label}`),
					`${base}/indicators/${k + 1}?period=${p.id}`,
					{
						approvedBy: 'Evaluadora Núñez',
						approvedAt: `2020-0${j + 1}-15T10:00:00.000Z`,
						evidence: j === 0 ? [{ name: 'acta-capacitación.pdf', sha256: 'ab'.repeat(32) }] : [],
						evidenceUrl: j === 1 ? 'https://example.org/evidencia' : null
					}
				);
			return {
				periodId: p.id,
				milestone: j % 2 === 1 ? (measure === 'percentage' ? 40 + j * 6 : 100 * (j + 1)) : null,
				expected: measure === 'percentage' ? 40 + j * 6 : 90 * (j + 1),
				value,
				women: disaggregated && value !== null ? Math.round(value * 0.55) : null,
				men: disaggregated && value !== null ? value - Math.round(value * 0.55) : null,
				actual: covered ? running : null,
				actualWomen: disaggregated && covered ? Math.round(running * 0.55) : null,
				actualMen: disaggregated && covered ? running - Math.round(running * 0.55) : null,
				status: covered ? statuses[(k + j) % statuses.length]! : null,
				text: null,
				narrative: null,
				valueKey
			};
		});
		const judged = series[3]!;
		return {
			key,
			id: k + 1,
			code,
			level,
			moduleId: level === 'output' ? null : level === 'programme' ? null : moduleId,
			outputId: level === 'output' ? moduleId : null,
			title,
			unit: bi('personas', k % 3 === 0 ? null : 'people'),
			measure,
			direction: 'increase',
			aggregation: measure === 'percentage' ? 'latest' : 'cumulative',
			decimals: measure === 'percentage' ? 1 : 0,
			disaggregated,
			isKey: k < 3,
			baseline: measure === 'percentage' ? 20 : 0,
			endTarget: measure === 'percentage' ? 80 : 1000,
			status: statuses[k % statuses.length]!,
			judgedPeriodId: 4,
			actual: judged.actual,
			expected: judged.expected,
			milestone: judged.milestone,
			progress: judged.actual! / judged.expected!,
			achievement: measure === 'percentage' ? (judged.actual! - 20) / 60 : judged.actual! / 1000,
			updateOverduePeriodId: null,
			gap: disaggregated
				? {
						women: judged.actualWomen,
						men: judged.actualMen,
						gap: judged.actualWomen! - judged.actualMen!,
						previousGap: 10,
						trend: 'widens'
					}
				: null,
			sdgTarget: k % 2 ? '1.3' : '',
			frameworkRefs: k % 3 ? ['P&B 2020-21 Resultado 8'] : [],
			periods: series
		} as ReportSnapshot['indicators'][number];
	});

	const activities = outputs.map((o, k) => {
		const code = `${o.code}.1`;
		record(`activity:${code}`, 'activity', k + 1, bi(`${code} Taller de diseño`, null), `${base}/logframe#a${k + 1}`);
		return {
			key: `activity:${code}`,
			id: k + 1,
			outputId: o.id,
			code,
			title: bi('Taller de diseño con la compañía', null),
			status: k % 2 ? ('delayed' as const) : ('completed' as const),
			plannedStart: '2018-02-01',
			plannedEnd: '2018-12-31',
			actualStart: '2018-02-10',
			actualEnd: k % 2 ? null : '2018-12-20',
			progress: k % 2 ? 40 : 100,
			onTime: k % 2 === 0
		};
	});
	record('risk:R1', 'risk', 1, bi('R1 Cambio de autoridades', 'R1 Change of authorities'), `${base}/risks/1`);
	record('risk:S1', 'risk', 2, bi('S1 Voluntad política sostenida', null), `${base}/risks/2`);
	const risks: ReportSnapshot['risks'] = [
		{
			key: 'risk:R1',
			id: 1,
			code: 'R1',
			kind: 'risk',
			title: bi('Cambio de autoridades', 'Change of authorities'),
			description: bi('Rotación en el ministerio', 'Turnover at the ministry'),
			category: 'political',
			likelihood: 4,
			impact: 4,
			score: 16,
			band: 'critical',
			trend: 'rising',
			status: 'materialised',
			mitigation: 'Diálogo',
			checks: [],
			previousScore: 9,
			previousStatus: 'open'
		},
		{
			key: 'risk:S1',
			id: 2,
			code: 'S1',
			kind: 'assumption',
			title: bi('Voluntad política sostenida', null),
			description: bi('El gobierno mantiene la reforma', null),
			category: 'institutional',
			likelihood: 2,
			impact: 3,
			score: 6,
			band: 'medium',
			trend: 'stable',
			status: 'monitoring',
			mitigation: '',
			checks: [
				{ date: '2018-06-30', result: 'holds', note: 'Se mantiene' },
				{ date: '2019-06-30', result: 'partly', note: 'Señales mixtas' }
			],
			previousScore: null,
			previousStatus: null
		}
	];
	record(
		'gender_action:1',
		'gender_action',
		1,
		bi('Formación en género para técnicas', 'Gender training for technicians'),
		`${base}/gender`
	);
	const genderActions: ReportSnapshot['genderActions'] = [
		{
			key: 'gender_action:1',
			id: 1,
			moduleId: 1,
			title: bi('Formación en género para técnicas', 'Gender training for technicians'),
			type: 'capacity_building',
			status: 'completed',
			dueDate: '2019-03-31',
			indicatorKeys: [indicators[0]!.key]
		}
	];
	record('recommendation:R7', 'recommendation', 7, bi('R7 Ampliar la cobertura de pequeñas empresas', null), `${base}/recommendations/7`, {
		evidenceUrl: 'https://example.org/resolución-7'
	});
	const recommendations: ReportSnapshot['recommendations'] = [
		{
			key: 'recommendation:R7',
			id: 7,
			code: 'R7',
			text: bi('Ampliar la cobertura de pequeñas empresas', null),
			addressedTo: 'Ministerio de Trabajo',
			area: 'coverage',
			priority: 'high',
			status: 'adopted',
			instruments: [{ date: '2019-05-02', status: 'adopted', instrument: 'Resolución n.º 12-2019' }],
			keyActions: { total: 3, completed: 2, overdue: 1 },
			moduleIds: [1]
		}
	];
	const zero = Object.fromEntries(INDICATOR_STATUSES.map((s) => [s, 0])) as Record<IndicatorStatus, number>;
	const statusCounts = { ...zero };
	for (const i of indicators) statusCounts[i.status] += 1;
	const statusByModule = modules.map((m) => {
		const counts = { ...zero };
		for (const i of indicators) if ((i.moduleId ?? i.outputId ?? 1) === m.id) counts[i.status] += 1;
		return { moduleId: m.id, counts };
	});
	const first = indicators[0]!;
	const sections = OUTLINES[layout].map((s) => ({
		key: s.key,
		rating: s.rated ? ('satisfactory' as const) : null,
		narrative: {
			es: `El **avance** del año en ${s.key} es *notable* según [[indicator:${first.code}]] y [[value:${first.code}@2019-S2]].\n\n- Señalización en niñez\n- Véase [el informe](https://example.org/informe)`,
			en: `**Progress** in ${s.key} is *notable* per [[indicator:${first.code}]] and [[value:${first.code}@2019-S2]].\n\n1. Signage\n2. See [the report](https://example.org/report)`
		},
		justification: { es: s.rated ? 'Justificación con ñandú y acción.' : null, en: s.rated ? 'Justification of the rating.' : null }
	}));
	return {
		schema: SNAPSHOT_SCHEMA,
		report: {
			id: 1,
			title: { es: 'Informe de progreso de medio término del año', en: 'Mid-term progress report' },
			layout,
			languages: options.languages ?? ['es', 'en'],
			periods: periods.slice(0, 4),
			windowStart: '2018-01-01',
			cutOff: '2019-12-31',
			issueNumber: 1,
			supersedes: null,
			correctionReason: null,
			previousHash: null,
			issuedAt: '2020-02-01T09:30:00.000Z',
			issuedBy: 'Evaluadora Núñez',
			origin: 'https://avance.example.org'
		},
		programme: {
			key: 'programme:PATSS',
			id: 1,
			slug: 'patss',
			code: 'PATSS',
			shortName: 'PATSS',
			title: bi('Programa de Apoyo a la Transición del Seguro Social', 'Social Security Transition Support Programme'),
			summary: bi('Apoyo técnico a la compañía de seguridad social', null),
			contentLanguage: 'es',
			country: 'Perú',
			partners: 'Ministerio de Trabajo; Compañía de Seguros',
			donor: 'España',
			fundingModality: 'direct_trust_fund',
			budget: { amount: 1_250_000, currency: 'USD' },
			startDate: '2018-01-01',
			endDate: '2020-12-31',
			effectiveEndDate: '2021-06-30',
			status: 'active',
			sdgTargets: ['1.3', '8.5'],
			genderMarker: 1,
			timeElapsed: 0.57
		},
		allPeriods: periods,
		modules,
		outputs,
		indicators,
		activities,
		risks,
		genderActions,
		recommendations,
		figures: {
			statusCounts,
			statusByModule,
			activities: {
				total: activities.length,
				completed: activities.filter((a) => a.status === 'completed').length,
				onTime: activities.filter((a) => a.onTime).length,
				delayed: activities.filter((a) => !a.onTime).length
			},
			adoption: {
				rate: 0.5,
				addressedRate: 0.75,
				counts: {
					proposed: 0,
					under_review: 0,
					accepted_in_principle: 0,
					partially_adopted: 0,
					adopted: 1,
					implemented: 0,
					rejected: 0,
					no_longer_applicable: 0
				}
			},
			keyActions: { total: 3, completed: 2, overdue: 1 },
			openHighRisks: 1,
			genderActions: { planned: 0, ongoing: 0, completed: 1, cancelled: 0 }
		},
		sections,
		records,
		changes: { since: null, items: [] }
	};
}
