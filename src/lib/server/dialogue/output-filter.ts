import type { Constituent } from '$lib/constituents';
import type { Executor } from '../db/executor';

// The constituent filter of the read-only results page (issue 25, finding 22): donors and
// evaluators see the outputs a constituent took part in — tagged on the output itself or on one
// of its activities — the same rule as the coordinator's logframe filter. One statement.

export async function outputsWithConstituent(db: Executor, programmeId: number, constituent: Constituent): Promise<Set<number>> {
	const rows = await db
		.selectFrom('constituent_tag')
		.leftJoin('activity', (join) =>
			join.onRef('activity.id', '=', 'constituent_tag.entity_id').on('constituent_tag.entity', '=', 'activity')
		)
		.select(['constituent_tag.entity', 'constituent_tag.entity_id', 'activity.output_id'])
		.where('constituent_tag.programme_id', '=', programmeId)
		.where('constituent_tag.constituent', '=', constituent)
		.where('constituent_tag.entity', 'in', ['output', 'activity'])
		.execute();
	const out = new Set<number>();
	for (const r of rows) {
		if (r.entity === 'output') out.add(r.entity_id);
		else if (r.output_id !== null) out.add(r.output_id);
	}
	return out;
}

/**
 * A results tree cut to those outputs and the modules they belong to: the outputs' indicators and
 * those modules' own indicators stay (PATSS measures at module level), the programme's go.
 */
export function treeForOutputs<
	I,
	T extends {
		programmeIndicators: I[];
		modules: { indicators: I[]; outputs: { id: number; indicators: I[] }[] }[];
		shownIndicators: number;
	}
>(tree: T, outputs: ReadonlySet<number>): T {
	const modules = tree.modules
		.map((m) => ({ ...m, outputs: m.outputs.filter((o) => outputs.has(o.id)) }))
		.filter((m) => m.outputs.length > 0);
	return {
		...tree,
		programmeIndicators: [],
		modules,
		shownIndicators: modules.reduce((n, m) => n + m.indicators.length + m.outputs.reduce((k, o) => k + o.indicators.length, 0), 0)
	};
}
