import { describe, expect, it } from 'vitest';
import { otherLocale, titleIn, translationLanguage } from '$lib/content-language';

describe('the other language and a title in the reader’s language', () => {
	it('names the other of the two languages, and the one a programme’s translations are in', () => {
		expect(otherLocale('es')).toBe('en');
		expect(otherLocale('en')).toBe('es');
		expect(translationLanguage({ contentLanguage: 'es' })).toBe('en');
		expect(translationLanguage({ contentLanguage: 'en' })).toBe('es');
	});

	it('shows a title in the reader’s language, else in the other one, else nothing', () => {
		expect(titleIn({ es: 'Informe', en: 'Report' }, 'en')).toBe('Report');
		expect(titleIn({ es: 'Informe', en: 'Report' }, 'es')).toBe('Informe');
		expect(titleIn({ es: 'Informe', en: '' }, 'en')).toBe('Informe');
		expect(titleIn({ es: '', en: 'Report' }, 'es')).toBe('Report');
		expect(titleIn({ es: null, en: null }, 'es')).toBe('');
	});
});
