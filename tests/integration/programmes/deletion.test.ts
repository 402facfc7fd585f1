import { beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { uploadsDir } from '$lib/server/core/attachments';
import type { Db } from '$lib/server/db/connection';
import { actions as logframe } from '../../../src/routes/programmes/[slug]/logframe/+page.server';
import { actions as editIndicator } from '../../../src/routes/programmes/[slug]/indicators/[id]/edit/+page.server';
import { actions as indicatorPage } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// Deleting part of the logframe takes what hangs from it. The confirmation must say all of it,
// the audit log must keep it, evidence files must not be left behind, and nothing in a period
// whose report was issued may go.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function run(fn: unknown, form: Record<string, string | File>, params: Record<string, string> = {}) {
	const event = makeEvent({ user: await sessionUser(db, COORD), params: { slug: 'patss', ...params }, form, url: 'http://localhost/x' });
	return outcome(() => call(fn as never, event) as Promise<unknown>);
}
const count = async (table: 'risk' | 'gender_action' | 'indicator' | 'risk_indicator' | 'recommendation_module') =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);
const moduleRow = (code: string) =>
	db.selectFrom('module').selectAll().where('programme_id', '=', patss.programme.id).where('code', '=', code).executeTakeFirstOrThrow();

describe('deleting a module', () => {
	it('says how many risks, gender actions and links go with it, and exactly those go', async () => {
		const m1 = await moduleRow('M1');
		const ask = await run(logframe.delete, { entity: 'module', id: String(m1.id), version: String(m1.version), name: 'M1' });
		const impact = (
			ask.kind === 'value' ? (ask.value as { confirmDelete: { impact: Record<string, number> } }).confirmDelete.impact : {}
		) as Record<string, number>;
		expect(impact.risks).toBeGreaterThan(0);
		expect(impact.genderActions).toBeGreaterThan(0);
		const before = { risks: await count('risk'), actions: await count('gender_action'), indicators: await count('indicator') };

		await run(logframe.delete, { entity: 'module', id: String(m1.id), version: String(m1.version), name: 'M1', confirm: 'yes' });
		expect(await count('risk')).toBe(before.risks - impact.risks!);
		expect(await count('gender_action')).toBe(before.actions - impact.genderActions!);
		expect(await count('indicator')).toBe(before.indicators - impact.indicators!);

		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'module')
			.where('action', '=', 'delete')
			.executeTakeFirstOrThrow();
		const kept = JSON.parse(audit.before!) as {
			impact: Record<string, number>;
			removed: { risks: { title: string }[]; genderActions: unknown[] };
		};
		expect(kept.impact).toEqual(impact);
		expect(kept.removed.risks).toHaveLength(impact.risks!);
		expect(kept.removed.genderActions).toHaveLength(impact.genderActions!);
	});

	it('refuses while the module holds values of a locked period, and deletes nothing', async () => {
		await db.updateTable('reporting_period').set({ locked: 1 }).where('id', '=', patss.periodId('2020-S1')).execute();
		const m1 = await moduleRow('M1');
		const ask = await run(logframe.delete, { entity: 'module', id: String(m1.id), version: String(m1.version), name: 'M1' });
		expect(ask.kind === 'value' && ask.value).toMatchObject({ confirmDelete: { impact: { lockedValues: 2 } } });
		const r = await run(logframe.delete, { entity: 'module', id: String(m1.id), version: String(m1.version), name: 'M1', confirm: 'yes' });
		expect(r.kind === 'value' && r.value).toMatchObject({ status: 403, data: { formError: expect.stringContaining('periodos cerrados') } });
		expect(await moduleRow('M1')).toBeTruthy();
	});
});

describe('deleting an activity or an indicator', () => {
	it('says that the risks attached to an activity go with it', async () => {
		const activity = await db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('activity')
			.where('module.programme_id', '=', patss.programme.id)
			.executeTakeFirstOrThrow();
		await db
			.insertInto('risk')
			.values({
				programme_id: patss.programme.id,
				activity_id: activity.id,
				kind: 'risk',
				title: 'Retraso de la contraparte',
				category: 'operational',
				likelihood: 2,
				impact: 2
			})
			.execute();
		const ask = await run(logframe.delete, {
			entity: 'activity',
			id: String(activity.id),
			version: String(activity.version),
			name: activity.code
		});
		expect(ask.kind === 'value' && ask.value).toMatchObject({ confirmDelete: { impact: { risks: 1 } } });
	});

	it('removes the evidence files of the values it deletes', async () => {
		const id = patss.indicatorId('5.1-3');
		const pdf = new File([new TextEncoder().encode('%PDF-1.4\n% x\n')], 'x.pdf', { type: 'application/pdf' });
		await run(
			indicatorPage.save,
			{
				periodId: String(patss.periodId('2022-S1')),
				value: '150',
				women: '80',
				men: '70',
				evidenceFile: pdf,
				intent: 'draft',
				valueVersion: ''
			},
			{ id: String(id) }
		);
		const file = await db.selectFrom('attachment').selectAll().executeTakeFirstOrThrow();
		expect(existsSync(join(uploadsDir(), file.stored_name))).toBe(true);
		const version = String((await db.selectFrom('indicator').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
		const r = await run(editIndicator.delete, { version, confirm: 'yes' }, { id: String(id) });
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await db.selectFrom('attachment').selectAll().execute()).toEqual([]);
		expect(existsSync(join(uploadsDir(), file.stored_name))).toBe(false);
	});

	it('refuses to change a target of a locked period', async () => {
		const id = patss.indicatorId('5.1-3');
		await db.updateTable('reporting_period').set({ locked: 1 }).where('id', '=', patss.periodId('2021-S2')).execute();
		const version = String((await db.selectFrom('indicator').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
		const f = (label: string) => `target_${patss.periodId(label)}`;
		const r = await run(
			editIndicator.targets,
			{ [f('2021-S1')]: '250', [f('2021-S2')]: '500', [f('2022-S1')]: '600', version, reason: 'Cambio' },
			{ id: String(id) }
		);
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 400,
			data: { errors: { [f('2021-S2')]: [expect.stringContaining('cerrado')] } }
		});
	});
});
