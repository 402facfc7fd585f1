import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { validateIati } from '$lib/server/exchange/iati-validate';
import { loadFinance } from '$lib/server/finance/finance-read';
import { todayIso } from '$lib/server/core/dates';
import { GET as getIati } from '../../../src/routes/programmes/[slug]/export/iati.xml/+server';
import { actions as editActions } from '../../../src/routes/admin/programmes/[id]/+page.server';
import { IATI_SEEDS } from '../../../seed/iati';
import { postAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The demo's IATI files (reviewer's F24): every seeded programme carries an illustrative IATI
// identifier (flagged, so the fact sheet marks it), and its file — served by the real route —
// validates against the IATI 2.03 schema and carries the money the Finance tab shows: budgets
// per period (original, and revised where a revision is in force), planned disbursements and
// expenditure transactions whose sum is the spent figure a public reader sees.

const ADMIN = 'admin@avance.test';
let db: Db;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
}, 60_000);

/** The decimal values of one kind of element, in minor units. */
function values(xml: string, element: string): number[] {
	const re = new RegExp(`<${element}\\b[^>]*>[\\s\\S]*?<value[^>]*>(-?\\d+\\.\\d{2})</value>[\\s\\S]*?</${element}>`, 'g');
	return [...xml.matchAll(re)].map((m) => Math.round(Number(m[1]) * 100));
}

describe('the seeded programmes’ IATI files', { timeout: 60_000 }, () => {
	it.each(Object.keys(IATI_SEEDS))('%s: an illustrative identifier, and a valid file with its budgets and expenditure', async (slug) => {
		const { programme } = await seeded(db, slug);
		expect(programme.iatiIdentifier).toBe(IATI_SEEDS[slug]);
		expect(programme.iatiReportingOrg).toBe('XM-DAC-41302');
		expect(programme.iatiIllustrative).toBe(true);

		const user = await sessionUser(db, ADMIN);
		const res = (await call(
			getIati,
			makeEvent({ user, params: { slug }, url: `http://localhost/programmes/${slug}/export/iati.xml` })
		)) as Response;
		expect(res.status).toBe(200);
		const xml = await res.text();
		expect(await validateIati(xml)).toEqual({ valid: true, errors: [] });
		expect(xml).toContain(`<iati-identifier>${IATI_SEEDS[slug]}</iati-identifier>`);

		// The same figures a public reader (ended periods only) sees on the Finance tab.
		const finance = await loadFinance(db, programme, { id: 0, internal: false, canReview: false }, { asOf: todayIso() });
		expect(xml).toMatch(/<budget type="1" status="2">/);
		expect(xml).toMatch(/<transaction-type code="4"\/>/);
		expect(values(xml, 'transaction').reduce((a, b) => a + b, 0)).toBe(finance.programme.spentMinor);
		const original = values(xml, 'budget').length;
		expect(original).toBeGreaterThan(0);
		if (finance.revised) expect(xml).toMatch(/<budget type="2" status="2">/);
		expect(values(xml, 'planned-disbursement')).toEqual(finance.plannedDisbursements.map((d) => d.amountMinor));
	});

	it('shows at least one file with revised budgets and planned disbursements (El Salvador)', async () => {
		const { programme } = await seeded(db, 'el-salvador-pps');
		const user = await sessionUser(db, ADMIN);
		const res = (await call(
			getIati,
			makeEvent({ user, params: { slug: programme.slug }, url: `http://localhost/programmes/${programme.slug}/export/iati.xml` })
		)) as Response;
		const xml = await res.text();
		expect(xml).toMatch(/<budget type="2" status="2">/);
		expect(values(xml, 'planned-disbursement').length).toBeGreaterThan(0);
	});

	it('stops marking the identifier illustrative once an admin saves the programme’s own', async () => {
		const { programme } = await seeded(db, 'peru-desempleo-ue');
		const form = {
			code: programme.code,
			shortName: programme.shortName,
			title: programme.title,
			country: programme.country,
			partners: programme.partners,
			donor: programme.donor,
			fundingModality: programme.fundingModality,
			budget: programme.budgetCents === null ? '' : String(programme.budgetCents / 100),
			currency: programme.currency,
			startDate: programme.startDate,
			endDate: programme.endDate,
			revisedEndDate: programme.revisedEndDate ?? '',
			status: programme.status,
			summary: programme.summary,
			sdgTargets: programme.sdgTargets.join(', '),
			genderMarker: String(programme.genderMarker),
			iatiReportingOrg: programme.iatiReportingOrg ?? '',
			contentLanguage: programme.contentLanguage,
			version: String(programme.version)
		};
		const post = (iatiIdentifier: string, version: number) =>
			postAs(db, editActions.update, ADMIN, {
				params: { id: String(programme.id) },
				route: '/admin/programmes/[id]',
				form: { ...form, iatiIdentifier, version: String(version) }
			});
		// Saved unchanged: still the seed's, still illustrative.
		expect((await post(programme.iatiIdentifier!, programme.version)).kind).toBe('redirect');
		const same = (await seeded(db, 'peru-desempleo-ue')).programme;
		expect(same.iatiIllustrative).toBe(true);
		// The team's own identifier: no longer illustrative, and the audit says so.
		expect((await post('XM-DAC-41302-105432', same.version)).kind).toBe('redirect');
		const own = (await seeded(db, 'peru-desempleo-ue')).programme;
		expect([own.iatiIdentifier, own.iatiIllustrative]).toEqual(['XM-DAC-41302-105432', false]);
		const audit = await db
			.selectFrom('audit_log')
			.select(['after'])
			.where('entity', '=', 'programme')
			.where('entity_id', '=', String(programme.id))
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.after!)).toEqual({ iatiIdentifier: 'XM-DAC-41302-105432', iatiIllustrative: false });
	});
});
