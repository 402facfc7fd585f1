import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupPostgres } from '$lib/server/db/backup';
import { getDb, openPostgres } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { freshDatabase } from '../../helpers/db';
import { createEmptyDatabase, dropDatabase, postgresTestUrl, testingOnPostgres } from '../../helpers/postgres';

// `npm run db:backup` on PostgreSQL (pg_dump, custom format) while another process keeps writing,
// and the restore the README describes (pg_restore into an empty database), under `npm run test:pg`.

function startWriter() {
	const child = spawn(process.execPath, ['--import', 'tsx', resolve('tests/integration/db/fixtures/write-loop.ts')], {
		env: process.env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let last = 0;
	let tail = '';
	let err = '';
	child.stdout.on('data', (d) => {
		tail += d;
		const lines = tail.split('\n');
		tail = lines.pop()!;
		for (const line of lines) last = Number(line.slice('acked '.length)) || last;
	});
	child.stderr.on('data', (d) => (err += d));
	return {
		acked: () => last,
		error: () => err,
		exited: () => child.exitCode !== null,
		stop: () => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))))
	};
}

describe.skipIf(!testingOnPostgres())('npm run db:backup on PostgreSQL', () => {
	beforeAll(async () => {
		await freshDatabase();
		await getDb()
			.insertInto('programme')
			.values({
				slug: 'kept',
				code: 'KEPT',
				short_name: 'Kept',
				title: 'Kept',
				country: 'Peru',
				funding_modality: 'eu_contribution',
				start_date: '2020-01-01',
				end_date: '2021-12-31',
				status: 'active'
			})
			.execute();
	});

	// The dump the first test makes while the writer runs, and how many writes were acknowledged before it began.
	let dump: { path: string; before: number } | undefined;

	it('dumps while another process writes, under a temporary name until it is complete', async () => {
		const writer = startWriter();
		const target = join(mkdtempSync(join(tmpdir(), 'avance-pgdump-')), 'avance.dump');
		let before: number;
		let after: number;
		try {
			while (writer.acked() < 20) {
				if (writer.exited()) throw new Error(`writer died: ${writer.error()}`);
				await new Promise((r) => setTimeout(r, 20));
			}
			before = writer.acked();
			expect(await backupPostgres(process.env.DATABASE_URL!, target)).toMatchObject({ path: target });
			after = writer.acked();
		} finally {
			await writer.stop();
		}
		expect(after).toBeGreaterThanOrEqual(before);
		expect(readdirSync(dirname(target))).toEqual(['avance.dump']);
		dump = { path: target, before };
	});

	it('restores that dump into an empty database, which migrates and holds every write acknowledged before the dump', async () => {
		expect(dump, 'the dump of the test before').toBeDefined();
		const { path, before } = dump!;
		const restoredName = `avance_restored_${process.pid}`;
		await createEmptyDatabase(restoredName);
		const restoredUrl = postgresTestUrl(restoredName);
		const restore = spawnSync('pg_restore', ['--no-owner', '--no-privileges', `--dbname=${restoredUrl}`, path], { encoding: 'utf8' });
		expect(restore.status, restore.stderr).toBe(0);
		const restored = openPostgres(restoredUrl, { poolSize: 1 });
		try {
			await migrateToLatest(restored);
			const probes = await restored.selectFrom('audit_log').select('entity_id').where('entity', '=', 'backup_probe').execute();
			const saved = new Set(probes.map((p) => Number(p.entity_id)));
			for (let n = 1; n <= before; n++) expect(saved.has(n), `row ${n}`).toBe(true);
			expect(await restored.selectFrom('programme').select('slug').execute()).toEqual([{ slug: 'kept' }]);
			// Identity columns go on after the restored rows: a new row gets a fresh id.
			const { id } = await restored
				.insertInto('audit_log')
				.values({ entity: 'after_restore', entity_id: '1', action: 'create' })
				.returning('id')
				.executeTakeFirstOrThrow();
			expect(id).toBeGreaterThan(before);
		} finally {
			await restored.destroy();
			await dropDatabase(restoredName);
		}
	});
});
