import { recordAudit } from '../src/lib/server/core/audit';
import type { Db } from '../src/lib/server/db/connection';
import { shareOf, type BudgetCategory } from '../src/lib/finance-rules';

// Budgets and expenditure (issue 20). Only one figure is documented: SLV/16/03/RBS's USD 462,640
// (shared/seeds/el-salvador-social-protection-floor.txt), seeded as a real budget line. Everything
// else (the other programmes' budgets, how any budget splits over modules, and every expenditure
// row) is illustrative, and flagged so (is_illustrative = 1) as the seeded values are: the pages
// and reports say so.

interface LineSeed {
	code: string;
	title: string;
	category: BudgetCategory;
	/** Share of the programme total, basis points. */
	shareOfTotalBp: number;
	/** Spread over every module (false: programme-level, e.g. support costs). */
	allocated: boolean;
}

interface FinanceSeed {
	/** Total in minor units. */
	totalMinor: number;
	/** True only for a documented budget. */
	real: boolean;
	lines: LineSeed[];
	/** Share of the straight-line plan spent in each ended period (illustrative), basis points. */
	burnBp: number;
}

const ILLUSTRATIVE_LINES: LineSeed[] = [
	{ code: 'BL-01', title: 'Personal del proyecto', category: 'staff', shareOfTotalBp: 4000, allocated: true },
	{ code: 'BL-02', title: 'Expertos y consultores', category: 'experts', shareOfTotalBp: 2500, allocated: true },
	{ code: 'BL-03', title: 'Formación y talleres', category: 'training', shareOfTotalBp: 1500, allocated: true },
	{ code: 'BL-04', title: 'Viajes', category: 'travel', shareOfTotalBp: 700, allocated: true },
	{ code: 'BL-05', title: 'Otros costos directos', category: 'other_direct', shareOfTotalBp: 300, allocated: false },
	{ code: 'BL-06', title: 'Costos de apoyo al programa (13 %)', category: 'support_costs', shareOfTotalBp: 1000, allocated: false }
];

export const financeSeeds: Record<string, FinanceSeed> = {
	'SLV/16/03/RBS': {
		totalMinor: 462_640_00,
		real: true,
		lines: [{ code: 'RBSA', title: 'Asignación RBSA SLV/16/03/RBS', category: 'other_direct', shareOfTotalBp: 10000, allocated: true }],
		burnBp: 9500
	},
	PATSS: { totalMinor: 2_400_000_00, real: false, lines: ILLUSTRATIVE_LINES, burnBp: 10800 },
	'UE-ECU-DESEMPLEO': { totalMinor: 1_200_000_00, real: false, lines: ILLUSTRATIVE_LINES, burnBp: 9000 },
	'UE-PER-DESEMPLEO': { totalMinor: 1_000_000_00, real: false, lines: ILLUSTRATIVE_LINES, burnBp: 8500 }
};

/** Expenditure is seeded for the periods ended by this fixed date, so every seeded database is the same. */
export const FINANCE_SEED_AS_OF = '2026-11-30';

const DAY = 86_400_000;
const time = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Seeds a programme's budget lines and, for its ended periods, illustrative expenditure; only where it has none. */
export async function seedFinance(db: Db, programmeId: number, seed: FinanceSeed | undefined, asOf = FINANCE_SEED_AS_OF): Promise<boolean> {
	if (!seed) return false;
	const any = await db.selectFrom('budget_line').select('id').where('programme_id', '=', programmeId).executeTakeFirst();
	if (any) return false;
	await db.transaction().execute(async (trx) => {
		const [programme, modules, periods] = await Promise.all([
			trx
				.selectFrom('programme')
				.select(['start_date', 'end_date', 'revised_end_date'])
				.where('id', '=', programmeId)
				.executeTakeFirstOrThrow(),
			trx.selectFrom('module').select('id').where('programme_id', '=', programmeId).orderBy('sort_order').orderBy('id').execute(),
			trx
				.selectFrom('reporting_period')
				.select(['id', 'start_date', 'end_date'])
				.where('programme_id', '=', programmeId)
				.orderBy('start_date')
				.execute()
		]);
		const span = (time(programme.revised_end_date ?? programme.end_date) - time(programme.start_date)) / DAY + 1;
		let sort = 0;
		for (const l of seed.lines) {
			const amount = shareOf(seed.totalMinor, l.shareOfTotalBp);
			const { id } = await trx
				.insertInto('budget_line')
				.values({
					programme_id: programmeId,
					code: l.code,
					title: l.title,
					category: l.category,
					amount_minor: amount,
					sort_order: ++sort,
					is_illustrative: seed.real ? 0 : 1
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			// Equal shares of the line per module (illustrative); the remainder of the division stays programme-level.
			if (l.allocated && modules.length)
				await trx
					.insertInto('budget_allocation')
					.values(
						modules.map((m) => ({ budget_line_id: id, module_id: m.id, output_id: null, share_bp: Math.floor(10000 / modules.length) }))
					)
					.execute();
			const rows = periods
				.filter((p) => time(p.end_date) < time(asOf))
				.map((p, i) => {
					const days = (time(p.end_date) - time(p.start_date)) / DAY + 1;
					// A little unevenness per period, and a refund in the third, so the figures look like a ledger.
					const wobble = [100, 85, 110, 95, 120, 90][i % 6]!;
					const spent = Math.round((((amount * days) / span) * seed.burnBp * wobble) / 10000 / 100);
					return { budget_line_id: id, period_id: p.id, amount_minor: i === 2 && l.category === 'travel' ? -spent : spent };
				});
			if (rows.length)
				await trx
					.insertInto('expenditure')
					.values(rows.map((r) => ({ ...r, source: 'entered' as const, is_illustrative: 1, note: 'ilustrativo' })))
					.execute();
		}
		await recordAudit(trx, {
			userId: null,
			programmeId,
			entity: 'programme',
			entityId: programmeId,
			action: 'seed_finance',
			after: { count: seed.lines.length },
			reason: 'seed'
		});
	});
	return true;
}
