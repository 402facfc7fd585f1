import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { observeQueries } from '$lib/server/db/connection';
import type { Inbox } from '$lib/server/inbox/inbox';
import { load as loadInboxPage } from '../../../src/routes/inbox/+page.server';
import { load as loadPortfolio } from '../../../src/routes/+page.server';
import { actions as indicatorActions } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { loadAs, postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { createReport } from '$lib/server/reports/reports';
import { userId } from '../../helpers/db';

// "Needs my action" (design §4), across every programme of the person, through the real page load.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
const COORD2 = 'coord2.patss@avance.test';

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function inboxOf(email: string): Promise<Inbox> {
	const r = await loadAs<{ inbox: Inbox }>(db, loadInboxPage, email);
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value.inbox;
}
const itemsOf = (inbox: Inbox, slug: string) => inbox.programmes.find((p) => p.programme.slug === slug)?.items ?? [];
const kinds = (inbox: Inbox, slug: string, kind: string) =>
	itemsOf(inbox, slug)
		.filter((i) => i.kind === kind)
		.map((i) => `${i.code} ${i.period ?? i.date}`);

const split = { value: '150', women: '80', men: '70', notStated: '', narrative: 'Reporte.', evidenceUrl: '', correctionReason: '' };

describe('needs my action', () => {
	it('lists, for a coordinator, the values due for the last ended period, with the period to fill in', async () => {
		const inbox = await inboxOf(COORD);
		expect(kinds(inbox, 'patss', 'due')).toContain('5.1-3 2022-S1');
		// 4.2-1 already has a value for 2022-S1 on its way through review: it is not "due".
		expect(kinds(inbox, 'patss', 'due')).not.toContain('4.2-1 2022-S1');
		const due = itemsOf(inbox, 'patss').find((i) => i.kind === 'due' && i.code === '5.1-3')!;
		expect(due.href).toBe(`/programmes/patss/indicators/${patss.indicatorId('5.1-3')}?period=${patss.periodId('2022-S1')}#record`);
		// A derived indicator is counted, never entered: it is never "due".
		expect(kinds(inbox, 'patss', 'due').some((d) => d.startsWith('IMP-3 '))).toBe(false);
	});

	it('offers a value for review only to a colleague the four-eyes rule allows, and returns it to the one who entered it', async () => {
		const params = { slug: 'patss', id: String(patss.indicatorId('5.1-3')) };
		await postAs(db, indicatorActions.save, COORD, {
			params,
			form: { ...split, periodId: String(patss.periodId('2022-S1')), intent: 'submit' }
		});
		expect(kinds(await inboxOf(COORD2), 'patss', 'review')).toContain('5.1-3 2022-S1');
		expect(kinds(await inboxOf(COORD), 'patss', 'review')).not.toContain('5.1-3 2022-S1');
		// Once a value is on its way, the period is no longer "due".
		expect(kinds(await inboxOf(COORD), 'patss', 'due')).not.toContain('5.1-3 2022-S1');

		const value = await db
			.selectFrom('indicator_value')
			.select(['id', 'version'])
			.where('status', '=', 'submitted')
			.where('indicator_id', '=', patss.indicatorId('5.1-3'))
			.executeTakeFirstOrThrow();
		await postAs(db, indicatorActions.return, COORD2, {
			params,
			form: { valueId: String(value.id), valueVersion: String(value.version), note: 'Falta la evidencia.' }
		});
		expect(kinds(await inboxOf(COORD), 'patss', 'returned')).toEqual(['5.1-3 2022-S1']);
		expect(kinds(await inboxOf(COORD2), 'patss', 'returned')).toEqual([]);
	});

	it('lists overdue risk reviews and key actions to those who keep them, and nothing to a donor', async () => {
		await db
			.updateTable('risk')
			.set({ next_review_date: '2021-01-15', status: 'open' })
			.where('programme_id', '=', patss.programme.id)
			.execute();
		// PATSS has ended: its risks no longer ask for a review…
		expect(kinds(await inboxOf(COORD), 'patss', 'riskReview')).toEqual([]);
		// …until its end is revised to later.
		await db.updateTable('programme').set({ revised_end_date: '2030-12-31' }).where('id', '=', patss.programme.id).execute();
		const coord = await inboxOf(COORD);
		expect(kinds(coord, 'patss', 'riskReview').length).toBeGreaterThan(0);
		const overdueActions = await db
			.selectFrom('key_action')
			.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
			.select('key_action.id')
			.where('recommendation.programme_id', '=', patss.programme.id)
			.where('key_action.due_date', '<', new Date().toISOString().slice(0, 10))
			.where('key_action.status', 'not in', ['completed', 'no_longer_applicable'])
			.execute();
		expect(kinds(coord, 'patss', 'keyAction')).toHaveLength(overdueActions.length);
		const donor = await inboxOf('donor.iess@avance.test');
		expect(donor.total).toBe(0);
		expect(donor.programmes).toEqual([]);
	});

	it('reads titles in the page’s language, the original marked where untranslated, and offers each period’s sheet (review of issue 22, findings 19 and 28)', async () => {
		const r = await loadAs<{ inbox: Inbox }>(db, loadInboxPage, COORD, { locale: 'en' });
		if (r.kind !== 'value') throw new Error(JSON.stringify(r));
		const due = itemsOf(r.value.inbox, 'patss').find((i) => i.kind === 'due' && i.code === '5.1-3')!;
		const english = await db
			.selectFrom('translation')
			.select('text')
			.where('entity', '=', 'indicator')
			.where('entity_id', '=', patss.indicatorId('5.1-3'))
			.where('field', '=', 'title')
			.where('locale', '=', 'en')
			.executeTakeFirst();
		expect(english, 'the seed translates 5.1-3’s title').toBeDefined();
		expect(due.shown).toEqual({ text: english!.text, lang: 'en', fallback: false });
		expect(due.shown.text).not.toBe(due.title);
		// The period the value is due for, to open its entry sheet.
		expect(due.periodId).toBe(patss.periodId('2022-S1'));
		// In Spanish the original, unmarked.
		const es = itemsOf(await inboxOf(COORD), 'patss').find((i) => i.kind === 'due' && i.code === '5.1-3')!;
		expect(es.shown).toEqual({ text: es.title, lang: 'es', fallback: false });
	});

	it('shows each portfolio card the number waiting, the same as the inbox, in a fixed number of statements', async () => {
		const count = async (email: string) => {
			let n = 0;
			observeQueries(() => n++);
			const r = await loadAs<{ inboxTotal: number; portfolio: { programme: { slug: string }; needsAction: number }[] }>(
				db,
				loadPortfolio,
				email
			);
			observeQueries(undefined);
			if (r.kind !== 'value') throw new Error(JSON.stringify(r));
			return { n, r: r.value };
		};
		const admin = await count('admin@avance.test');
		const inbox = await inboxOf('admin@avance.test');
		for (const card of admin.r.portfolio) expect(card.needsAction).toBe(itemsOf(inbox, card.programme.slug).length);
		expect(admin.r.inboxTotal).toBe(inbox.total);
		const coord = await count(COORD);
		expect(coord.n).toBe(admin.n);
	});

	it('lists draft reports to write or issue to the evaluator, and to nobody who may not issue them', async () => {
		const evaluator = await userId(db, 'evaluator@avance.test');
		const id = await createReport(db, { id: evaluator }, patss.programme, {
			layout: 'oecd_dac',
			titleEs: 'Informe de avance 2021',
			titleEn: 'Progress report 2021',
			window: 'periods',
			periodIds: [patss.periodId('2021-S1')],
			windowStart: null,
			cutOff: null,
			languages: ['es', 'en']
		});
		const items = itemsOf(await inboxOf('evaluator@avance.test'), 'patss').filter((i) => i.kind === 'report');
		expect(items).toEqual([
			expect.objectContaining({ href: `/programmes/patss/reports/${id}`, title: 'Informe de avance 2021', date: '2021-06-30' })
		]);
		expect(kinds(await inboxOf(COORD), 'patss', 'report')).toEqual([]);
		expect((await inboxOf('donor.iess@avance.test')).total).toBe(0);
	});
});
