import { instanceAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { requireInstance } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { listLockedPeriods, unlockPeriod, unlockSchema } from '$lib/server/programmes/periods';
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
