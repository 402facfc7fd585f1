import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every temporary file a test run makes (databases, uploads, built apps' copies, rendered
// reports) goes under one folder of its own, removed when the run ends: before this, each run
// left about a thousand `avance-*` folders (over 3 GB) in the system's temporary folder. TMPDIR is
// what os.tmpdir() reads, in this process and in the workers and servers it starts later. Called
// by every project's global setup; the first call makes the folder, the others find it.
export function useRunTmpdir(): void {
	if (process.env.AVANCE_TEST_TMP) return;
	const dir = mkdtempSync(join(tmpdir(), 'avance-run-'));
	process.env.AVANCE_TEST_TMP = dir;
	process.env.TMPDIR = dir;
	process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
