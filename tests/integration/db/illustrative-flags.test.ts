import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { updateKeyAction } from '$lib/server/recommendations/key-actions';
import { setManagementResponse } from '$lib/server/recommendations/management-responses';
import { freshDatabase } from '../../helpers/db';
import { sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// What the seed infers (the documents give no key actions nor management responses) is marked
// illustrative; once a person edits it, it is theirs and the mark goes.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

describe('illustrative marks on seeded key actions and management responses', () => {
	it('marks every seeded key action and every seeded response as illustrative', async () => {
		const actions = await db.selectFrom('key_action').select('is_illustrative').execute();
		expect(actions.length).toBeGreaterThan(0);
		expect(actions.every((a) => a.is_illustrative === 1)).toBe(true);
		const responses = await db
			.selectFrom('recommendation')
			.select('response_is_illustrative')
			.where('management_response', 'is not', null)
			.execute();
		expect(responses.length).toBeGreaterThan(0);
		expect(responses.every((r) => r.response_is_illustrative === 1)).toBe(true);
	});

	it('clears the mark when a coordinator edits the key action or states the response', async () => {
		const coordinator = await sessionUser(db, 'coord.patss@avance.test');
		const action = await db
			.selectFrom('key_action')
			.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
			.selectAll('key_action')
			.where('recommendation.programme_id', '=', patss.programme.id)
			.executeTakeFirstOrThrow();
		await updateKeyAction(db, coordinator, patss.programme, action.recommendation_id, action.id, action.version, {
			action: action.action,
			responsible: action.responsible,
			dueDate: action.due_date,
			status: 'completed'
		});
		expect(
			(await db.selectFrom('key_action').select('is_illustrative').where('id', '=', action.id).executeTakeFirstOrThrow()).is_illustrative
		).toBe(0);

		const rec = await db
			.selectFrom('recommendation')
			.selectAll()
			.where('programme_id', '=', patss.programme.id)
			.where('management_response', 'is not', null)
			.executeTakeFirstOrThrow();
		await setManagementResponse(db, coordinator, patss.programme, rec.id, {
			managementResponse: 'accepted',
			managementResponseText: 'Aceptada por el IESS.',
			version: rec.version
		});
		expect(
			(await db.selectFrom('recommendation').select('response_is_illustrative').where('id', '=', rec.id).executeTakeFirstOrThrow())
				.response_is_illustrative
		).toBe(0);
	});
});

describe('a database seeded before the flags existed', () => {
	it('gets its inferred key actions and responses marked, and what people recorded left alone', async () => {
		const { up } = await import('../../../migrations/20261121T1900_mark_seeded_inferences');
		const coordinator = await sessionUser(db, 'coord.patss@avance.test');
		// As it was before: no marks at all, and one key action a person has since edited.
		await db.updateTable('key_action').set({ is_illustrative: 0 }).execute();
		await db.updateTable('recommendation').set({ response_is_illustrative: 0 }).execute();
		const edited = await db
			.selectFrom('key_action')
			.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
			.selectAll('key_action')
			.where('recommendation.programme_id', '=', patss.programme.id)
			.orderBy('key_action.id', 'desc')
			.executeTakeFirstOrThrow();
		await updateKeyAction(db, coordinator, patss.programme, edited.recommendation_id, edited.id, edited.version, {
			action: edited.action,
			responsible: edited.responsible,
			dueDate: edited.due_date,
			status: edited.status
		});
		await up(db);
		const marks = await db.selectFrom('key_action').select(['id', 'is_illustrative']).execute();
		const touched = new Set(
			(await db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'key_action').execute()).map((a) => Number(a.entity_id))
		);
		expect(touched.has(edited.id)).toBe(true);
		expect(marks.find((m) => m.id === edited.id)?.is_illustrative).toBe(0);
		expect(marks.every((m) => m.is_illustrative === (touched.has(m.id) ? 0 : 1))).toBe(true);
		expect(marks.filter((m) => m.is_illustrative === 1).length).toBeGreaterThan(10);
		const responses = await db
			.selectFrom('recommendation')
			.select(['id', 'response_is_illustrative'])
			.where('management_response', 'is not', null)
			.execute();
		expect(responses.filter((r) => r.response_is_illustrative === 1).length).toBeGreaterThan(0);
	});
});
