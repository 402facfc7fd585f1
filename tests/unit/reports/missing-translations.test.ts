import { describe, expect, it } from 'vitest';
import { missingTranslations } from '$lib/reports/compose';
import { isMessageKey } from '$lib/i18n/translate';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// The editor lists each untranslated text with the name of its field: every field that list can
// name has a word in the catalogue (a raw "reports.field.label" showed once).
describe('missing translations in the report editor', () => {
	it('names every field it lists', () => {
		const missing = missingTranslations(fixtureSnapshot(), 'en');
		expect(missing.length).toBeGreaterThan(0);
		const unnamed = [...new Set(missing.map((m) => m.field))].filter((field) => !isMessageKey(`reports.field.${field}`));
		expect(unnamed).toEqual([]);
	});
});
