import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type DocBlock } from '$lib/reports/document';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import { renderDocx } from '$lib/server/reports/render/docx';
import { renderPdf } from '$lib/server/reports/render/pdf';
import { draftSnapshot } from '$lib/server/reports/reports';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// The reports' tripartite block (issue 25) against the dashboard's section: built with the one
// lens rule of the dialogue domain, at the report's cut-off, so the figures printed in the report
// equal those the dashboard shows as of the same date; nothing held after the cut-off is printed.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const tables = (blocks: DocBlock[]) => blocks.flatMap((b) => (b.type === 'table' ? [b.table] : []));

describe('the tripartite block of a report', () => {
	it('prints the dashboard section’s figures as of the cut-off, with the events of its window as records', async () => {
		const evaluator = { id: await userId(db, 'evaluator@avance.test') };
		// An event after the cut-off must not be counted nor printed.
		const after = await db
			.insertInto('social_dialogue_event')
			.values({ programme_id: patss.programme.id, held_on: '2021-01-05', body: 'Después del corte' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.insertInto('social_dialogue_party').values({ event_id: after.id, constituent: 'workers', names: '' }).execute();
		const reportId = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2020-S1'), patss.periodId('2020-S2')]);
		const snapshot = await draftSnapshot(db, patss.programme, reportId, 'https://avance.example.org');
		const cutOff = snapshot.report.cutOff;
		expect(cutOff).toBe('2020-12-31');
		const lens = snapshot.tripartite!;

		const donor = { id: await userId(db, 'donor.iess@avance.test'), internal: false, canReview: false };
		const dashboard = await loadDashboard(db, patss.programme, donor, { asOf: cutOff, locale: 'en' });
		expect(lens.activities).toEqual(dashboard.tripartite.activities);
		expect(lens.eventsPerPeriod).toEqual(dashboard.tripartite.eventsPerPeriod);
		expect(lens.totalEvents).toBe(dashboard.tripartite.totalEvents);
		expect({ adopted: lens.recommendations.adopted, tripartite: lens.recommendations.tripartite }).toEqual({
			adopted: dashboard.tripartite.recommendations.adopted,
			tripartite: dashboard.tripartite.recommendations.tripartite
		});
		// The seeded tags give the shares something to count.
		expect(lens.activities.find((a) => a.constituent === 'government')!.n).toBeGreaterThan(0);

		// Only the window's events, up to the cut-off, each a record to cite.
		expect(lens.events.length).toBeGreaterThan(0);
		for (const e of lens.events) {
			expect(e.heldOn >= snapshot.report.windowStart && e.heldOn <= cutOff).toBe(true);
			expect(snapshot.records[e.key]).toMatchObject({ kind: 'dialogue_event', id: e.id });
		}
		expect(snapshot.records[`dialogue_event:${after.id}`]).toBeUndefined();

		for (const lang of ['es', 'en'] as const) {
			const doc = composeReport(snapshot, lang);
			const block = doc.sections.find((s) => s.key === 'sustainability')!.evidence.find((e) => e.key === 'tripartite')!;
			expect(block.title).toBe(lang === 'es' ? 'Diálogo social y tripartismo' : 'Social dialogue and tripartism');
			const [shares, periods, events] = tables(block.blocks);
			expect(shares!.rows.map((r) => (r.type === 'row' ? inlineText(r.cells[1]!) : ''))).toEqual(
				dashboard.tripartite.activities.map((a) => (lang === 'es' ? `${a.n} de ${a.total}` : `${a.n} of ${a.total}`))
			);
			expect(periods!.rows.map((r) => (r.type === 'row' ? inlineText(r.cells[1]!) : ''))).toEqual(
				dashboard.tripartite.eventsPerPeriod.map((p) => String(p.count))
			);
			expect(events!.rows).toHaveLength(lens.events.length);
			for (const e of lens.events) expect(doc.records[e.key]?.path).toBe(`/programmes/patss/dialogue#event-${e.id}`);
			const facts = block.blocks.find((b) => b.type === 'facts');
			expect(facts && facts.type === 'facts' ? inlineText(facts.items[0]!.value) : '').toContain(
				lang === 'es'
					? `${lens.recommendations.tripartite} de ${lens.recommendations.adopted}`
					: `${lens.recommendations.tripartite} of ${lens.recommendations.adopted}`
			);
		}
		// The PDF and the DOCX print the block, its events and their records.
		const dir = mkdtempSync(join(tmpdir(), 'avance-tripartite-'));
		try {
			const sha256 = '3f'.repeat(32);
			writeFileSync(join(dir, 'r.pdf'), await renderPdf(snapshot, 'en', { sha256 }));
			writeFileSync(join(dir, 'r.docx'), await renderDocx(snapshot, 'es', { sha256 }));
			const pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
			expect(pdf).toContain('Social dialogue and tripartism');
			expect(pdf).toContain('Social-dialogue events of the report’s period');
			const docx = execFileSync('unzip', ['-p', join(dir, 'r.docx'), 'word/document.xml'], { encoding: 'utf8', maxBuffer: 1 << 26 });
			expect(docx).toContain('Diálogo social y tripartismo');
			for (const e of lens.events) expect(docx).toContain(e.body);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}

		// The EU layout prints it in its cooperation section.
		const eu = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2020-S2')], { layout: 'eu_narrative' });
		const euDoc = composeReport(await draftSnapshot(db, patss.programme, eu, 'https://avance.example.org'), 'en');
		expect(euDoc.sections.find((s) => s.key === 'beneficiaries_cooperation')!.evidence.map((e) => e.key)).toContain('tripartite');
	}, 120_000);
});
