import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type DocBlock } from '$lib/reports/document';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Locale, Programme } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import { loadFinance, type FinanceView } from '$lib/server/finance/finance-read';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { issueReport } from '$lib/server/reports/jobs';
import { renderDocx } from '$lib/server/reports/render/docx';
import { renderPdf } from '$lib/server/reports/render/pdf';
import { actions, load } from '../../../src/routes/programmes/[slug]/finance/+page.server';
import { loadAs, postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

// The original budget beside the revised one (issue 20): a coordinator revises a line, an
// evaluator issues a report whose cut-off follows the revision; the frozen snapshot carries the
// programme's, each module's and each output's original and revised budget and the revisions in
// force, equal to the finance read model as a donor reads it at the cut-off; the report's
// financial summary (the composed document, the PDF and the DOCX) prints both, with the delivery
// rate against the revised budget; the Finance tab's header gives the same two totals.

const COORD = 'coord.patss@avance.test';
const SHA = 'e5'.repeat(32);
const publicViewer = { id: 0, internal: false, canReview: false };
const dir = mkdtempSync(join(tmpdir(), 'avance-finance-revised-'));
let db: Db;
let patss: Programme;
let snapshot: ReportSnapshot;
let view: FinanceView;
let effectiveOn: string;
const text: Partial<Record<Locale, { pdf: string; docx: string }>> = {};
const flat = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(dir, 'uploads-'));
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	const evaluator = await db
		.selectFrom('user')
		.select(['id', 'name'])
		.where('email', '=', 'evaluator@avance.test')
		.executeTakeFirstOrThrow();
	const periods = await db
		.selectFrom('reporting_period')
		.select(['id', 'label', 'start_date', 'end_date', 'locked'])
		.where('programme_id', '=', patss.id)
		.orderBy('start_date')
		.execute();
	const open = periods.filter((p) => !p.locked);
	const [p1, p2] = [open.at(-2)!, open.at(-1)!];
	effectiveOn = p1.start_date;
	// A line allocated to a module, revised upward from the first open period on.
	const line = await db
		.selectFrom('budget_line')
		.innerJoin('budget_allocation', 'budget_allocation.budget_line_id', 'budget_line.id')
		.select(['budget_line.id', 'budget_line.version', 'budget_line.amount_minor'])
		.where('budget_line.programme_id', '=', patss.id)
		.orderBy('budget_line.id')
		.executeTakeFirstOrThrow();
	const revisedMajor = Number(line.amount_minor) / 100 + 25_000;
	const r = await postAs(db, actions.reviseLine as never, COORD, {
		params: { slug: 'patss' },
		form: {
			_form: `revise-${line.id}`,
			lineId: String(line.id),
			version: String(line.version),
			effectiveOn,
			amount: String(revisedMajor),
			reason: 'Adenda 3: ampliación del componente actuarial'
		}
	});
	expect(r).toMatchObject({ kind: 'redirect', status: 303 });

	const id = await writtenReport(db, evaluator, patss, [p1.id, p2.id]);
	const version = (await db.selectFrom('report').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
	await issueReport(db, evaluator, patss, id, version, fakeRenderers, { origin: 'https://avance.example.org' });
	const row = await db.selectFrom('report_issue').select('snapshot').where('report_id', '=', id).executeTakeFirstOrThrow();
	snapshot = JSON.parse(row.snapshot) as ReportSnapshot;
	view = await loadFinance(db, patss, publicViewer, { cutOff: snapshot.report.cutOff });
	for (const lang of ['es', 'en'] as const) {
		const pdf = join(dir, `report-${lang}.pdf`);
		const docx = join(dir, `report-${lang}.docx`);
		writeFileSync(pdf, await renderPdf(snapshot, lang, { sha256: SHA }));
		writeFileSync(docx, await renderDocx(snapshot, lang, { sha256: SHA }));
		text[lang] = {
			pdf: flat(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })),
			docx: flat(
				execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).replace(/<[^>]+>/g, '')
			)
		};
	}
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a report issued after a budget revision', () => {
	it('freezes the original and the revised budget, equal to the finance read model at the cut-off', () => {
		const f = snapshot.finance!;
		expect(view.revised).toBe(true);
		expect(f.programme.originalBudgetMinor).toBe(view.originalBudgetMinor);
		expect(f.programme.budgetMinor).toBe(view.programme.budgetMinor);
		expect(f.programme.budgetMinor - f.programme.originalBudgetMinor!).toBe(2_500_000);
		expect(f.programme.deliveryRate).toBe(view.programme.deliveryRate);
		expect(f.revisions).toEqual({ count: view.revisionsInForce.count, lastOn: effectiveOn });
		expect(f.revisions!.count).toBeGreaterThanOrEqual(1);
		for (const m of f.modules) {
			const vm = view.modules.find((x) => x.id === m.moduleId)!;
			expect([m.originalBudgetMinor, m.budgetMinor]).toEqual([vm.originalBudgetMinor, vm.figures.budgetMinor]);
			for (const o of m.outputs) {
				const vo = vm.outputs.find((x) => x.id === o.outputId)!;
				expect([o.originalBudgetMinor, o.budgetMinor]).toEqual([vo.originalBudgetMinor, vo.figures.budgetMinor]);
			}
		}
		// The revised line's module carries the difference; the sums of the modules stay within the programme's.
		expect(f.modules.some((m) => m.budgetMinor !== m.originalBudgetMinor)).toBe(true);
	});

	it.each(['es', 'en'] as const)('prints both figures and the revisions in the %s financial summary, PDF and DOCX', (lang) => {
		const f = snapshot.finance!;
		const i18n = createI18n(() => lang);
		const doc = composeReport(snapshot, lang);
		const blocks: DocBlock[] = doc.sections.flatMap((s) =>
			s.evidence.filter((e) => e.key === 'financial_summary').flatMap((e) => e.blocks)
		);
		const facts = blocks.find((b) => b.type === 'facts');
		if (facts?.type !== 'facts') throw new Error('no financial summary facts');
		const fact = (label: string) => facts.items.find((x) => x.label === label);
		const original = i18n.money(f.programme.originalBudgetMinor!, f.currency);
		const revised = i18n.money(f.programme.budgetMinor, f.currency);
		expect(inlineText(fact(i18n.t('finance.originalBudget'))!.value)).toBe(original);
		const revisedText = inlineText(fact(i18n.t('finance.revisedBudget'))!.value);
		expect(revisedText).toContain(revised);
		expect(revisedText).toContain(i18n.t('finance.revisionsSummary', { count: f.revisions!.count, date: i18n.date(effectiveOn) }));
		expect(inlineText(fact(i18n.t('finance.deliveryAgainstRevised'))!.value)).toBe(i18n.percent(f.programme.deliveryRate));
		// The table by outcome and output has both columns.
		const table = blocks.find((b) => b.type === 'table');
		if (table?.type !== 'table') throw new Error('no financial summary table');
		expect(table.table.columns.slice(1, 3).map((c) => c.label)).toEqual([
			i18n.t('finance.originalBudget'),
			i18n.t('finance.revisedBudget')
		]);
		for (const file of ['pdf', 'docx'] as const) {
			const printed = text[lang]![file];
			for (const words of [
				flat(i18n.t('finance.originalBudget')),
				flat(original),
				flat(revised),
				flat(i18n.t('finance.revisionsSummary', { count: f.revisions!.count, date: i18n.date(effectiveOn) }))
			])
				expect(printed, `${file}: ${words}`).toContain(words);
		}
	});

	it('shows the programme’s original and revised totals on the Finance tab’s header', async () => {
		const page = await loadAs<{ finance: FinanceView }>(db, load as never, COORD, {
			params: { slug: 'patss' },
			url: 'http://localhost/programmes/patss/finance'
		});
		if (page.kind !== 'value') throw new Error('expected the page');
		const today = page.value.finance;
		expect(today.revised).toBe(true);
		expect(today.programme.budgetMinor - today.originalBudgetMinor).toBe(2_500_000);
		expect(today.originalBudgetMinor).toBe(snapshot.finance!.programme.originalBudgetMinor);
		expect(today.revisionsInForce.lastOn).toBe(effectiveOn);
	});
});
