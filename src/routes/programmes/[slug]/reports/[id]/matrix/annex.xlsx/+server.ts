import { matrixXlsx } from '$lib/server/evaluation/matrix-annex';
import { annexOf } from '../annex';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	annexOf(event, matrixXlsx, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
