import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { loadComparison } from '$lib/server/library/compare';
import { freshDatabase } from '../../helpers/db';
import { sessionUser } from '../../helpers/events';

// The reviewer's defects on issue 25 (library, comparison, tripartite lens, forecast), each pinned
// by the rule it broke.

const AS_OF = '2026-11-21';
let db: Db;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

const entryId = async (code: string) =>
	(await db.selectFrom('library_indicator').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe('comparison in the reader’s language (review 1)', () => {
	it('gives an English reader each indicator’s English title and unit, or the original marked', async () => {
		const donor = await sessionUser(db, 'donor.eu@avance.test');
		const ids = (await db.selectFrom('library_indicator').select('id').execute()).map((r) => r.id);
		let translatedSeen = 0;
		for (const id of ids) {
			const c = await loadComparison(db, donor, id, { locale: 'en', asOf: AS_OF });
			for (const row of [...c.rows, ...c.refused]) {
				const en = await db
					.selectFrom('translation')
					.select(['field', 'text'])
					.where('entity', '=', 'indicator')
					.where('entity_id', '=', row.indicator.id)
					.where('locale', '=', 'en')
					.execute();
				const title = en.find((t) => t.field === 'title')?.text;
				if (title) {
					translatedSeen++;
					expect(row.indicator.titleText).toEqual({ text: title, lang: 'en', fallback: false });
				} else expect(row.indicator.titleText).toMatchObject({ text: row.indicator.title, fallback: true });
				const unit = en.find((t) => t.field === 'unit')?.text;
				if (unit) expect(row.indicator.unitText.text).toBe(unit);
				else if (row.indicator.unit) expect(row.indicator.unitText).toMatchObject({ text: row.indicator.unit, fallback: true });
			}
		}
		expect(translatedSeen).toBeGreaterThan(0);
	});
});

describe('comparison keeps the update-overdue flag (review 7)', () => {
	it('carries each programme’s own overdue period', async () => {
		const { assessProgramme } = await import('$lib/server/results/assessment');
		const { seeded } = await import('../../helpers/programme');
		const admin = await sessionUser(db, 'admin@avance.test');
		const ids = (await db.selectFrom('library_indicator').select('id').execute()).map((r) => r.id);
		let flagged = 0;
		for (const id of ids) {
			const c = await loadComparison(db, admin, id, { locale: 'en', asOf: AS_OF });
			for (const row of c.rows) {
				const own = await seeded(db, row.programme.slug);
				const assessed = await assessProgramme(db, own.programme, AS_OF);
				const a = assessed.assessments.get(row.indicator.id)!;
				const period = a.updateOverdue ? assessed.periods.find((p) => p.id === a.updateOverdue!.periodId)!.label : null;
				expect(row.updateOverduePeriod).toBe(period);
				if (period) flagged++;
			}
		}
		expect(flagged).toBeGreaterThan(0);
	});
});
