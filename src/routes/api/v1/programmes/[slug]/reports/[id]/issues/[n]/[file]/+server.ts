import { NotFoundError } from '$lib/server/core/errors';
import { apiEndpoint, notFound, recordId } from '$lib/server/http/api';
import { issueDownload } from '$lib/server/reports/downloads';
import type { RequestHandler } from './$types';

// The issued files the reports listing links to, for a token with the reports scope: the same
// bytes and headers as the app's download (only issues exist here, never a draft). Membership is
// the token user's, narrowed to the token's programmes; anything else is a 404.
export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:reports', async ({ db, programme }) => {
		const access = await programme(event.params.slug);
		const reportId = recordId(event.params.id);
		const number = recordId(event.params.n);
		if (!access || reportId === null || number === null) return notFound();
		try {
			return await issueDownload(db, access.programme, reportId, number, event.params.file);
		} catch (e) {
			if (e instanceof NotFoundError) return notFound();
			throw e;
		}
	});
