import { localize } from '$lib/content-language';
import { createI18n, type I18n } from '$lib/i18n/context';
import { formatEnteredValue, formatMeasureValue } from '$lib/i18n/measure-format';
import { STATUS_LOOK } from '$lib/indicator-status';
import type { IndicatorStatus, Locale } from '$lib/model';
import type { DocInline, MissingTranslation } from './document';
import type { BilingualText, RecordKey, ReportSnapshot, SnapshotIndicator } from './snapshot';

// What the block builders share while one document is composed: the language, the catalogue, the
// content-language rule, and the two things collected on the way (the records cited, the texts
// printed without translation).
export class ComposeContext {
	readonly i18n: I18n;
	readonly cited = new Set<RecordKey>();
	readonly missing = new Map<string, MissingTranslation>();

	constructor(
		readonly snapshot: ReportSnapshot,
		readonly lang: Locale
	) {
		this.i18n = createI18n(() => lang);
	}

	get t(): I18n['t'] {
		return this.i18n.t;
	}

	/** A content text in the reader's language; untranslated ones keep their original and a mark. */
	loc(text: BilingualText, key: RecordKey, field: string): DocInline[] {
		const contentLanguage = this.snapshot.programme.contentLanguage;
		const shown = localize(text.original, contentLanguage, this.lang, text.translation ?? undefined);
		if (!shown.fallback) return shown.text ? [{ type: 'text', text: shown.text, lang: shown.lang }] : [];
		this.missing.set(`${key}|${field}`, { key, field, original: text.original, lang: shown.lang });
		return [
			{ type: 'text', text: shown.text, lang: shown.lang },
			{ type: 'mark', text: `(${shown.lang})`, lang: shown.lang }
		];
	}

	/** A generated figure tied to its record; plain text when the snapshot has no such record. */
	ref(text: string, key: RecordKey | null | undefined): DocInline {
		if (key && this.snapshot.records[key]) {
			this.cited.add(key);
			return { type: 'ref', text, key };
		}
		return { type: 'text', text };
	}

	/** The record's code and label as a link to its row ("5.1-3 Personas capacitadas"). */
	recordLabel(key: RecordKey, fallback: string): DocInline[] {
		const record = this.snapshot.records[key];
		if (!record) return [{ type: 'text', text: fallback }];
		const [first, ...rest] = this.loc(record.label, key, 'label');
		return first && first.type === 'text' ? [this.ref(first.text, key), ...rest] : [this.ref(fallback, key)];
	}

	/** A content text whose words link to its record (a title standing for the record). */
	locRef(text: BilingualText, key: RecordKey, field: string): DocInline[] {
		return this.loc(text, key, field).map((run, n) => (n === 0 && run.type === 'text' ? this.ref(run.text, key) : run));
	}

	text(text: string): DocInline[] {
		return text ? [{ type: 'text', text }] : [];
	}

	value(indicator: SnapshotIndicator, value: number | null | undefined): string {
		return formatMeasureValue(this.i18n, value, indicator);
	}

	/** A figure someone typed (baseline, end target, milestone): never fewer decimals than entered (issue 22). */
	typed(indicator: SnapshotIndicator, value: number | null | undefined): string {
		return formatEnteredValue(this.i18n, value, indicator);
	}

	status(status: IndicatorStatus | null): string {
		if (!status) return this.t('common.none');
		return `${STATUS_LOOK[status].symbol} ${this.i18n.td(`status.${status}`)}`;
	}

	yesNo(yes: boolean): string {
		return yes ? this.t('reportDoc.yes') : this.t('reportDoc.no');
	}
}
