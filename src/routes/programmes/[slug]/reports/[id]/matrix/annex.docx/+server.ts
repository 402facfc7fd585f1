import { matrixDocx } from '$lib/server/evaluation/matrix-annex';
import { annexOf } from '../annex';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	annexOf(event, matrixDocx, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
