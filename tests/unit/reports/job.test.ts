import { describe, expect, it } from 'vitest';
import { isOpenJob, JOB_STATES, jobError, jobSteps, MAX_ATTEMPTS, nextJobState, parseStep } from '$lib/reports/job';

// The render job's state machine (issue 18): queued → rendering → done | failed, an interrupted
// claim back to queued until MAX_ATTEMPTS, and nothing out of a finished state.

describe('a report job', () => {
	it('is claimed only when queued, and ends only from rendering', () => {
		expect(nextJobState('queued', 'claim')).toBe('rendering');
		for (const s of ['rendering', 'done', 'failed'] as const) expect(nextJobState(s, 'claim')).toBeNull();
		expect(nextJobState('rendering', 'finish')).toBe('done');
		for (const s of ['queued', 'done', 'failed'] as const) expect(nextJobState(s, 'finish')).toBeNull();
		expect(nextJobState('rendering', 'fail')).toBe('failed');
		expect(nextJobState('done', 'fail')).toBeNull();
		expect(nextJobState('failed', 'fail')).toBeNull();
	});

	it('goes back to the queue when its claimer stopped, until MAX_ATTEMPTS, then fails', () => {
		for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) expect(nextJobState('rendering', 'interrupt', attempts)).toBe('queued');
		expect(nextJobState('rendering', 'interrupt', MAX_ATTEMPTS)).toBe('failed');
		expect(nextJobState('queued', 'interrupt', 1)).toBeNull();
		expect(nextJobState('done', 'interrupt', 1)).toBeNull();
	});

	it('is open while queued or rendering only', () => {
		expect(JOB_STATES.filter(isOpenJob)).toEqual(['queued', 'rendering']);
	});

	it('renders each language PDF then DOCX, then writes the issue', () => {
		expect(jobSteps(['es', 'en'])).toEqual(['pdf-es', 'docx-es', 'pdf-en', 'docx-en', 'writing']);
		expect(jobSteps(['en'])).toEqual(['pdf-en', 'docx-en', 'writing']);
		expect(parseStep('docx-en')).toEqual({ format: 'docx', lang: 'en' });
		expect(parseStep('writing')).toEqual({ format: 'writing', lang: null });
		expect(parseStep('pdf-fr')).toBeNull();
		expect(parseStep(null)).toBeNull();
	});

	it('reads an unknown stored reason as a renderer failure', () => {
		expect(jobError('memory')).toBe('memory');
		expect(jobError('nonsense')).toBe('renderer');
		expect(jobError(null)).toBe('renderer');
	});
});
