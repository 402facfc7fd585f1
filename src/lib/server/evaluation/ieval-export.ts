import { localize, translationKey } from '$lib/content-language';
import { IEVAL_ELEMENT, IEVAL_ELEMENT_TYPE, IEVAL_FIELDS, type IevalRecord } from '$lib/evaluation/ieval';
import { ALL_TEMPLATE_FIELD_LIST } from '$lib/evaluation/model';
import type { Locale, Programme } from '$lib/model';
import { loadTranslations } from '../core/translations';
import type { Executor } from '../db/executor';
import { csvLine } from '../exchange/csv-results';
import { shownText } from '../exchange/export-data';
import { toLessonEntry } from './lesson-read';

// The programme's validated lessons and good practices for i-eval Discovery (issue 24), as CSV
// (UTF-8 with BOM, the fields in IEVAL_FIELDS order, cells neutralised) and as JSON (an array of
// objects with the keys in the same order). Texts in `locale` where translated, else the original;
// `language` says which. Drafts never leave.

export async function ievalRecords(db: Executor, programme: Programme, locale: Locale, origin: string): Promise<IevalRecord[]> {
	const [rows, translations] = await Promise.all([
		db
			.selectFrom('lesson')
			.leftJoin('user as validator', 'validator.id', 'lesson.validated_by')
			.selectAll('lesson')
			.select('validator.name as validator_name')
			.where('lesson.programme_id', '=', programme.id)
			.where('lesson.status', '=', 'validated')
			.orderBy('lesson.kind')
			.orderBy('lesson.id')
			.execute(),
		locale === programme.contentLanguage ? Promise.resolve(new Map<string, string>()) : loadTranslations(db, programme.id, locale)
	]);
	const projectTitle = shownText(
		localize(programme.title, programme.contentLanguage, locale, translations.get(translationKey('programme', programme.id, 'title')))
	);
	return rows.map((row) => {
		const l = toLessonEntry(row);
		let translatedAll = locale !== programme.contentLanguage;
		const text = (field: string, original: string) => {
			if (original === '' || locale === programme.contentLanguage) return original;
			const t = translations.get(translationKey('lesson', l.id, field));
			if (t) return t;
			translatedAll = false;
			return original;
		};
		const record = Object.fromEntries(IEVAL_FIELDS.map((f) => [f, ''])) as IevalRecord;
		record.element_type = IEVAL_ELEMENT_TYPE[l.kind];
		record.project_symbol = programme.code;
		// The programme's title in the export's language, or its original marked "(es)" as every export does.
		record.project_title = projectTitle;
		record.country = programme.country;
		record.record_id = `${programme.slug}-${l.id}`;
		record.title = text('title', l.title);
		record.theme = l.theme;
		record.criterion = l.criterion ?? '';
		for (const f of ALL_TEMPLATE_FIELD_LIST) record[IEVAL_ELEMENT[f]] = text(f, l.fields[f]);
		record.validated_by = l.validatedBy ?? '';
		record.validated_on = l.validatedAt?.slice(0, 10) ?? '';
		record.language = translatedAll ? locale : programme.contentLanguage;
		record.source_url = `${origin}/programmes/${programme.slug}/lessons/${l.id}`;
		return record;
	});
}

export function ievalCsv(records: readonly IevalRecord[]): string {
	const lines = [csvLine([...IEVAL_FIELDS]), ...records.map((r) => csvLine(IEVAL_FIELDS.map((f) => r[f])))];
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function ievalJson(records: readonly IevalRecord[]): string {
	return `${JSON.stringify(records, null, 2)}\n`;
}
