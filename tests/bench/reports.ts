// The report part of `npm run bench`: builds the snapshot of a report over every period of the
// 30- and 300-indicator programmes, counting its statements (they must not grow with the number
// of indicators) and timing it (median of repeated builds, in-process on its own connection).
import type { Db } from '../../src/lib/server/db/connection';
import { getProgrammeBySlug } from '../../src/lib/server/programmes/programmes';
import { createReport, draftSnapshot } from '../../src/lib/server/reports/reports';
import type { Generated } from './generate';

export interface SnapshotBench {
	ms: number;
	statements: number;
	indicators: number;
	bytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchSnapshots(
	open: (onQuery: () => void) => Db,
	programmes: Generated[],
	author: number,
	runs: number
): Promise<SnapshotBench[]> {
	let statements = 0;
	const db = open(() => statements++);
	try {
		const out: SnapshotBench[] = [];
		for (const g of programmes) {
			const programme = (await getProgrammeBySlug(db, g.slug))!;
			const reportId = await createReport(db, { id: author }, programme, {
				layout: 'oecd_dac',
				titleEs: 'Informe de prueba',
				titleEn: 'Bench report',
				window: 'periods',
				periodIds: g.periodIds,
				windowStart: null,
				cutOff: null,
				languages: ['es', 'en']
			});
			const times: number[] = [];
			let counted = 0;
			let bytes = 0;
			let indicators = 0;
			for (let i = 0; i < runs + 2; i++) {
				statements = 0;
				const started = performance.now();
				const snapshot = await draftSnapshot(db, programme, reportId, 'http://bench');
				const ms = performance.now() - started;
				if (i >= 2) times.push(ms);
				counted = Math.max(counted, statements);
				bytes = JSON.stringify(snapshot).length;
				indicators = snapshot.indicators.length;
			}
			out.push({ ms: median(times), statements: counted, indicators, bytes });
		}
		return out;
	} finally {
		await db.destroy();
	}
}
