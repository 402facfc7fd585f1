import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';

// The test run's temporary files go under one folder removed at the end (tests/setup/run-tmpdir.ts).
it('runs with its temporary folder inside the run’s own folder', () => {
	expect(process.env.AVANCE_TEST_TMP).toMatch(/avance-run-/);
	expect(tmpdir()).toBe(process.env.AVANCE_TEST_TMP);
});
