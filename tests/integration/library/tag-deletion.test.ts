import { beforeAll, describe, expect, it } from 'vitest';
import type { Taggable } from '$lib/constituents';
import type { Db } from '$lib/server/db/connection';
import { saveTranslations } from '$lib/server/core/translations';
import { constituentTags, setConstituents } from '$lib/server/dialogue/tags';
import { deleteBudgetLine } from '$lib/server/finance/budget-lines';
import { up as purgeOrphans } from '../../../migrations/20261209T0300_orphaned_tags';
import { actions as logframeActions } from '../../../src/routes/programmes/[slug]/logframe/+page.server';
import { actions as recommendationActions } from '../../../src/routes/programmes/[slug]/recommendations/[id]/edit/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { postAs } from '../../helpers/actions';
import { seeded } from '../../helpers/programme';

// Issue 25: deleting a record takes the constituents tagged on it — and on the outputs and
// activities a module or output takes with it — in the same transaction, each removal audited as a
// change to no constituents; a refused deletion keeps them. Deleting a budget line takes its
// translated title. A forward-only migration removes what earlier deletions left behind.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
let coordinator: { id: number };

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	coordinator = { id: await userId(db, COORD) };
});

const tagRows = (entity: Taggable, id: number) =>
	db.selectFrom('constituent_tag').select('constituent').where('entity', '=', entity).where('entity_id', '=', id).execute();
const tagAudit = (entity: Taggable, id: number) =>
	db
		.selectFrom('audit_log')
		.select(['before', 'after'])
		.where('entity', '=', entity)
		.where('entity_id', '=', String(id))
		.where('action', '=', 'tag_constituents')
		.orderBy('id', 'desc')
		.executeTakeFirst()
		.then((r) => r && { before: JSON.parse(r.before ?? 'null'), after: JSON.parse(r.after ?? 'null') });

/** A module with one output and two activities of its own (no values, so nothing locks its deletion). */
async function newModule(code: string) {
	const m = await db
		.insertInto('module')
		.values({ programme_id: patss.programme.id, code, title: `Módulo ${code}` })
		.returning(['id', 'version'])
		.executeTakeFirstOrThrow();
	const o = await db
		.insertInto('output')
		.values({ module_id: m.id, code: `${code}.1`, title: 'Producto' })
		.returning(['id', 'version'])
		.executeTakeFirstOrThrow();
	const activities = [];
	for (const n of [1, 2])
		activities.push(
			await db
				.insertInto('activity')
				.values({ output_id: o.id, code: `${code}.1.${n}`, title: `Actividad ${n}` })
				.returning(['id', 'version'])
				.executeTakeFirstOrThrow()
		);
	await setConstituents(db, coordinator, patss.programme, 'output', o.id, ['government', 'workers']);
	await setConstituents(db, coordinator, patss.programme, 'activity', activities[0]!.id, ['employers']);
	await setConstituents(db, coordinator, patss.programme, 'activity', activities[1]!.id, ['government', 'employers', 'workers']);
	return { module: m, output: o, activities };
}

const deleteItem = (entity: 'module' | 'output' | 'activity', item: { id: number; version: number }, version = item.version) =>
	postAs(db, logframeActions.delete as never, COORD, {
		params: { slug: 'patss' },
		form: { entity, id: String(item.id), version: String(version), name: 'x', confirm: 'yes' }
	});

describe('deleting a tagged record', () => {
	it('takes an activity’s tags with it, audited; a stale deletion keeps them', async () => {
		const { activities } = await newModule('T1');
		const activity = activities[1]!;
		const stale = await deleteItem('activity', activity, activity.version + 1);
		expect(stale.kind === 'value' && stale.value).toMatchObject({ status: 409 });
		expect(await tagRows('activity', activity.id)).toHaveLength(3);

		expect(await deleteItem('activity', activity)).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await db.selectFrom('activity').select('id').where('id', '=', activity.id).executeTakeFirst()).toBeUndefined();
		expect(await tagRows('activity', activity.id)).toEqual([]);
		expect(await tagAudit('activity', activity.id)).toEqual({
			before: { constituents: ['government', 'employers', 'workers'] },
			after: { constituents: [] }
		});
		// The other activity of the output keeps its own.
		expect(await tagRows('activity', activities[0]!.id)).toEqual([{ constituent: 'employers' }]);
	});

	it('takes the tags of a module’s outputs and activities with the module', async () => {
		const { module, output, activities } = await newModule('T2');
		expect(await deleteItem('module', module)).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await tagRows('output', output.id)).toEqual([]);
		for (const a of activities) expect(await tagRows('activity', a.id)).toEqual([]);
		expect((await tagAudit('output', output.id))?.before).toEqual({ constituents: ['government', 'workers'] });
		expect((await tagAudit('activity', activities[0]!.id))?.before).toEqual({ constituents: ['employers'] });
		const tags = await constituentTags(db, patss.programme.id);
		expect(tags.output.has(output.id)).toBe(false);
	});

	it('takes the tags of an output and its activities with the output', async () => {
		const { output, activities } = await newModule('T3');
		expect(await deleteItem('output', output)).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await tagRows('output', output.id)).toEqual([]);
		for (const a of activities) expect(await tagRows('activity', a.id)).toEqual([]);
	});

	it('takes a recommendation’s tags with it', async () => {
		const rec = await db
			.insertInto('recommendation')
			.values({
				programme_id: patss.programme.id,
				code: 'R-T',
				text: 'Recomendación de prueba',
				issued_on: '2020-06-30',
				addressed_to: 'IESS',
				area: 'governance'
			})
			.returning(['id', 'version'])
			.executeTakeFirstOrThrow();
		await setConstituents(db, coordinator, patss.programme, 'recommendation', rec.id, ['workers']);
		const done = await postAs(db, recommendationActions.delete as never, COORD, {
			params: { slug: 'patss', id: String(rec.id) },
			route: '/programmes/[slug]/recommendations/[id]/edit',
			form: { version: String(rec.version), confirm: 'yes' }
		});
		expect(done).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await tagRows('recommendation', rec.id)).toEqual([]);
		expect(await tagAudit('recommendation', rec.id)).toEqual({ before: { constituents: ['workers'] }, after: { constituents: [] } });
	});
});

describe('deleting a budget line', () => {
	it('takes its translated title with it, kept in the deletion’s audit record', async () => {
		const line = await db
			.insertInto('budget_line')
			.values({ programme_id: patss.programme.id, code: 'FIN-T', title: 'Línea de prueba', category: 'other_direct', amount_minor: 100 })
			.returning(['id', 'version'])
			.executeTakeFirstOrThrow();
		await saveTranslations(
			db,
			coordinator,
			{ programmeId: patss.programme.id, entity: 'budget_line', entityId: line.id, locale: 'en' },
			{ title: 'Test line' }
		);
		await deleteBudgetLine(db, coordinator, patss.programme, line.id, line.version);
		expect(
			await db.selectFrom('translation').select('id').where('entity', '=', 'budget_line').where('entity_id', '=', line.id).execute()
		).toEqual([]);
		const audit = await db
			.selectFrom('audit_log')
			.select('before')
			.where('entity', '=', 'budget_line')
			.where('entity_id', '=', String(line.id))
			.where('action', '=', 'delete')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.before!)).toMatchObject({ code: 'FIN-T', title_en: 'Test line' });
	});
});

describe('the migration that removes what earlier deletions left', () => {
	it('removes tags and budget-line translations of records that no longer exist, and nothing else', async () => {
		const tagged = await db.selectFrom('constituent_tag').select(['entity', 'entity_id', 'constituent']).orderBy('id').execute();
		const translations = await db.selectFrom('translation').select('id').orderBy('id').execute();
		const gone = 9_000_000;
		await db
			.insertInto('constituent_tag')
			.values([
				{ programme_id: patss.programme.id, entity: 'activity', entity_id: gone, constituent: 'workers' },
				{ programme_id: patss.programme.id, entity: 'output', entity_id: gone, constituent: 'government' },
				{ programme_id: patss.programme.id, entity: 'recommendation', entity_id: gone, constituent: 'employers' }
			])
			.execute();
		await db
			.insertInto('translation')
			.values({ programme_id: patss.programme.id, entity: 'budget_line', entity_id: gone, field: 'title', locale: 'en', text: 'Gone' })
			.execute();
		await purgeOrphans(db);
		expect(await db.selectFrom('constituent_tag').select(['entity', 'entity_id', 'constituent']).orderBy('id').execute()).toEqual(tagged);
		expect(await db.selectFrom('translation').select('id').orderBy('id').execute()).toEqual(translations);
	});
});
