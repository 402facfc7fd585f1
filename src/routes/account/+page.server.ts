import { z } from 'zod';
import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { userAction } from '$lib/server/http/actions';
import { requireUser } from '$lib/server/http/guards';
import { NOTIFICATION_KINDS } from '$lib/notification-kinds';
import { preferencesSchema, readPreferences, savePreferences } from '$lib/server/notifications/preferences';
import { adminsNeedSecondFactor, beginEnrolment, confirmEnrolment, pendingEnrolment, totpState } from '$lib/server/auth/totp';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const [preferences, totp, pending] = await Promise.all([
		readPreferences(db, user.id),
		totpState(db, user.id),
		pendingEnrolment(db, user)
	]);
	return {
		preferences,
		kinds: [...NOTIFICATION_KINDS],
		totp,
		pending,
		// A session the organisation's provider vouched for already satisfies the rule (session.ts).
		totpRequired: user.isAdmin && adminsNeedSecondFactor() && !totp.enrolled && !user.secondFactor
	};
};

const codeSchema = z.object({
	code: z
		.string({ error: 'validation.required' })
		.trim()
		.regex(/^[0-9]{6}$/, { error: 'totp.wrongCode' })
});

export const actions = {
	preferences: (event) =>
		userAction(event, preferencesSchema, async ({ db, user, data, redirect }) => {
			const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, data[`kind_${k}`]]));
			await savePreferences(db, user, { digest: data.digest, kinds: kinds as never });
			redirect('prefsSaved');
		}),
	totpStart: (event) =>
		userAction(event, z.object({}), async ({ db, user }) => {
			const state = await totpState(db, user.id);
			if (state.enrolled) return fail(400, { form: 'totp', errors: {}, formError: null, values: {} });
			return { enrolment: await beginEnrolment(db, user) };
		}),
	totpConfirm: (event) =>
		userAction(event, codeSchema, async ({ db, user, data }) => {
			return { recoveryCodes: await confirmEnrolment(db, user, data.code) };
		})
} satisfies Actions;
