import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { inlineText } from '$lib/reports/document';
import type { Programme } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import { draftSnapshot } from '$lib/server/reports/reports';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Every figure with its explanation and provenance: the demo's values approved through the real
// workflow by the demo accounts, each approved value's narrative in the snapshot and printed
// beside its figure, and the records annex naming approver, date and evidence (or saying in words
// that there is none).

let db: Db;
let programme: Programme;
let patss: Awaited<ReturnType<typeof seeded>>;
let evaluator: { id: number; name: string };
const origin = 'https://avance.example.org';

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-truth-'));
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	programme = patss.programme;
	evaluator = { id: await userId(db, 'evaluator@avance.test'), name: 'Elena Evaluadora' };
});

describe('the demo values', () => {
	it('were approved through the workflow by the second coordinator, with an audit row each', async () => {
		const approver = await userId(db, 'coord2.patss@avance.test');
		const values = await db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.select(['indicator_value.id', 'indicator_value.reviewed_by', 'indicator_value.reviewed_at'])
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator_value.status', '=', 'approved')
			.execute();
		expect(values.length).toBeGreaterThan(10);
		for (const v of values) {
			expect(v.reviewed_by).toBe(approver);
			expect(v.reviewed_at).not.toBeNull();
		}
		const audits = await db
			.selectFrom('audit_log')
			.select('entity_id')
			.where('entity', '=', 'indicator_value')
			.where('action', '=', 'approve')
			.where('user_id', '=', approver)
			.execute();
		expect(new Set(audits.map((a) => Number(a.entity_id)))).toEqual(new Set(values.map((v) => v.id)));
	});
});

describe('a report over 2020-2021', () => {
	it('carries each approved value’s narrative and approver, and prints them', async () => {
		const periods = ['2020-S2', '2021-S1', '2021-S2'].map((l) => patss.periodId(l));
		const id = await writtenReport(db, evaluator, programme, periods);
		const snapshot = await draftSnapshot(db, programme, id, origin);
		const withNarrative = snapshot.indicators.flatMap((i) => i.periods.filter((p) => p.narrative).map((p) => ({ i, p })));
		const pandemic = withNarrative.find(({ p }) => p.narrative!.original.startsWith('La pandemia redujo'));
		expect(pandemic).toBeDefined();
		const record = snapshot.records[pandemic!.p.valueKey!]!;
		expect(record.approvedBy).toBe('Carmen Coordinadora (PATSS)');
		expect(record.approvedAt).not.toBeNull();

		// Printed beside the figure it explains: the judged value's narrative, in the progress table.
		const judgedNarratives = snapshot.indicators
			.map((i) => i.periods.find((p) => p.periodId === i.judgedPeriodId)?.narrative?.original)
			.filter((n): n is string => !!n);
		expect(judgedNarratives.length).toBeGreaterThan(0);
		const printed = JSON.stringify(composeReport(snapshot, 'es').sections);
		for (const n of judgedNarratives) expect(printed).toContain(JSON.stringify(n).slice(1, -1));

		// Printed: the records annex names the approver of every value and says why a record has none.
		for (const lang of ['es', 'en'] as const) {
			const doc = composeReport(snapshot, lang);
			const annex = doc.annexes.find((a) => a.key === 'records_cited')!;
			const table = annex.blocks.find((b) => b.type === 'table');
			expect(table?.type).toBe('table');
			if (table?.type !== 'table') continue;
			for (const row of table.table.rows) {
				if (row.type !== 'row') continue;
				const [key, , , approved, evidence] = row.cells.map((c) => inlineText(c));
				expect(approved, key).not.toBe('—');
				expect(evidence, key).not.toBe('—');
				const derived = key!.startsWith('value:') && snapshot.records[key!]!.id === 0;
				if (key!.startsWith('value:') && !derived) expect(approved, key).toContain('Carmen Coordinadora (PATSS)');
				if (derived) expect(approved, key).toMatch(/Avance/);
			}
		}
	});
});
