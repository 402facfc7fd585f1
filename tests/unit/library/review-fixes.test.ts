import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CONSTITUENT_SYMBOL } from '$lib/constituents';
import { createI18n } from '$lib/i18n/context';
import { forecastSentence } from '$lib/i18n/forecast-text';
import { forecastSeries, onForecastAxis, type Forecast } from '$lib/indicator-forecast';

// Review of issue 25, item 16: the constituents' symbols print in the PDF, whose only font is the
// bundled Roboto; a symbol without a glyph there would print as an empty box.
const require = createRequire(import.meta.url);

describe('constituent symbols in the PDF font', () => {
	it('has a Roboto glyph for every constituent’s symbol, each distinct', () => {
		const pdfmake = createRequire(require.resolve('pdfmake/package.json'));
		const fontkit = pdfmake('fontkit') as { openSync(path: string): { hasGlyphForCodePoint(cp: number): boolean } };
		for (const face of ['Roboto-Regular.ttf', 'Roboto-Medium.ttf']) {
			const font = fontkit.openSync(require.resolve(`pdfmake/fonts/Roboto/${face}`));
			for (const symbol of Object.values(CONSTITUENT_SYMBOL))
				expect([face, symbol, font.hasGlyphForCodePoint(symbol.codePointAt(0)!)]).toEqual([face, symbol, true]);
		}
		expect(new Set(Object.values(CONSTITUENT_SYMBOL)).size).toBe(4);
	});
});

describe('the forecast line ends at the end date (review 6)', () => {
	const periods = [{ endDate: '2020-06-30' }, { endDate: '2020-12-31' }, { endDate: '2021-06-30' }];
	const forecast = (endDate: string) =>
		({ kind: 'projected', final: false, fromDate: '2020-12-31', fromValue: 10, endDate, projected: 25 }) as unknown as Forecast;

	it('gives the end date its own slot when the revised end is after the last period', () => {
		const line = forecastSeries(periods, forecast('2021-12-31'))!;
		expect(line).toEqual({ values: [null, 10, null, 25], endSlot: { index: 3, date: '2021-12-31' } });
		expect(onForecastAxis(['a', 'b', 'c'], line.endSlot, 'end')).toEqual(['a', 'b', 'c', 'end']);
	});

	it('puts the projection at the period that ends on the end date, with no slot added', () => {
		const line = forecastSeries(periods, forecast('2021-06-30'))!;
		expect(line).toEqual({ values: [null, 10, 25], endSlot: null });
		expect(onForecastAxis([1, 2, 3], line.endSlot, null)).toEqual([1, 2, 3]);
	});

	it('adds the slot between periods when the end falls inside a later period', () => {
		const line = forecastSeries(periods, forecast('2021-03-31'))!;
		expect(line).toEqual({ values: [null, 10, 25, null], endSlot: { index: 2, date: '2021-03-31' } });
	});
});

describe('counts of one read right (review 15)', () => {
	it('never puts 1 before a plural word in the tripartite and forecast summaries', () => {
		for (const lang of ['es', 'en'] as const) {
			const i18n = createI18n(() => lang);
			const dialogue = i18n.t('dialogue.report.summary', { total: 1, window: 1 });
			const forecast = i18n.t('forecast.report.summary', { total: 1, likely: 1, close: 1, mayMiss: 1, unlikely: 1 });
			for (const text of [dialogue, forecast]) {
				expect(text).toContain('1');
				expect(text).not.toMatch(/\b1 (eventos|events|indicadores|indicators|probablemente|would|are|alcanzarían|quedarían|podrían)\b/);
			}
		}
	});
});

describe('a final value’s sentence names the target (review 9)', () => {
	it('says the final value against the target, in each language', () => {
		const f = { kind: 'projected', final: true, projected: 40, target: 60, endDate: '2021-12-31' } as unknown as Forecast;
		expect(
			forecastSentence(
				createI18n(() => 'en'),
				f,
				{ measure: 'number', decimals: 0 }
			)
		).toContain('against a target of 60');
		expect(
			forecastSentence(
				createI18n(() => 'es'),
				f,
				{ measure: 'number', decimals: 0 }
			)
		).toContain('frente a una meta de 60');
		const untargeted = { ...f, target: null } as unknown as Forecast;
		expect(
			forecastSentence(
				createI18n(() => 'en'),
				untargeted,
				{ measure: 'number', decimals: 0 }
			)
		).not.toContain('target');
	});
});
