import type { Executor } from '../db/executor';
import type { DomainValidationError } from '../core/errors';

// A recommendation's links to the logframe: modules, outputs, indicators and risks, one table
// each so every link has a real foreign key. Only records of the same programme may be linked.

export const LINK_FIELDS = ['moduleIds', 'outputIds', 'indicatorIds', 'riskIds'] as const;
export type LinkField = (typeof LINK_FIELDS)[number];
export type Links = Record<LinkField, number[]>;

/** The ids among `ids` that belong to the programme (a module of another programme is not one). */
async function ownedIds(db: Executor, programmeId: number, field: LinkField, ids: number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	let rows: { id: number }[];
	if (field === 'moduleIds')
		rows = await db.selectFrom('module').select('id').where('programme_id', '=', programmeId).where('id', 'in', ids).execute();
	else if (field === 'outputIds')
		rows = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select('output.id')
			.where('module.programme_id', '=', programmeId)
			.where('output.id', 'in', ids)
			.execute();
	else if (field === 'indicatorIds')
		rows = await db.selectFrom('indicator').select('id').where('programme_id', '=', programmeId).where('id', 'in', ids).execute();
	else rows = await db.selectFrom('risk').select('id').where('programme_id', '=', programmeId).where('id', 'in', ids).execute();
	return new Set(rows.map((r) => r.id));
}

/** A message for each link field that names a record outside the programme. */
export async function foreignLinks(
	db: Executor,
	programmeId: number,
	links: Links
): Promise<ConstructorParameters<typeof DomainValidationError>[0]> {
	const fields: ConstructorParameters<typeof DomainValidationError>[0] = {};
	for (const field of LINK_FIELDS) {
		const owned = await ownedIds(db, programmeId, field, links[field]);
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
	const rid = recommendationId;
	await db.deleteFrom('recommendation_module').where('recommendation_id', '=', rid).execute();
	await db.deleteFrom('recommendation_output').where('recommendation_id', '=', rid).execute();
	await db.deleteFrom('recommendation_indicator').where('recommendation_id', '=', rid).execute();
	await db.deleteFrom('recommendation_risk').where('recommendation_id', '=', rid).execute();
	if (links.moduleIds.length)
		await db
			.insertInto('recommendation_module')
			.values(links.moduleIds.map((id) => ({ recommendation_id: rid, module_id: id })))
			.execute();
	if (links.outputIds.length)
		await db
			.insertInto('recommendation_output')
			.values(links.outputIds.map((id) => ({ recommendation_id: rid, output_id: id })))
			.execute();
	if (links.indicatorIds.length)
		await db
			.insertInto('recommendation_indicator')
			.values(links.indicatorIds.map((id) => ({ recommendation_id: rid, indicator_id: id })))
			.execute();
	if (links.riskIds.length)
		await db
			.insertInto('recommendation_risk')
			.values(links.riskIds.map((id) => ({ recommendation_id: rid, risk_id: id })))
			.execute();
}
