import { describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { readResults } from '$lib/server/api/read-results';
import { createUser } from '$lib/server/auth/users';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { assessProgramme, countStatuses } from '$lib/server/results/assessment';
import { freshDatabase } from '../../helpers/db';
import { generateProgramme } from '../../bench/generate';

// The read API's results list pages in SQL: a page's indicators are chosen by the database and
// only they are assessed, so the first 50 of a large programme read about as many rows as the
// first 50 of a small one (counted here row by row, not timed), and walking every page gives
// every indicator once, judged exactly as the whole programme's assessment judges it.

/** Counts every row every statement returns. */
function rowCounter() {
	const counter = { rows: 0 };
	const plugin: KyselyPlugin = {
		transformQuery: ({ node }) => node,
		transformResult: async ({ result }) => {
			counter.rows += result.rows.length;
			return result;
		}
	};
	return { counter, plugin };
}

const ctx = { origin: 'http://localhost', lang: 'es' as const, url: new URL('http://localhost/api/v1/programmes/x/results') };

describe('the results API pages in SQL', () => {
	it('reads about as many rows for the first 50 of 600 indicators as for the first 50 of 60, and the same statements', async () => {
		const db = await freshDatabase();
		const enteredBy = await createUser(db, { email: 'one@bench.test', name: 'One', password: 'bench-password-1' }, null);
		const reviewedBy = await createUser(db, { email: 'two@bench.test', name: 'Two', password: 'bench-password-2' }, null);
		await generateProgramme(db, { slug: 'sixty', indicators: 60, enteredBy, reviewedBy });
		await generateProgramme(db, { slug: 'six-hundred', indicators: 600, enteredBy, reviewedBy });
		const viewer = { id: enteredBy, internal: true, canReview: true };
		const firstPage = async (slug: string) => {
			const programme = (await getProgrammeBySlug(db, slug))!;
			const { counter, plugin } = rowCounter();
			let statements = 0;
			const counted = db
				.withPlugin(plugin)
				.withPlugin({ transformQuery: ({ node }) => (statements++, node), transformResult: async ({ result }) => result });
			const answer = await readResults(counted, { programme, viewer }, ctx, { afterId: null, limit: 50 });
			return { rows: counter.rows, statements, answer };
		};
		const small = await firstPage('sixty');
		const large = await firstPage('six-hundred');
		expect(small.answer.data).toHaveLength(50);
		expect(large.answer.data).toHaveLength(50);
		expect(large.answer.statusCounts).toBeNull();
		expect(large.statements).toBe(small.statements);
		// Ten times the indicators, not ten times the rows: within 1.5× (the open values of the
		// review queue are still read programme-wide, a tenth of the indicators' last period).
		expect(large.rows).toBeLessThan(small.rows * 1.5);
	}, 120_000);

	it('gives every indicator once over the pages, judged as the whole assessment judges it, and the counts when asked', async () => {
		const db = await freshDatabase();
		const enteredBy = await createUser(db, { email: 'one@bench.test', name: 'One', password: 'bench-password-1' }, null);
		const reviewedBy = await createUser(db, { email: 'two@bench.test', name: 'Two', password: 'bench-password-2' }, null);
		await generateProgramme(db, { slug: 'paged', indicators: 130, enteredBy, reviewedBy });
		const programme = (await getProgrammeBySlug(db, 'paged'))!;
		const viewer = { id: reviewedBy, internal: false, canReview: false };
		const whole = await assessProgramme(db, programme);
		const seen: { id: number; status: string; actual: (number | null)[] }[] = [];
		let afterId: number | null = null;
		let pages = 0;
		for (;;) {
			const answer = await readResults(db, { programme, viewer }, ctx, { afterId, limit: 50 }, { statusCounts: pages === 0 });
			if (pages === 0) expect(answer.statusCounts).toEqual(countStatuses(whole.assessments.values()));
			pages++;
			seen.push(...answer.data.map((i) => ({ id: i.id, status: i.status, actual: i.periods.map((p) => p.actual) })));
			if (!answer.pagination.nextCursor) break;
			afterId = seen.at(-1)!.id;
		}
		expect(pages).toBe(3);
		expect(seen.map((s) => s.id)).toEqual([...whole.indicators.map((i) => i.id)].sort((a, b) => a - b));
		for (const s of seen) {
			expect(s.status).toBe(whole.assessments.get(s.id)!.status);
			expect(s.actual).toEqual(whole.periods.map((p) => whole.approved.get(s.id)?.get(p.id)?.value ?? null));
		}
	}, 120_000);
});
