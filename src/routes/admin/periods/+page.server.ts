import { instanceAction } from '$lib/server/actions';
import { getDb } from '$lib/server/db';
import { requireInstance } from '$lib/server/guards';
import { redirectWithNotice } from '$lib/server/notices';
import { listLockedPeriods, unlockPeriod, unlockSchema } from '$lib/server/periods';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.unlockPeriod');
	return { periods: await listLockedPeriods(getDb()) };
};

export const actions = {
	unlock: (event) =>
		instanceAction(event, 'admin.unlockPeriod', unlockSchema, async ({ db, user, data }) => {
			await unlockPeriod(db, user, data.periodId, data.reason);
			redirectWithNotice('/admin/periods', 'unlocked');
		})
} satisfies Actions;
