import { redirect } from '@sveltejs/kit';
import { requireInstance } from '$lib/server/http/guards';
import { getDb } from '$lib/server/db/connection';
import { adminsNeedSecondFactor, totpState } from '$lib/server/auth/totp';
import type { LayoutServerLoad } from './$types';

// For the section's navigation only: every page and action below checks again.
export const load: LayoutServerLoad = async (event) => {
	const user = requireInstance(event, 'admin.manageUsers');
	// With REQUIRE_ADMIN_SECOND_FACTOR=1 an admin without a second factor is sent to set one up.
	if (adminsNeedSecondFactor() && !(await totpState(getDb(), user.id)).enrolled) redirect(303, '/account#totp-title');
	return {};
};
