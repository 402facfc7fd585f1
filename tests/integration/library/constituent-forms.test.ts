import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { constituentTags } from '$lib/server/dialogue/tags';
import { getLogframe } from '$lib/server/programmes/programmes';
import { actions as logframeActions, load as loadLogframe } from '../../../src/routes/programmes/[slug]/logframe/+page.server';
import { load as loadTracker } from '../../../src/routes/programmes/[slug]/recommendations/+page.server';
import { actions as editActions, load as loadEdit } from '../../../src/routes/programmes/[slug]/recommendations/[id]/edit/+page.server';
import { actions as newActions } from '../../../src/routes/programmes/[slug]/recommendations/new/+page.server';
import { freshDatabase } from '../../helpers/db';
import { loadAs, postAs } from '../../helpers/actions';
import { seeded } from '../../helpers/programme';

// Issue 25: coordinators tick the constituents that took part in the activity, output and
// recommendation forms themselves (validated, audited, after the form's version check), and the
// logframe and the recommendations tracker filter by constituent through the query string.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const post = (
	actions: Record<string, unknown>,
	name: string,
	form: Record<string, string | string[]>,
	extra: Record<string, string> = {}
) => postAs(db, actions[name] as (event: never) => unknown, COORD, { params: { slug: 'patss', ...extra }, form });
const tagsOf = async (entity: 'activity' | 'output' | 'recommendation', id: number) =>
	(await constituentTags(db, patss.programme.id))[entity].get(id) ?? [];
const auditOf = (entity: string, id: number) =>
	db
		.selectFrom('audit_log')
		.select(['action', 'after'])
		.where('entity', '=', entity)
		.where('entity_id', '=', String(id))
		.where('action', '=', 'tag_constituents')
		.execute();

async function activity(code: string) {
	const logframe = await getLogframe(db, patss.programme.id);
	for (const m of logframe) for (const o of m.outputs) for (const a of o.activities) if (a.code === code) return { ...a, outputId: o.id };
	throw new Error(code);
}
const activityForm = (a: Awaited<ReturnType<typeof activity>>, over: Record<string, string | string[]> = {}) => ({
	_form: `activity-${a.id}`,
	id: String(a.id),
	version: String(a.version),
	outputId: String(a.outputId),
	code: a.code,
	title: a.title,
	status: a.status,
	progress: String(a.progress),
	responsible: a.responsible,
	plannedStart: a.plannedStart ?? '',
	plannedEnd: a.plannedEnd ?? '',
	actualStart: a.actualStart ?? '',
	actualEnd: a.actualEnd ?? '',
	...over
});

describe('the constituents in the record forms', () => {
	it('sets an activity’s constituents with its form, audited, and refuses a stale version or an unknown group', async () => {
		const a = await activity('2.1.1');
		const saved = await post(
			logframeActions,
			'updateActivity',
			activityForm(a, { constituentsShown: '1', constituents: ['workers', 'employers'] })
		);
		expect(saved).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await tagsOf('activity', a.id)).toEqual(['employers', 'workers']);
		expect((await auditOf('activity', a.id)).map((r) => JSON.parse(r.after ?? '{}'))).toEqual([{ constituents: ['employers', 'workers'] }]);

		// The same version again: someone else saved in between, nothing changes.
		const stale = await post(logframeActions, 'updateActivity', activityForm(a, { constituentsShown: '1', constituents: 'government' }));
		expect(stale.kind === 'value' && stale.value).toMatchObject({ status: 409 });
		expect(await tagsOf('activity', a.id)).toEqual(['employers', 'workers']);

		const fresh = await activity('2.1.1');
		const bad = await post(
			logframeActions,
			'updateActivity',
			activityForm(fresh, { constituentsShown: '1', constituents: ['workers', 'donors'] })
		);
		expect(bad.kind === 'value' && bad.value).toMatchObject({ status: 400, data: { values: { constituents: ['workers', 'donors'] } } });
		expect(await tagsOf('activity', a.id)).toEqual(['employers', 'workers']);

		// A form without the fieldset leaves them alone; with it and nothing ticked, clears them.
		await post(logframeActions, 'updateActivity', activityForm(fresh));
		expect(await tagsOf('activity', a.id)).toEqual(['employers', 'workers']);
		await post(logframeActions, 'updateActivity', activityForm(await activity('2.1.1'), { constituentsShown: '1' }));
		expect(await tagsOf('activity', a.id)).toEqual([]);
	});

	it('tags a new output and a new activity from their creation forms', async () => {
		const m = (await getLogframe(db, patss.programme.id))[0]!;
		const created = await post(logframeActions, 'createOutput', {
			_form: `new-output-${m.id}`,
			moduleId: String(m.id),
			code: '1.9',
			title: 'Mesa tripartita',
			description: '',
			constituentsShown: '1',
			constituents: ['government', 'employers', 'workers']
		});
		expect(created).toMatchObject({ kind: 'redirect' });
		const output = (await getLogframe(db, patss.programme.id))[0]!.outputs.find((o) => o.code === '1.9')!;
		expect(await tagsOf('output', output.id)).toEqual(['government', 'employers', 'workers']);
		expect(await auditOf('output', output.id)).toHaveLength(1);
		await post(logframeActions, 'createActivity', {
			_form: `new-activity-${output.id}`,
			outputId: String(output.id),
			code: '1.9.1',
			title: 'Sesión',
			status: 'planned',
			progress: '0',
			responsible: '',
			plannedStart: '',
			plannedEnd: '',
			actualStart: '',
			actualEnd: '',
			constituentsShown: '1',
			constituents: 'other'
		});
		expect(await tagsOf('activity', (await activity('1.9.1')).id)).toEqual(['other']);
	});

	it('sets a recommendation’s constituents when it is created and edited, shown back in its edit form', async () => {
		const form = (over: Record<string, string | string[]>) => ({
			_form: 'recommendation',
			code: 'TRI-01',
			text: 'Convocar la mesa tripartita',
			issuedOn: '2022-01-15',
			addressedTo: 'MDT',
			area: 'governance',
			priority: 'medium',
			constituentsShown: '1',
			...over
		});
		expect(await post(newActions, 'default', form({ constituents: ['workers', 'government'] }))).toMatchObject({ kind: 'redirect' });
		const rec = await db
			.selectFrom('recommendation')
			.selectAll()
			.where('programme_id', '=', patss.programme.id)
			.where('code', '=', 'TRI-01')
			.executeTakeFirstOrThrow();
		expect(await tagsOf('recommendation', rec.id)).toEqual(['government', 'workers']);
		const edit = await loadAs<{ constituents: string[] }>(db, loadEdit as (event: never) => unknown, COORD, {
			params: { slug: 'patss', id: String(rec.id) }
		});
		expect(edit.kind === 'value' && edit.value.constituents).toEqual(['government', 'workers']);
		const saved = await post(
			editActions,
			'update',
			form({ version: String(rec.version), constituents: ['government', 'employers', 'workers'] }),
			{ id: String(rec.id) }
		);
		expect(saved).toMatchObject({ kind: 'redirect' });
		expect(await tagsOf('recommendation', rec.id)).toEqual(['government', 'employers', 'workers']);
		const stale = await post(editActions, 'update', form({ version: String(rec.version), constituents: 'other' }), { id: String(rec.id) });
		expect(stale.kind === 'value' && stale.value).toMatchObject({ status: 409 });
		expect(await auditOf('recommendation', rec.id)).toHaveLength(2);
	});
});

describe('filtering by constituent', () => {
	it('narrows the logframe to the outputs and activities a constituent took part in', async () => {
		const all = await getLogframe(db, patss.programme.id);
		const tags = await constituentTags(db, patss.programme.id);
		const r = await loadAs<{ logframe: typeof all; constituent: string | null }>(db, loadLogframe as (event: never) => unknown, COORD, {
			params: { slug: 'patss' },
			url: 'http://localhost/programmes/patss/logframe?constituent=workers'
		});
		if (r.kind !== 'value') throw new Error(JSON.stringify(r));
		expect(r.value.constituent).toBe('workers');
		const shown = r.value.logframe.flatMap((m) => m.outputs.flatMap((o) => o.activities.map((a) => a.id)));
		const expected = all.flatMap((m) =>
			m.outputs.flatMap((o) => o.activities.filter((a) => tags.activity.get(a.id)?.includes('workers')).map((a) => a.id))
		);
		expect(shown).toEqual(expected);
		expect(shown.length).toBeGreaterThan(0);
		for (const m of r.value.logframe)
			for (const o of m.outputs) expect(tags.output.get(o.id)?.includes('workers') || o.activities.length > 0).toBe(true);
		// Anything else in the query string is no filter at all.
		const none = await loadAs<{ logframe: typeof all }>(db, loadLogframe as (event: never) => unknown, COORD, {
			params: { slug: 'patss' },
			url: 'http://localhost/programmes/patss/logframe?constituent=donors'
		});
		expect(none.kind === 'value' && none.value.logframe.length).toBe(all.length);
	});

	it('narrows the tracker’s table to the recommendations a constituent took part in, the rates unchanged', async () => {
		type Data = { tracker: { rows: { id: number }[]; summary: unknown; total: number } };
		const read = (query: string) =>
			loadAs<Data>(db, loadTracker as (event: never) => unknown, 'donor.iess@avance.test', {
				params: { slug: 'patss' },
				url: `http://localhost/programmes/patss/recommendations${query}`
			});
		const all = await read('');
		const employers = await read('?constituent=employers');
		if (all.kind !== 'value' || employers.kind !== 'value') throw new Error('no tracker');
		const tags = await constituentTags(db, patss.programme.id);
		expect(employers.value.tracker.rows.map((r) => r.id)).toEqual(
			all.value.tracker.rows.filter((r) => tags.recommendation.get(r.id)?.includes('employers')).map((r) => r.id)
		);
		expect(employers.value.tracker.rows.length).toBeGreaterThan(0);
		expect(employers.value.tracker.rows.length).toBeLessThan(all.value.tracker.rows.length);
		expect(employers.value.tracker.summary).toEqual(all.value.tracker.summary);
	});
});
