import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import type { Programme } from '$lib/model';
import { minorToDecimal } from '$lib/finance-rules';
import { createI18n } from '$lib/i18n/context';
import { exportIati } from '$lib/server/exchange/export-files';
import { validateIati } from '$lib/server/exchange/iati-validate';
import { loadFinance } from '$lib/server/finance/finance-read';
import { financeSnapshot } from '$lib/server/reports/snapshot-finance';
import { assessmentFor } from '$lib/server/results/assessment';
import { getLogframe, getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { actions, load } from '../../../src/routes/programmes/[slug]/finance/+page.server';
import { freshDatabase } from '../../helpers/db';
import { formFailure, loadAs, postAs } from '../../helpers/actions';

// Budget revisions and planned disbursements (issue 20): a coordinator records that a line's
// amount changes from a date, with its reason (validated, versioned, audited); the finance read
// model uses the amount in force at the date it reads for — the page's day, a report's cut-off —
// with the original beside it; the IATI file gives the revised budget (type 2) beside the
// original (type 1) and the planned disbursements, valid against the 2.03 schema.

const COORD = 'coord.patss@avance.test';
const DONOR = 'donor.iess@avance.test';
const EVALUATOR = 'evaluator@avance.test';
const team = { id: 0, internal: true, canReview: true };
const publicViewer = { id: 0, internal: false, canReview: false };

let db: Db;
let patss: Programme;
let periods: { id: number; label: string; start_date: string; end_date: string; locked: number }[];
/** Two unlocked periods of PATSS, the second after the first. */
let p1: (typeof periods)[number];
let p2: (typeof periods)[number];
let lineId: number;

type Handler = (event: never) => unknown;
const post = (action: Handler, email: string, form: Record<string, string>) =>
	postAs(db, action, email, { params: { slug: 'patss' }, form });
const count = async (table: 'budget_revision' | 'planned_disbursement' | 'audit_log') =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);
const lineVersion = async () =>
	(await db.selectFrom('budget_line').select('version').where('id', '=', lineId).executeTakeFirstOrThrow()).version;
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	periods = await db
		.selectFrom('reporting_period')
		.select(['id', 'label', 'start_date', 'end_date', 'locked'])
		.where('programme_id', '=', patss.id)
		.orderBy('start_date')
		.execute();
	const open = periods.filter((p) => !p.locked);
	[p1, p2] = [open.at(-2)!, open.at(-1)!];
	// A line of its own, phased 30,000 in each of the two periods: the revision's effect is exact.
	const r = await post(actions.createLine, COORD, {
		_form: 'newLine',
		code: 'REV-1',
		title: 'Estudios actuariales',
		category: 'experts',
		amount: '60000',
		[`phase_${p1.id}`]: '30000',
		[`phase_${p2.id}`]: '30000'
	});
	expect(r).toMatchObject({ kind: 'redirect', status: 303 });
	lineId = (await db.selectFrom('budget_line').select('id').where('code', '=', 'REV-1').executeTakeFirstOrThrow()).id;
}, 60_000);

const revision = (overrides: Record<string, string> = {}) => ({
	_form: `revise-${lineId}`,
	lineId: String(lineId),
	effectiveOn: p1.start_date,
	amount: '120000',
	reason: 'Adenda 2: segunda ronda de estudios',
	...overrides
});

describe('recording a budget revision', () => {
	it('refuses bad input field by field, keeping what was typed, writing nothing', async () => {
		const version = String(await lineVersion());
		const before = [await count('budget_revision'), await count('audit_log'), version];
		const cases: [Record<string, string>, string][] = [
			[{ effectiveOn: '' }, 'effectiveOn'],
			[{ effectiveOn: '2026-02-30' }, 'effectiveOn'],
			[{ effectiveOn: dayBefore(patss.startDate) }, 'effectiveOn'],
			[{ amount: '=SUM(A1:A2)' }, 'amount'],
			[{ amount: '-100' }, 'amount'],
			[{ amount: 'cien' }, 'amount'],
			[{ reason: '' }, 'reason'],
			[{ reason: 'a\u0007b' }, 'reason']
		];
		for (const [overrides, field] of cases) {
			const r = formFailure(await post(actions.reviseLine, COORD, revision({ version, ...overrides })));
			expect(r.status, JSON.stringify(overrides)).toBe(400);
			expect(r.data.errors[field]?.[0], JSON.stringify(overrides)).toBeTruthy();
			expect(r.data.values.reason).toBe(overrides.reason ?? 'Adenda 2: segunda ronda de estudios');
		}
		// The date outside the programme names the programme's dates, in the reader's words.
		const outside = formFailure(await post(actions.reviseLine, COORD, revision({ version, effectiveOn: dayBefore(patss.startDate) })));
		expect(outside.data.errors.effectiveOn![0]).toContain(createI18n(() => 'es').date(patss.startDate));
		expect([await count('budget_revision'), await count('audit_log'), String(await lineVersion())]).toEqual(before);
	});

	it('refuses a date in a locked period, a line of another programme, a stale page, and donors and evaluators', async () => {
		const version = String(await lineVersion());
		const before = await count('budget_revision');
		await db.updateTable('reporting_period').set({ locked: 1 }).where('id', '=', p1.id).execute();
		try {
			const locked = formFailure(await post(actions.reviseLine, COORD, revision({ version })));
			expect(locked.status).toBe(400);
			expect(locked.data.errors.effectiveOn![0]).toContain(p1.label);
		} finally {
			await db.updateTable('reporting_period').set({ locked: 0 }).where('id', '=', p1.id).execute();
		}
		const peru = (await getProgrammeBySlug(db, 'peru-desempleo-ue'))!;
		const foreign = await db
			.selectFrom('budget_line')
			.select(['id', 'version'])
			.where('programme_id', '=', peru.id)
			.executeTakeFirstOrThrow();
		const other = formFailure(
			await post(actions.reviseLine, COORD, revision({ lineId: String(foreign.id), version: String(foreign.version) }))
		);
		expect(other.status).toBe(404);
		const stale = formFailure(await post(actions.reviseLine, COORD, revision({ version: String(Number(version) - 1 || 99) })));
		expect(stale.status).toBe(409);
		for (const email of [DONOR, EVALUATOR]) {
			expect(await post(actions.reviseLine, email, revision({ version }))).toMatchObject({ kind: 'error', status: 403 });
		}
		expect(await count('budget_revision')).toBe(before);
	});

	it('records a revision, bumps the line’s version and audits it; the same date twice is refused', async () => {
		const version = await lineVersion();
		const audit = await count('audit_log');
		const r = await post(actions.reviseLine, COORD, revision({ version: String(version) }));
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const row = await db.selectFrom('budget_revision').selectAll().where('budget_line_id', '=', lineId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ effective_on: p1.start_date, amount_minor: 12_000_000, reason: 'Adenda 2: segunda ronda de estudios' });
		expect(await lineVersion()).toBe(version + 1);
		// The original amount is untouched: the revision sits beside it.
		expect(
			(await db.selectFrom('budget_line').select('amount_minor').where('id', '=', lineId).executeTakeFirstOrThrow()).amount_minor
		).toBe(6_000_000);
		expect(await count('audit_log')).toBe(audit + 1);
		const entry = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'budget_revision')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(entry.after!)).toMatchObject({ code: 'REV-1', effectiveOn: p1.start_date, amountMinor: 12_000_000 });
		const again = formFailure(await post(actions.reviseLine, COORD, revision({ version: String(version + 1), amount: '1' })));
		expect(again.data.errors.effectiveOn![0]).toBeTruthy();
	});
});

describe('the budget in force', () => {
	it('is the original before the revision’s date and the revision from it, on the page and in the figures', async () => {
		const before = await loadFinance(db, patss, team, { asOf: dayBefore(p1.start_date) });
		const after = await loadFinance(db, patss, team, { asOf: p1.start_date });
		const lineBefore = before.lines.find((l) => l.id === lineId)!;
		const lineAfter = after.lines.find((l) => l.id === lineId)!;
		expect(lineBefore).toMatchObject({ amountMinor: 6_000_000, originalMinor: 6_000_000, revision: null });
		expect(lineAfter).toMatchObject({
			amountMinor: 12_000_000,
			originalMinor: 6_000_000,
			revision: { effectiveOn: p1.start_date, reason: 'Adenda 2: segunda ronda de estudios' }
		});
		// The plan follows the budget in force: the phasing doubles with the amount; the original stays for the form.
		expect(lineAfter.phasing).toEqual({ [p1.id]: 6_000_000, [p2.id]: 6_000_000 });
		expect(lineAfter.originalPhasing).toEqual({ [p1.id]: 3_000_000, [p2.id]: 3_000_000 });
		expect(after.programme.budgetMinor - before.programme.budgetMinor).toBe(6_000_000);
		expect(after.originalBudgetMinor).toBe(before.originalBudgetMinor);
		expect(after.originalBudgetMinor).toBe(before.programme.budgetMinor);
		expect([before.revised, after.revised]).toEqual([false, true]);
		// The team sees a revision not yet in force, marked so; a donor does not.
		expect(lineBefore.revisions).toEqual([expect.objectContaining({ effectiveOn: p1.start_date, inForce: false })]);
		const donorBefore = await loadFinance(db, patss, publicViewer, { asOf: dayBefore(p1.start_date) });
		expect(donorBefore.lines.find((l) => l.id === lineId)!.revisions).toEqual([]);
		// The delivery rate is spent over the budget in force.
		expect(after.programme.deliveryRate).toBeCloseTo(after.programme.spentMinor / after.programme.budgetMinor, 12);

		const page = await loadAs<{ finance: typeof after; editLineId: number | null }>(db, load, COORD, {
			params: { slug: 'patss' },
			url: `http://localhost/programmes/patss/finance?edit=${lineId}`
		});
		if (page.kind !== 'value') throw new Error('expected the page');
		expect(page.value.editLineId).toBe(lineId);
	});

	it('is the one at a report’s cut-off: a snapshot cut before the revision prints the original budget', async () => {
		const logframe = await getLogframe(db, patss.id);
		const label = (_: 'module' | 'output', __: number, code: string, title: string) => ({
			original: `${code} ${title}`,
			translation: null
		});
		const snap = async (cutOff: string) => {
			const assessment = await assessmentFor(db, patss, { cutOff });
			return (await financeSnapshot(db, patss, cutOff, assessment, label, logframe)).finance!;
		};
		const early = await snap(dayBefore(p1.start_date));
		const late = await snap(p2.end_date);
		expect(late.programme.budgetMinor - early.programme.budgetMinor).toBe(6_000_000);
		const donorLate = await loadFinance(db, patss, publicViewer, { cutOff: p2.end_date });
		expect(late.programme.budgetMinor).toBe(donorLate.programme.budgetMinor);
		expect(late.programme.deliveryRate).toBe(donorLate.programme.deliveryRate);
	});

	it('goes back to the original when the revision is removed (versioned, audited)', async () => {
		const rev = await db.selectFrom('budget_revision').select('id').where('budget_line_id', '=', lineId).executeTakeFirstOrThrow();
		const version = await lineVersion();
		const stale = formFailure(
			await post(actions.removeRevision, COORD, { _form: 'removeRevision', id: String(rev.id), version: String(version - 1) })
		);
		expect(stale.status).toBe(409);
		const r = await post(actions.removeRevision, COORD, { _form: 'removeRevision', id: String(rev.id), version: String(version) });
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const view = await loadFinance(db, patss, team, { asOf: p2.end_date });
		expect(view.lines.find((l) => l.id === lineId)!.amountMinor).toBe(6_000_000);
		const entry = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'budget_revision')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(entry.action).toBe('delete');
		// Recorded again for the IATI test below.
		await post(actions.reviseLine, COORD, revision({ version: String(version + 1) }));
	});
});

describe('planned disbursements', () => {
	it('are added once per period, refused in a locked period or twice, and removed with their version', async () => {
		const before = await count('planned_disbursement');
		const bad = formFailure(await post(actions.addDisbursement, COORD, { _form: 'disbursement', periodId: String(p1.id), amount: 'diez' }));
		expect(bad.data.errors.amount).toBeDefined();
		expect(bad.data.values.amount).toBe('diez');
		const locked = periods.find((p) => p.locked);
		if (locked) {
			const r = formFailure(
				await post(actions.addDisbursement, COORD, { _form: 'disbursement', periodId: String(locked.id), amount: '10' })
			);
			expect(r.data.errors.periodId).toBeDefined();
		}
		const peru = (await getProgrammeBySlug(db, 'peru-desempleo-ue'))!;
		const foreign = await db.selectFrom('reporting_period').select('id').where('programme_id', '=', peru.id).executeTakeFirstOrThrow();
		const other = formFailure(
			await post(actions.addDisbursement, COORD, { _form: 'disbursement', periodId: String(foreign.id), amount: '10' })
		);
		expect(other.data.errors.periodId).toBeDefined();
		expect(await post(actions.addDisbursement, DONOR, { _form: 'disbursement', periodId: String(p1.id), amount: '10' })).toMatchObject({
			kind: 'error',
			status: 403
		});
		expect(await count('planned_disbursement')).toBe(before);

		expect(
			await post(actions.addDisbursement, COORD, { _form: 'disbursement', periodId: String(p1.id), amount: '45000.50' })
		).toMatchObject({
			kind: 'redirect'
		});
		const twice = formFailure(await post(actions.addDisbursement, COORD, { _form: 'disbursement', periodId: String(p1.id), amount: '1' }));
		expect(twice.data.errors.periodId).toBeDefined();
		await post(actions.addDisbursement, COORD, { _form: 'disbursement', periodId: String(p2.id), amount: '1' });
		const view = await loadFinance(db, patss, team, {});
		expect(view.plannedDisbursements.map((d) => [d.periodId, d.amountMinor])).toEqual([
			[p1.id, 4_500_050],
			[p2.id, 100]
		]);
		const second = view.plannedDisbursements[1]!;
		expect(
			await post(actions.removeDisbursement, COORD, { _form: 'removeDisbursement', id: String(second.id), version: String(second.version) })
		).toMatchObject({ kind: 'redirect' });
		expect(await count('planned_disbursement')).toBe(before + 1);
		const audits = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'planned_disbursement')
			.where('programme_id', '=', patss.id)
			.orderBy('id')
			.execute();
		expect(audits.map((a) => a.action)).toEqual(['create', 'create', 'delete']);
	});
});

describe('the IATI file', { timeout: 30_000 }, () => {
	it('gives the revised budget (type 2) beside the original (type 1) and the planned disbursements, valid against 2.03', async () => {
		await db
			.updateTable('programme')
			.set({ iati_identifier: 'XM-DAC-41302-ECU-18-01-IES', iati_reporting_org: 'XM-DAC-41302' })
			.where('id', '=', patss.id)
			.execute();
		patss = (await getProgrammeBySlug(db, 'patss'))!;
		const result = await exportIati(db, patss, { asOf: p2.end_date, fileUrl: (id: number) => `http://localhost/files/${id}` });
		expect(result.kind).toBe('ok');
		if (result.kind !== 'ok') return;
		const xml = result.bytes as string;
		expect(await validateIati(xml)).toEqual({ valid: true, errors: [] });
		const budgets = (type: '1' | '2') =>
			new Map(
				[
					...xml.matchAll(
						new RegExp(
							`<budget type="${type}" status="2"><period-start iso-date="([\\d-]+)"/>.*?<value currency="USD" value-date="[\\d-]+">([\\d.]+)</value></budget>`,
							'g'
						)
					)
				].map((m) => [m[1]!, Math.round(Number(m[2]) * 100)])
			);
		const original = budgets('1');
		const revised = budgets('2');
		expect(revised.size).toBe(original.size);
		// REV-1 doubled from 60,000 to 120,000, phased evenly on p1 and p2: each of those periods plans 30,000 more; the others the same.
		for (const [start, amount] of original) {
			const extra = start === p1.start_date || start === p2.start_date ? 3_000_000 : 0;
			expect(revised.get(start), start).toBe(amount + extra);
		}
		const disbursements = [
			...xml.matchAll(
				/<planned-disbursement type="1"><period-start iso-date="([\d-]+)"\/><period-end iso-date="([\d-]+)"\/><value currency="USD" value-date="[\d-]+">([\d.]+)<\/value><\/planned-disbursement>/g
			)
		].map((m) => [m[1], m[2], m[3]]);
		expect(disbursements).toEqual([[p1.start_date, p1.end_date, minorToDecimal(4_500_050)]]);
		// The schema's order: budgets, then planned disbursements, then transactions.
		expect(xml.lastIndexOf('<budget ')).toBeLessThan(xml.indexOf('<planned-disbursement '));
		const firstTransaction = xml.indexOf('<transaction ');
		if (firstTransaction >= 0) expect(xml.indexOf('<planned-disbursement ')).toBeLessThan(firstTransaction);
	});
});
