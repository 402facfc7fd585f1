import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions as indicatorActions } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { actions as periodActions } from '../../../src/routes/programmes/[slug]/periods/+page.server';
import { actions as recommendationActions } from '../../../src/routes/programmes/[slug]/recommendations/[id]/+page.server';
import { actions as sourceActions } from '../../../src/routes/programmes/[slug]/recommendations/sources/+page.server';
import { postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// Actions built on the action kit redirect by their route id, with the request's params filled in:
// each lands exactly where the person expects, with the notice and the anchor.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const location = (r: Awaited<ReturnType<typeof postAs>>) => (r.kind === 'redirect' ? r.location : JSON.stringify(r));

describe('where actions land', () => {
	it('sends a saved value back to its indicator page, at the period table', async () => {
		const id = String(patss.indicatorId('5.1-3'));
		const r = await postAs(db, indicatorActions.save, COORD, {
			route: '/programmes/[slug]/indicators/[id]',
			params: { slug: 'patss', id },
			form: { periodId: String(patss.periodId('2022-S1')), value: '150', women: '80', men: '70', intent: 'draft' }
		});
		expect(location(r)).toBe(`/programmes/patss/indicators/${id}?notice=draft#periods`);
	});

	it('sends a deleted period back to the periods page', async () => {
		// A period of its own, with no values, so deleting it takes nothing else.
		const target = await db
			.insertInto('reporting_period')
			.values({ programme_id: patss.programme.id, label: '2022-T9', start_date: '2022-03-01', end_date: '2022-03-02' })
			.returning(['id', 'version'])
			.executeTakeFirstOrThrow();
		const r = await postAs(db, periodActions.delete, COORD, {
			route: '/programmes/[slug]/periods',
			params: { slug: 'patss' },
			form: { id: String(target.id), version: String(target.version), confirm: 'yes' }
		});
		expect(location(r)).toBe('/programmes/patss/periods?notice=deleted');
	});

	it('sends a deleted key action and source document back to the pages they were on', async () => {
		const action = await db
			.selectFrom('key_action')
			.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
			.select(['key_action.id', 'key_action.version', 'recommendation.id as recommendation_id'])
			.where('recommendation.programme_id', '=', patss.programme.id)
			.executeTakeFirstOrThrow();
		const r = await postAs(db, recommendationActions.deleteAction, COORD, {
			route: '/programmes/[slug]/recommendations/[id]',
			params: { slug: 'patss', id: String(action.recommendation_id) },
			form: { keyActionId: String(action.id), version: String(action.version), confirm: 'yes' }
		});
		expect(location(r)).toBe(`/programmes/patss/recommendations/${action.recommendation_id}?notice=deleted#key-actions`);

		const source = await db
			.insertInto('source_document')
			.values({ programme_id: patss.programme.id, title: 'Nota técnica', kind: 'technical_study', issued_on: '2020-01-10' })
			.returning(['id', 'version'])
			.executeTakeFirstOrThrow();
		const s = await postAs(db, sourceActions.delete, COORD, {
			route: '/programmes/[slug]/recommendations/sources',
			params: { slug: 'patss' },
			form: { id: String(source.id), version: String(source.version), confirm: 'yes' }
		});
		expect(location(s)).toBe('/programmes/patss/recommendations/sources?notice=deleted');
	});
});
