import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { translateDynamic } from '$lib/i18n/translate';
import { ImportRefusal } from '$lib/server/exchange/import-file';
import { readStaged } from '$lib/server/exchange/import-staging';
import { annotatedWorkbook, checkValueFile } from '$lib/server/exchange/import-values';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const query = z.object({
	sha256: z.string().regex(/^[0-9a-f]{64}$/),
	kind: z.enum(['xlsx', 'csv']),
	decimal: z.enum([',', '.']),
	intent: z.enum(['draft', 'submit'])
});

/** The staged upload checked again, with every cell in error red and a note saying why. */
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug, 'value.record');
	const parsed = query.safeParse(Object.fromEntries(event.url.searchParams));
	if (!parsed.success) error(400, 'bad request');
	const { sha256, kind, decimal, intent } = parsed.data;
	const locale = event.locals.locale;
	try {
		const bytes = await readStaged(access.programme.id, sha256, kind);
		const check = await checkValueFile(getDb(), access.programme, locale, { bytes, fileName: `upload.${kind}` }, { decimal, intent });
		const body = await annotatedWorkbook({ bytes, kind }, check.grid, check.columns, check.preview.rows, locale);
		return new Response(new Uint8Array(body), {
			headers: {
				'content-type': XLSX,
				'content-disposition': `attachment; filename="${access.programme.slug}-errors.xlsx"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (e) {
		if (e instanceof ImportRefusal) error(400, translateDynamic(locale, e.key, e.params));
		throw e;
	}
};
