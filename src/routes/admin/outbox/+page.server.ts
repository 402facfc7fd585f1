import { z } from 'zod';
import { getDb } from '$lib/server/db/connection';
import { instanceAction } from '$lib/server/http/actions';
import { requireInstance } from '$lib/server/http/guards';
import { idField } from '$lib/server/core/validation';
import { listOutbox, OUTBOX_STATES, retryMessage } from '$lib/server/notifications/outbox-admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageUsers');
	const asked = event.url.searchParams.get('state');
	const state = OUTBOX_STATES.find((s) => s === asked) ?? null;
	return { ...(await listOutbox(getDb(), state)), state, states: [...OUTBOX_STATES], smtp: !!process.env.SMTP_URL?.trim() };
};

export const actions = {
	retry: (event) =>
		instanceAction(event, 'admin.manageUsers', z.object({ id: idField() }), async ({ db, user, data, redirect }) => {
			await retryMessage(db, user, data.id);
			redirect('retried');
		})
} satisfies Actions;
