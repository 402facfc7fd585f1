import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { load } from '../../../src/routes/programmes/[slug]/results/+page.server';
import { freshDatabase } from '../../helpers/db';
import { loadAs } from '../../helpers/actions';

// Reviewer finding 22 (issue 25): donors and evaluators filter the read-only results page by
// constituent (a GET form, so it works without JavaScript), by the logframe filter's rule: the
// outputs tagged with the constituent or with an activity that is. Seeded PATSS: output 1.1 has
// the workers, activity 1.3.1 (output 1.3) too; activity 1.2.1 (output 1.2) only the government.

let db: Db;
beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
}, 60_000);

type Tree = {
	programmeIndicators: unknown[];
	modules: { indicators: unknown[]; outputs: { code: string; indicators: { code: string }[] }[] }[];
	shownIndicators: number;
};
const outputsOf = (tree: Tree) => tree.modules.flatMap((m) => m.outputs.map((o) => o.code)).sort();

async function results(email: string, query: string) {
	const r = await loadAs<{ tree: Tree; constituent: string | null }>(db, load as never, email, {
		params: { slug: 'patss' },
		url: `http://localhost/programmes/patss/results${query}`
	});
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value;
}

describe('the results page filtered by constituent', () => {
	for (const email of ['donor.iess@avance.test', 'evaluator@avance.test'])
		it(`keeps the outputs the constituent took part in, for ${email}`, async () => {
			const all = await results(email, '');
			expect(all.constituent).toBeNull();
			expect(outputsOf(all.tree)).toContain('1.2');

			const workers = await results(email, '?constituent=workers');
			expect(workers.constituent).toBe('workers');
			expect(outputsOf(workers.tree)).toEqual(['1.1', '1.3']);
			expect(workers.tree.programmeIndicators).toEqual([]);
			// The kept modules' own indicators stay with their outputs' (PATSS measures at module level).
			const kept = workers.tree.modules.flatMap((m) => [...m.indicators, ...m.outputs.flatMap((o) => o.indicators)]);
			expect(workers.tree.shownIndicators).toBe(kept.length);
			expect(kept.length).toBeGreaterThan(0);
			// The outputs keep every indicator they have unfiltered.
			const before = new Map(all.tree.modules.flatMap((m) => m.outputs.map((o) => [o.code, o.indicators.map((i) => i.code)])));
			for (const m of workers.tree.modules) for (const o of m.outputs) expect(o.indicators.map((i) => i.code)).toEqual(before.get(o.code));

			const government = await results(email, '?constituent=government');
			expect(outputsOf(government.tree)).toEqual(['1.1', '1.2', '1.3']);
		});

	it('ignores an unknown constituent (no filter)', async () => {
		const r = await results('donor.iess@avance.test', '?constituent=nobody');
		expect(r.constituent).toBeNull();
		expect(outputsOf(r.tree).length).toBeGreaterThan(3);
	});
});
