import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import type { ReportingPeriod } from '$lib/model';
import { listPortfolio, type LogframeModuleNode } from '$lib/server/programmes/programmes';
import { load as loadPortfolio } from '../../../src/routes/+page.server';
import { load as loadProgramme } from '../../../src/routes/programmes/[slug]/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { testingOnPostgres } from '../../helpers/postgres';

let db: Db;
beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

describe('membership scoping', () => {
	it('shows each user only the programmes they belong to; the admin sees all', async () => {
		const codes = async (email: string) => (await listPortfolio(db, await sessionUser(db, email))).map((e) => e.programme.code).sort();
		expect(await codes('donor.eu@avance.test')).toEqual(['UE-ECU-DESEMPLEO', 'UE-PER-DESEMPLEO']);
		expect(await codes('donor.iess@avance.test')).toEqual(['PATSS']);
		expect(await codes('coord.peru@avance.test')).toEqual(['UE-PER-DESEMPLEO']);
		expect(await codes('evaluator@avance.test')).toHaveLength(4);
		expect(await codes('admin@avance.test')).toHaveLength(4);
	});

	it('counts modules, outputs and activities per programme', async () => {
		const entries = await listPortfolio(db, await sessionUser(db, 'evaluator@avance.test'));
		const patss = entries.find((e) => e.programme.code === 'PATSS')!;
		expect(patss.counts.modules).toBe(5);
		expect(patss.role).toBe('evaluator');
		expect(patss.counts.outputs).toBeGreaterThanOrEqual(15);
		expect(patss.counts.activities).toBeGreaterThan(patss.counts.outputs);
	});

	it('answers 404 (not 403, so the name does not leak) when a donor opens another donor’s programme', async () => {
		const user = await sessionUser(db, 'donor.eu@avance.test');
		const r = await outcome(() => call(loadProgramme, makeEvent({ user, params: { slug: 'patss' } })));
		expect(r).toMatchObject({ kind: 'error', status: 404 });
	});

	it('answers 403 when a donor asks for an edit right in their own programme', async () => {
		const user = await sessionUser(db, 'donor.iess@avance.test');
		const r = await outcome(() => requireProgramme(makeEvent({ user }), 'patss', 'logframe.edit'));
		expect(r).toMatchObject({ kind: 'error', status: 403 });
	});

	it('sends a signed-out visitor to the sign-in page, keeping where they were going', async () => {
		const r = await outcome(() => call(loadPortfolio, makeEvent({ url: 'http://localhost/?x=1' })));
		expect(r).toEqual({ kind: 'redirect', status: 303, location: '/login?redirectTo=%2F%3Fx%3D1' });
	});

	it('sends a donor opening a programme to its dashboard, where donors land', async () => {
		const user = await sessionUser(db, 'donor.iess@avance.test');
		const r = await outcome(() => call(loadProgramme, makeEvent({ user, params: { slug: 'patss' } })));
		expect(r).toEqual({ kind: 'redirect', status: 303, location: '/programmes/patss/dashboard' });
	});

	it('loads the programme overview with its logframe tree and periods for a member', async () => {
		const user = await sessionUser(db, 'coord.patss@avance.test');
		const r = await outcome(() => call(loadProgramme, makeEvent({ user, params: { slug: 'patss' } })));
		expect(r.kind).toBe('value');
		if (r.kind !== 'value') return;
		const { logframe, periods } = r.value as { logframe: LogframeModuleNode[]; periods: ReportingPeriod[] };
		expect(logframe.map((m) => m.code)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5']);
		expect(logframe[0]!.outputs[0]!.activities.length).toBeGreaterThan(0);
		expect(periods[0]!.label).toBe('2018-S2');
		expect(periods.at(-1)!.endDate).toBe('2022-03-31');
	});
});

describe('seed', () => {
	it('is idempotent and records the programmes it created in the audit log', async () => {
		const { seedDatabase } = await import('../../../seed/index');
		const again = await seedDatabase(db, { demoAccounts: true });
		expect(again.created).toEqual([]);
		const programmes = await db.selectFrom('programme').select('code').execute();
		expect(programmes).toHaveLength(4);
		const audit = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'programme').where('action', '=', 'create').execute();
		expect(audit).toHaveLength(4);
		const slv = await db.selectFrom('programme').selectAll().where('code', '=', 'SLV/16/03/RBS').executeTakeFirstOrThrow();
		expect([slv.start_date, slv.end_date, slv.budget_cents]).toEqual(['2017-11-01', '2021-12-31', 46_264_000]);
	});

	it.skipIf(testingOnPostgres())('runs with WAL journaling and foreign keys on', async () => {
		const { sql } = await import('kysely');
		const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
		const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
		expect(mode.rows[0]?.journal_mode).toBe('wal');
		expect(fk.rows[0]?.foreign_keys).toBe(1);
	});
});
