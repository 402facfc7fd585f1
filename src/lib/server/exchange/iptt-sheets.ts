import { auditLabel } from '$lib/i18n/audit-labels';
import type { I18n } from '$lib/i18n/context';
import type { ExportChange } from './export-changes';
import { exportIndicators, shownText, type ExportData } from './export-data';
import { recordKey, type Column, type IndicatorRow, type SheetLayout } from './iptt-layout';

// The workbook's other sheets, as plain data like the IPTT sheet: sources (reference sheets),
// notes (narratives and evidence), the change log in words, and "about".

/** The reference sheet of every indicator: definition, sources of data, references. */
export function sourcesLayout(data: ExportData, i18n: I18n): SheetLayout {
	const L = i18n.locale;
	const columns: Column[] = [
		{ key: 'record', header: i18n.t('export.col.recordKey'), width: 6, hidden: true },
		{ key: 'code', header: i18n.t('export.col.code'), width: 9 },
		{ key: 'indicator', header: i18n.t('export.col.indicator'), width: 40 },
		{ key: 'definition', header: i18n.t('export.col.definition'), width: 50 },
		{ key: 'measure', header: i18n.t('export.col.measure'), width: 14 },
		{ key: 'means', header: i18n.t('export.col.means'), width: 40 },
		{ key: 'frequency', header: i18n.t('export.col.frequency'), width: 14 },
		{ key: 'responsible', header: i18n.t('export.col.responsible'), width: 20 },
		{ key: 'baseline_date', header: i18n.t('export.col.baselineDate'), width: 12 },
		{ key: 'baseline_note', header: i18n.t('export.col.baselineNote'), width: 30 },
		{ key: 'sdg', header: i18n.t('export.col.sdg'), width: 10 },
		{ key: 'ilo', header: i18n.t('export.col.ilo'), width: 12 },
		{ key: 'eu', header: i18n.t('export.col.eu'), width: 12 },
		{ key: 'decimals', header: i18n.t('export.col.decimals'), width: 9 }
	];
	const rows: IndicatorRow[] = exportIndicators(data).map(({ indicator, text }) => ({
		kind: 'indicator',
		cells: [
			{ value: recordKey('indicator', indicator.id) },
			{ value: indicator.code },
			{ value: shownText(text[L].title) },
			{ value: shownText(text[L].definition) || null },
			{ value: i18n.td(`measure.${indicator.measure}`) },
			{ value: indicator.meansOfVerification || null },
			{ value: i18n.td(`frequency.${indicator.frequency}`) },
			{ value: indicator.responsible || null },
			{ value: indicator.baselineDate },
			{ value: indicator.baselineNote || null },
			{ value: indicator.sdgTarget || null },
			{ value: indicator.iloOutcome || null },
			{ value: indicator.euLogframeCode || null },
			{ value: indicator.decimals }
		]
	}));
	return { name: i18n.t('export.sheet.sources'), columns, rows };
}

/** Each value's narrative and evidence, by indicator and period. */
export function notesLayout(data: ExportData, i18n: I18n, fileUrl: (fileId: number) => string): SheetLayout {
	const columns: Column[] = [
		{ key: 'record', header: i18n.t('export.col.recordKey'), width: 6, hidden: true },
		{ key: 'code', header: i18n.t('export.col.code'), width: 9 },
		{ key: 'period', header: i18n.t('export.col.period'), width: 10 },
		{ key: 'state', header: i18n.t('export.col.valueState'), width: 12 },
		{ key: 'narrative', header: i18n.t('export.col.narrative'), width: 60 },
		{ key: 'evidence_url', header: i18n.t('export.col.evidenceUrl'), width: 40 },
		{ key: 'evidence_files', header: i18n.t('export.col.evidenceFiles'), width: 40 }
	];
	const codeOf = new Map(exportIndicators(data).map((i) => [i.indicator.id, i.indicator.code]));
	const order = new Map(exportIndicators(data).map((i, n) => [i.indicator.id, n]));
	const periodOrder = new Map(data.periods.map((p, n) => [p.id, n]));
	const labelOf = new Map(data.periods.map((p) => [p.id, p.label]));
	const rows: IndicatorRow[] = data.values
		.filter((v) => v.narrative.trim() !== '' || v.evidenceUrl || v.files.length > 0)
		.sort((a, b) => order.get(a.indicatorId)! - order.get(b.indicatorId)! || periodOrder.get(a.periodId)! - periodOrder.get(b.periodId)!)
		.map((v) => ({
			kind: 'indicator',
			cells: [
				{ value: recordKey('value', v.id) },
				{ value: codeOf.get(v.indicatorId) ?? null },
				{ value: labelOf.get(v.periodId) ?? null },
				{ value: i18n.td(`valueState.${v.state}`), ...(v.state !== 'approved' ? { open: true } : {}) },
				{ value: v.narrative || null },
				{ value: v.evidenceUrl },
				{ value: v.files.map((f) => `${f.name} <${fileUrl(f.id)}>`).join('\n') || null }
			]
		}));
	return { name: i18n.t('export.sheet.notes'), columns, rows };
}

/** A before/after value in words: a state or yes/no as words, lists and objects flattened. */
function readable(i18n: I18n, field: string, value: unknown): string {
	if (value === null || value === undefined || value === '') return '—';
	if (field === 'status' && typeof value === 'string' && `valueState.${value}` !== i18n.td(`valueState.${value}`))
		return i18n.td(`valueState.${value}`);
	if (typeof value === 'boolean') return value ? i18n.t('export.yes') : i18n.t('export.no');
	if (typeof value === 'number') return i18n.number(value, 10);
	if (Array.isArray(value)) return value.map((v) => readable(i18n, field, v)).join(', ');
	if (typeof value === 'object')
		return Object.entries(value as Record<string, unknown>)
			.map(([k, v]) => `${auditLabel(i18n, 'field', k)} ${readable(i18n, k, v)}`)
			.join('; ');
	return String(value);
}

/** "Baseline: 10 → 12; Status: Draft → Submitted", never JSON. */
export function describeChange(i18n: I18n, change: Pick<ExportChange, 'before' | 'after'>): string {
	const fields = [...new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})])].filter((f) => f !== 'impact');
	return fields
		.map((f) => `${auditLabel(i18n, 'field', f)}: ${readable(i18n, f, change.before?.[f])} → ${readable(i18n, f, change.after?.[f])}`)
		.join('; ');
}

/** The change log from the audit trail, oldest first, in readable words. */
export function changesLayout(data: ExportData, i18n: I18n): SheetLayout {
	const columns: Column[] = [
		{ key: 'record', header: i18n.t('export.col.recordKey'), width: 6, hidden: true },
		{ key: 'when', header: i18n.t('export.col.when'), width: 18 },
		{ key: 'who', header: i18n.t('export.col.who'), width: 20 },
		{ key: 'record', header: i18n.t('export.col.record'), width: 28 },
		{ key: 'action', header: i18n.t('export.col.action'), width: 18 },
		{ key: 'changes', header: i18n.t('export.col.changes'), width: 60 },
		{ key: 'reason', header: i18n.t('export.col.reason'), width: 40 }
	];
	const rows: IndicatorRow[] = data.changes.map((c) => ({
		kind: 'indicator',
		cells: [
			{ value: recordKey('change', c.id) },
			{ value: i18n.dateTime(c.at) },
			{ value: c.userName ?? i18n.t('export.system') },
			{ value: [auditLabel(i18n, 'entity', c.entity), c.indicatorCode, c.periodLabel].filter(Boolean).join(' · ') },
			{ value: auditLabel(i18n, 'action', c.action) },
			{ value: describeChange(i18n, c) || null },
			{ value: c.reason }
		]
	}));
	return { name: i18n.t('export.sheet.changes'), columns, rows };
}

/** The "about" sheet: programme, date, what the file holds and the hash of its data. */
export function aboutRows(data: ExportData, i18n: I18n, meta: { hash: string; generatedAt: string }): [string, string][] {
	const L = i18n.locale;
	return [
		[i18n.t('export.about.programme'), shownText(data.programmeText[L].title)],
		[i18n.t('export.about.code'), data.programme.code],
		[i18n.t('export.about.asOf'), data.asOf],
		[i18n.t('export.about.generatedAt'), meta.generatedAt],
		[i18n.t('export.about.language'), L],
		[i18n.t('export.about.content'), data.includeOpen ? i18n.t('export.about.withOpen') : i18n.t('export.about.approvedOnly')],
		[i18n.t('export.about.hash'), meta.hash],
		['', i18n.t('export.about.hashNote')],
		['', i18n.t('export.about.statusNote')],
		['', i18n.t('export.about.fallback')],
		...(data.internal ? [] : ([['', i18n.t('export.about.changesForDonors')]] as [string, string][]))
	];
}
