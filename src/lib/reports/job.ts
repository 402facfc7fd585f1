import type { Locale } from '$lib/model';

// A report's render job (design §2, §5), as a state machine both the server and the report page
// read. queued → rendering (claimed by one process) → done (the issue is recorded) or failed (with
// a reason); a claim whose process died goes back to queued, or to failed after MAX_ATTEMPTS.
// A failed job is never restarted: the evaluator issues again, which freezes the data anew.

export const JOB_STATES = ['queued', 'rendering', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export type JobEvent = 'claim' | 'finish' | 'fail' | 'interrupt';

/** Why a job failed: each has a message that says what the evaluator can do about it. */
export const JOB_ERRORS = ['changed', 'blocked', 'conflict', 'memory', 'renderer', 'interrupted'] as const;
export type JobError = (typeof JOB_ERRORS)[number];

/** How many times a job is started before an interruption fails it (a render that kills its process). */
export const MAX_ATTEMPTS = 3;

/** The state after `event`, or null when the event is not allowed in `state`. */
export function nextJobState(state: JobState, event: JobEvent, attempts = 0): JobState | null {
	switch (event) {
		case 'claim':
			return state === 'queued' ? 'rendering' : null;
		case 'finish':
			return state === 'rendering' ? 'done' : null;
		case 'fail':
			return state === 'rendering' || state === 'queued' ? 'failed' : null;
		case 'interrupt':
			// The claimer died: started again while attempts remain.
			if (state !== 'rendering') return null;
			return attempts >= MAX_ATTEMPTS ? 'failed' : 'queued';
	}
}

export const isOpenJob = (state: JobState) => state === 'queued' || state === 'rendering';

/** The steps of a job in order: each language's PDF then DOCX, then writing the issue. */
export function jobSteps(languages: readonly Locale[]): string[] {
	return [...languages.flatMap((l) => [`pdf-${l}`, `docx-${l}`]), 'writing'];
}

/** A step's parts for its label: ('pdf', 'es'), or ('writing', null). */
export function parseStep(step: string | null): { format: 'pdf' | 'docx' | 'writing'; lang: Locale | null } | null {
	if (step === 'writing') return { format: 'writing', lang: null };
	const m = /^(pdf|docx)-(es|en)$/.exec(step ?? '');
	return m ? { format: m[1] as 'pdf' | 'docx', lang: m[2] as Locale } : null;
}

/** The error key of a failed job as stored, or 'renderer' for anything unknown. */
export const jobError = (raw: string | null): JobError =>
	(JOB_ERRORS as readonly string[]).includes(raw ?? '') ? (raw as JobError) : 'renderer';

/** What the report page and its JSON endpoint show of a job. */
export interface ReportJobView {
	id: number;
	state: JobState;
	step: string | null;
	error: JobError | null;
	issueNumber: number | null;
	createdAt: string;
}
