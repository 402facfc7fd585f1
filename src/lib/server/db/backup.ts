import SQLite from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

// A consistent copy of the SQLite file while the app keeps serving writes: SQLite's online
// backup reads one snapshot (WAL lets writers go on meanwhile), the copy is checked, and only a
// complete, checked copy ever appears under the name asked for.

export interface BackupResult {
	path: string;
	bytes: number;
}

async function fsync(path: string) {
	const handle = await open(path, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

export async function backupDatabase(sourcePath: string, targetPath: string): Promise<BackupResult> {
	const target = resolve(targetPath);
	if (target === resolve(sourcePath)) throw new Error('the backup must go to another file than the database itself');
	const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
	const source = new SQLite(sourcePath, { fileMustExist: true });
	try {
		source.pragma('busy_timeout = 5000');
		// All pages in one step, from one snapshot: copying in small steps starts over each time
		// another connection writes, and a busy app would keep it starting over.
		await source.backup(temp, { progress: () => 0x7fffffff });
	} finally {
		source.close();
	}
	try {
		const copy = new SQLite(temp, { fileMustExist: true });
		try {
			const check = copy.pragma('integrity_check', { simple: true });
			if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
			// One self-contained file: restoring it needs no -wal file beside it.
			copy.pragma('journal_mode = DELETE');
		} finally {
			copy.close();
		}
		await fsync(temp);
		await rename(temp, target);
		await fsync(dirname(target));
	} catch (error) {
		await rm(temp, { force: true });
		throw error;
	}
	return { path: target, bytes: (await stat(target)).size };
}

/**
 * A consistent copy of a PostgreSQL database while the app keeps serving writes: `pg_dump` in its
 * custom format reads one snapshot (a repeatable-read transaction), so the copy holds every change
 * committed before it began and none half-way. Written under a temporary name, renamed when done.
 * Restore with `pg_restore --no-owner --dbname=…` into an empty database (README, "Backups").
 */
export async function backupPostgres(url: string, targetPath: string, pgDump = process.env.PG_DUMP || 'pg_dump'): Promise<BackupResult> {
	const target = resolve(targetPath);
	const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
	try {
		await new Promise<void>((done, fail) => {
			const child = spawn(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${temp}`, `--dbname=${url}`], {
				stdio: ['ignore', 'ignore', 'pipe']
			});
			let err = '';
			child.stderr.on('data', (d) => (err += d));
			child.on('error', (error) => fail(new Error(`could not run ${pgDump} (install the PostgreSQL client): ${error.message}`)));
			child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${pgDump} failed (${code}): ${err.trim()}`))));
		});
		await fsync(temp);
		await rename(temp, target);
		await fsync(dirname(target));
	} catch (error) {
		await rm(temp, { force: true });
		throw error;
	}
	return { path: target, bytes: (await stat(target)).size };
}
