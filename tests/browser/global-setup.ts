import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { seedDatabase } from '../../seed/index';
import { useRunTmpdir } from '../setup/run-tmpdir';

// Builds the app once per run into a folder of its own (so two runs never share a build), and
// prepares a seeded database that every browser test file copies for its own server.

const LOCK = resolve('.svelte-kit/.avance-build-lock');

function withBuildLock<T>(fn: () => T): T {
	// vite build writes .svelte-kit/output; two builds at once would mix their files.
	const deadline = Date.now() + 5 * 60_000;
	for (;;) {
		try {
			mkdirSync(LOCK, { recursive: false });
			break;
		} catch {
			const stale = Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 5 * 60_000;
			if (stale) rmSync(LOCK, { recursive: true, force: true });
			if (Date.now() > deadline) throw new Error('waited too long for another build to finish');
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
		}
	}
	try {
		return fn();
	} finally {
		rmSync(LOCK, { recursive: true, force: true });
	}
}

export default async function setup(project: TestProject) {
	useRunTmpdir();
	mkdirSync(resolve('node_modules/.cache'), { recursive: true });
	const runDir = mkdtempSync(join(resolve('node_modules/.cache'), 'avance-e2e-'));
	const buildDir = join(runDir, 'build');
	withBuildLock(() => {
		const result = spawnSync('npx', ['vite', 'build'], {
			env: { ...process.env, AVANCE_BUILD_OUT: buildDir },
			stdio: ['ignore', 'ignore', 'pipe'],
			encoding: 'utf8'
		});
		if (result.status !== 0) throw new Error(`vite build failed:\n${result.stderr}`);
	});

	const templateDb = join(mkdtempSync(join(tmpdir(), 'avance-e2e-db-')), 'template.db');
	const db = openDatabase(templateDb);
	await migrateToLatest(db);
	// The seeded issued report's files go beside the template; each app copies them (helpers/app.ts).
	const uploadsBefore = process.env.UPLOADS_PATH;
	process.env.UPLOADS_PATH = join(dirname(templateDb), 'uploads');
	try {
		await seedDatabase(db, { demoAccounts: true, reports: true });
	} finally {
		if (uploadsBefore === undefined) delete process.env.UPLOADS_PATH;
		else process.env.UPLOADS_PATH = uploadsBefore;
	}
	await db.destroy();

	project.provide('buildDir', buildDir);
	project.provide('templateDb', templateDb);

	return () => {
		rmSync(runDir, { recursive: true, force: true });
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		buildDir: string;
		templateDb: string;
	}
}
