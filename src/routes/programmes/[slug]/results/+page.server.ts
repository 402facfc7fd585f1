import { z } from 'zod';
import { INDICATOR_STATUSES } from '$lib/model';
import { getDb } from '$lib/server/db/connection';
import { iatiBlocker } from '$lib/server/exchange/iati-activity';
import { requireProgramme } from '$lib/server/http/guards';
import { listModules } from '$lib/server/programmes/programmes';
import { loadResultsTree } from '$lib/server/results/results-page';
import { parseConstituent } from '$lib/constituents';
import { outputsWithConstituent, treeForOutputs } from '$lib/server/dialogue/output-filter';
import type { PageServerLoad } from './$types';

// Filters arrive in the query string; anything unreadable is simply ignored (no filter).
const filtersSchema = z.object({
	module: z.coerce.number().int().positive().nullable().catch(null),
	status: z.enum(INDICATOR_STATUSES).nullable().catch(null),
	key: z.literal('1').nullable().catch(null),
	mine: z.literal('1').nullable().catch(null),
	// Set by an export that could not be served (export/iati.xml), so the page can say why.
	export: z.enum(['iati-missing', 'iati-invalid']).nullable().catch(null)
});

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const q = event.url.searchParams;
	const f = filtersSchema.parse({
		module: q.get('module'),
		status: q.get('status'),
		key: q.get('key'),
		mine: q.get('mine'),
		export: q.get('export')
	});
	const internal = access.can('programme.viewInternal');
	const filters = { moduleId: f.module, status: f.status, keyOnly: f.key === '1', mine: internal && f.mine === '1' };
	const db = getDb();
	const [tree, moduleOptions] = await Promise.all([
		loadResultsTree(db, access.programme, access.viewer, filters),
		// The filter offers every module, not only those left in the filtered tree.
		listModules(db, access.programme.id)
	]);
	const exchange = { iatiReady: iatiBlocker(access.programme) === null, problem: f.export };
	// Issue 25: every reader (donors and evaluators too) may keep the outputs a constituent took part in.
	const constituent = parseConstituent(q.get('constituent'));
	if (!constituent) return { tree, filters, moduleOptions, exchange, constituent };
	const outputs = await outputsWithConstituent(db, access.programme.id, constituent);
	return { tree: treeForOutputs(tree, outputs), filters, moduleOptions, exchange, constituent };
};
