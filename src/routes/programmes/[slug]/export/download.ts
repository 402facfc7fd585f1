import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { createI18n } from '$lib/i18n/context';
import type { ExportFile, ExportRequest } from '$lib/server/exchange/export-files';
import type { ProgrammeAccess } from '$lib/server/http/guards';

// What the three export endpoints share: reading the request (language, "include open values"),
// and answering with a file to download.

const querySchema = z.object({ open: z.literal('1').nullable().catch(null) });

export function exportRequest(event: Pick<RequestEvent, 'url' | 'locals'>, access: ProgrammeAccess): ExportRequest {
	const locale = event.locals.locale;
	const query = querySchema.parse({ open: event.url.searchParams.get('open') });
	return {
		i18n: createI18n(() => locale),
		// Only the team may see values still in the workflow; for a donor the choice does not exist.
		includeOpen: access.viewer.internal && query.open === '1',
		fileUrl: (id) => `${event.url.origin}/programmes/${access.programme.slug}/files/${id}`,
		// A large export is built in a worker thread, which needs the address as text.
		fileBase: `${event.url.origin}/programmes/${access.programme.slug}/files`
	};
}

export function download(file: ExportFile, name: string, contentType: string): Response {
	const body = typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes);
	return new Response(body, {
		headers: {
			'Content-Type': contentType,
			'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
			'Cache-Control': 'private, no-store',
			'X-Data-SHA256': file.hash
		}
	});
}
