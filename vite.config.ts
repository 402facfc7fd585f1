import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		// A test that asserts nothing fails: every test must be able to catch a regression.
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'], globalSetup: ['tests/unit/global-setup.ts'] }
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					setupFiles: ['tests/integration/setup.ts'],
					// Prepares the PostgreSQL templates under `npm run test:pg` (AVANCE_TEST_PG=1); nothing on SQLite.
					globalSetup: ['tests/integration/global-setup.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'browser',
					environment: 'node',
					include: ['tests/browser/**/*.test.ts'],
					globalSetup: ['tests/browser/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// What a page shows after a click is polled for up to 10 s, as a person would wait:
					// vitest's default of 1 s failed a form whose saved question showed later while the unit and
					// integration projects ran beside the browser (CI at 404684b). A poll that never
					// succeeds still fails.
					expect: { requireAssertions: true, poll: { timeout: 10_000 } },
					// Each file starts its own server on its own database copy, but two Chromiums
					// on a 2-core machine are slower than one after the other.
					fileParallelism: false
				}
			}
		]
	}
});
