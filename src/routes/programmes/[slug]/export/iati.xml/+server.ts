import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { exportIati } from '$lib/server/exchange/export-files';
import { requireProgramme } from '$lib/server/http/guards';
import { download, exportRequest } from '../download';
import type { RequestHandler } from './$types';

// The IATI 2.03 activity file, approved values only, validated before it is served. When the
// fact sheet lacks the IATI identifier, or the file fails the schema, nothing is served: the
// results page says why (and a failure is logged with libxml's messages).
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const { fileUrl, fileBase } = exportRequest(event, access);
	const slug = access.programme.slug;
	const result = await exportIati(getDb(), access.programme, { fileUrl, fileBase });
	if (result.kind === 'blocked') redirect(303, `/programmes/${slug}/results?export=iati-missing#export`);
	if (result.kind === 'invalid') {
		console.error(`IATI export of ${slug} failed schema validation; not served:\n${result.errors.slice(0, 20).join('\n')}`);
		redirect(303, `/programmes/${slug}/results?export=iati-invalid#export`);
	}
	return download(result, `${slug}-iati-${result.asOf}.xml`, 'application/xml; charset=utf-8');
};
