import { error } from '@sveltejs/kit';
import { openAttachment } from '$lib/server/core/attachments';
import { getDb } from '$lib/server/db/connection';
import { paramId, requireProgramme } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

// Evidence is served only to members, and to donors only when the record it belongs to is one
// donors may see (an approved value). Anything else answers 404, like a file that is not there.
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const file = await openAttachment(getDb(), access.programme.id, paramId(event.params.id), access.viewer);
	if (!file) error(404, 'not found');
	const disposition = `${file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`;
	return new Response(new Uint8Array(file.body), {
		headers: {
			'Content-Type': file.contentType,
			'Content-Disposition': disposition,
			'Content-Length': String(file.body.byteLength),
			'Cache-Control': 'private, no-store',
			// A file never runs as part of our pages.
			'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
		}
	});
};
