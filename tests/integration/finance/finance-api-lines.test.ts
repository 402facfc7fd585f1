import { beforeAll, describe, expect, it } from 'vitest';
import { minorToDecimal } from '$lib/finance-rules';
import type { Db } from '$lib/server/db/connection';
import { readFinance } from '$lib/server/api/read-finance';
import { financeResponseSchema } from '$lib/server/api/finance-schema';
import { jsonSchemaOf } from '$lib/server/api/schemas';
import { loadFinance } from '$lib/server/finance/finance-read';
import { freshDatabase } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// The read API's budget lines (issue 20): beside the original amount, the revised amount in force
// with its date and the plan due to date — the Finance tab's "Original", "In force · revised on"
// and "Planned to date" columns, from the same read model — documented in the JSON Schema the API
// reference page links to.

let db: Db;
beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
}, 60_000);

describe('the read API’s budget lines', () => {
	it('give the revised amount in force, its date and the plan to date, as the Finance tab does', async () => {
		const { programme } = await seeded(db, 'el-salvador-pps');
		const ctx = {
			origin: 'http://localhost',
			lang: 'en' as const,
			url: new URL('http://localhost/api/v1/programmes/el-salvador-pps/finance')
		};
		for (const viewer of [
			{ id: 0, internal: true, canReview: true },
			{ id: 0, internal: false, canReview: false }
		]) {
			const answer = financeResponseSchema.parse(await readFinance(db, { programme, viewer }, ctx));
			const view = await loadFinance(db, programme, viewer, {});
			expect(answer.data.lines).toHaveLength(view.lines.length);
			for (const line of view.lines) {
				const got = answer.data.lines.find((l) => l.id === line.id)!;
				expect(got.originalAmount).toBe(minorToDecimal(line.originalMinor));
				expect(got.revisedAmount).toBe(line.revision ? minorToDecimal(line.amountMinor) : null);
				expect(got.revisedOn).toBe(line.revision?.effectiveOn ?? null);
				expect(got.plannedToDate).toBe(minorToDecimal(line.plannedMinor));
			}
			// The seed revises El Salvador's RBSA line: the API shows it revised, not only its original.
			const revised = answer.data.lines.filter((l) => l.revisedAmount !== null);
			expect(revised.length).toBeGreaterThan(0);
			expect(revised.some((l) => l.revisedAmount !== l.originalAmount)).toBe(true);
		}
		const schema = JSON.stringify(jsonSchemaOf('finance', 'http://localhost'));
		expect(schema).toContain('"revisedAmount"');
		expect(schema).toContain('budget revision in force at asOf');
	});
});
