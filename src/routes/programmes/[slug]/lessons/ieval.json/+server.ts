import { getDb } from '$lib/server/db/connection';
import { ievalJson, ievalRecords } from '$lib/server/evaluation/ieval-export';
import { requireProgramme } from '$lib/server/http/guards';
import { attachment, ievalLocale } from '../ieval-request';
import type { RequestHandler } from './$types';

// Validated lessons and good practices in i-eval's field order, as JSON.
export const GET: RequestHandler = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug);
	const records = await ievalRecords(getDb(), programme, ievalLocale(event), event.url.origin);
	return attachment(ievalJson(records), `${programme.slug}-ieval-lessons.json`, 'application/json; charset=utf-8');
};
