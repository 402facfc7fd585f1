import type { Executor } from '../db/executor';
import type { FieldErrors } from '../core/errors';
import { ownedIds, replaceLinks, type LinkTable, type OwnedKind } from '../core/links';

// A recommendation's links to the logframe: modules, outputs, indicators and risks, one table
// each so every link has a real foreign key. Only records of the same programme may be linked.

export const LINK_FIELDS = ['moduleIds', 'outputIds', 'indicatorIds', 'riskIds'] as const;
export type LinkField = (typeof LINK_FIELDS)[number];
export type Links = Record<LinkField, number[]>;

const LINKED: Record<LinkField, { kind: OwnedKind; table: LinkTable }> = {
	moduleIds: { kind: 'module', table: 'recommendation_module' },
	outputIds: { kind: 'output', table: 'recommendation_output' },
	indicatorIds: { kind: 'indicator', table: 'recommendation_indicator' },
	riskIds: { kind: 'risk', table: 'recommendation_risk' }
};

/** A message for each link field that names a record outside the programme. */
export async function foreignLinks(db: Executor, programmeId: number, links: Links): Promise<FieldErrors> {
	const fields: FieldErrors = {};
	for (const field of LINK_FIELDS) {
		const owned = await ownedIds(db, programmeId, LINKED[field].kind, links[field]);
		if (links[field].some((id) => !owned.has(id))) fields[field] = { key: 'validation.unknownRecord' };
	}
	return fields;
}

export async function linksOf(db: Executor, recommendationId: number): Promise<Links> {
	const [modules, outputs, indicators, risks] = await Promise.all([
		db.selectFrom('recommendation_module').select('module_id as id').where('recommendation_id', '=', recommendationId).execute(),
		db.selectFrom('recommendation_output').select('output_id as id').where('recommendation_id', '=', recommendationId).execute(),
		db.selectFrom('recommendation_indicator').select('indicator_id as id').where('recommendation_id', '=', recommendationId).execute(),
		db.selectFrom('recommendation_risk').select('risk_id as id').where('recommendation_id', '=', recommendationId).execute()
	]);
	const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
	return { moduleIds: ids(modules), outputIds: ids(outputs), indicatorIds: ids(indicators), riskIds: ids(risks) };
}

/** Replaces every link of the recommendation with the ones in `links`. */
export async function writeLinks(db: Executor, recommendationId: number, links: Links): Promise<void> {
	for (const field of LINK_FIELDS) await replaceLinks(db, LINKED[field].table, recommendationId, links[field]);
}
