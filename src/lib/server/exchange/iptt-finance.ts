import { spendRates, type FinanceFigures } from '$lib/finance-rules';
import type { I18n } from '$lib/i18n/context';
import { shownText, type ExportData } from './export-data';
import { asPercent, PERCENT_FORMAT, type Cell, type Column, type IndicatorRow, type SheetLayout } from './iptt-layout';

// The IPTT workbook's finance sheet (issue 20 item 4): every budget line with its budget, its
// planned and spent amount per period, and the rules' figures to date; then the programme, each
// module and each output with budget, planned, spent, delivery, burn against plan, results progress
// and the "spending ahead of results" flag. Every figure is the finance read model's (the Finance
// tab's), for the same viewer: a donor's file counts ended periods only. Row keys are typed as on
// the other sheets (`budget_line:4`, `module:3`, `output:7`, `programme`), amounts are numbers in
// the programme's currency, rates percentages.

const MONEY_FORMAT = '#,##0.00';
const money = (minor: number | null): Cell => ({ value: minor === null ? null : minor / 100, numFmt: MONEY_FORMAT });
const rate = (r: number | null): Cell => ({ value: asPercent(r), numFmt: PERCENT_FORMAT });

export function financeLayout(data: ExportData, i18n: I18n): SheetLayout | null {
	const finance = data.finance;
	if (!finance || finance.view.lines.length === 0) return null;
	const f = finance.view;
	const periods = f.periods.filter((p) => f.countedPeriodIds.includes(p.id));
	const currency = f.currency;
	const columns: Column[] = [
		{ key: 'record', header: i18n.t('export.col.recordKey'), width: 6, hidden: true },
		{ key: 'code', header: i18n.t('finance.code'), width: 10 },
		{ key: 'title', header: i18n.t('finance.lineTitle'), width: 40 },
		{ key: 'category', header: i18n.t('finance.iptt.kind'), width: 22 },
		{ key: 'budget', header: `${i18n.t('finance.budget')} (${currency})`, width: 14 },
		...periods.flatMap((p) => [
			{ key: `p${p.id}.planned`, header: i18n.t('finance.iptt.periodPlanned', { period: p.label }), width: 13 },
			{ key: `p${p.id}.spent`, header: i18n.t('finance.iptt.periodSpent', { period: p.label }), width: 13 }
		]),
		{ key: 'planned', header: `${i18n.t('finance.planned')} (${currency})`, width: 14 },
		{ key: 'spent', header: `${i18n.t('finance.spent')} (${currency})`, width: 14 },
		{ key: 'delivery', header: `${i18n.t('finance.deliveryRate')} (%)`, width: 11 },
		{ key: 'burn', header: `${i18n.t('finance.burnRate')} (%)`, width: 11 },
		{ key: 'results', header: `${i18n.t('finance.resultsProgress')} (%)`, width: 11 },
		{ key: 'ahead', header: i18n.t('finance.ahead'), width: 14 }
	];
	const blankPeriods = (): Cell[] => periods.flatMap(() => [{ value: null }, { value: null }]);
	const figureCells = (x: FinanceFigures): Cell[] => [
		money(x.plannedMinor),
		money(x.spentMinor),
		rate(x.deliveryRate),
		rate(x.burnRate),
		rate(x.resultsProgress),
		x.spendingAhead ? { value: `▲ ${i18n.t('export.yes')}`, tone: 'bad' } : { value: i18n.t('export.no') }
	];
	const rows: IndicatorRow[] = f.lines.map((line) => {
		const title = finance.lineTitle[line.id]?.[i18n.locale];
		const { deliveryRate, burnRate } = spendRates({ budget: line.amountMinor, planned: line.plannedMinor, spent: line.spentMinor });
		return {
			kind: 'indicator',
			cells: [
				{ value: `budget_line:${line.id}` },
				{ value: line.code },
				{ value: title ? shownText(title) : line.title },
				{ value: i18n.td(`finance.category.${line.category}`) },
				money(line.amountMinor),
				...periods.flatMap((p) => {
					const cell = f.cells[line.id]?.[p.id];
					const spent = cell ? (cell.entered?.amountMinor ?? 0) + cell.importedMinor : null;
					return [money(line.plannedByPeriod[p.id] ?? null), money(spent)];
				}),
				money(line.plannedMinor),
				money(line.spentMinor),
				rate(deliveryRate),
				rate(burnRate),
				{ value: null },
				{ value: null }
			]
		};
	});
	const group = (key: string, code: string, title: string, kind: string, x: FinanceFigures, perPeriod = blankPeriods()): IndicatorRow => ({
		kind: 'indicator',
		cells: [{ value: key }, { value: code }, { value: title }, { value: kind }, money(x.budgetMinor), ...perPeriod, ...figureCells(x)]
	});
	// The programme's plan and spending per period are its lines' (the rows above), summed; a
	// module's or output's would need the shares per period, which the rules do not split, so blank.
	const programmePeriods = periods.flatMap((p) => {
		let planned = 0;
		let spent: number | null = null;
		for (const line of f.lines) {
			planned += line.plannedByPeriod[p.id] ?? 0;
			const cell = f.cells[line.id]?.[p.id];
			if (cell) spent = (spent ?? 0) + (cell.entered?.amountMinor ?? 0) + cell.importedMinor;
		}
		return [money(planned), money(spent)];
	});
	rows.push(
		group(
			'programme',
			data.programme.code,
			shownText(data.programmeText[i18n.locale].title),
			i18n.td('level.programme'),
			f.programme,
			programmePeriods
		)
	);
	// The donor's planned disbursements (the Finance tab's list, published in IATI) in each period's
	// planned column: what the donor plans to pay, beside what the lines plan to spend.
	if (f.plannedDisbursements.length) {
		const disbursed = new Map<number, number>();
		for (const d of f.plannedDisbursements) disbursed.set(d.periodId, (disbursed.get(d.periodId) ?? 0) + d.amountMinor);
		rows.push({
			kind: 'indicator',
			cells: [
				{ value: 'planned_disbursements' },
				{ value: null },
				{ value: i18n.t('finance.disbursements') },
				{ value: null },
				{ value: null },
				...periods.flatMap((p) => [money(disbursed.get(p.id) ?? null), { value: null }])
			]
		});
	}
	const titleOf = new Map(data.groups.map((g) => [`${g.level}:${g.id}`, shownText(g.title[i18n.locale])]));
	for (const m of f.modules) {
		rows.push(group(`module:${m.id}`, m.code, titleOf.get(`module:${m.id}`) ?? m.title, i18n.td('level.module'), m.figures));
		for (const o of m.outputs)
			rows.push(group(`output:${o.id}`, o.code, titleOf.get(`output:${o.id}`) ?? o.title, i18n.td('level.output'), o.figures));
	}
	if (f.illustrative)
		rows.push({ kind: 'indicator', cells: [{ value: 'note' }, { value: null }, { value: i18n.t('finance.illustrative') }] });
	return { name: i18n.t('finance.iptt.sheet'), columns, rows };
}
