// The expenditure import part of `npm run bench` (issue 20 item 6): a finance export of 5,000
// rows (the 200 budget lines the finance bench added, over the 12 periods, each with a date, an
// amount with cents, some refunds, and a description) uploaded to the Finance tab of the
// 300-indicator programme, checked (every row judged, the preview page rendered) and confirmed
// (checked again and written in one transaction with its audit row), as the server times them
// (Server-Timing). Goal: the import under 2 s. The rows written are counted afterwards.
import { createHash } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/connection';
import type { Generated } from './generate';

const ROWS = 5_000;

interface Timing {
	total: number;
	db: number;
	statements: number;
}

export async function benchExpenditureImport(options: {
	db: Db;
	g: Generated;
	base: string;
	cookie: string;
	readTiming: (res: Response) => Timing;
}): Promise<void> {
	const { db, g, base, cookie, readTiming } = options;
	const [lines, periods] = await Promise.all([
		db.selectFrom('budget_line').select('code').where('programme_id', '=', g.programmeId).orderBy('id').execute(),
		db
			.selectFrom('reporting_period')
			.select(['label', 'start_date'])
			.where('id', 'in', g.periodIds)
			.where('locked', '=', 0)
			.orderBy('start_date')
			.execute()
	]);
	if (!lines.length || !periods.length) throw new Error('the expenditure import bench needs budget lines and open periods');
	const csv = [
		'Budget line;Date;Amount;Currency;Description',
		...Array.from({ length: ROWS }, (_, i) => {
			const p = periods[i % periods.length]!;
			const amount = i % 25 === 0 ? `-${(i % 97) + 1},05` : `${1000 + (i % 977)},${String(i % 100).padStart(2, '0')}`;
			return [lines[i % lines.length]!.code, p.start_date, amount, 'USD', `Gasto de banco ${i}`].join(';');
		})
	].join('\n');
	const sha256 = createHash('sha256').update(csv).digest('hex');
	// Posted as the page's enhanced form posts it (use:enhance: the action's JSON answer, no page
	// render), so the time is the import's, not the Finance tab's 200 line forms.
	const upload = async (action: string, form: Record<string, string | Blob>) => {
		const body = new FormData();
		for (const [k, v] of Object.entries(form)) {
			if (typeof v === 'string') body.append(k, v);
			else body.append(k, v, 'ledger.csv');
		}
		const res = await fetch(`${base}/programmes/${g.slug}/finance?/${action}`, {
			method: 'POST',
			body,
			headers: { cookie, origin: base, accept: 'application/json', 'x-sveltekit-action': 'true' },
			redirect: 'manual'
		});
		const answer = (await res.json()) as { type: string; status?: number };
		const status = answer.type === 'success' ? 200 : answer.type === 'redirect' ? 303 : (answer.status ?? 500);
		return { ...readTiming(res), status };
	};
	const before = await countImported(db, g.programmeId);
	const checked = await upload('checkImport', { _form: 'import', file: new Blob([csv]) });
	if (checked.status !== 200) throw new Error(`checking the expenditure import answered ${checked.status}`);
	const confirmed = await upload('confirmImport', { _form: 'import', sha256, kind: 'csv', fileName: 'ledger.csv' });
	if (confirmed.status !== 303) throw new Error(`confirming the expenditure import answered ${confirmed.status}`);
	const written = (await countImported(db, g.programmeId)) - before;
	const total = checked.total + confirmed.total;
	console.log(
		`expenditure import, ${ROWS} rows (CSV): check ${checked.total.toFixed(1)} ms (${checked.statements} statements), confirm ${confirmed.total.toFixed(1)} ms (${confirmed.statements} statements), total ${total.toFixed(1)} ms; ${written} rows written (goal < 2000 ms)`
	);
	if (written !== ROWS) {
		console.log(`  the import wrote ${written} rows of ${ROWS}`);
		process.exitCode = 1;
	}
}

async function countImported(db: Db, programmeId: number): Promise<number> {
	const row = await db
		.selectFrom('expenditure')
		.innerJoin('budget_line', 'budget_line.id', 'expenditure.budget_line_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('budget_line.programme_id', '=', programmeId)
		.where('expenditure.source', '=', 'imported')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
