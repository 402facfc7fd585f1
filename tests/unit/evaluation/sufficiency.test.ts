import { describe, expect, it } from 'vitest';
import { evidenceSufficiency, RECENT_DAYS, type LinkedIndicatorEvidence } from '$lib/evaluation/sufficiency';
import { missingByQuestion, reasonText } from '$lib/evaluation/sufficiency-text';
import { formatDate } from '$lib/i18n/format';

const indicator = (over: Partial<LinkedIndicatorEvidence> = {}): LinkedIndicatorEvidence => ({
	id: 1,
	code: '1.1-1',
	approvedInWindow: 1,
	withEvidence: 1,
	latestPeriodEnd: '2022-03-31',
	pending: 0,
	...over
});
const CUT_OFF = '2022-06-30';
const keys = (r: ReturnType<typeof evidenceSufficiency>) => r.reasons.map((x) => x.key);

describe('evidenceSufficiency', () => {
	it('says none when nothing is linked, and names it as missing', () => {
		const r = evidenceSufficiency({ cutOff: CUT_OFF, indicators: [], records: 0 });
		expect(r.level).toBe('none');
		expect(r.reasons).toEqual([{ key: 'evaluation.reason.noLinks', params: {}, missing: true }]);
	});

	it('says none when no linked indicator has an approved value and no record is linked', () => {
		const r = evidenceSufficiency({
			cutOff: CUT_OFF,
			indicators: [indicator({ approvedInWindow: 0, withEvidence: 0, latestPeriodEnd: null })],
			records: 0
		});
		expect(r.level).toBe('none');
		expect(keys(r)).toEqual(['evaluation.reason.indicatorMissing', 'evaluation.reason.noApproved']);
	});

	it('says weak when only records are linked', () => {
		const r = evidenceSufficiency({ cutOff: CUT_OFF, indicators: [], records: 2 });
		expect(r.level).toBe('weak');
		expect(keys(r)).toEqual(['evaluation.reason.records', 'evaluation.reason.recordsOnly']);
		expect(keys(evidenceSufficiency({ cutOff: CUT_OFF, indicators: [], records: 1 }))[0]).toBe('evaluation.reason.recordsOne');
	});

	it('says weak while a linked indicator still waits for approval, and names the value waiting', () => {
		const r = evidenceSufficiency({
			cutOff: CUT_OFF,
			indicators: [
				indicator(),
				indicator({ id: 2, code: '2.1-1', approvedInWindow: 0, withEvidence: 0, latestPeriodEnd: null, pending: 1 })
			],
			records: 0
		});
		expect(r.level).toBe('weak');
		expect(r.reasons.find((x) => x.key === 'evaluation.reason.indicatorPendingOne')).toEqual({
			key: 'evaluation.reason.indicatorPendingOne',
			params: { code: '2.1-1', n: 1 },
			missing: true
		});
	});

	it('says weak when approved figures carry no evidence', () => {
		const r = evidenceSufficiency({ cutOff: CUT_OFF, indicators: [indicator({ withEvidence: 0 })], records: 0 });
		expect(r.level).toBe('weak');
		expect(r.reasons.filter((x) => x.missing).map((x) => x.key)).toEqual(['evaluation.reason.noEvidence']);
	});

	it('says weak when the latest approved figure is older than the recency limit', () => {
		const r = evidenceSufficiency({ cutOff: CUT_OFF, indicators: [indicator({ latestPeriodEnd: '2021-06-29' })], records: 0 });
		expect(r.level).toBe('weak');
		expect(r.reasons.find((x) => x.key === 'evaluation.reason.old')?.params).toEqual({ date: '2021-06-29', days: RECENT_DAYS });
	});

	it('counts a figure exactly at the recency limit as recent', () => {
		const r = evidenceSufficiency({ cutOff: CUT_OFF, indicators: [indicator({ latestPeriodEnd: '2021-06-30' })], records: 0 });
		expect(r.level).toBe('adequate');
	});

	it('says adequate when every linked indicator has recent approved values and some carry evidence', () => {
		const r = evidenceSufficiency({
			cutOff: CUT_OFF,
			indicators: [indicator(), indicator({ id: 2, code: '2.1-1', withEvidence: 0, latestPeriodEnd: '2021-12-31' })],
			records: 1
		});
		expect(r.level).toBe('adequate');
		expect(r.reasons.every((x) => !x.missing)).toBe(true);
		expect(r.reasons.find((x) => x.key === 'evaluation.reason.covered')?.params).toEqual({ n: 2, total: 2 });
		expect(r.reasons.find((x) => x.key === 'evaluation.reason.recent')?.params).toEqual({ date: '2022-03-31' });
	});
});

describe('sufficiency reasons in words', () => {
	it('agrees the words with a count of one, in both languages', () => {
		const one = evidenceSufficiency({ cutOff: CUT_OFF, indicators: [indicator()], records: 1 });
		const es = one.reasons.map((r) => reasonText('es', r));
		const en = one.reasons.map((r) => reasonText('en', r));
		expect(es).toContain('1 recomendación vinculada.');
		expect(es).toContain('1 valor aprobado lleva evidencia.');
		expect(en).toContain('1 linked recommendation.');
		expect(en).toContain('1 approved value carries evidence.');
		expect(es.join(' ')).not.toMatch(/\b1 (recomendaciones|valores|de 1)\b/);
		const pending = evidenceSufficiency({
			cutOff: CUT_OFF,
			indicators: [indicator({ approvedInWindow: 0, withEvidence: 0, latestPeriodEnd: null, pending: 1 })],
			records: 0
		});
		expect(reasonText('es', pending.reasons[0]!)).toBe('El indicador 1.1-1 tiene 1 valor por aprobar en la ventana.');
		const many = evidenceSufficiency({
			cutOff: CUT_OFF,
			indicators: [indicator(), indicator({ id: 2, code: '2.1-1' })],
			records: 3
		});
		expect(many.reasons.map((r) => reasonText('es', r))).toEqual(
			expect.arrayContaining(['3 recomendaciones vinculadas.', '2 valores aprobados llevan evidencia.'])
		);
	});

	it('writes dates as the locale does, not as stored', () => {
		const r = evidenceSufficiency({ cutOff: CUT_OFF, indicators: [indicator({ latestPeriodEnd: '2021-06-29' })], records: 0 });
		const old = r.reasons.find((x) => x.key === 'evaluation.reason.old')!;
		expect(reasonText('es', old)).toContain(formatDate('es', '2021-06-29'));
		expect(reasonText('en', old)).toContain(formatDate('en', '2021-06-29'));
		expect(reasonText('es', old)).not.toContain('2021-06-29');
	});
});

describe('missingByQuestion', () => {
	it('lists a question once with all its missing reasons, and leaves out questions missing nothing', () => {
		const twice = {
			id: 1,
			sufficiency: evidenceSufficiency({
				cutOff: CUT_OFF,
				indicators: [
					indicator({ approvedInWindow: 0, withEvidence: 0, latestPeriodEnd: null }),
					indicator({ id: 2, code: '2.1-1', approvedInWindow: 0, withEvidence: 0, latestPeriodEnd: null, pending: 2 })
				],
				records: 0
			})
		};
		const fine = { id: 2, sufficiency: evidenceSufficiency({ cutOff: CUT_OFF, indicators: [indicator()], records: 0 }) };
		const missing = missingByQuestion([twice, fine]);
		expect(missing.map((m) => m.question.id)).toEqual([1]);
		expect(missing[0]!.reasons.map((r) => r.key)).toEqual([
			'evaluation.reason.indicatorMissing',
			'evaluation.reason.indicatorPending',
			'evaluation.reason.noApproved'
		]);
	});
});
