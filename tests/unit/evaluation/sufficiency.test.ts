import { describe, expect, it } from 'vitest';
import { evidenceSufficiency, RECENT_DAYS, type LinkedIndicatorEvidence } from '$lib/evaluation/sufficiency';

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
		expect(r.reasons.find((x) => x.key === 'evaluation.reason.indicatorPending')).toEqual({
			key: 'evaluation.reason.indicatorPending',
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
