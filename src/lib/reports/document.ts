import type { IndicatorTrendInput } from '$lib/charts/indicator-trend';
import type { StatusByModuleInput } from '$lib/charts/status-by-module';
import type { Locale } from '$lib/model';
import type { Annex, EvidenceBlock, Rating, ReportLayout, SectionKey } from './outline';
import type { RecordKey } from './snapshot';

// The one document model of a progress report (design §5). composeReport() turns a snapshot and
// a language into it; the HTML preview, the PDF and the DOCX only lay it out, so the three never
// differ in content. Every word in it is already in the reader's language, every number already
// formatted, every generated figure already tied to the record it comes from.

/** A run of text. `ref` is a generated figure or a citation: it links to its record. */
export type DocInline =
	| { type: 'text'; text: string; bold?: boolean; italic?: boolean; lang?: Locale }
	/** The visible "(es)" / "(en)" after a content text printed untranslated. */
	| { type: 'mark'; text: string; lang: Locale }
	| { type: 'link'; text: string; href: string }
	| { type: 'ref'; text: string; key: RecordKey }
	| { type: 'unresolved'; text: string };

export type DocRow =
	| { type: 'row'; cells: DocInline[][]; /** This row is the record's entry in "Records cited". */ anchor?: RecordKey }
	/** A row across the whole table naming the group below it (a module, an output). */
	| { type: 'group'; cells: DocInline[] };

export interface DocTable {
	id: string;
	caption: string;
	columns: { label: string; numeric: boolean }[];
	rows: DocRow[];
}

/** A chart: the input of one of the shared builders of src/lib/charts (the screens use them too). */
export type DocChart = {
	id: string;
	title: string;
	/** Text alternative; the same figures are in the table printed right after the chart. */
	alt: string;
} & ({ kind: 'status_by_module'; input: StatusByModuleInput } | { kind: 'indicator_trend'; input: IndicatorTrendInput });

export type DocBlock =
	| { type: 'paragraph'; inlines: DocInline[] }
	| { type: 'list'; ordered: boolean; items: DocInline[][] }
	| { type: 'facts'; items: { label: string; value: DocInline[] }[] }
	| { type: 'table'; table: DocTable }
	| { type: 'chart'; chart: DocChart }
	| { type: 'note'; inlines: DocInline[] };

export interface DocEvidence {
	key: EvidenceBlock;
	id: string;
	title: string;
	blocks: DocBlock[];
}

export interface DocSection {
	key: SectionKey;
	id: string;
	number: number;
	title: string;
	rated: boolean;
	rating: Rating | null;
	/** "Satisfactory" or "Not rated", in the document's language. */
	ratingLabel: string | null;
	justification: DocBlock[];
	narrative: DocBlock[];
	/** No narrative in this language (printed as a note). */
	narrativeMissing: boolean;
	evidence: DocEvidence[];
}

export interface DocAnnex {
	key: Annex;
	id: string;
	title: string;
	/** Printed on landscape pages (the logframe). */
	landscape: boolean;
	blocks: DocBlock[];
}

export interface DocRecord {
	key: RecordKey;
	/** Named destination (PDF) and HTML id of the record's row in "Records cited". */
	anchor: string;
	/** Word bookmark name of the row (letters, digits, underscore; at most 40 characters). */
	bookmark: string;
	label: DocInline[];
	/** Path of the record's page in the app, and the absolute link to it as issued. */
	path: string;
	href: string;
}

export interface TocEntry {
	id: string;
	title: string;
	level: 1 | 2;
}

export interface MissingTranslation {
	key: RecordKey;
	field: string;
	original: string;
	/** The language the original is in (the mark printed after it). */
	lang: Locale;
}

export interface ReportDocument {
	lang: Locale;
	layout: ReportLayout;
	title: DocInline[];
	/** Plain title, for document properties and the browser tab. */
	titleText: string;
	subtitle: string;
	programme: DocInline[];
	cover: { facts: { label: string; value: DocInline[] }[]; hashLabel: string; hashPending: string };
	toc: { title: string; entries: TocEntry[] };
	sections: DocSection[];
	annexes: DocAnnex[];
	records: Record<RecordKey, DocRecord>;
	missingTranslations: MissingTranslation[];
	/** Generated words the renderers need: `{hash}`, `{page}`, `{pages}` are left to fill in. */
	labels: {
		footer: string;
		page: string;
		fallbackNote: string | null;
		rating: string;
		ratingScale: string;
		justification: string;
		narrative: string;
		evidence: string;
	};
	/** Metadata for file properties. */
	meta: { programmeCode: string; issueNumber: number; issuedAt: string; issuedBy: string; cutOff: string };
}

/** The named destination / HTML id of a record's row in "Records cited". */
export const recordAnchor = (key: RecordKey): string => `rec-${key}`;

/** Plain text of runs (marks included). */
export function inlineText(inlines: readonly DocInline[]): string {
	return inlines.map((i) => (i.type === 'mark' ? ` ${i.text}` : i.text)).join('');
}
