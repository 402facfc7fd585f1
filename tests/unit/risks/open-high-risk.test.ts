import { describe, expect, it } from 'vitest';
import { countOpenHighRisks, isOpenHighRisk, riskBand } from '$lib/risk-rules';

// One rule for the dashboard, the portfolio and the report's key figures (issue 26 item 2).
describe('an open high risk', () => {
	it('is a risk, not closed, in the high or critical band', () => {
		for (let score = 1; score <= 25; score++) {
			const band = riskBand(score);
			expect(isOpenHighRisk({ kind: 'risk', status: 'open', score }), `score ${score}`).toBe(band === 'high' || band === 'critical');
		}
		expect(isOpenHighRisk({ kind: 'assumption', status: 'open', score: 20 })).toBe(false);
		expect(isOpenHighRisk({ kind: 'risk', status: 'closed', score: 20 })).toBe(false);
	});

	it('is counted the same way everywhere', () => {
		const entries = [
			{ kind: 'risk', status: 'open', score: 10 },
			{ kind: 'risk', status: 'monitoring', score: 25 },
			{ kind: 'risk', status: 'closed', score: 25 },
			{ kind: 'assumption', status: 'open', score: 16 },
			{ kind: 'risk', status: 'open', score: 9 }
		];
		expect(countOpenHighRisks(entries)).toBe(2);
	});
});
