import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openAttachment, recordAttachment, storeUpload, sweepUploads, uploadsDir } from '$lib/server/core/attachments';
import { inTransaction } from '$lib/server/db/executor';
import type { Db } from '$lib/server/db/connection';
import { freshDatabase } from '../../helpers/db';

// Evidence files and crashes: a process that stores an upload is SIGKILLed before its
// transaction commits (or just after), the way a crash or `kill -9` would stop it, and the
// start-up sweep then leaves only files whose rows exist, each complete.

const FIXTURE = resolve('tests/integration/core/fixtures/store-upload.ts');

let db: Db;
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-uploads-'));
});

/** Runs the fixture; in a `hang-…` mode, kills it with SIGKILL once it stops where asked. */
function storeInChildProcess(mode: 'finish' | 'hang-before-commit' | 'hang-after-commit'): Promise<string> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		let storedName = '';
		child.stderr.on('data', (d) => (err += d));
		child.stdout.on('data', (d) => {
			out += d;
			const line = out.match(/^(ready|done) (\S+)$/m);
			if (line) {
				storedName = line[2]!;
				if (line[1] === 'ready') child.kill('SIGKILL');
			}
		});
		child.on('exit', (code, signal) => {
			const expected = mode === 'finish' ? code === 0 : signal === 'SIGKILL';
			if (expected && storedName) done(storedName);
			else fail(new Error(`fixture ${mode} ended with ${code ?? signal}:\n${out}\n${err}`));
		});
	});
}

/** The same steps as the fixture, in this process, to the end. */
async function storeAndCommitHere(): Promise<string> {
	const programme = await db.selectFrom('programme').select('id').orderBy('id').executeTakeFirstOrThrow();
	const user = await db.selectFrom('user').select('id').orderBy('id').executeTakeFirstOrThrow();
	const upload = await storeUpload(new File([Buffer.from('%PDF-1.4\nacta firmada')], 'acta.pdf'), 'evidenceFile');
	await inTransaction(db, (trx) => recordAttachment(trx, { programmeId: programme.id, entity: 'indicator_value', id: 1 }, upload, user.id));
	return upload.storedName;
}

const onDisk = () =>
	readdirSync(uploadsDir(), { withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => e.name)
		.sort();
const rowOf = (storedName: string) => db.selectFrom('attachment').selectAll().where('stored_name', '=', storedName).executeTakeFirst();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Makes what a dead process left look as old as it would be a few minutes after the crash. */
function ageFiles(minutes: number) {
	const then = new Date(Date.now() - minutes * 60_000);
	for (const name of onDisk()) utimesSync(join(uploadsDir(), name), then, then);
}

describe('evidence files when the process dies', () => {
	it('leaves no orphan after uploads killed before their commit, and keeps the committed file intact', async () => {
		const committed = await storeAndCommitHere();
		// In place under its name as soon as its transaction has committed.
		expect(onDisk()).toEqual([committed]);
		// Three at once: each holds the write lock until it is killed, so they run one after the other.
		const killed = await Promise.all([1, 2, 3].map(() => storeInChildProcess('hang-before-commit')));
		expect(await rowOf(committed)).toBeDefined();
		for (const name of killed) expect(await rowOf(name)).toBeUndefined();
		ageFiles(5);

		await sweepUploads(db);

		expect(onDisk()).toEqual([committed]);
		expect(sha256(join(uploadsDir(), committed))).toBe((await rowOf(committed))!.sha256);
	});

	it('finishes moving a file whose row committed just before the process died', async () => {
		const name = await storeInChildProcess('hang-after-commit');
		const row = (await rowOf(name))!;
		expect(row).toBeDefined();
		expect(existsSync(join(uploadsDir(), name))).toBe(false);

		await sweepUploads(db);

		expect(onDisk()).toEqual([name]);
		expect(sha256(join(uploadsDir(), name))).toBe(row.sha256);
		const opened = await openAttachment(db, row.programme_id, row.id, { internal: true });
		expect(opened?.body.byteLength).toBe(row.size_bytes);
	});

	it('leaves a fresh upload with no row yet alone: another process may be about to commit it', async () => {
		mkdirSync(uploadsDir(), { recursive: true });
		writeFileSync(join(uploadsDir(), 'f00d0000000000000000000000000000.pdf.part'), '%PDF-1.4 in flight');
		await sweepUploads(db);
		expect(onDisk()).toEqual(['f00d0000000000000000000000000000.pdf.part']);
		ageFiles(5);
		await sweepUploads(db);
		expect(onDisk()).toEqual([]);
	});

	it('sets a committed file whose row is gone aside rather than deleting it', async () => {
		mkdirSync(uploadsDir(), { recursive: true });
		writeFileSync(join(uploadsDir(), 'beef0000000000000000000000000000.pdf'), '%PDF-1.4 its record was restored away');
		await sweepUploads(db);
		expect(onDisk()).toEqual([]);
		expect(readdirSync(join(uploadsDir(), 'orphaned'))).toEqual(['beef0000000000000000000000000000.pdf']);
	});

	it('leaves files it did not store alone', async () => {
		mkdirSync(uploadsDir(), { recursive: true });
		writeFileSync(join(uploadsDir(), 'README.txt'), 'not an upload');
		ageFiles(5);
		await sweepUploads(db);
		expect(onDisk()).toEqual(['README.txt']);
	});
});
