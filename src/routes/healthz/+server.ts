import { json } from '@sveltejs/kit';
import { databaseAnswers, getDb } from '$lib/server/db/connection';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	if (await databaseAnswers(getDb())) return json({ status: 'ok' });
	return json({ status: 'unavailable' }, { status: 503 });
};
