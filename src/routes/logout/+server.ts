import { redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/core/audit';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db/connection';
import type { RequestHandler } from './$types';

// Sign-out is a POST (a form in the user menu), so a link or an image cannot sign anyone out.
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) {
		const { session, user } = locals;
		await getDb()
			.transaction()
			.execute(async (trx) => {
				await invalidateSession(trx, session.id);
				await recordAudit(trx, { userId: user?.id ?? null, entity: 'session', entityId: user?.id ?? 0, action: 'sign_out' });
			});
	}
	deleteSessionCookie(cookies, url);
	redirect(303, '/login');
};
