import { describe, expect, it } from 'vitest';
import { activityAsOf, activityOnTime } from '$lib/activity-status';
import { keyActionAsOf } from '$lib/adoption';
import { valuesAtDate } from '$lib/as-of';
import { genderActionAsOf } from '$lib/gender-action-status';
import { checksAsOf, riskAsOf, riskScore } from '$lib/risk-rules';

// Each record kind as it stood at a report's cut-off: its dated history undone, its own dates
// bounding what can have happened by then.

const CUT = '2020-06-30';

describe('the dated history', () => {
	it('gives each field the value it had before the first change after the date', () => {
		const values = valuesAtDate([
			{ entityId: 1, at: '2020-08-01 10:00:00', before: { status: 'planned', progress: 0 } },
			{ entityId: 1, at: '2021-01-01 10:00:00', before: { status: 'ongoing', actualEnd: null } },
			{ entityId: 2, at: '2020-09-01 10:00:00', before: null }
		]);
		expect(values.get(1)).toEqual({ status: 'planned', progress: 0, actualEnd: null });
		expect(values.has(2)).toBe(false);
	});
});

describe('an activity at the cut-off', () => {
	const base = { plannedStart: '2020-01-01', plannedEnd: '2020-12-31', progress: 100 } as const;

	it('completed after the cut-off was under way at it, its end and progress unknown then', () => {
		const at = activityAsOf({ ...base, status: 'completed', actualStart: '2020-09-01', actualEnd: '2021-10-31' }, CUT);
		expect(at).toMatchObject({ status: 'planned', actualStart: null, actualEnd: null, progress: null });
		const started = activityAsOf({ ...base, status: 'completed', actualStart: '2020-03-01', actualEnd: '2021-10-31' }, CUT);
		expect(started).toMatchObject({ status: 'ongoing', actualStart: '2020-03-01', actualEnd: null, progress: null });
	});

	it('completed by the cut-off stays completed with its dates', () => {
		const at = activityAsOf({ ...base, status: 'completed', actualStart: '2020-01-10', actualEnd: '2020-06-30' }, CUT);
		expect(at).toMatchObject({ status: 'completed', actualEnd: '2020-06-30', progress: 100 });
		expect(activityOnTime(at.status, at.plannedEnd, at.actualEnd, CUT)).toBe(true);
	});

	it('a change recorded after the cut-off is undone', () => {
		const at = activityAsOf({ ...base, status: 'cancelled', actualStart: '2020-02-01', actualEnd: null, progress: 40 }, CUT, {
			status: 'ongoing',
			progress: 25
		});
		expect(at).toMatchObject({ status: 'ongoing', progress: 25, actualStart: '2020-02-01' });
	});

	it('completed and ended by the date stays completed when a later change cancelled it', () => {
		const at = activityAsOf({ ...base, status: 'cancelled', actualStart: '2020-02-01', actualEnd: '2020-05-31', progress: 100 }, CUT, {
			status: 'completed'
		});
		expect(at).toMatchObject({ status: 'completed', actualEnd: '2020-05-31', progress: 100 });
	});

	it('its dates win over what was recorded at the time: a completion typed in late counts', () => {
		const at = activityAsOf({ ...base, status: 'completed', actualStart: '2020-02-01', actualEnd: '2020-05-31' }, CUT, {
			status: 'ongoing',
			progress: 60
		});
		expect(at).toMatchObject({ status: 'completed', progress: 100, actualEnd: '2020-05-31' });
	});

	it('delayed or under way but not due to start until after the cut-off was planned at it', () => {
		const notYetDue = { plannedStart: '2021-01-01', plannedEnd: '2021-09-30', actualStart: null, actualEnd: null, progress: 55 } as const;
		const delayed = activityAsOf({ ...notYetDue, status: 'delayed' }, CUT);
		expect(delayed).toMatchObject({ status: 'planned', progress: null });
		expect(activityOnTime(delayed.status, delayed.plannedEnd, delayed.actualEnd, CUT)).toBe(true);
		expect(activityAsOf({ ...notYetDue, status: 'ongoing' }, CUT).status).toBe('planned');
		// Due by the cut-off and not started: the delay stands; a cancellation is kept.
		expect(activityAsOf({ ...notYetDue, plannedStart: '2020-03-01', status: 'delayed' }, CUT).status).toBe('delayed');
		expect(activityAsOf({ ...notYetDue, status: 'cancelled' }, CUT).status).toBe('cancelled');
	});

	it('a value in the history that is not a status is ignored', () => {
		const at = activityAsOf({ ...base, status: 'ongoing', actualStart: '2020-02-01', actualEnd: null }, CUT, { status: 'bogus' });
		expect(at.status).toBe('ongoing');
	});
});

describe('a gender action at the cut-off', () => {
	it('due after the cut-off is not completed at it', () => {
		expect(genderActionAsOf({ status: 'completed', startDate: '2020-01-01', dueDate: '2021-03-31' }, CUT).status).toBe('ongoing');
		expect(genderActionAsOf({ status: 'completed', startDate: '2020-09-01', dueDate: '2021-03-31' }, CUT).status).toBe('planned');
		expect(genderActionAsOf({ status: 'completed', startDate: '2019-09-01', dueDate: '2020-03-31' }, CUT).status).toBe('completed');
	});
	it('under way but starting after the cut-off was planned', () => {
		expect(genderActionAsOf({ status: 'ongoing', startDate: '2020-07-15', dueDate: null }, CUT).status).toBe('planned');
	});
	it('the status before a later change is restored', () => {
		expect(genderActionAsOf({ status: 'cancelled', startDate: null, dueDate: null }, CUT, { status: 'planned' }).status).toBe('planned');
	});
});

describe('a key action at the cut-off', () => {
	it('due after the cut-off counts as initiated, not completed', () => {
		expect(keyActionAsOf({ status: 'completed', dueDate: '2021-01-31' }, CUT).status).toBe('initiated');
		expect(keyActionAsOf({ status: 'completed', dueDate: '2020-05-31' }, CUT).status).toBe('completed');
		expect(keyActionAsOf({ status: 'completed', dueDate: '2020-05-31' }, CUT, { status: 'not_initiated' }).status).toBe('not_initiated');
	});
});

describe('a risk at the cut-off', () => {
	const reviews = [
		{ id: 1, reviewedOn: '2019-06-30', likelihood: 2, impact: 3 },
		{ id: 2, reviewedOn: '2020-03-31', likelihood: 4, impact: 4 },
		{ id: 3, reviewedOn: '2021-01-15', likelihood: 1, impact: 1 }
	];
	it('is scored from the reviews dated by then, with the status it had', () => {
		const at = riskAsOf({ status: 'closed', likelihood: 1, impact: 1 }, reviews, CUT, { status: 'open' });
		expect(at).toMatchObject({ status: 'open', likelihood: 4, impact: 4, score: riskScore(4, 4), trend: 'rising' });
		expect(at.reviews.map((r) => r.id)).toEqual([1, 2]);
	});
	it('without reviews by then keeps its first assessment', () => {
		const at = riskAsOf({ status: 'open', likelihood: 3, impact: 2 }, reviews.slice(2), CUT);
		expect(at).toMatchObject({ likelihood: 3, impact: 2, trend: 'new' });
	});
	it('counts only the assumption checks of periods ended by then', () => {
		const checks = [{ periodEnd: '2020-06-30' }, { periodEnd: '2020-12-31' }];
		expect(checksAsOf(checks, CUT)).toEqual([{ periodEnd: '2020-06-30' }]);
	});
});

// Review 4, F2 addendum: the seeded TCPR at 30 Jun 2020 printed today's "Delayed (70 %)". A
// progress % is known at a past date from the dated history, or from a record written by then and
// not changed since; a record with no trace by then prints its status only.
describe('an activity’s progress at a past date', () => {
	const ongoing = {
		status: 'ongoing',
		plannedStart: '2020-01-01',
		plannedEnd: '2020-12-31',
		actualStart: '2020-02-01',
		actualEnd: null,
		progress: 70
	} as const;

	it('is the one the history gives', () => {
		expect(activityAsOf(ongoing, CUT, { progress: 30 }, { onRecord: false }).progress).toBe(30);
		expect(activityAsOf(ongoing, CUT, { progress: 30 }, { onRecord: true }).progress).toBe(30);
	});

	it('is today’s when the record was written by then and not changed since', () => {
		expect(activityAsOf(ongoing, CUT, undefined, { onRecord: true })).toMatchObject({ status: 'ongoing', progress: 70 });
		expect(activityAsOf(ongoing, CUT, { status: 'ongoing' }, { onRecord: true }).progress).toBe(70);
	});

	it('is not printed when nothing was on record by then: the status only', () => {
		expect(activityAsOf(ongoing, CUT, undefined, { onRecord: false })).toMatchObject({ status: 'ongoing', progress: null });
		expect(activityAsOf({ ...ongoing, status: 'delayed' }, CUT, undefined, { onRecord: false })).toMatchObject({
			status: 'delayed',
			progress: null
		});
		// Completed by the date: its dates say 100 %.
		const done = activityAsOf({ ...ongoing, status: 'completed', actualEnd: '2020-05-31', progress: 100 }, CUT, undefined, {
			onRecord: false
		});
		expect(done).toMatchObject({ status: 'completed', progress: 100 });
	});
});
