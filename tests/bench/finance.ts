// The finance part of `npm run bench` (issue 20): 200 budget lines, each phased over the 12
// periods, shared between a module and an output, with a typed expenditure figure in every period
// (2,400 rows), added to the 30- and 300-indicator programmes; then the finance read model
// (the Finance tab's, the dashboard's and the snapshot's one reader) is timed in-process, median of
// repeated reads, with its statements counted: they must not grow with the programme (goal: under
// 150 ms). The expenditure import is measured in expenditure-import.ts.
import type { Db } from '../../src/lib/server/db/connection';
import { loadFinance } from '../../src/lib/server/finance/finance-read';
import { getProgrammeBySlug } from '../../src/lib/server/programmes/programmes';
import type { Generated } from './generate';

export interface FinanceBench {
	indicators: number;
	ms: number;
	statements: number;
}

const LINES = 200;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function addBudget(db: Db, g: Generated): Promise<void> {
	const modules = await db.selectFrom('module').select('id').where('programme_id', '=', g.programmeId).execute();
	const outputs = await db
		.selectFrom('output')
		.select(['output.id'])
		.where(
			'module_id',
			'in',
			modules.map((m) => m.id)
		)
		.execute();
	await db.transaction().execute(async (trx) => {
		for (let i = 0; i < LINES; i++) {
			const { id } = await trx
				.insertInto('budget_line')
				.values({
					programme_id: g.programmeId,
					code: `BL-${i}`,
					title: `Línea ${i}`,
					category: 'experts',
					amount_minor: 1_200_000,
					sort_order: i
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('budget_phasing')
				.values(g.periodIds.map((p) => ({ budget_line_id: id, period_id: p, amount_minor: 100_000 })))
				.execute();
			const allocations = [
				...(modules.length ? [{ budget_line_id: id, module_id: modules[i % modules.length]!.id, output_id: null, share_bp: 3000 }] : []),
				...(outputs.length ? [{ budget_line_id: id, module_id: null, output_id: outputs[i % outputs.length]!.id, share_bp: 5000 }] : [])
			];
			if (allocations.length) await trx.insertInto('budget_allocation').values(allocations).execute();
			await trx
				.insertInto('expenditure')
				.values(g.periodIds.map((p, k) => ({ budget_line_id: id, period_id: p, amount_minor: 90_000 + k, source: 'entered' as const })))
				.execute();
		}
	});
}

export async function benchFinance(open: (onQuery: () => void) => Db, programmes: Generated[], runs: number): Promise<FinanceBench[]> {
	let statements = 0;
	const db = open(() => statements++);
	try {
		const out: FinanceBench[] = [];
		for (const g of programmes) {
			await addBudget(db, g);
			const programme = (await getProgrammeBySlug(db, g.slug))!;
			const times: number[] = [];
			let counted = 0;
			for (let i = 0; i < runs + 2; i++) {
				statements = 0;
				const started = performance.now();
				await loadFinance(db, programme, { id: 0, internal: true, canReview: false }, {});
				if (i >= 2) times.push(performance.now() - started);
				counted = Math.max(counted, statements);
			}
			out.push({ indicators: g.indicatorIds.length, ms: median(times), statements: counted });
		}
		return out;
	} finally {
		await db.destroy();
	}
}

export function printFinanceBench(results: FinanceBench[]): void {
	for (const r of results)
		console.log(
			`finance read model, ${r.indicators} indicators, ${LINES} lines × 12 periods: ${r.ms.toFixed(1)} ms, ${r.statements} statements (goal < 150 ms)`
		);
	if (new Set(results.map((r) => r.statements)).size > 1) {
		console.log('  the finance read model issues more statements for the larger programme');
		process.exitCode = 1;
	}
}
