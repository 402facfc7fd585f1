import {
	AlignmentType,
	Document,
	HeadingLevel,
	Packer,
	PageOrientation,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import ExcelJS from 'exceljs';
import { localize, titleIn } from '$lib/content-language';
import type { Locale, Programme } from '$lib/model';
import { reasonText } from '$lib/evaluation/sufficiency-text';
import { formatDate } from '$lib/i18n/format';
import { translateDynamic } from '$lib/i18n/translate';
import type { MatrixQuestion } from './matrix-read';
import type { MatrixReport } from './matrix';

// The evaluation matrix as the inception report's annex (issue 24), in XLSX and DOCX: one row per
// question, criteria in the matrix's order, with the evidence sufficiency and its reasons in words
// as computed when the file is made. Both files are built from the same rows. The question, its
// judgement criteria and its sources are in the reader's language where translated, else the
// original followed by its language in brackets ("(es)"), as on the screens.

const COLUMNS = [
	'evaluation.field.criterion',
	'evaluation.matrix.question',
	'evaluation.matrix.judgement',
	'evaluation.matrix.indicators',
	'evaluation.matrix.recommendations',
	'evaluation.matrix.sources',
	'evaluation.matrix.methods',
	'evaluation.matrix.sufficiency'
] as const;

/** The annex's rows as text, in the reader's language. */
export function annexRows(
	questions: readonly MatrixQuestion[],
	locale: Locale,
	contentLanguage: Locale
): { header: string[]; rows: string[][] } {
	const t = (key: string, params?: Record<string, string | number>) => translateDynamic(locale, key, params);
	const text = (q: MatrixQuestion, field: 'question' | 'judgementCriteria' | 'sources') => {
		const shown = localize(q[field], contentLanguage, locale, q.translations[field] ?? undefined);
		return shown.fallback ? `${shown.text} (${shown.lang})` : shown.text;
	};
	return {
		header: COLUMNS.map((c) => t(c)),
		rows: questions.map((q) => [
			t(`evaluation.criterion.${q.criterion}`),
			text(q, 'question'),
			text(q, 'judgementCriteria'),
			q.indicators.map((i) => `${i.code} ${i.title}`).join('\n'),
			q.recommendations.map((r) => r.code).join(', '),
			text(q, 'sources'),
			q.methods.map((m) => t(`evaluation.method.${m}`)).join(', '),
			[t(`evaluation.sufficiency.${q.sufficiency.level}`), ...q.sufficiency.reasons.map((r) => reasonText(locale, r))].join('\n')
		])
	};
}

/** The report the annex belongs to: its window and its title in both languages. */
export type AnnexReport = MatrixReport & { title: Record<Locale, string> };

/**
 * The annex's heading and window line, as the matrix page writes them: the report's title in the
 * reader's language and the programme once (its code, and its short name only when it differs),
 * dates in the locale's format.
 */
export function annexHeading(programme: Programme, report: AnnexReport, locale: Locale): { title: string; window: string } {
	const name = programme.shortName && programme.shortName !== programme.code ? `${programme.code} ${programme.shortName}` : programme.code;
	const reportTitle = titleIn(report.title, locale);
	return {
		title: translateDynamic(locale, 'evaluation.matrix.annexTitle', { title: reportTitle, programme: name }),
		window: translateDynamic(locale, 'evaluation.matrix.window', {
			start: formatDate(locale, report.windowStart),
			cutOff: formatDate(locale, report.cutOff)
		})
	};
}
const titleOf = (programme: Programme, report: AnnexReport, locale: Locale) => annexHeading(programme, report, locale).title;
const windowOf = (programme: Programme, report: AnnexReport, locale: Locale) => annexHeading(programme, report, locale).window;

export async function matrixXlsx(
	programme: Programme,
	report: AnnexReport,
	questions: readonly MatrixQuestion[],
	locale: Locale
): Promise<Buffer> {
	const { header, rows } = annexRows(questions, locale, programme.contentLanguage);
	const book = new ExcelJS.Workbook();
	book.created = new Date(`${report.cutOff}T00:00:00Z`);
	const sheet = book.addWorksheet(translateDynamic(locale, 'evaluation.matrix.title').slice(0, 31));
	sheet.addRow([titleOf(programme, report, locale)]).font = { bold: true, size: 13 };
	sheet.addRow([windowOf(programme, report, locale)]);
	sheet.addRow([]);
	const head = sheet.addRow(header);
	head.font = { bold: true };
	head.alignment = { wrapText: true, vertical: 'top' };
	for (const r of rows) sheet.addRow(r).alignment = { wrapText: true, vertical: 'top' };
	[22, 50, 40, 40, 18, 35, 30, 50].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
	sheet.views = [{ state: 'frozen', ySplit: 4 }];
	return Buffer.from(await book.xlsx.writeBuffer());
}

export async function matrixDocx(
	programme: Programme,
	report: AnnexReport,
	questions: readonly MatrixQuestion[],
	locale: Locale
): Promise<Buffer> {
	const { header, rows } = annexRows(questions, locale, programme.contentLanguage);
	const cell = (text: string, bold = false) =>
		new TableCell({
			children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 18 })] }))
		});
	const table = new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
			...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))
		]
	});
	const doc = new Document({
		title: titleOf(programme, report, locale),
		sections: [
			{
				properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
				children: [
					new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(titleOf(programme, report, locale))] }),
					new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun(windowOf(programme, report, locale))] }),
					table
				]
			}
		]
	});
	return Buffer.from(await Packer.toBuffer(doc));
}
