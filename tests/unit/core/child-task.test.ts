import { describe, expect, it } from 'vitest';
import { ChildOutOfMemoryError, outOfMemory } from '$lib/server/core/child-task';
import { failureReason } from '$lib/server/reports/jobs';

// How a render's child that stopped is told apart (issue 18): V8's fatal out-of-memory message on
// its stderr makes the job's reason "memory" (the evaluator can shorten the report); any other
// stop is the renderer's failure.

describe('a child that stopped', () => {
	it('ran out of memory when V8 says so on its stderr', () => {
		expect(outOfMemory('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory')).toBe(true);
		expect(outOfMemory('FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory')).toBe(
			true
		);
		expect(outOfMemory('')).toBe(false);
		expect(outOfMemory('TypeError: Cannot read properties of undefined')).toBe(false);
	});

	it('fails the job as "memory", naming the limit', () => {
		const error = new ChildOutOfMemoryError('the DOCX renderer (es)', 1400);
		expect(error.message).toBe('the DOCX renderer (es) ran out of its memory (1400 MB)');
		expect(failureReason(error)).toBe('memory');
	});
});
