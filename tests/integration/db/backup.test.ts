import SQLite from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '$lib/server/db/backup';
import { closeDb, databasePath, getDb } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { freshDatabase } from '../../helpers/db';
import { testingOnPostgres } from '../../helpers/postgres';

// The backup while another process keeps writing, as the app would: the copy is whole,
// holds every write acknowledged before it began, and can be restored.

const tsx = (script: string, args: string[] = []) =>
	spawn(process.execPath, ['--import', 'tsx', resolve(script), ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });

let source: string;

/** Starts the writer; `acked()` is the last row it has confirmed as committed. */
async function startWriter(): Promise<{ child: ChildProcess; acked(): number; stop(): Promise<void> }> {
	const child = tsx('tests/integration/db/fixtures/write-loop.ts');
	let last = 0;
	let tail = '';
	child.stdout!.on('data', (d) => {
		tail += d;
		const lines = tail.split('\n');
		tail = lines.pop()!;
		for (const line of lines) last = Number(line.slice('acked '.length)) || last;
	});
	let err = '';
	child.stderr!.on('data', (d) => (err += d));
	while (last < 200) {
		if (child.exitCode !== null) throw new Error(`writer died: ${err}`);
		await new Promise((r) => setTimeout(r, 20));
	}
	return {
		child,
		acked: () => last,
		stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))))
	};
}

function runBackup(target: string): Promise<{ code: number | null; out: string }> {
	return new Promise((done) => {
		const child = tsx('src/lib/server/db/cli-backup.ts', [target]);
		let out = '';
		child.stdout!.on('data', (d) => (out += d));
		child.stderr!.on('data', (d) => (out += d));
		child.on('exit', (code) => done({ code, out }));
	});
}

const probes = (path: string) => {
	const db = new SQLite(path, { readonly: true });
	try {
		return new Set(
			(db.prepare("select entity_id from audit_log where entity = 'backup_probe'").all() as { entity_id: string }[]).map((r) =>
				Number(r.entity_id)
			)
		);
	} finally {
		db.close();
	}
};

// SQLite's online backup; the PostgreSQL one (pg_dump) is tested in backup-postgres.test.ts.
describe.skipIf(testingOnPostgres())('npm run db:backup', () => {
	beforeEach(async () => {
		await freshDatabase();
		source = databasePath();
	});

	it('copies the database while another process writes: whole, and holding every write acknowledged before it began', async () => {
		const writer = await startWriter();
		const target = join(mkdtempSync(join(tmpdir(), 'avance-backup-')), 'avance-backup.db');
		let before: number;
		let after: number;
		try {
			before = writer.acked();
			expect(await backupDatabase(source, target)).toMatchObject({ path: target });
			after = writer.acked();
		} finally {
			await writer.stop();
		}
		// The writer went on while the backup ran.
		expect(after).toBeGreaterThan(before);

		const copy = new SQLite(target, { readonly: true });
		expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
		copy.close();
		const saved = probes(target);
		for (let n = 1; n <= before; n++) expect(saved.has(n), `row ${n}`).toBe(true);
		// Only the finished copy is left: no temporary file beside it.
		expect(readdirSync(dirname(target))).toEqual(['avance-backup.db']);
	});

	it('restores: the copy npm run db:backup made, put in place of the database, opens, migrates and holds the data', async () => {
		await getDb().insertInto('audit_log').values({ entity: 'backup_probe', entity_id: '1', action: 'create' }).execute();
		const target = join(mkdtempSync(join(tmpdir(), 'avance-backup-')), 'copy.db');
		const { code, out } = await runBackup(target);
		expect(code, out).toBe(0);
		expect(out).toContain(`written to ${target}`);

		await closeDb();
		process.env.DATABASE_PATH = join(mkdtempSync(join(tmpdir(), 'avance-restored-')), 'avance.db');
		copyFileSync(target, process.env.DATABASE_PATH);
		const restored = getDb();
		await migrateToLatest(restored);
		const rows = await restored.selectFrom('audit_log').select('entity_id').where('entity', '=', 'backup_probe').execute();
		expect(rows.map((r) => r.entity_id)).toEqual(['1']);
		expect(await restored.selectFrom('programme').select('id').execute()).toEqual([]);
	});

	it('refuses to write over the database itself', async () => {
		await expect(backupDatabase(source, source)).rejects.toThrow('another file than the database itself');
		expect(existsSync(source)).toBe(true);
	});
});
