import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { countQueries } from '$lib/server/db/connection';
import { assessProgramme } from '$lib/server/results/assessment';
import { loadComparison } from '$lib/server/library/compare';
import { createLibraryEntry, libraryEntrySchema } from '$lib/server/library/entries';
import { libraryEntryOf, setLibraryLink } from '$lib/server/library/links';
import { load as loadEntry } from '../../../src/routes/library/[id]/+page.server';
import { actions as newActions } from '../../../src/routes/library/new/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The indicator library against the seeded demo: the comparison shows each programme's own
// figures, only the programmes a person may see, refuses what cannot share the axis with the
// reason, and only admins curate.

const AS_OF = '2026-11-21';
let db: Db;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

const entryId = async (code: string) =>
	(await db.selectFrom('library_indicator').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe('comparison across programmes', () => {
	it('gives each programme’s own status, progress and latest value, as its own assessment does', async () => {
		const donor = await sessionUser(db, 'donor.eu@avance.test');
		const comparison = await loadComparison(db, donor, await entryId('ILO-SD-EVENTS'), { locale: 'en', asOf: AS_OF });
		const slugs = new Set(comparison.rows.map((r) => r.programme.slug));
		expect(slugs).toEqual(new Set(['ecuador-desempleo-ue', 'peru-desempleo-ue']));
		for (const row of comparison.rows) {
			const own = await seeded(db, row.programme.slug);
			const assessed = await assessProgramme(db, own.programme, AS_OF);
			const a = assessed.assessments.get(row.indicator.id)!;
			expect(row.status).toBe(a.status);
			expect(row.progress).toBe(a.progress);
			expect(row.latestActual).toBe(a.latestActual);
			expect(row.forecast).toEqual(assessed.forecasts.get(row.indicator.id));
			// Every approved actual on the axis is the programme's own aggregated actual of that period.
			for (const p of a.periods.filter((x) => x.hasValue)) {
				const period = assessed.periods.find((x) => x.id === p.periodId)!;
				expect(row.points.find((pt) => pt.date === period.endDate)?.actual).toBe(p.actual);
			}
		}
		expect(comparison.dates).toEqual([...comparison.dates].sort());
	});

	it('shows only the programmes the person may see', async () => {
		const patssDonor = await sessionUser(db, 'donor.iess@avance.test');
		const comparison = await loadComparison(db, patssDonor, await entryId('ILO-SD-EVENTS'), { locale: 'es', asOf: AS_OF });
		expect(comparison.rows).toEqual([]);
		const capacity = await loadComparison(db, patssDonor, await entryId('GE-SP-CAPACITY'), { locale: 'es', asOf: AS_OF });
		expect(capacity.rows.map((r) => r.programme.slug)).toEqual(['patss']);
	});

	it('refuses an indicator whose measure cannot share the axis, and says why', async () => {
		const admin = await sessionUser(db, 'admin@avance.test');
		const comparison = await loadComparison(db, admin, await entryId('GE-SP-POLICIES'), { locale: 'en', asOf: AS_OF });
		expect(comparison.rows).toEqual([]);
		expect(comparison.refused.map((r) => [r.indicator.code, r.reason])).toEqual([['PE-1', 'measure']]);
	});

	it('reads the same few statements whatever the number of programmes', async () => {
		const admin = await sessionUser(db, 'admin@avance.test');
		const id = await entryId('ILO-SD-EVENTS');
		const { stats } = await countQueries(() => loadComparison(db, admin, id, { locale: 'en', asOf: AS_OF }));
		expect(stats.statements).toBeGreaterThan(0);
		expect(stats.statements).toBeLessThanOrEqual(12);
	});

	it('answers 404 for an entry that does not exist', async () => {
		const event = makeEvent({ user: await sessionUser(db, 'donor.eu@avance.test'), params: { id: '999999' } });
		expect(await outcome(() => call(loadEntry, event))).toMatchObject({ kind: 'error', status: 404 });
	});
});

describe('curating and linking', () => {
	it('lets only an admin add an entry', async () => {
		const form = { code: 'TEST-1', titleEs: 'Prueba', titleEn: 'Test', measure: 'number', direction: 'increase' };
		const asCoordinator = makeEvent({ user: await sessionUser(db, 'coord.patss@avance.test'), form });
		expect(await outcome(() => call(newActions.default, asCoordinator))).toMatchObject({ kind: 'error', status: 403 });
		const asAdmin = makeEvent({ user: await sessionUser(db, 'admin@avance.test'), form });
		expect(await outcome(() => call(newActions.default, asAdmin))).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await db.selectFrom('library_indicator').select('code').where('code', '=', 'TEST-1').executeTakeFirst()).toBeTruthy();
	});

	it('refuses a code already taken, next to the field', async () => {
		const admin = await sessionUser(db, 'admin@avance.test');
		const input = libraryEntrySchema.parse({ code: 'SDG-1.3.1', titleEs: 'x', titleEn: 'x', measure: 'percentage', direction: 'increase' });
		await expect(createLibraryEntry(db, admin, input)).rejects.toMatchObject({ fields: { code: { key: 'library.codeTaken' } } });
	});

	it('links and unlinks an indicator, in the audit log, copying nothing', async () => {
		const coord = await sessionUser(db, 'coord.patss@avance.test');
		const patss = await seeded(db, 'patss');
		const indicatorId = patss.indicatorId('5.1-3');
		const before = await db.selectFrom('indicator').selectAll().where('id', '=', indicatorId).executeTakeFirstOrThrow();
		const id = await entryId('GE-SP-CAPACITY');
		await setLibraryLink(db, coord, patss.programme, indicatorId, id);
		expect((await libraryEntryOf(db, indicatorId))?.code).toBe('GE-SP-CAPACITY');
		expect(await db.selectFrom('indicator').selectAll().where('id', '=', indicatorId).executeTakeFirstOrThrow()).toEqual(before);
		await setLibraryLink(db, coord, patss.programme, indicatorId, null);
		expect(await libraryEntryOf(db, indicatorId)).toBeNull();
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'after'])
			.where('entity', '=', 'indicator')
			.where('entity_id', '=', String(indicatorId))
			.where('action', '=', 'link_library')
			.execute();
		expect(audit.map((a) => JSON.parse(a.after!))).toEqual([{ libraryIndicatorId: id }, { libraryIndicatorId: null }]);
	});

	it('never links an indicator of another programme', async () => {
		const coord = await sessionUser(db, 'coord.patss@avance.test');
		const patss = await seeded(db, 'patss');
		const peru = await seeded(db, 'peru-desempleo-ue');
		await expect(
			setLibraryLink(db, coord, patss.programme, peru.indicatorId('PE-6'), await entryId('ILO-SD-EVENTS'))
		).rejects.toMatchObject({
			name: 'NotFoundError'
		});
	});
});
