import { beforeEach, describe, expect, it } from 'vitest';
import { deleteAdoptionEvent, recordAdoptionEvent } from '$lib/server/recommendations/adoption-events';
import type { Db } from '$lib/server/db/connection';
import { DomainValidationError, ForbiddenTransitionError } from '$lib/server/core/errors';
import { createRecommendation } from '$lib/server/recommendations/recommendations';
import { freshDatabase } from '../../helpers/db';
import { sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The ladder's "a step down needs a note" also holds when a step is slipped in before a later one
// or taken out from between two others.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const TODAY = '2026-11-21';
async function newRecommendation() {
	const coordinator = await sessionUser(db, 'coord.patss@avance.test');
	const id = await createRecommendation(
		db,
		coordinator,
		patss.programme,
		{
			code: 'TEST-1',
			text: 'Aprobar el reglamento de la Ley de Seguridad Social.',
			sourceDocumentId: null,
			issuedOn: '2020-01-01',
			addressedTo: 'IESS',
			area: 'governance',
			priority: 'high',
			timeframe: '',
			internalNotes: '',
			moduleIds: [],
			outputIds: [],
			indicatorIds: [],
			riskIds: []
		},
		TODAY
	);
	const step = async (eventDate: string, status: 'adopted' | 'implemented' | 'under_review', note = '') => {
		const version = (await db.selectFrom('recommendation').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
		return recordAdoptionEvent(
			db,
			coordinator,
			patss.programme,
			id,
			{ status, eventDate, instrument: '', evidenceUrl: null, evidenceFile: null, note, version },
			TODAY
		);
	};
	return { id, coordinator, step };
}

describe('back-dated and removed adoption steps', () => {
	it('refuses a back-dated step that would leave the later step as an unexplained step down', async () => {
		const { step } = await newRecommendation();
		await step('2021-06-01', 'adopted');
		await expect(step('2020-06-01', 'implemented')).rejects.toBeInstanceOf(DomainValidationError);
		await expect(step('2021-07-01', 'implemented')).resolves.toBeTypeOf('number');
	});

	it('refuses to remove the explained step down between two others, and allows removing the last one', async () => {
		const { id, coordinator, step } = await newRecommendation();
		await step('2020-03-01', 'implemented');
		const down = await step('2020-06-01', 'under_review', 'La nueva ley obliga a revisar el reglamento.');
		const last = await step('2021-01-01', 'adopted');
		const version = async () =>
			(await db.selectFrom('recommendation').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
		await expect(deleteAdoptionEvent(db, coordinator, patss.programme, id, down, await version())).rejects.toBeInstanceOf(
			ForbiddenTransitionError
		);
		await deleteAdoptionEvent(db, coordinator, patss.programme, id, last, await version());
		expect(await db.selectFrom('adoption_event').select('id').where('recommendation_id', '=', id).execute()).toHaveLength(2);
	});
});
