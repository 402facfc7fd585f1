import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Executor } from '../db/executor';
import { sortByCode } from '$lib/collation';
import { uploadsDir } from './attachments';

// What a deletion takes with it. The database cascades (a module's outputs, their activities,
// indicators, values, risks, gender actions and every link to them), so before deleting we count
// all of it, to show the person before they confirm and to keep it in the audit record, and we
// refuse when any of it is in a period whose report was issued.

export interface CascadeScope {
	moduleIds?: number[];
	outputIds?: number[];
	activityIds?: number[];
	indicatorIds?: number[];
	periodIds?: number[];
}

export interface Cascade {
	outputs: number;
	activities: number;
	indicators: { id: number; code: string }[];
	targets: number;
	values: number;
	/** Values in locked periods: while there are any, the deletion is refused. */
	lockedValues: number;
	risks: { id: number; title: string }[];
	genderActions: { id: number; title: string }[];
	/** Links removed: risk ↔ indicator, gender action ↔ indicator, recommendation ↔ module/output/indicator/risk. */
	links: number;
	/** Assumption checks removed. */
	checks: number;
	/** Evidence files of the removed values (deleted from the disk once the deletion commits). */
	files: { id: number; storedName: string }[];
}

const none = [-1];
const orNone = (ids: number[]) => (ids.length ? ids : none);

export async function cascadeOf(db: Executor, scope: CascadeScope): Promise<Cascade> {
	const moduleIds = scope.moduleIds ?? [];
	const outputIds = [...(scope.outputIds ?? [])];
	if (moduleIds.length) {
		outputIds.push(...(await db.selectFrom('output').select('id').where('module_id', 'in', moduleIds).execute()).map((r) => r.id));
	}
	const activityIds = [...(scope.activityIds ?? [])];
	if (outputIds.length) {
		activityIds.push(...(await db.selectFrom('activity').select('id').where('output_id', 'in', outputIds).execute()).map((r) => r.id));
	}
	const indicators = await db
		.selectFrom('indicator')
		.select(['id', 'code'])
		.where((eb) =>
			eb.or([
				eb('id', 'in', orNone(scope.indicatorIds ?? [])),
				eb('module_id', 'in', orNone(moduleIds)),
				eb('output_id', 'in', orNone(outputIds))
			])
		)
		.orderBy('id')
		.execute()
		.then((rows) => sortByCode(rows, (r) => r.code));
	const indicatorIds = orNone(indicators.map((i) => i.id));
	const risks = await db
		.selectFrom('risk')
		.select(['id', 'title'])
		.where((eb) =>
			eb.or([
				eb('module_id', 'in', orNone(moduleIds)),
				eb('output_id', 'in', orNone(outputIds)),
				eb('activity_id', 'in', orNone(activityIds))
			])
		)
		.execute();
	const riskIds = orNone(risks.map((r) => r.id));
	const genderActions = await db.selectFrom('gender_action').select(['id', 'title']).where('module_id', 'in', orNone(moduleIds)).execute();
	const actionIds = orNone(genderActions.map((a) => a.id));
	const periodIds = orNone(scope.periodIds ?? []);

	const valuesOf = db
		.selectFrom('indicator_value')
		.select(['indicator_value.id'])
		.where((eb) => eb.or([eb('indicator_value.indicator_id', 'in', indicatorIds), eb('indicator_value.period_id', 'in', periodIds)]));
	const [counts, valueRows] = await Promise.all([
		db
			.selectNoFrom((eb) => [
				eb
					.selectFrom('indicator_target')
					.select(eb.fn.countAll<number>().as('n'))
					.where((w) => w.or([w('indicator_id', 'in', indicatorIds), w('period_id', 'in', periodIds)]))
					.as('targets'),
				eb
					.selectFrom('indicator_value')
					.innerJoin('reporting_period', 'reporting_period.id', 'indicator_value.period_id')
					.select(eb.fn.countAll<number>().as('n'))
					.where('indicator_value.indicator_id', 'in', indicatorIds)
					.where('reporting_period.locked', '=', 1)
					.as('locked'),
				eb
					.selectFrom('risk_indicator')
					.select(eb.fn.countAll<number>().as('n'))
					.where((w) => w.or([w('risk_id', 'in', riskIds), w('indicator_id', 'in', indicatorIds)]))
					.as('riskLinks'),
				eb
					.selectFrom('gender_action_indicator')
					.select(eb.fn.countAll<number>().as('n'))
					.where((w) => w.or([w('action_id', 'in', actionIds), w('indicator_id', 'in', indicatorIds)]))
					.as('actionLinks'),
				eb
					.selectFrom('recommendation_indicator')
					.select(eb.fn.countAll<number>().as('n'))
					.where('indicator_id', 'in', indicatorIds)
					.as('recIndicators'),
				eb.selectFrom('recommendation_risk').select(eb.fn.countAll<number>().as('n')).where('risk_id', 'in', riskIds).as('recRisks'),
				eb
					.selectFrom('recommendation_module')
					.select(eb.fn.countAll<number>().as('n'))
					.where('module_id', 'in', orNone(moduleIds))
					.as('recModules'),
				eb
					.selectFrom('recommendation_output')
					.select(eb.fn.countAll<number>().as('n'))
					.where('output_id', 'in', orNone(outputIds))
					.as('recOutputs'),
				eb
					.selectFrom('assumption_check')
					.select(eb.fn.countAll<number>().as('n'))
					.where((w) => w.or([w('risk_id', 'in', riskIds), w('period_id', 'in', periodIds)]))
					.as('checks')
			])
			.executeTakeFirstOrThrow(),
		valuesOf.execute()
	]);
	const valueIds = valueRows.map((v) => v.id);
	const files = valueIds.length
		? (
				await db
					.selectFrom('attachment')
					.select(['id', 'stored_name'])
					.where('owner_entity', '=', 'indicator_value')
					.where('owner_id', 'in', valueIds)
					.execute()
			).map((f) => ({ id: f.id, storedName: f.stored_name }))
		: [];
	const n = (x: number | null) => x ?? 0;
	return {
		outputs: moduleIds.length ? outputIds.length : 0,
		activities: scope.activityIds?.length ? 0 : activityIds.length,
		indicators,
		targets: n(counts.targets),
		values: valueIds.length,
		lockedValues: n(counts.locked),
		risks,
		genderActions,
		links:
			n(counts.riskLinks) +
			n(counts.actionLinks) +
			n(counts.recIndicators) +
			n(counts.recRisks) +
			n(counts.recModules) +
			n(counts.recOutputs),
		checks: n(counts.checks),
		files
	};
}

/** The counts a person sees before confirming. */
export function impactSummary(c: Cascade) {
	return {
		outputs: c.outputs,
		activities: c.activities,
		indicators: c.indicators.length,
		targets: c.targets,
		values: c.values,
		risks: c.risks.length,
		genderActions: c.genderActions.length,
		links: c.links,
		checks: c.checks,
		lockedValues: c.lockedValues
	};
}
export type ImpactSummary = ReturnType<typeof impactSummary>;

/** What the audit record keeps of a cascade: the counts, and which records went. */
export function auditOfCascade(c: Cascade) {
	return { impact: impactSummary(c), removed: { indicators: c.indicators, risks: c.risks, genderActions: c.genderActions } };
}

/** Evidence rows of removed values go in the same transaction; their files after it commits. */
export async function dropEvidenceRows(db: Executor, c: Cascade): Promise<void> {
	if (c.files.length)
		await db
			.deleteFrom('attachment')
			.where(
				'id',
				'in',
				c.files.map((f) => f.id)
			)
			.execute();
}

export async function removeEvidenceFiles(c: Cascade): Promise<void> {
	await Promise.all(c.files.map((f) => rm(join(uploadsDir(), f.storedName), { force: true })));
}
